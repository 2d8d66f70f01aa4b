// The RDS route configurations of a sidecar's outbound HTTP listeners (httproute.go buildSidecarOutboundHTTPRouteConfig):
// `PORT` with a virtual host `host:port` per service and the catch-all last, or `host:port` for a sniffed port bound to
// the service address.
import type { Workspace } from '../workspace/workspace';
import type { Workload } from '../workspace/workloads';
import type { MeshService } from './meshServices';
import { virtualServiceRoutes } from './virtualServices';
import { ProxyModel, RouteConfigurationModel, VirtualHostModel, vhost, route } from './model';
import { compareText } from '../util/compareText';

/** The domains of a service's virtual host (GenerateAltVirtualHosts; ports are ignored in host matching). */
function domainsOf(s: MeshService, w: Workload): string[] {
  if (s.kind !== 'Service') return [s.hostname, ...s.addresses.filter((a) => !a.includes('/'))];
  const short =
    s.namespace === w.namespace
      ? [s.name, `${s.name}.${s.namespace}.svc`, `${s.name}.${s.namespace}`]
      : [`${s.name}.${s.namespace}`, `${s.name}.${s.namespace}.svc`];
  return [s.hostname, ...short, ...s.addresses];
}

/** The virtual host names of each route configuration being built, so that adding one is not a scan. */
const vhostNames = new WeakMap<RouteConfigurationModel, Set<string>>();

export function addToRoute(
  ws: Workspace,
  out: ProxyModel,
  name: string,
  port: number,
  s: MeshService,
  w: Workload,
  cluster: string,
  sniffed: boolean,
): void {
  let rc = out.routeConfigurations.find((r) => r.name === name);
  if (!rc) {
    rc = {
      name,
      inline: false,
      context: 'SIDECAR_OUTBOUND',
      gateways: [],
      port: sniffed ? 0 : port,
      virtualHosts: [],
      patches: [],
    };
    out.routeConfigurations.push(rc);
  }
  const vhName = `${s.hostname}:${port}`;
  let names = vhostNames.get(rc);
  if (!names) vhostNames.set(rc, (names = new Set(rc.virtualHosts.map((v) => v.name))));
  if (names.has(vhName)) return;
  names.add(vhName);
  const vs = virtualServiceRoutes(ws, s.hostname, 'mesh', cluster);
  const routes = vs?.routes ?? [route('default', 'ROUTE', { match: { prefix: '/' }, route: { cluster } })];
  rc.virtualHosts.push(vhost(vhName, sniffed ? ['*'] : domainsOf(s, w), routes));
}

/** Virtual hosts sorted by name, then the catch-all one (allow_any, or block_all for REGISTRY_ONLY). */
export function finishRoute(rc: RouteConfigurationModel, registryOnly: boolean): void {
  rc.virtualHosts.sort((a, b) => compareText(a.name, b.name));
  const catchAll: VirtualHostModel = registryOnly
    ? vhost(
        'block_all',
        ['*'],
        [route('block_all', 'DIRECT_RESPONSE', { match: { prefix: '/' }, direct_response: { status: 502 } })],
      )
    : vhost(
        'allow_any',
        ['*'],
        [route('allow_any', 'ROUTE', { match: { prefix: '/' }, route: { cluster: 'PassthroughCluster' } })],
      );
  rc.virtualHosts.push(catchAll);
}

// What routes bind to a gateway server: VirtualServices bound to its Istio Gateway, or Gateway API routes whose
// parentRefs name its Gateway (gateway.go buildGatewayHTTPRouteConfig, buildGatewayNetworkFiltersFromTLSRoutes).
import { isObject, asArray } from '../util/values';
import type { Workspace, OtherObject } from '../workspace/workspace';
import { fullHost, meshServices } from './meshServices';
import { hostCovers, virtualServiceHttpRoutes } from './virtualServices';
import { outboundClusterName } from './sidecarOutbound';
import type { GatewayServer } from './gatewayServers';
import { VirtualHostModel, vhost, route, RouteModel } from './model';
import { compareText } from '../util/compareText';

function bindsTo(o: OtherObject, s: GatewayServer): boolean {
  if (s.gatewayApi) {
    return asArray(isObject(o.value.spec) ? o.value.spec.parentRefs : []).some(
      (ref) =>
        isObject(ref) &&
        ref.name === s.gatewayApi!.gateway &&
        (typeof ref.namespace === 'string' ? ref.namespace : o.namespace) === s.gateway.namespace &&
        (ref.sectionName === undefined || ref.sectionName === s.gatewayApi!.listener),
    );
  }
  if (o.kind !== 'VirtualService') return false;
  const gateways = asArray(isObject(o.value.spec) ? o.value.spec.gateways : []).filter(
    (g): g is string => typeof g === 'string',
  );
  return gateways.some(
    (g) =>
      g === `${s.gateway.namespace}/${s.gateway.name}` || (g === s.gateway.name && o.namespace === s.gateway.namespace),
  );
}

function serverHostNames(s: GatewayServer): string[] {
  return s.hosts.map((h) => (h.includes('/') ? h.slice(h.indexOf('/') + 1) : h));
}

/** The more specific of two overlapping host names, or undefined when they do not overlap (Names.Intersection). */
function intersect(a: string, b: string): string | undefined {
  if (hostCovers(a, b)) return b;
  if (hostCovers(b, a)) return a;
  return undefined;
}

function routeHosts(o: OtherObject): string[] {
  const spec = isObject(o.value.spec) ? o.value.spec : {};
  const list = asArray(o.kind === 'VirtualService' ? spec.hosts : spec.hostnames).filter(
    (h): h is string => typeof h === 'string',
  );
  if (o.kind !== 'VirtualService' && !list.length) return ['*'];
  return list.map((h) => (o.kind === 'VirtualService' ? fullHost(h, o.namespace) : h));
}

function httpRoutesOf(o: OtherObject): RouteModel[] {
  const spec = isObject(o.value.spec) ? o.value.spec : {};
  if (o.kind === 'VirtualService') return virtualServiceHttpRoutes(spec);
  // Gateway API rules are named by their name, or <namespace>.<route>.<rule index> (conversion.go convertHTTPRoute).
  return asArray(spec.rules)
    .filter(isObject)
    .map((r, i) => {
      const redirect = asArray(r.filters).some((f) => isObject(f) && f.type === 'RequestRedirect');
      return route(
        typeof r.name === 'string' && r.name ? r.name : `${o.namespace}.${o.name}.${i}`,
        redirect ? 'REDIRECT' : 'ROUTE',
        {
          match: { prefix: '/' },
        },
      );
    });
}

const HTTP_ROUTE_KINDS = new Set(['VirtualService', 'HTTPRoute', 'GRPCRoute']);

/** The virtual hosts of a gateway HTTP route configuration, for the servers that share it. */
export function gatewayVirtualHosts(ws: Workspace, servers: GatewayServer[]): VirtualHostModel[] {
  const byName = new Map<string, VirtualHostModel>();
  for (const s of servers) {
    let any = false;
    for (const o of [...HTTP_ROUTE_KINDS].flatMap((k) => ws.othersOfKind(k))) {
      if (!bindsTo(o, s)) continue;
      if (o.kind === 'VirtualService' && !asArray(isObject(o.value.spec) ? o.value.spec.http : []).length) continue;
      for (const rh of routeHosts(o)) {
        for (const sh of serverHostNames(s)) {
          const host = intersect(sh, rh);
          if (!host) continue;
          any = true;
          const name = `${host}:${s.port}`;
          const existing = byName.get(name);
          if (existing) existing.routes.push(...httpRoutesOf(o));
          else byName.set(name, vhost(name, [host], httpRoutesOf(o)));
        }
      }
    }
    // httpsRedirect servers get their hosts' virtual hosts (require_tls ALL) even with no VirtualService.
    if (!any && s.httpsRedirect)
      for (const h of serverHostNames(s)) {
        const name = `${h}:${s.port}`;
        if (!byName.has(name)) byName.set(name, vhost(name, [h], []));
      }
  }
  if (!byName.size) return [vhost(`blackhole:${servers[0].port}`, ['*'], [])];
  return [...byName.values()].sort((a, b) => compareText(a.name, b.name));
}

export interface TlsRouteChain {
  serverNames: string[];
  cluster: string;
  origin: OtherObject;
}

function destinationCluster(ws: Workspace, o: OtherObject, dest: unknown, serverPort: number): string | undefined {
  if (!isObject(dest)) return undefined;
  const d = isObject(dest.destination) ? dest.destination : dest;
  const host =
    typeof d.host === 'string'
      ? fullHost(d.host, o.namespace)
      : typeof d.name === 'string'
        ? fullHost(d.name, o.namespace)
        : undefined;
  if (!host) return undefined;
  let port =
    isObject(d.port) && typeof d.port.number === 'number' ? d.port.number : typeof d.port === 'number' ? d.port : 0;
  if (!port) {
    const svc = meshServices(ws).find((s) => s.hostname === host);
    port = svc && svc.ports.length === 1 ? svc.ports[0].port : serverPort;
  }
  return outboundClusterName(port, host, typeof d.subset === 'string' ? d.subset : '');
}

/** PASSTHROUGH servers: one chain per VirtualService tls match (or TLSRoute) bound to the server. */
export function tlsRouteChains(ws: Workspace, s: GatewayServer): TlsRouteChain[] {
  const out: TlsRouteChain[] = [];
  const seen = new Set<string>();
  for (const o of [...ws.othersOfKind('VirtualService'), ...ws.othersOfKind('TLSRoute')]) {
    if (!bindsTo(o, s)) continue;
    const spec = isObject(o.value.spec) ? o.value.spec : {};
    if (o.kind === 'TLSRoute') {
      const sni = routeHosts(o);
      const rule = asArray(spec.rules).find(isObject);
      const cluster = rule ? destinationCluster(ws, o, asArray(rule.backendRefs)[0], s.port) : undefined;
      if (cluster) out.push({ serverNames: sni.includes('*') ? [] : [...sni].sort(), cluster, origin: o });
      continue;
    }
    for (const t of asArray(spec.tls).filter(isObject)) {
      const cluster = destinationCluster(ws, o, asArray(t.route)[0], s.port);
      if (!cluster) continue;
      for (const m of asArray(t.match).filter(isObject)) {
        if (typeof m.port === 'number' && m.port !== s.port) continue;
        const sni = asArray(m.sniHosts).filter((h): h is string => typeof h === 'string');
        const key = [...sni].sort().join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ serverNames: sni.includes('*') ? [] : [...sni].sort(), cluster, origin: o });
      }
    }
  }
  return out;
}

/** TCP and TLS-terminating servers: the first VirtualService tcp route (or TCPRoute) bound to the server. */
export function tcpRouteCluster(ws: Workspace, s: GatewayServer): { cluster: string; origin: OtherObject } | undefined {
  for (const o of [...ws.othersOfKind('VirtualService'), ...ws.othersOfKind('TCPRoute')]) {
    if (!bindsTo(o, s)) continue;
    const spec = isObject(o.value.spec) ? o.value.spec : {};
    const routes = o.kind === 'VirtualService' ? asArray(spec.tcp) : asArray(spec.rules);
    for (const r of routes.filter(isObject)) {
      const matches = asArray(r.match).filter(isObject);
      if (matches.length && !matches.some((m) => m.port === undefined || m.port === s.port)) continue;
      const cluster = destinationCluster(
        ws,
        o,
        asArray(o.kind === 'VirtualService' ? r.route : r.backendRefs)[0],
        s.port,
      );
      if (cluster) return { cluster, origin: o };
    }
  }
  return undefined;
}

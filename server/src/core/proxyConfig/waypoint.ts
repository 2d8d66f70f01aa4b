// An ambient waypoint's config (listener_waypoint.go buildWaypointInbound, cluster_waypoint.go): `connect_terminate`
// takes HBONE on 15008, `main_internal` has a chain per port of every service bound to the waypoint plus the direct
// chains, `connect_originate` tunnels to the destination; clusters main_internal, encap, inbound-vip|PORT|PROTO|HOST and
// connect_originate. Policies attach by targetRefs only: the Gateway, the istio-waypoint GatewayClass (root namespace)
// and, for extensions and authorization, the Service or ServiceEntry of a chain.
import { istioListenerFilter, istioNetworkFilter } from '../chain/istioFilter';
import type { Workspace } from '../workspace/workspace';
import type { Workload } from '../workspace/workloads';
import type { ProxyContext } from '../proxy/proxyContext';
import { targetRefsOf } from '../proxy/attachment';
import { atLeast, VERSION_FACTS } from '../versions/versionFacts';
import { isWaypoint, boundServices } from './waypointBinding';
import { waypointHttpFilters, waypointTcpFilters, own, TCP_PROXY, ROUTER } from './waypointFilters';
import { isHttpProtocol, MeshService, ServicePort, subsetsByHost } from './meshServices';
import { chainContext } from './chainContext';
import { virtualServiceRoutes } from './virtualServices';
import { ChainModel, ProxyModel, vhost, route } from './model';
import type { ClusterView } from './types';

const HCM = () => istioNetworkFilter('envoy.filters.network.http_connection_manager', 'runs the HTTP filters');
function protocols(p: ServicePort): Array<'tcp' | 'http'> {
  if (p.protocol === undefined) return ['tcp', 'http'];
  return isHttpProtocol(p.protocol) ? ['http'] : ['tcp'];
}

export { isWaypoint };

export function waypointConfig(
  ws: Workspace,
  w: Workload,
  services: MeshService[],
  istioVersion: string,
  out: ProxyModel,
): void {
  const root = ws.meshConfig.rootNamespace;
  const ctxFor = (listenerName: string, listenerPort: number, chainName: string, port: number): ProxyContext => ({
    ...chainContext(
      w,
      {
        direction: 'inbound',
        port,
        context: 'SIDECAR_INBOUND',
        listenerName,
        listenerPort,
        chainName,
        transportProtocol: '',
        applicationProtocols: [],
        serverNames: [],
      },
      root,
      istioVersion,
    ),
    waypoint: true,
  });
  const newNames = atLeast(istioVersion, VERSION_FACTS.waypointChainsNamedLikeClusters);
  const bound = boundServices(ws, w, services);
  const subsets = subsetsByHost(ws);

  // connect_terminate: HBONE in.
  const termCtx = ctxFor('connect_terminate', 15008, 'default', 15008);
  out.listeners.push({
    name: 'connect_terminate',
    direction: 'inbound',
    port: 15008,
    address: '0.0.0.0',
    context: 'SIDECAR_INBOUND',
    listenerFilters: [],
    filterChains: [
      {
        name: 'default',
        match: { destinationPort: null, serverNames: [], transportProtocol: null, applicationProtocols: [] },
        protocol: 'http',
        networkFilters: [HCM()],
        httpFilters: [
          own('waypoint_downstream_peer_metadata', null, 'peer metadata of the downstream'),
          own('connect_authority', null, 'the CONNECT authority as filter state'),
          ROUTER(),
        ],
        routeConfiguration: 'default',
        reason: 'HBONE (HTTP/2 CONNECT over mTLS) from ztunnels and sidecars',
        ctx: termCtx,
      },
    ],
  });
  out.routeConfigurations.push({
    name: 'default',
    inline: true,
    context: 'SIDECAR_INBOUND',
    gateways: [],
    port: 15008,
    virtualHosts: [
      vhost(
        'default',
        ['*'],
        [route('', 'ROUTE', { match: { connect_matcher: {} }, route: { cluster: 'main_internal' } })],
      ),
    ],
    patches: [],
  });

  // main_internal: a chain per bound service port, then the direct chains.
  const chains: ChainModel[] = [];
  const clusters: ClusterView[] = [
    staticCluster('main_internal', 'to the main_internal listener'),
    staticCluster('encap', 'to the connect_originate listener'),
  ];
  let tls = false;
  for (const s of bound) {
    for (const p of s.ports) {
      if (p.protocol === 'TLS' || p.protocol === 'HTTPS') tls = true;
      for (const proto of protocols(p)) {
        const cluster = `inbound-vip|${p.port}|${proto}|${s.hostname}`;
        const name = newNames ? cluster : `inbound-vip|${p.port}||${s.hostname}-${proto}`;
        const ctx = ctxFor('main_internal', 0, name, proto === 'http' ? 0 : p.port);
        const reason = `${s.kind} ${s.namespace}/${s.name} port ${p.port} is bound to the waypoint (istio.io/use-waypoint)`;
        if (proto === 'http') {
          chains.push({
            name,
            match: noMatch(),
            protocol: 'http',
            networkFilters: [HCM()],
            httpFilters: waypointHttpFilters(ws, ctx, s),
            routeConfiguration: cluster,
            reason,
            ctx,
          });
          const vs = virtualServiceRoutes(ws, s.hostname, 'mesh', cluster);
          out.routeConfigurations.push({
            name: cluster,
            inline: true,
            context: 'SIDECAR_INBOUND',
            gateways: [],
            port: p.port,
            virtualHosts: [
              vhost(
                `inbound|http|${p.port}`,
                ['*'],
                vs?.routes ?? [route('default', 'ROUTE', { match: { prefix: '/' }, route: { cluster } })],
              ),
            ],
            patches: [],
          });
        } else
          chains.push({
            name,
            match: noMatch(),
            protocol: 'tcp',
            networkFilters: waypointTcpFilters(ws, ctx, s, cluster),
            httpFilters: [],
            cluster,
            reason,
            ctx,
          });
        for (const subset of ['', ...(subsets.get(s.hostname) ?? [])]) {
          const cname = `inbound-vip|${p.port}|${proto}${subset ? `/${subset}` : ''}|${s.hostname}`;
          clusters.push({
            name: cname,
            reason,
            service: s.hostname,
            port: p.port,
            ...(subset ? { subset } : {}),
            context: 'SIDECAR_INBOUND',
            patches: [],
            config: { name: cname, type: 'EDS' },
          });
        }
      }
    }
  }
  const connectAuthority = own('connect_authority', null, 'the CONNECT authority as filter state');
  const directTcp = ctxFor('main_internal', 0, 'direct-tcp', 0);
  chains.push({
    name: 'direct-tcp',
    match: noMatch(),
    protocol: 'tcp',
    networkFilters: [connectAuthority, ...waypointTcpFilters(ws, directTcp, undefined, 'encap')],
    httpFilters: [],
    cluster: 'encap',
    reason: 'traffic addressed to a workload (not a service) bound to the waypoint',
    ctx: directTcp,
  });
  const directHttp = ctxFor('main_internal', 0, 'direct-http', 0);
  chains.push({
    name: 'direct-http',
    match: noMatch(),
    protocol: 'http',
    networkFilters: [connectAuthority, HCM()],
    httpFilters: waypointHttpFilters(ws, directHttp, undefined),
    routeConfiguration: 'encap',
    reason: 'HTTP addressed to a workload bound to the waypoint',
    ctx: directHttp,
  });
  out.routeConfigurations.push({
    name: 'encap',
    inline: true,
    context: 'SIDECAR_INBOUND',
    gateways: [],
    port: 0,
    virtualHosts: [
      vhost(
        'inbound|http|0',
        ['*'],
        [route('default', 'ROUTE', { match: { prefix: '/' }, route: { cluster: 'encap' } })],
      ),
    ],
    patches: [],
  });
  out.listeners.push({
    name: 'main_internal',
    direction: 'inbound',
    port: null,
    address: '',
    internal: true,
    context: 'SIDECAR_INBOUND',
    listenerFilters: [
      istioListenerFilter('envoy.filters.listener.original_dst', 'restores the destination the CONNECT named'),
      istioListenerFilter(
        'envoy.filters.listener.http_inspector',
        'detects HTTP on ports whose protocol is not declared',
      ),
      ...(tls ? [istioListenerFilter('envoy.filters.listener.tls_inspector', 'a bound service has a TLS port')] : []),
    ],
    filterChains: chains,
  });
  const originate = ctxFor('connect_originate', 0, '', 0);
  out.listeners.push({
    name: 'connect_originate',
    direction: 'inbound',
    port: null,
    address: '',
    internal: true,
    context: 'SIDECAR_INBOUND',
    listenerFilters: [istioListenerFilter('envoy.filters.listener.original_dst', 'the destination to tunnel to')],
    filterChains: [
      {
        name: '',
        match: noMatch(),
        protocol: 'tcp',
        networkFilters: [TCP_PROXY('connect_originate')],
        httpFilters: [],
        cluster: 'connect_originate',
        reason: 'HBONE out to the destination',
        ctx: originate,
      },
    ],
  });
  clusters.push({
    name: 'connect_originate',
    reason: 'HBONE (HTTP/2 CONNECT) to the destination (ORIGINAL_DST)',
    context: 'SIDECAR_INBOUND',
    patches: [],
    config: { name: 'connect_originate', type: 'ORIGINAL_DST', lb_policy: 'CLUSTER_PROVIDED' },
  });
  out.clusters.push(...clusters);
  out.assumptions.push(
    bound.length
      ? `Services bound to the waypoint (istio.io/use-waypoint on the service or its namespace): ${bound.map((s) => s.hostname).join(', ')}.`
      : 'No Service or ServiceEntry of the workspace is bound to this waypoint (istio.io/use-waypoint), so main_internal has only its direct chains.',
    'Waypoints take policies by targetRefs only (the Gateway, the istio-waypoint GatewayClass from the root namespace, or a bound Service/ServiceEntry); selectors are ignored.',
    'Single network: the inner_connect_originate and outer_connect_originate listeners istiod adds for multi-network waypoints are not shown.',
  );
  if (
    ws.resources.some(
      (r) =>
        r.kind === 'EnvoyFilter' &&
        targetRefsOf(r.spec).length &&
        !atLeast(istioVersion, VERSION_FACTS.envoyFilterTargetRefs),
    )
  )
    out.assumptions.push(`Istio ${istioVersion} ignores the targetRefs of EnvoyFilters (honoured from 1.27).`);
}

function noMatch() {
  return { destinationPort: null, serverNames: [], transportProtocol: null, applicationProtocols: [] };
}

function staticCluster(name: string, reason: string): ClusterView {
  return { name, reason, context: 'SIDECAR_INBOUND', patches: [], config: { name, type: 'STATIC' } };
}

// A sidecar's inbound side, as istiod builds it (listener_inbound.go buildInboundListeners and buildInboundPassthroughChains,
// httproute.go buildSidecarInboundHTTPRouteConfig): the `virtualInbound` listener with its blackhole, passthrough and
// per-port chains, the inline route configurations of its HTTP chains and the inbound clusters.
import { istioListenerFilter } from '../chain/istioFilter';
import type { Workspace } from '../workspace/workspace';
import type { Workload } from '../workspace/workloads';
import { selects } from '../workspace/labels';
import { istioChain } from '../chain/istioFilters';
import { atLeast, VERSION_FACTS } from '../versions/versionFacts';
import { meshServices, isHttpProtocol, ServicePort, MeshService } from './meshServices';
import { mtlsModeFor } from './mtlsMode';
import { inboundVariants, ChainVariant } from './chainVariants';
import { chainContext } from './chainContext';
import { tcpNetworkFilters } from './tcpFilters';
import { ChainModel, ListenerModel, ProxyModel, RouteConfigurationModel, vhost, route } from './model';
import type { ClusterView } from './types';

const INBOUND_PORT = 15006;

export interface InboundPort {
  targetPort: number;
  servicePort: ServicePort;
  service: MeshService;
}

/** Distinct target ports of the Services that select the workload, ascending; the first service port wins a conflict. */
export function inboundPorts(ws: Workspace, w: Workload): InboundPort[] {
  const byTarget = new Map<number, InboundPort>();
  for (const s of meshServices(ws)) {
    if (s.kind !== 'Service' || s.namespace !== w.namespace || !s.selector || !Object.keys(s.selector).length) continue;
    if (!selects(s.selector, w.labels)) continue;
    for (const p of s.ports) {
      const targetPort = p.targetPortName !== undefined ? w.portNames?.[p.targetPortName] : (p.targetPort ?? p.port);
      if (targetPort === undefined) continue; // a port name the pod does not declare
      if (!byTarget.has(targetPort)) byTarget.set(targetPort, { targetPort, servicePort: p, service: s });
    }
  }
  return [...byTarget.values()].sort((a, b) => a.targetPort - b.targetPort);
}

function protocolClass(p: ServicePort): 'http' | 'tcp' | 'auto' {
  if (p.protocol === undefined) return 'auto';
  return isHttpProtocol(p.protocol) ? 'http' : 'tcp';
}

export function sidecarInbound(ws: Workspace, w: Workload, istioVersion: string, out: ProxyModel): void {
  const root = ws.meshConfig.rootNamespace;
  const passthroughCluster = atLeast(istioVersion, VERSION_FACTS.singleInboundPassthroughCluster)
    ? 'InboundPassthroughCluster'
    : 'InboundPassthroughClusterIpv4';
  const chains: ChainModel[] = [];
  const place = (chainName: string, v: ChainVariant | undefined, port: number, destinationPort?: number) =>
    chainContext(
      w,
      {
        direction: 'inbound',
        port,
        context: 'SIDECAR_INBOUND',
        listenerName: 'virtualInbound',
        listenerPort: INBOUND_PORT,
        chainName,
        destinationPort,
        transportProtocol: v?.transportProtocol ?? '',
        applicationProtocols: v?.applicationProtocols ?? [],
        serverNames: [],
      },
      root,
      istioVersion,
    );
  const match = (v: ChainVariant | undefined, destinationPort?: number) => ({
    destinationPort: destinationPort ?? null,
    serverNames: [],
    transportProtocol: v?.transportProtocol || null,
    applicationProtocols: v?.applicationProtocols ?? [],
  });

  const blackholeCtx = place('virtualInbound-blackhole', undefined, 0, INBOUND_PORT);
  chains.push({
    name: 'virtualInbound-blackhole',
    match: match(undefined, INBOUND_PORT),
    protocol: 'tcp',
    networkFilters: tcpNetworkFilters(ws, blackholeCtx, {
      cluster: 'BlackHoleCluster',
      metadataExchange: true,
      service: false,
    }),
    httpFilters: [],
    cluster: 'BlackHoleCluster',
    reason: 'traffic sent to the inbound port itself is dropped',
    ctx: blackholeCtx,
  });

  const meshMode = mtlsModeFor(ws, w, undefined);
  const addChains = (
    name: (v: ChainVariant) => string,
    variants: ChainVariant[],
    cluster: string,
    routeName: string,
    vhostName: string,
    ports: { extension: number; tcpExtension: number; destination?: number },
    reason: string,
  ) => {
    for (const v of variants) {
      const chainName = name(v);
      const ctx = place(chainName, v, v.protocol === 'http' ? ports.extension : ports.tcpExtension, ports.destination);
      const tls = v.mtls ? ' (Istio mTLS)' : v.transportProtocol === 'tls' ? ' (TLS passed through)' : ' (plaintext)';
      if (v.protocol === 'http') {
        const base = istioChain(ws, ctx);
        chains.push({
          name: chainName,
          match: match(v, ports.destination),
          protocol: 'http',
          networkFilters: base.networkFilters,
          httpFilters: base.httpFilters,
          routeConfiguration: routeName,
          reason: reason + tls,
          ctx,
        });
      } else {
        chains.push({
          name: chainName,
          match: match(v, ports.destination),
          protocol: 'tcp',
          networkFilters: tcpNetworkFilters(ws, ctx, { cluster, metadataExchange: true, service: true }),
          httpFilters: [],
          cluster,
          reason: reason + tls,
          ctx,
        });
      }
    }
    if (variants.some((v) => v.protocol === 'http') && !out.routeConfigurations.some((r) => r.name === routeName))
      out.routeConfigurations.push(inlineRoute(routeName, vhostName, cluster, ports.destination ?? 0));
  };

  addChains(
    (v) => (v.protocol === 'http' ? 'virtualInbound-catchall-http' : 'virtualInbound'),
    inboundVariants('auto', meshMode.mode),
    passthroughCluster,
    passthroughCluster,
    'inbound|http|0',
    { extension: 0, tcpExtension: 0 },
    `passthrough for ports no Service declares, mTLS ${meshMode.mode} from ${meshMode.source}`,
  );

  for (const p of inboundPorts(ws, w)) {
    const cluster = `inbound|${p.targetPort}||`;
    const mode = mtlsModeFor(ws, w, p.targetPort);
    addChains(
      () => `0.0.0.0_${p.targetPort}`,
      inboundVariants(protocolClass(p.servicePort), mode.mode),
      cluster,
      cluster,
      `inbound|http|${p.servicePort.port}`,
      { extension: p.targetPort, tcpExtension: p.servicePort.port, destination: p.targetPort },
      `Service ${p.service.namespace}/${p.service.name} port ${p.servicePort.port}${p.servicePort.name ? ` (${p.servicePort.name})` : ''}, mTLS ${mode.mode} from ${mode.source}`,
    );
    out.clusters.push(inboundCluster(cluster, p));
  }

  out.listeners.push(inboundListener(chains));
  out.clusters.push({
    name: passthroughCluster,
    reason: 'inbound traffic to ports no Service declares (ORIGINAL_DST)',
    context: 'SIDECAR_INBOUND',
    patches: [],
    config: { name: passthroughCluster, type: 'ORIGINAL_DST', lb_policy: 'CLUSTER_PROVIDED' },
  });
}

function inboundListener(chains: ChainModel[]): ListenerModel {
  const listenerFilters = [
    istioListenerFilter('envoy.filters.listener.original_dst', 'restores the original destination'),
  ];
  if (chains.some((c) => c.match.transportProtocol === 'tls'))
    listenerFilters.push(istioListenerFilter('envoy.filters.listener.tls_inspector', 'some chains match TLS'));
  if (chains.some((c) => c.match.applicationProtocols.some((a) => a === 'http/1.1' || a === 'h2c')))
    listenerFilters.push(
      istioListenerFilter(
        'envoy.filters.listener.http_inspector',
        'some chains match plaintext HTTP (disabled on ports whose protocol is declared)',
      ),
    );
  return {
    name: 'virtualInbound',
    direction: 'inbound',
    port: INBOUND_PORT,
    address: '0.0.0.0',
    context: 'SIDECAR_INBOUND',
    listenerFilters,
    filterChains: chains,
  };
}

function inlineRoute(name: string, vhostName: string, cluster: string, port: number): RouteConfigurationModel {
  return {
    name,
    inline: true,
    context: 'SIDECAR_INBOUND',
    gateways: [],
    port,
    virtualHosts: [
      vhost(
        vhostName,
        ['*'],
        [route('default', 'ROUTE', { match: { prefix: '/' }, route: { cluster, timeout: '0s' } })],
      ),
    ],
    patches: [],
  };
}

function inboundCluster(name: string, p: InboundPort): ClusterView {
  return {
    name,
    reason: `the workload's port ${p.targetPort} (Service ${p.service.namespace}/${p.service.name})`,
    service: p.service.hostname,
    port: p.targetPort,
    context: 'SIDECAR_INBOUND',
    patches: [],
    config: { name, type: 'ORIGINAL_DST', lb_policy: 'CLUSTER_PROVIDED' },
  };
}

// A sidecar's outbound side, as istiod builds it (listener.go buildSidecarOutboundListener and buildListenerFromEntry,
// buildVirtualOutboundListener; httproute.go buildSidecarOutboundHTTPRouteConfig; cluster.go buildOutboundClusters):
// a listener per service port (HTTP on 0.0.0.0_PORT, TCP, TLS and sniffed ports on the service address), the RDS route
// configurations with a virtual host per service, `virtualOutbound`, and the outbound clusters.
import type { Workspace } from '../workspace/workspace';
import type { Workload } from '../workspace/workloads';
import type { RenderedFilter } from '../chain/types';
import { istioChain } from '../chain/istioFilters';
import { istioListenerFilter } from '../chain/istioFilter';
import { isHttpProtocol, MeshService, ServicePort } from './meshServices';
import { PLAINTEXT_HTTP } from './chainVariants';
import { chainContext } from './chainContext';
import { tcpNetworkFilters } from './tcpFilters';
import { addToRoute, finishRoute } from './outboundRoutes';
import type { ChainModel, ListenerModel, ProxyModel } from './model';

const OUTBOUND_PORT = 15001;

type PortClass = 'http' | 'tcp' | 'tls' | 'auto';

function portClass(p: ServicePort): PortClass {
  if (p.protocol === undefined) return 'auto';
  if (isHttpProtocol(p.protocol)) return 'http';
  return p.protocol === 'HTTPS' || p.protocol === 'TLS' ? 'tls' : 'tcp';
}

/** The address a service's non-HTTP listeners bind to (service.GetAddressForProxy); a placeholder if unknowable. */
export function serviceAddress(s: MeshService): { address: string; known: boolean } {
  const first = s.addresses[0];
  if (first && !first.includes('/')) return { address: first, known: true };
  if (first || s.kind === 'ServiceEntry') return { address: '0.0.0.0', known: true };
  return { address: `<clusterIP:${s.name}.${s.namespace}>`, known: false };
}

export function outboundClusterName(port: number, host: string, subset = ''): string {
  return `outbound|${port}|${subset}|${host}`;
}

interface Entry {
  listener: ListenerModel;
  /** The default_filter_chain: PassthroughFilterChain, or a sniffed port's TCP chain. */
  fallback?: ChainModel;
  listenerFilters: Set<string>;
}

export function sidecarOutbound(
  ws: Workspace,
  w: Workload,
  services: MeshService[],
  istioVersion: string,
  out: ProxyModel,
): void {
  const root = ws.meshConfig.rootNamespace;
  const registryOnly = ws.meshConfig.outboundMode === 'REGISTRY_ONLY';
  const catchAllCluster = registryOnly ? 'BlackHoleCluster' : 'PassthroughCluster';
  const entries = new Map<string, Entry>();
  const placeholders = new Set<string>();

  const ctxFor = (listenerName: string, port: number, chainName: string, alpn: string[], serverNames: string[]) =>
    chainContext(
      w,
      {
        direction: 'outbound',
        port,
        context: 'SIDECAR_OUTBOUND',
        listenerName,
        listenerPort: port,
        chainName,
        transportProtocol: alpn.length ? 'raw_buffer' : '',
        applicationProtocols: alpn,
        serverNames,
      },
      root,
      istioVersion,
    );
  const entryFor = (bind: string, port: number): Entry => {
    const name = `${bind}_${port}`;
    let e = entries.get(name);
    if (!e) {
      e = {
        listener: {
          name,
          direction: 'outbound',
          port,
          address: bind,
          context: 'SIDECAR_OUTBOUND',
          listenerFilters: [],
          filterChains: [],
        },
        listenerFilters: new Set(),
      };
      entries.set(name, e);
    }
    return e;
  };
  const httpChain = (listenerName: string, port: number, rds: string, reason: string): ChainModel => {
    const ctx = ctxFor(listenerName, port, '', PLAINTEXT_HTTP, []);
    const base = istioChain(ws, ctx);
    return {
      name: '',
      match: {
        destinationPort: null,
        serverNames: [],
        transportProtocol: 'raw_buffer',
        applicationProtocols: PLAINTEXT_HTTP,
      },
      protocol: 'http',
      networkFilters: base.networkFilters,
      httpFilters: base.httpFilters,
      routeConfiguration: rds,
      reason,
      ctx,
    };
  };
  const tcpChain = (
    listenerName: string,
    port: number,
    name: string,
    cluster: string,
    serverNames: string[],
    service: boolean,
    reason: string,
  ): ChainModel => {
    const ctx = ctxFor(listenerName, port, name, [], serverNames);
    return {
      name,
      match: { destinationPort: null, serverNames, transportProtocol: null, applicationProtocols: [] },
      protocol: 'tcp',
      networkFilters: tcpNetworkFilters(ws, ctx, { cluster, metadataExchange: false, service }),
      httpFilters: [],
      cluster,
      reason,
      ctx,
    };
  };

  for (const s of services) {
    for (const p of s.ports) {
      const cls = portClass(p);
      const cluster = outboundClusterName(p.port, s.hostname);
      const what = `${s.kind} ${s.namespace}/${s.name} port ${p.port}${p.name ? ` (${p.name})` : ''}`;
      const addr = serviceAddress(s);
      if (!addr.known && cls !== 'http') placeholders.add(`${s.name}.${s.namespace}`);
      if (cls === 'http') {
        const e = entryFor('0.0.0.0', p.port);
        if (!e.listener.filterChains.some((c) => c.protocol === 'http'))
          e.listener.filterChains.push(
            httpChain(e.listener.name, p.port, String(p.port), `HTTP services on port ${p.port}`),
          );
        e.fallback ??= tcpChain(
          e.listener.name,
          p.port,
          'PassthroughFilterChain',
          catchAllCluster,
          [],
          false,
          `traffic on port ${p.port} that is not HTTP (outboundTrafficPolicy ${ws.meshConfig.outboundMode})`,
        );
        e.listenerFilters.add('http_inspector');
        addToRoute(ws, out, String(p.port), p.port, s, w, cluster, false);
      } else if (cls === 'auto') {
        const e = entryFor(addr.address, p.port);
        const rds = addr.address === '0.0.0.0' ? String(p.port) : `${s.hostname}:${p.port}`;
        if (!e.listener.filterChains.some((c) => c.protocol === 'http'))
          e.listener.filterChains.push(httpChain(e.listener.name, p.port, rds, `${what}: protocol detected, HTTP`));
        e.fallback ??= tcpChain(e.listener.name, p.port, '', cluster, [], true, `${what}: protocol detected, not HTTP`);
        e.listenerFilters.add('http_inspector');
        addToRoute(ws, out, rds, p.port, s, w, cluster, rds !== String(p.port));
      } else {
        const e = entryFor(addr.address, p.port);
        const sni = cls === 'tls' && addr.address === '0.0.0.0' ? [s.hostname] : [];
        const sameMatch = e.listener.filterChains.some(
          (c) => c.protocol === 'tcp' && c.match.serverNames.join() === sni.join(),
        );
        if (!sameMatch) e.listener.filterChains.push(tcpChain(e.listener.name, p.port, '', cluster, sni, true, what));
        if (cls === 'tls') e.listenerFilters.add('tls_inspector');
      }
    }
  }

  for (const name of [...entries.keys()].sort()) {
    const e = entries.get(name)!;
    if (e.fallback) e.listener.filterChains.push({ ...e.fallback, default: true });
    e.listener.listenerFilters = [...e.listenerFilters].map(listenerFilter);
    out.listeners.push(e.listener);
  }
  out.listeners.push(virtualOutbound(ws, catchAllCluster, tcpChain));
  for (const rc of out.routeConfigurations)
    if (rc.context === 'SIDECAR_OUTBOUND' && !rc.name.includes(':')) finishRoute(rc, registryOnly);
  if (placeholders.size)
    out.assumptions.push(
      `Services without spec.clusterIP in the workspace (${[...placeholders].sort().join(', ')}): their TCP listeners are named after the ClusterIP Kubernetes assigns, shown as <clusterIP:name.namespace>.`,
    );
}

function listenerFilter(kind: string): RenderedFilter {
  return kind === 'http_inspector'
    ? istioListenerFilter('envoy.filters.listener.http_inspector', 'detects plaintext HTTP')
    : istioListenerFilter('envoy.filters.listener.tls_inspector', 'reads the SNI of TLS connections');
}

function virtualOutbound(
  ws: Workspace,
  catchAllCluster: string,
  tcpChain: (
    l: string,
    port: number,
    name: string,
    cluster: string,
    sni: string[],
    service: boolean,
    reason: string,
  ) => ChainModel,
): ListenerModel {
  const blackhole = tcpChain(
    'virtualOutbound',
    OUTBOUND_PORT,
    'virtualOutbound-blackhole',
    'BlackHoleCluster',
    [],
    false,
    'traffic sent to the outbound port itself is dropped',
  );
  blackhole.match = { ...blackhole.match, destinationPort: OUTBOUND_PORT };
  blackhole.ctx = { ...blackhole.ctx, destinationPort: OUTBOUND_PORT };
  return {
    name: 'virtualOutbound',
    direction: 'outbound',
    port: OUTBOUND_PORT,
    address: '0.0.0.0',
    context: 'SIDECAR_OUTBOUND',
    listenerFilters: [],
    filterChains: [
      blackhole,
      tcpChain(
        'virtualOutbound',
        OUTBOUND_PORT,
        'virtualOutbound-catchall-tcp',
        catchAllCluster,
        [],
        false,
        `destinations without a listener of their own (outboundTrafficPolicy ${ws.meshConfig.outboundMode})`,
      ),
    ],
  };
}

// A gateway proxy's listeners and route configurations, as istiod's gateway.go builds them (buildGatewayListeners,
// createGatewayHTTPFilterChainOpts, createGatewayTCPFilterChainOpts, builtAutoPassthroughFilterChains): one listener
// per resolved port and bind; HTTP servers of a port share one unnamed chain and `http.PORT`; each TLS-terminating
// server gets its own chain by SNI and `https.PORT.NAME.GATEWAY.NAMESPACE`; passthrough chains follow the TLS routes.
import type { Workspace } from '../workspace/workspace';
import type { Workload } from '../workspace/workloads';
import { istioChain } from '../chain/istioFilters';
import { istioListenerFilter } from '../chain/istioFilter';
import type { RenderedFilter } from '../chain/types';
import { meshServices, subsetsByHost, MeshService } from './meshServices';
import { chainContext } from './chainContext';
import { tcpNetworkFilters } from './tcpFilters';
import { gatewayServers, sniHosts, isTlsTermination, GatewayServer } from './gatewayServers';
import { gatewayVirtualHosts, tlsRouteChains, tcpRouteCluster } from './gatewayRoutes';
import { hostCovers } from './virtualServices';
import { outboundClusterName } from './sidecarOutbound';
import { ChainModel, ProxyModel, RouteConfigurationModel } from './model';
import { compareText } from '../util/compareText';

const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB']);
const ISTIO_MTLS_ALPN = ['istio', 'istio-peer-exchange', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2'];

export function gatewayConfig(ws: Workspace, w: Workload, istioVersion: string, out: ProxyModel): void {
  const root = ws.meshConfig.rootNamespace;
  const servers = gatewayServers(ws, w, istioVersion);
  if (!servers.length)
    out.assumptions.push(
      w.kind === 'Gateway'
        ? `Gateway ${w.namespace}/${w.name} has no listener istiod can serve (HTTPS and TLS listeners need a tls section).`
        : `No Istio Gateway in the workspace selects ${w.namespace}/${w.name}'s labels, so istiod gives it no listeners.`,
    );
  const byListener = new Map<string, GatewayServer[]>();
  for (const s of servers) {
    const name = `${s.bind ?? '0.0.0.0'}_${s.listenerPort}`;
    byListener.set(name, [...(byListener.get(name) ?? []), s]);
  }
  const ctxFor = (listenerName: string, port: number, serverNames: string[], alpn: string[]) =>
    chainContext(
      w,
      {
        direction: 'gateway',
        port,
        context: 'GATEWAY',
        listenerName,
        listenerPort: port,
        chainName: '',
        transportProtocol: '',
        applicationProtocols: alpn,
        serverNames,
      },
      root,
      istioVersion,
    );
  const match = (serverNames: string[], alpn: string[] = []) => ({
    destinationPort: null,
    serverNames,
    transportProtocol: null,
    applicationProtocols: alpn,
  });

  for (const [listenerName, list] of [...byListener.entries()].sort(([a], [b]) => compareText(a, b))) {
    const port = list[0].listenerPort;
    const bind = list[0].bind;
    const chains: ChainModel[] = [];
    const plaintext = !list[0].tlsMode;
    const kept = list.filter((s) => !s.tlsMode === plaintext);
    for (const s of list.filter((x) => !kept.includes(x)))
      out.warnings.push(
        `Gateway ${s.gateway.namespace}/${s.gateway.name} server on port ${s.port}: istiod skips it, because a ${plaintext ? 'plaintext' : 'TLS'} server already uses listener ${listenerName} and the two cannot share it.`,
      );
    const http = kept.filter((s) => !s.tlsMode && HTTP_PROTOCOLS.has(s.protocol));
    if (http.length) {
      const rds = `http.${port}${bind ? `.${bind}` : ''}`;
      const ctx = ctxFor(listenerName, port, [], []);
      const base = istioChain(ws, ctx);
      chains.push({
        name: '',
        match: match([]),
        protocol: 'http',
        networkFilters: base.networkFilters,
        httpFilters: base.httpFilters,
        routeConfiguration: rds,
        reason: `HTTP servers of ${[...new Set(http.map((s) => `${s.gateway.namespace}/${s.gateway.name}`))].join(', ')}`,
        ctx,
      });
      out.routeConfigurations.push(gatewayRoute(ws, rds, http, port));
    }
    const usedSni = new Set<string>();
    for (const s of kept) {
      const gw = `Gateway ${s.gateway.namespace}/${s.gateway.name} port ${s.port}`;
      if (!s.tlsMode && s.protocol === 'TCP' && !chains.length) {
        const r = tcpRouteCluster(ws, s);
        if (r)
          chains.push(
            tcpChain(
              r.cluster,
              [],
              [],
              `${gw} (TCP), routed by ${r.origin.kind} ${r.origin.namespace}/${r.origin.name}`,
              false,
            ),
          );
        else
          out.warnings.push(`${gw} (TCP): no VirtualService tcp route binds to it, so istiod builds no chain for it.`);
      } else if (s.tlsMode && isTlsTermination(s)) {
        const sni = sniHosts(s.hosts);
        const key = sni.join(',') || '*';
        if (usedSni.has(key)) {
          out.warnings.push(
            `${gw}: its hosts are already served on ${listenerName}; istiod skips the duplicate server.`,
          );
          continue;
        }
        usedSni.add(key);
        if (HTTP_PROTOCOLS.has(s.protocol) || s.protocol === 'HTTPS') {
          const rds = `https.${s.port}.${s.portName}.${s.gateway.name}.${s.gateway.namespace}${bind ? `.${bind}` : ''}`;
          const ctx = ctxFor(listenerName, port, sni, []);
          const base = istioChain(ws, ctx);
          chains.push({
            name: '',
            match: match(sni),
            protocol: 'http',
            networkFilters: base.networkFilters,
            httpFilters: base.httpFilters,
            routeConfiguration: rds,
            reason: `${gw} (HTTPS, TLS ${s.tlsMode})`,
            ctx,
            terminatesTls: true,
          });
          out.routeConfigurations.push({ ...gatewayRoute(ws, rds, [s], s.port), portName: s.portName });
        } else {
          const r = tcpRouteCluster(ws, s);
          if (r)
            chains.push({
              ...tcpChain(
                r.cluster,
                sni,
                [],
                `${gw} (TLS ${s.tlsMode}), routed by ${r.origin.kind} ${r.origin.namespace}/${r.origin.name}`,
                s.tlsMode === 'ISTIO_MUTUAL',
              ),
              terminatesTls: true,
            });
          else
            out.warnings.push(`${gw} (TLS ${s.tlsMode}): no tcp route binds to it, so istiod builds no chain for it.`);
        }
      } else if (s.tlsMode === 'PASSTHROUGH') {
        const routes = tlsRouteChains(ws, s);
        if (!routes.length)
          out.warnings.push(`${gw} (PASSTHROUGH): no VirtualService tls route binds to it, so it has no chain.`);
        for (const r of routes) {
          const key = r.serverNames.join(',') || '*';
          if (usedSni.has(key)) continue;
          usedSni.add(key);
          chains.push(
            tcpChain(
              r.cluster,
              r.serverNames,
              [],
              `${gw} (PASSTHROUGH), routed by ${r.origin.kind} ${r.origin.namespace}/${r.origin.name}`,
              false,
            ),
          );
        }
      } else if (s.tlsMode === 'AUTO_PASSTHROUGH') {
        for (const { sni, cluster } of autoPassthrough(ws, s))
          chains.push(tcpChain(cluster, [sni], ISTIO_MTLS_ALPN, `${gw} (AUTO_PASSTHROUGH)`, false, true));
      }
    }
    if (!chains.length) continue;
    out.listeners.push({
      name: listenerName,
      direction: 'gateway',
      port,
      address: bind ?? '0.0.0.0',
      context: 'GATEWAY',
      listenerFilters: chains.some((c) => c.match.serverNames.length || c.terminatesTls) ? [tlsInspector()] : [],
      filterChains: chains,
    });

    function tcpChain(
      cluster: string,
      sni: string[],
      alpn: string[],
      reason: string,
      mx: boolean,
      bare = false,
    ): ChainModel {
      const ctx = ctxFor(listenerName, port, sni, alpn);
      return {
        name: '',
        match: match(sni, alpn),
        protocol: 'tcp',
        networkFilters: tcpNetworkFilters(ws, ctx, { cluster, metadataExchange: mx, service: !bare }),
        httpFilters: [],
        cluster,
        reason,
        ctx,
      };
    }
  }
}

function gatewayRoute(ws: Workspace, name: string, servers: GatewayServer[], port: number): RouteConfigurationModel {
  return {
    name,
    inline: false,
    context: 'GATEWAY',
    gateways: [...new Set(servers.map((s) => `${s.gateway.namespace}/${s.gateway.name}`))],
    port,
    virtualHosts: gatewayVirtualHosts(ws, servers),
    patches: [],
    portMap: new Map([[servers[0].listenerPort, [...new Set(servers.map((s) => s.port))]]]),
  };
}

/** AUTO_PASSTHROUGH: a chain per in-mesh service port (and subset) the server's hosts cover, matched by Istio's SNI. */
function autoPassthrough(ws: Workspace, s: GatewayServer): Array<{ sni: string; cluster: string }> {
  const hosts = s.hosts.map((h) => (h.includes('/') ? h.slice(h.indexOf('/') + 1) : h));
  const subsets = subsetsByHost(ws);
  const out: Array<{ sni: string; cluster: string }> = [];
  const covered = (svc: MeshService) => svc.kind === 'Service' && hosts.some((h) => hostCovers(h, svc.hostname));
  for (const svc of meshServices(ws).filter(covered))
    for (const p of svc.ports)
      for (const subset of ['', ...(subsets.get(svc.hostname) ?? [])])
        out.push({
          sni: `outbound_.${p.port}_.${subset}_.${svc.hostname}`,
          cluster: outboundClusterName(p.port, svc.hostname, subset),
        });
  return out;
}

function tlsInspector(): RenderedFilter {
  return istioListenerFilter('envoy.filters.listener.tls_inspector', 'some chains match server names or terminate TLS');
}

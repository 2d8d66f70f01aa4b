// The network filters of the chains that end in tcp_proxy (networkfilter.go buildCompleteNetworkFilters, and the
// catch-all chains of listener.go/listener_inbound.go), in istiod's order.
import { istioHttpFilter, istioNetworkFilter } from '../chain/istioFilter';
import type { Workspace } from '../workspace/workspace';
import type { ProxyContext } from '../proxy/proxyContext';
import type { RenderedFilter } from '../chain/types';
import { searchedNamespaces } from '../proxy/attachment';
import { extensionFilters, Phase } from '../chain/extensions';
import { policiesFor } from '../chain/istioFilters';
import { effectiveTelemetry, statsProviders } from '../telemetry/effectiveTelemetry';

const MX = () => istioNetworkFilter('istio.metadata_exchange', 'TCP metadata exchange');
const TCP_PROXY = (cluster: string) => istioNetworkFilter('envoy.filters.network.tcp_proxy', `to ${cluster}`);

function tcpStats(ws: Workspace, ctx: ProxyContext): RenderedFilter[] {
  return statsProviders(effectiveTelemetry(ws, ctx), ctx.mode).map((provider) =>
    istioHttpFilter('istio.stats', `metrics provider ${provider} (Prometheus), TCP metrics`),
  );
}

export interface TcpChainOptions {
  cluster: string;
  /** Inbound chains and ISTIO_MUTUAL gateway servers exchange peer metadata first. */
  metadataExchange: boolean;
  /** Service chains get extensions and authorization; catch-all chains only stats and tcp_proxy. */
  service: boolean;
}

export function tcpNetworkFilters(ws: Workspace, ctx: ProxyContext, opts: TcpChainOptions): RenderedFilter[] {
  const out: RenderedFilter[] = [];
  if (opts.metadataExchange) out.push(MX());
  if (opts.service) {
    const scoped = searchedNamespaces(ctx).flatMap((ns) => ws.inNamespace(ns).resources);
    const ext = extensionFilters(scoped, ctx, true);
    const phase = (p: Phase) => out.push(...ext[p]);
    // Outbound chains are built without authorization builders (tls.go), so only inbound and gateways get rbac.
    const policies = ctx.direction === 'outbound' ? undefined : policiesFor(ws, ctx);
    for (const provider of policies?.custom ?? [])
      out.push(
        istioNetworkFilter('envoy.filters.network.ext_authz', `CUSTOM AuthorizationPolicy provider ${provider}`),
      );
    phase('AUTHN');
    phase('AUTHZ');
    if (policies && policies.actions.size)
      out.push(
        istioNetworkFilter(
          'envoy.filters.network.rbac',
          `${[...policies.actions].join('/')} AuthorizationPolicies select the workload`,
        ),
      );
    phase('STATS');
    phase('UNSPECIFIED');
  }
  out.push(...tcpStats(ws, ctx));
  out.push(TCP_PROXY(opts.cluster));
  return out;
}

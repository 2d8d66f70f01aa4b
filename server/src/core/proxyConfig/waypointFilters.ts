// The filters of a waypoint's chains (listener_waypoint.go buildWaypointInboundHTTPFilters, networkfilter.go
// buildCompleteNetworkFilters): no metadata exchange HTTP filter, no ALPN filter; policies and extensions attach by
// targetRefs to the waypoint, its GatewayClass (root namespace) or the chain's own Service or ServiceEntry.
import { istioHttpFilter, istioNetworkFilter } from '../chain/istioFilter';
import { isObject, asArray } from '../util/values';
import type { Workspace, ResourceRecord } from '../workspace/workspace';
import type { RenderedFilter } from '../chain/types';
import type { ProxyContext } from '../proxy/proxyContext';
import { shouldAttach, targetRefsOf, searchedNamespaces } from '../proxy/attachment';
import { extensionFilters, Phase } from '../chain/extensions';
import { effectiveTelemetry, statsProviders } from '../telemetry/effectiveTelemetry';
import type { MeshService } from './meshServices';

export const own = (name: string, typeUrl: string | null, reason: string): RenderedFilter => ({
  name,
  typeUrl,
  origin: null,
  phase: null,
  reason,
});
export const TCP_PROXY = (cluster: string) => istioNetworkFilter('envoy.filters.network.tcp_proxy', `to ${cluster}`);
export const ROUTER = () => istioHttpFilter('envoy.filters.http.router', 'always last');

/** Policies and extensions of a waypoint chain: targetRefs to the waypoint, its class, or the chain's service. */
function attachesTo(ctx: ProxyContext, service: MeshService | undefined) {
  return (namespace: string, spec: Record<string, unknown>): boolean => {
    if (shouldAttach(namespace, spec, undefined, ctx)) return true;
    if (!service) return false;
    return targetRefsOf(spec).some(
      (ref) =>
        (ref.kind === 'Service' || ref.kind === 'ServiceEntry') &&
        ref.kind === service.kind &&
        ref.name === service.name &&
        namespace === service.namespace,
    );
  };
}

export function waypointHttpFilters(
  ws: Workspace,
  ctx: ProxyContext,
  service: MeshService | undefined,
): RenderedFilter[] {
  const attach = attachesTo(ctx, service);
  const namespaces = [...new Set([...searchedNamespaces(ctx), ...(service ? [service.namespace] : [])])];
  const scoped: ResourceRecord[] = namespaces.flatMap((ns) => ws.inNamespace(ns).resources);
  const ext = extensionFilters(scoped, ctx, false, (r) => attach(r.namespace, r.spec));
  const actions = new Set<string>();
  const custom: string[] = [];
  let jwt = false;
  for (const o of namespaces.flatMap((ns) => ws.inNamespace(ns).others)) {
    const spec = isObject(o.value.spec) ? o.value.spec : {};
    if ((o.kind !== 'AuthorizationPolicy' && o.kind !== 'RequestAuthentication') || !attach(o.namespace, spec))
      continue;
    if (o.kind === 'RequestAuthentication') jwt ||= asArray(spec.jwtRules).length > 0;
    else if (spec.action === 'CUSTOM') custom.push(isObject(spec.provider) ? String(spec.provider.name ?? '') : '');
    else actions.add(typeof spec.action === 'string' ? spec.action : 'ALLOW');
  }
  const out: RenderedFilter[] = [];
  const phase = (p: Phase) => out.push(...ext[p]);
  for (const provider of [...new Set(custom)].sort())
    out.push(istioHttpFilter('envoy.filters.http.ext_authz', `CUSTOM provider ${provider}`));
  phase('AUTHN');
  if (jwt) out.push(istioHttpFilter('envoy.filters.http.jwt_authn', 'a RequestAuthentication targets it'));
  phase('AUTHZ');
  for (const action of ['AUDIT', 'DENY', 'ALLOW'])
    if (actions.has(action))
      out.push(istioHttpFilter('envoy.filters.http.rbac', `an ${action} AuthorizationPolicy targets it`));
  out.push(istioHttpFilter('envoy.filters.http.grpc_stats', 'always present'));
  out.push(istioHttpFilter('envoy.filters.http.fault', 'always present'));
  out.push(istioHttpFilter('envoy.filters.http.cors', 'always present'));
  phase('STATS');
  phase('UNSPECIFIED');
  out.push(own('waypoint_upstream_peer_metadata', null, 'peer metadata for the upstream'));
  for (const provider of statsProviders(effectiveTelemetry(ws, ctx), 'SERVER'))
    out.push(istioHttpFilter('istio.stats', `metrics provider ${provider} (Prometheus)`));
  out.push(ROUTER());
  return out;
}

export function waypointTcpFilters(
  ws: Workspace,
  ctx: ProxyContext,
  service: MeshService | undefined,
  cluster: string,
): RenderedFilter[] {
  const attach = attachesTo(ctx, service);
  const namespaces = [...new Set([...searchedNamespaces(ctx), ...(service ? [service.namespace] : [])])];
  const ext = extensionFilters(
    namespaces.flatMap((ns) => ws.inNamespace(ns).resources),
    ctx,
    true,
    (r) => attach(r.namespace, r.spec),
  );
  const out: RenderedFilter[] = [istioNetworkFilter('istio.metadata_exchange', 'TCP metadata exchange')];
  const policies = namespaces
    .flatMap((ns) => ws.inNamespace(ns).others)
    .filter((o) => o.kind === 'AuthorizationPolicy' && attach(o.namespace, isObject(o.value.spec) ? o.value.spec : {}));
  out.push(...ext.AUTHN, ...ext.AUTHZ);
  if (policies.some((o) => isObject(o.value.spec) && o.value.spec.action !== 'CUSTOM'))
    out.push(istioNetworkFilter('envoy.filters.network.rbac', 'an AuthorizationPolicy targets it'));
  out.push(...ext.STATS, ...ext.UNSPECIFIED);
  for (const provider of statsProviders(effectiveTelemetry(ws, ctx), 'SERVER'))
    out.push(istioHttpFilter('istio.stats', `metrics provider ${provider} (Prometheus), TCP metrics`));
  out.push(TCP_PROXY(cluster));
  return out;
}

// The filters of a waypoint's chains (listener_waypoint.go buildWaypointInboundHTTPFilters, networkfilter.go
// buildCompleteNetworkFilters): no metadata exchange HTTP filter, no ALPN filter; policies and extensions attach by
// targetRefs to the waypoint, its GatewayClass (root namespace) or the chain's own Service or ServiceEntry.
import { isObject, asArray } from '../util/values';
import type { Workspace, ResourceRecord } from '../workspace/workspace';
import type { RenderedFilter } from '../chain/types';
import type { ProxyContext } from '../proxy/proxyContext';
import { shouldAttach, targetRefsOf, searchedNamespaces } from '../proxy/attachment';
import { extensionFilters, Phase } from '../chain/extensions';
import { effectiveTelemetry, statsProviders } from '../telemetry/effectiveTelemetry';
import type { MeshService } from './meshServices';

const T = 'type.googleapis.com/';
export const own = (name: string, typeUrl: string | null, reason: string): RenderedFilter => ({
  name,
  typeUrl,
  origin: null,
  phase: null,
  reason,
});
export const TCP_PROXY = (cluster: string) =>
  own('envoy.filters.network.tcp_proxy', `${T}envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy`, `to ${cluster}`);
export const ROUTER = () =>
  own('envoy.filters.http.router', `${T}envoy.extensions.filters.http.router.v3.Router`, 'always last');

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
    out.push(
      own(
        'envoy.filters.http.ext_authz',
        `${T}envoy.extensions.filters.http.ext_authz.v3.ExtAuthz`,
        `CUSTOM provider ${provider}`,
      ),
    );
  phase('AUTHN');
  if (jwt)
    out.push(
      own(
        'envoy.filters.http.jwt_authn',
        `${T}envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication`,
        'a RequestAuthentication targets it',
      ),
    );
  phase('AUTHZ');
  for (const action of ['AUDIT', 'DENY', 'ALLOW'])
    if (actions.has(action))
      out.push(
        own(
          'envoy.filters.http.rbac',
          `${T}envoy.extensions.filters.http.rbac.v3.RBAC`,
          `an ${action} AuthorizationPolicy targets it`,
        ),
      );
  out.push(
    own(
      'envoy.filters.http.grpc_stats',
      `${T}envoy.extensions.filters.http.grpc_stats.v3.FilterConfig`,
      'always present',
    ),
  );
  out.push(own('envoy.filters.http.fault', `${T}envoy.extensions.filters.http.fault.v3.HTTPFault`, 'always present'));
  out.push(own('envoy.filters.http.cors', `${T}envoy.extensions.filters.http.cors.v3.Cors`, 'always present'));
  phase('STATS');
  phase('UNSPECIFIED');
  out.push(own('waypoint_upstream_peer_metadata', null, 'peer metadata for the upstream'));
  for (const provider of statsProviders(effectiveTelemetry(ws, ctx), 'SERVER'))
    out.push(own('istio.stats', `${T}stats.PluginConfig`, `metrics provider ${provider} (Prometheus)`));
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
  const out: RenderedFilter[] = [
    own('istio.metadata_exchange', `${T}envoy.tcp.metadataexchange.config.MetadataExchange`, 'TCP metadata exchange'),
  ];
  const policies = namespaces
    .flatMap((ns) => ws.inNamespace(ns).others)
    .filter((o) => o.kind === 'AuthorizationPolicy' && attach(o.namespace, isObject(o.value.spec) ? o.value.spec : {}));
  out.push(...ext.AUTHN, ...ext.AUTHZ);
  if (policies.some((o) => isObject(o.value.spec) && o.value.spec.action !== 'CUSTOM'))
    out.push(
      own(
        'envoy.filters.network.rbac',
        `${T}envoy.extensions.filters.network.rbac.v3.RBAC`,
        'an AuthorizationPolicy targets it',
      ),
    );
  out.push(...ext.STATS, ...ext.UNSPECIFIED);
  for (const provider of statsProviders(effectiveTelemetry(ws, ctx), 'SERVER'))
    out.push(own('istio.stats', `${T}stats.PluginConfig`, `metrics provider ${provider} (Prometheus), TCP metrics`));
  out.push(TCP_PROXY(cluster));
  return out;
}

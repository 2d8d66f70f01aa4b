// The filters istiod itself generates, per EnvoyFilter patch context, before any EnvoyFilter is applied
// (pilot/pkg/networking/core: listener_builder.go buildHTTPConnectionManager, networkfilter.go, gateway.go).
// Some are conditional (rbac only with an AuthorizationPolicy), but none depends on the order of EnvoyFilters.
export type PatchContext = 'SIDECAR_INBOUND' | 'SIDECAR_OUTBOUND' | 'GATEWAY';

const ALL: PatchContext[] = ['SIDECAR_INBOUND', 'SIDECAR_OUTBOUND', 'GATEWAY'];

const HTTP: Record<string, PatchContext[]> = {
  'istio.metadata_exchange': ALL,
  'envoy.filters.http.rbac': ['SIDECAR_INBOUND', 'GATEWAY'],
  'envoy.filters.http.ext_authz': ['SIDECAR_INBOUND', 'GATEWAY'],
  'envoy.filters.http.jwt_authn': ['SIDECAR_INBOUND', 'GATEWAY'],
  'envoy.filters.http.ext_proc': ['GATEWAY'],
  'envoy.filters.http.grpc_web': ALL,
  'envoy.filters.http.grpc_stats': ALL,
  'istio.alpn': ['SIDECAR_OUTBOUND', 'GATEWAY'],
  'envoy.filters.http.fault': ALL,
  'envoy.filters.http.cors': ALL,
  'istio.stats': ALL,
  'envoy.filters.http.stateful_session': ['SIDECAR_OUTBOUND', 'GATEWAY'],
  'envoy.filters.http.dynamic_forward_proxy': ['SIDECAR_OUTBOUND'],
  'envoy.filters.http.router': ALL,
};

const NETWORK: Record<string, PatchContext[]> = {
  'istio.metadata_exchange': ['SIDECAR_INBOUND', 'GATEWAY'],
  'envoy.filters.network.rbac': ['SIDECAR_INBOUND', 'GATEWAY'],
  'envoy.filters.network.ext_authz': ['SIDECAR_INBOUND', 'GATEWAY'],
  'istio.stats': ALL,
  'envoy.filters.network.sni_dynamic_forward_proxy': ['SIDECAR_OUTBOUND'],
  'envoy.filters.network.mongo_proxy': ALL,
  'envoy.filters.network.redis_proxy': ALL,
  'envoy.filters.network.mysql_proxy': ALL,
  'envoy.filters.network.http_connection_manager': ALL,
  'envoy.filters.network.tcp_proxy': ALL,
};

/** The contexts (of those a patch's `match.context` covers) where istiod generates the filter itself. */
export function istioGeneratesFilter(
  kind: 'HTTP_FILTER' | 'NETWORK_FILTER',
  name: string,
  context: string,
): PatchContext[] {
  const where = (kind === 'HTTP_FILTER' ? HTTP : NETWORK)[name] ?? [];
  const wanted = context === 'ANY' || context === '' ? ALL : ALL.filter((c) => c === context);
  return where.filter((c) => wanted.includes(c));
}

/** Filter names istiod gives WasmPlugins and TrafficExtensions, across versions (`ns.name` before 1.21 is ambiguous). */
export function looksLikeExtensionFilter(name: string): boolean {
  return /^(?:extensions|extenstions)\.istio\.io\/(?:wasmplugin|trafficextension)\//.test(name);
}

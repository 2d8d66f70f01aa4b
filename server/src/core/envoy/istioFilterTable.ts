// The filters istiod generates itself: each name once, with the type of its config and the EnvoyFilter patch contexts
// where istiod puts it (pilot/pkg/networking/core: listener_builder.go buildHTTPConnectionManager, networkfilter.go,
// gateway.go, listener_waypoint.go). The chain builders take names and types from here; the IST0151 check asks which
// contexts generate a patch's anchor. Some are conditional (rbac only with an AuthorizationPolicy), none depends on
// the order of EnvoyFilters.
export type PatchContext = 'SIDECAR_INBOUND' | 'SIDECAR_OUTBOUND' | 'GATEWAY';

export interface IstioFilterFact {
  /** The config's type URL without `type.googleapis.com/`, or null where istiod sets none. */
  type: string | null;
  contexts: PatchContext[];
}

const ALL: PatchContext[] = ['SIDECAR_INBOUND', 'SIDECAR_OUTBOUND', 'GATEWAY'];
const SERVER_SIDE: PatchContext[] = ['SIDECAR_INBOUND', 'GATEWAY'];
const H = 'envoy.extensions.filters.http.';
const N = 'envoy.extensions.filters.network.';
const L = 'envoy.extensions.filters.listener.';

export const ISTIO_HTTP_FILTERS: Record<string, IstioFilterFact> = {
  'istio.metadata_exchange': { type: 'io.istio.http.peer_metadata.Config', contexts: ALL },
  'envoy.filters.http.rbac': { type: `${H}rbac.v3.RBAC`, contexts: SERVER_SIDE },
  'envoy.filters.http.ext_authz': { type: `${H}ext_authz.v3.ExtAuthz`, contexts: SERVER_SIDE },
  'envoy.filters.http.jwt_authn': { type: `${H}jwt_authn.v3.JwtAuthentication`, contexts: SERVER_SIDE },
  'envoy.filters.http.ext_proc': { type: `${H}ext_proc.v3.ExternalProcessor`, contexts: ['GATEWAY'] },
  'envoy.filters.http.grpc_web': { type: `${H}grpc_web.v3.GrpcWeb`, contexts: ALL },
  'envoy.filters.http.grpc_stats': { type: `${H}grpc_stats.v3.FilterConfig`, contexts: ALL },
  'istio.alpn': {
    type: 'istio.envoy.config.filter.http.alpn.v2alpha1.FilterConfig',
    contexts: ['SIDECAR_OUTBOUND', 'GATEWAY'],
  },
  'envoy.filters.http.fault': { type: `${H}fault.v3.HTTPFault`, contexts: ALL },
  'envoy.filters.http.cors': { type: `${H}cors.v3.Cors`, contexts: ALL },
  'istio.stats': { type: 'stats.PluginConfig', contexts: ALL },
  'envoy.filters.http.stateful_session': {
    type: `${H}stateful_session.v3.StatefulSession`,
    contexts: ['SIDECAR_OUTBOUND', 'GATEWAY'],
  },
  'envoy.filters.http.dynamic_forward_proxy': {
    type: `${H}dynamic_forward_proxy.v3.FilterConfig`,
    contexts: ['SIDECAR_OUTBOUND'],
  },
  'envoy.filters.http.router': { type: `${H}router.v3.Router`, contexts: ALL },
};

export const ISTIO_NETWORK_FILTERS: Record<string, IstioFilterFact> = {
  'istio.metadata_exchange': { type: 'envoy.tcp.metadataexchange.config.MetadataExchange', contexts: SERVER_SIDE },
  'envoy.filters.network.rbac': { type: `${N}rbac.v3.RBAC`, contexts: SERVER_SIDE },
  'envoy.filters.network.ext_authz': { type: `${N}ext_authz.v3.ExtAuthz`, contexts: SERVER_SIDE },
  'istio.stats': { type: 'stats.PluginConfig', contexts: ALL },
  'envoy.filters.network.sni_dynamic_forward_proxy': {
    type: `${N}sni_dynamic_forward_proxy.v3.FilterConfig`,
    contexts: ['SIDECAR_OUTBOUND'],
  },
  'envoy.filters.network.mongo_proxy': { type: `${N}mongo_proxy.v3.MongoProxy`, contexts: ALL },
  'envoy.filters.network.redis_proxy': { type: `${N}redis_proxy.v3.RedisProxy`, contexts: ALL },
  'envoy.filters.network.mysql_proxy': {
    type: 'envoy.extensions.filters.network.mysql_proxy.v3.MySQLProxy',
    contexts: ALL,
  },
  'envoy.filters.network.http_connection_manager': {
    type: `${N}http_connection_manager.v3.HttpConnectionManager`,
    contexts: ALL,
  },
  'envoy.filters.network.tcp_proxy': { type: `${N}tcp_proxy.v3.TcpProxy`, contexts: ALL },
};

export const ISTIO_LISTENER_FILTERS: Record<string, IstioFilterFact> = {
  'envoy.filters.listener.original_dst': { type: `${L}original_dst.v3.OriginalDst`, contexts: ['SIDECAR_INBOUND'] },
  'envoy.filters.listener.tls_inspector': { type: `${L}tls_inspector.v3.TlsInspector`, contexts: ALL },
  'envoy.filters.listener.http_inspector': {
    type: `${L}http_inspector.v3.HttpInspector`,
    contexts: ['SIDECAR_INBOUND', 'SIDECAR_OUTBOUND'],
  },
};

export const ALL_CONTEXTS = ALL;

/** The full type URL of one of istiod's filters, or null. */
export function istioTypeUrl(table: Record<string, IstioFilterFact>, name: string): string | null {
  const type = table[name]?.type;
  return type ? `type.googleapis.com/${type}` : null;
}

// The shapes of a workload's whole proxy config as `meshlens config --format json` prints it and the preview shows it:
// listeners with every filter chain, clusters, route configurations, and what each EnvoyFilter patch touched.
import type { Origin, RenderedFilter } from '../chain/types';

export type ProxyKind = 'sidecar' | 'gateway' | 'waypoint';

/** The applyTo kinds that act on the config outside filter chains' filters (ML0801 and the upgrade check read them). */
export const CONFIG_OBJECT_KINDS: ReadonlySet<string> = new Set([
  'LISTENER',
  'FILTER_CHAIN',
  'LISTENER_FILTER',
  'CLUSTER',
  'ROUTE_CONFIGURATION',
  'VIRTUAL_HOST',
  'HTTP_ROUTE',
]);
export type ListenerDirection = 'inbound' | 'outbound' | 'gateway';
export type PatchContext = 'SIDECAR_INBOUND' | 'SIDECAR_OUTBOUND' | 'GATEWAY' | 'WAYPOINT';

export interface ChainMatchView {
  destinationPort: number | null;
  serverNames: string[];
  transportProtocol: string | null;
  applicationProtocols: string[];
}

/** A patch that changed an object, in the short form the object lists it. */
export interface PatchRef {
  envoyFilter: string;
  index: number;
  operation: string;
}

export interface FilterChainView {
  /** istiod's name for the chain; empty where istiod leaves it unnamed. */
  name: string;
  /** True for the listener's default_filter_chain. */
  default?: boolean;
  match: ChainMatchView;
  /** http: the chain ends in the HCM; tcp: in tcp_proxy (or another network filter). */
  protocol: 'http' | 'tcp';
  networkFilters: RenderedFilter[];
  httpFilters: RenderedFilter[];
  /** The route configuration the HCM uses (RDS name, or the inline one's name). */
  routeConfiguration?: string;
  /** Where the chain's traffic goes for tcp chains (tcp_proxy cluster). */
  cluster?: string;
  /** Why istiod builds this chain (port, TLS mode, server), for the preview. */
  reason: string;
  /** What the chain carries that Meshlens cannot know offline (server names of a TLS route, ...). */
  origin?: Origin | null;
  patchedBy?: PatchRef[];
  /** Added by a FILTER_CHAIN ADD patch: istiod does not patch it further. */
  addedBy?: PatchRef;
}

export interface ListenerView {
  name: string;
  direction: ListenerDirection;
  /** The socket port, or null for internal listeners. */
  port: number | null;
  address: string;
  /** The EnvoyFilter context istiod patches this listener with. */
  context: PatchContext;
  listenerFilters: RenderedFilter[];
  filterChains: FilterChainView[];
  /** Internal listeners (a waypoint's) have no socket. */
  internal?: boolean;
  /** LISTENER ADD/MERGE patches of istiod's ApplyListenerPatches; true skip further patches for this one. */
  patchedBy?: PatchRef[];
  addedBy?: PatchRef;
}

export interface ClusterView {
  name: string;
  /** What istiod builds it from. */
  reason: string;
  /** The service hostname, port and subset for outbound|PORT|SUBSET|HOST and inbound clusters. */
  service?: string;
  port?: number;
  subset?: string;
  context: PatchContext;
  patches: PatchRef[];
  addedBy?: PatchRef;
  /** The JSON Envoy receives as far as Meshlens models it (EnvoyFilter values merged in). */
  config: Record<string, unknown>;
}

export interface RouteView {
  name: string;
  patches: PatchRef[];
  config: Record<string, unknown>;
}

export interface VirtualHostView {
  name: string;
  domains: string[];
  routes: RouteView[];
  patches: PatchRef[];
  addedBy?: PatchRef;
  config: Record<string, unknown>;
}

export interface RouteConfigurationView {
  name: string;
  /** Inline in an inbound chain's HCM rather than served by RDS. */
  inline: boolean;
  context: PatchContext;
  /** Gateway route configurations: the Gateway resource behind them (for routeConfiguration.gateway matches). */
  gateways: string[];
  /** The listener port (route configuration portNumber matches). */
  port: number;
  /** The gateway server's port name (routeConfiguration.portName matches). */
  portName?: string;
  virtualHosts: VirtualHostView[];
  patches: PatchRef[];
}

export interface ConfigPatchOutcome {
  envoyFilter: string;
  index: number;
  applyTo: string;
  operation: string;
  applied: boolean;
  /** What the patch touched: clusters, route configurations, virtual hosts and routes, listeners by name, filter
   * chains as `listener/chain`, filters as `listener/chain/filter` (a chain without a name is `#N`, its position). */
  targets: string[];
  reason: string;
  origin: Origin;
  selected?: boolean;
}

export interface ProxyConfig {
  workload: string;
  istioVersion: string;
  proxy: ProxyKind;
  listeners: ListenerView[];
  clusters: ClusterView[];
  routeConfigurations: RouteConfigurationView[];
  patches: ConfigPatchOutcome[];
  assumptions: string[];
  warnings: string[];
}

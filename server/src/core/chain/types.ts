// The shapes of a rendered filter chain, as the CLI prints them in JSON and the preview shows them.
export type Direction = 'inbound' | 'outbound' | 'gateway';

export interface Origin {
  kind: string;
  namespace: string;
  name: string;
  /** Where the resource is, for "open the contributing resource". */
  uri?: string;
  docIndex?: number;
}

export interface RenderedFilter {
  name: string;
  typeUrl: string | null;
  /** The resource that contributed the filter, or null for Istio's own. */
  origin: Origin | null;
  /** WasmPlugin/TrafficExtension phase, for filters from extensions. */
  phase: string | null;
  /** Why Istio put its own filter here (for example "an ALLOW AuthorizationPolicy selects the workload"). */
  reason?: string;
  /** Served through ECDS (config_discovery): the filter has no typed_config in the listener, so MERGE skips it. */
  configDiscovery?: boolean;
  /** The filter as Envoy receives it, where an EnvoyFilter gave or changed its value (istiod's own settings are not modelled). */
  config?: Record<string, unknown>;
  /** EnvoyFilter patches that replaced or merged into this filter. */
  patchedBy?: Array<{ envoyFilter: string; index: number; operation: string }>;
}

export interface PatchOutcome {
  envoyFilter: string;
  index: number;
  applyTo: string;
  operation: string;
  applied: boolean;
  reason: string;
  origin: Origin;
  /** False for EnvoyFilters near the workload that do not select it (the reason says why). */
  selected?: boolean;
  /** False for patches of parts of the config outside the chain (clusters, routes, ...): see renderProxyConfig. */
  evaluated?: boolean;
}

export interface ChainResult {
  workload: string;
  direction: Direction;
  port: number;
  istioVersion: string;
  proxy: 'sidecar' | 'gateway';
  listener: string;
  filterChain: string;
  httpFilters: RenderedFilter[];
  networkFilters: RenderedFilter[];
  patches: PatchOutcome[];
  /** Facts assumed where the workspace says nothing (mesh config defaults, unknown creation times, ...). */
  assumptions: string[];
  /** Problems Envoy or istiod would have with the result (for example a filter after the router). */
  warnings: string[];
}

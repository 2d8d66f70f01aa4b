// Which EnvoyFilter patch contexts get a filter from istiod itself (from the one table of istiod's filters), for
// IST0151: a patch anchored on such a filter does not depend on the order of EnvoyFilters.
import { ISTIO_HTTP_FILTERS, ISTIO_NETWORK_FILTERS, ALL_CONTEXTS, PatchContext } from './istioFilterTable';

export type { PatchContext };

/** The contexts (of those a patch's `match.context` covers) where istiod generates the filter itself. */
export function istioGeneratesFilter(
  kind: 'HTTP_FILTER' | 'NETWORK_FILTER',
  name: string,
  context: string,
): PatchContext[] {
  const where = (kind === 'HTTP_FILTER' ? ISTIO_HTTP_FILTERS : ISTIO_NETWORK_FILTERS)[name]?.contexts ?? [];
  const wanted = context === 'ANY' || context === '' ? ALL_CONTEXTS : ALL_CONTEXTS.filter((c) => c === context);
  return where.filter((c) => wanted.includes(c));
}

/** Filter names istiod gives WasmPlugins and TrafficExtensions, across versions (`ns.name` before 1.21 is ambiguous). */
export function looksLikeExtensionFilter(name: string): boolean {
  return /^(?:extensions|extenstions)\.istio\.io\/(?:wasmplugin|trafficextension)\//.test(name);
}

// One of istiod's own filters as the chain shows it: name and type from the one table of istiod's filters, and why it
// is there.
import type { RenderedFilter } from './types';
import {
  ISTIO_HTTP_FILTERS,
  ISTIO_NETWORK_FILTERS,
  ISTIO_LISTENER_FILTERS,
  istioTypeUrl,
} from '../envoy/istioFilterTable';

const make =
  (table: typeof ISTIO_HTTP_FILTERS) =>
  (name: string, reason: string): RenderedFilter => ({
    name,
    typeUrl: istioTypeUrl(table, name),
    origin: null,
    phase: null,
    reason,
  });

export const istioHttpFilter = make(ISTIO_HTTP_FILTERS);
export const istioNetworkFilter = make(ISTIO_NETWORK_FILTERS);
export const istioListenerFilter = make(ISTIO_LISTENER_FILTERS);

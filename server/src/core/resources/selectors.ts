// Where each kind keeps its workload selector: one table for the checks, the chain engine and CodeLens.
import { isObject } from '../util/values';

export const SELECTOR_FIELDS: Record<string, { field: string; labels: string }> = {
  EnvoyFilter: { field: 'workloadSelector', labels: 'labels' },
  Telemetry: { field: 'selector', labels: 'matchLabels' },
  WasmPlugin: { field: 'selector', labels: 'matchLabels' },
  TrafficExtension: { field: 'selector', labels: 'matchLabels' },
};

/** The label map of a resource's selector (undefined when there is none). */
export function selectorLabels(kind: string, spec: Record<string, unknown>): unknown {
  const s = SELECTOR_FIELDS[kind];
  const selector = s ? spec[s.field] : undefined;
  return s && isObject(selector) ? selector[s.labels] : undefined;
}

// Label selection as Kubernetes and Istio do it: every selector label must be present with the same value.
export type Labels = Record<string, string>;

export function selects(selector: Labels | undefined, labels: Labels): boolean {
  if (!selector) return true;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

export function asLabels(v: unknown): Labels | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Labels = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) out[k] = String(val);
  return out;
}

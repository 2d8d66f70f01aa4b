// The names a metric tag override expression starts from. Istio's stats filter evaluates them against Envoy's
// attributes (request, response, connection, upstream, source, destination, metadata, filter_state,
// upstream_filter_state, xds); through Istio 1.23 it also had `node` and read any other bare name X as the filter
// state `wasm.X`. From 1.24 those resolve to nothing and the label becomes "unknown" (istio/proxy#5825, upgrade note
// telemetry-cel.yaml).

export const ATTRIBUTE_ROOTS = new Set([
  'request',
  'response',
  'connection',
  'upstream',
  'source',
  'destination',
  'metadata',
  'filter_state',
  'upstream_filter_state',
  'xds',
]);
const KEYWORDS = new Set(['true', 'false', 'null', 'in']);

/** The top-level names an expression reads (not fields after a dot, not functions, not inside strings). */
export function rootNames(expression: string): Array<{ name: string; offset: number }> {
  // Blank out string literals, keeping offsets.
  const text = expression.replace(/(['"])(?:\\.|(?!\1).)*\1/gs, (m) => ' '.repeat(m.length));
  // Variables bound by comprehension macros (`list.exists(x, x > 1)`) are not attributes.
  const bound = new Set(
    [...text.matchAll(/\.\s*(?:all|exists|exists_one|map|filter)\s*\(\s*([A-Za-z_]\w*)\s*,/g)].map((m) => m[1]),
  );
  const out: Array<{ name: string; offset: number }> = [];
  for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
    const before = text.slice(0, m.index).trimEnd();
    const after = text.slice(m.index! + m[0].length).trimStart();
    if (before.endsWith('.') || after.startsWith('(') || KEYWORDS.has(m[0]) || bound.has(m[0])) continue;
    if (/^\d/.test(m[0])) continue;
    out.push({ name: m[0], offset: m.index! });
  }
  return out;
}

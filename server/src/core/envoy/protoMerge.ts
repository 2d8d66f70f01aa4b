// The JSON effect of an EnvoyFilter MERGE, as istiod's pkg/proto/merge does it on the protobuf: messages merge field by
// field, repeated fields append (MERGE_AND_REPLACE_LIST: a list in the value replaces the existing one, an empty one
// does not clear it), maps overwrite by key, scalars and Durations are replaced.
import { isObject } from '../util/values';

export function protoMerge(
  base: Record<string, unknown>,
  value: Record<string, unknown>,
  replaceLists = false,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, v] of Object.entries(value)) {
    const existing = out[key];
    if (Array.isArray(v)) {
      if (replaceLists && v.length) out[key] = structuredClone(v);
      else out[key] = [...(Array.isArray(existing) ? existing : []), ...structuredClone(v)];
    } else if (isObject(v) && isObject(existing) && !isDuration(v)) out[key] = protoMerge(existing, v, replaceLists);
    else out[key] = structuredClone(v);
  }
  return out;
}

/** google.protobuf.Duration in its object form ({seconds, nanos}) is replaced, not merged. */
function isDuration(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k === 'seconds' || k === 'nanos');
}

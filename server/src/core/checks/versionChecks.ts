// Fields and enum values the target Istio version does not have yet (schemas/istio-versions.json).
import { Check } from './check';
import { isObject } from '../util/values';
import { changesMissingIn } from '../versions/istioVersions';
import type { PathSegment } from '../yaml/parseSlice';

export const versionAvailability: Check = {
  codes: ['ML0103', 'ML0104'],
  kinds: ['EnvoyFilter', 'Telemetry', 'WasmPlugin', 'TrafficExtension'],
  run(res, report) {
    const missing = changesMissingIn(res.kind, res.version, res.istioVersion);
    const fieldPaths = new Set(missing.filter((c) => !c.enumValue).map((c) => c.path));
    for (const change of missing) {
      // Report a missing field once, at its outermost missing ancestor.
      if (!change.enumValue && ancestors(change.path).some((a) => fieldPaths.has(a))) continue;
      for (const { path, value } of instances(res.value, change.path)) {
        if (change.enumValue) {
          if (value === change.enumValue) {
            report('ML0104', path, { value: change.enumValue, version: res.istioVersion, added: String(change.added) });
          }
        } else {
          report(
            'ML0103',
            path,
            { field: String(path[path.length - 1]), version: res.istioVersion, added: String(change.added) },
            { on: 'key' },
          );
        }
      }
    }
  },
};

function ancestors(path: string): string[] {
  const out: string[] = [];
  const re = /\.|\[\]|\{\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) if (m.index > 0) out.push(path.slice(0, m.index));
  return out.filter((p, i, all) => all.indexOf(p) === i && p !== path);
}

/** Every place in the data that a CRD path (`a.b[].c{}.d`) names. */
function instances(root: unknown, crdPath: string): Array<{ path: PathSegment[]; value: unknown }> {
  let current: Array<{ path: PathSegment[]; value: unknown }> = [{ path: [], value: root }];
  for (const token of crdPath.match(/[^.[\]{}]+|\[\]|\{\}/g) ?? []) {
    const next: typeof current = [];
    for (const { path, value } of current) {
      if (token === '[]') {
        if (Array.isArray(value)) value.forEach((v, i) => next.push({ path: [...path, i], value: v }));
      } else if (token === '{}') {
        if (isObject(value)) for (const [k, v] of Object.entries(value)) next.push({ path: [...path, k], value: v });
      } else if (isObject(value) && token in value) {
        next.push({ path: [...path, token], value: value[token] });
      }
    }
    current = next;
  }
  return current;
}

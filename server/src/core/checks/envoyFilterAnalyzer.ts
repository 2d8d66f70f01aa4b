// istioctl analyze's EnvoyFilter analyzer (pkg/config/analysis/analyzers/envoyfilter): operations that are ignored
// for their applyTo (IST0152-IST0154), and relative operations whose effect depends on ordering (IST0151).
// IST0155 needs the other EnvoyFilters of the workspace and lives with the workspace checks.
import { Check, isObject, asArray } from './check';

const ROUTE_TARGETS = ['ROUTE_CONFIGURATION', 'HTTP_ROUTE'];
const REPLACE_TARGETS = ['NETWORK_FILTER', 'HTTP_FILTER', 'VIRTUAL_HOST'];

/** The analyzer's verdict for one patch, shared with the workspace check that turns IST0151 into IST0155. */
export function patchOperationFinding(applyTo: string, op: string, priority: number): 'IST0151' | 'IST0152' | 'IST0153' | 'IST0154' | undefined {
  const relative = priority === 0 ? 'IST0151' : undefined;
  if (op === 'ADD') return ROUTE_TARGETS.includes(applyTo) ? 'IST0153' : undefined;
  if (op === 'REMOVE') return ROUTE_TARGETS.includes(applyTo) ? 'IST0154' : relative;
  if (op === 'REPLACE') return REPLACE_TARGETS.includes(applyTo) ? relative : 'IST0152';
  if (op === 'INSERT_BEFORE' || op === 'INSERT_AFTER') return relative;
  return undefined;
}

const MESSAGES: Record<string, (applyTo: string, op: string) => string> = {
  IST0151: (_a, op) => `The ${op} operation is relative to other filters, and this EnvoyFilter has no priority: whether it applies depends on the order of EnvoyFilters. Use INSERT_FIRST or ADD, or set spec.priority.`,
  IST0152: (a) => `REPLACE is ignored for applyTo ${a}; it only works for HTTP_FILTER, NETWORK_FILTER and VIRTUAL_HOST.`,
  IST0153: (a) => `ADD is ignored for applyTo ${a}.`,
  IST0154: (a) => `REMOVE is ignored for applyTo ${a}.`,
};

export const envoyFilterOperations: Check = {
  kinds: ['EnvoyFilter'],
  run(res, report) {
    const priority = typeof res.spec.priority === 'number' ? res.spec.priority : 0;
    for (const [i, cp] of asArray(res.spec.configPatches).entries()) {
      if (!isObject(cp)) continue;
      if (!isObject(cp.patch)) break; // the analyzer stops at the first patch without a patch
      const applyTo = String(cp.applyTo ?? '');
      const op = String(cp.patch.operation ?? '');
      const code = patchOperationFinding(applyTo, op, priority);
      if (code) report(code, ['spec', 'configPatches', i, 'patch', 'operation'], MESSAGES[code](applyTo, op), { data: code === 'IST0151' ? { setPriority: true } : undefined });
    }
  },
};

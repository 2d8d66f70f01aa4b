// istioctl analyze's EnvoyFilter analyzer (pkg/config/analysis/analyzers/envoyfilter): operations that are ignored
// for their applyTo (IST0152-IST0154), and relative operations whose effect depends on ordering (IST0151).
// IST0155 needs the other EnvoyFilters of the workspace and lives with the workspace checks.
import { Check } from '../check';
import { setPriority } from '../../fixes/fixers';
import { isObject, asArray } from '../../util/values';
import { istioGeneratesFilter, looksLikeExtensionFilter } from '../../envoy/istioGeneratedFilters';
import { canonicalFilterName } from '../../envoy/catalog';

const ROUTE_TARGETS = ['ROUTE_CONFIGURATION', 'HTTP_ROUTE'];
const REPLACE_TARGETS = ['NETWORK_FILTER', 'HTTP_FILTER', 'VIRTUAL_HOST'];
const ADDING = ['ADD', 'INSERT_FIRST', 'INSERT_BEFORE', 'INSERT_AFTER', 'REPLACE'];

/** The analyzer's verdict for one patch, shared with the workspace check that turns IST0151 into IST0155. */
export function patchOperationFinding(
  applyTo: string,
  op: string,
  priority: number,
): 'IST0151' | 'IST0152' | 'IST0153' | 'IST0154' | undefined {
  const relative = priority === 0 ? 'IST0151' : undefined;
  if (op === 'ADD') return ROUTE_TARGETS.includes(applyTo) ? 'IST0153' : undefined;
  if (op === 'REMOVE') return ROUTE_TARGETS.includes(applyTo) ? 'IST0154' : relative;
  if (op === 'REPLACE') return REPLACE_TARGETS.includes(applyTo) ? relative : 'IST0152';
  if (op === 'INSERT_BEFORE' || op === 'INSERT_AFTER') return relative;
  return undefined;
}

type Obj = Record<string, unknown>;

/** The filter a filter patch is relative to: the subFilter (HTTP_FILTER) or the filter (NETWORK_FILTER) it names. */
export function anchorOf(cp: Obj): string | undefined {
  const listener = isObject(cp.match) && isObject(cp.match.listener) ? cp.match.listener : undefined;
  const filter =
    listener && isObject(listener.filterChain) && isObject(listener.filterChain.filter)
      ? listener.filterChain.filter
      : undefined;
  if (!filter) return undefined;
  if (cp.applyTo === 'HTTP_FILTER')
    return isObject(filter.subFilter) && typeof filter.subFilter.name === 'string' && filter.subFilter.name
      ? filter.subFilter.name
      : undefined;
  return typeof filter.name === 'string' && filter.name ? filter.name : undefined;
}

/**
 * Why the order of EnvoyFilters cannot change what this relative filter patch does, or undefined when it can: the
 * anchor is istiod's own filter, an earlier patch of the same EnvoyFilter adds it, or there is no anchor at all
 * (istiod then prepends or appends, or skips the patch). Patches of one EnvoyFilter are applied together, in order.
 */
export function orderIndependence(patches: unknown[], index: number): string | undefined {
  const cp = patches[index] as Obj;
  const applyTo = String(cp.applyTo ?? '');
  if (applyTo !== 'HTTP_FILTER' && applyTo !== 'NETWORK_FILTER') return undefined;
  const op = isObject(cp.patch) ? String(cp.patch.operation ?? '') : '';
  const anchor = anchorOf(cp);
  if (anchor === undefined) {
    const what = applyTo === 'HTTP_FILTER' ? 'subFilter' : 'filter';
    if (op === 'INSERT_BEFORE' || op === 'INSERT_AFTER')
      return `with no ${what} match istiod inserts the filter ${op === 'INSERT_BEFORE' ? 'first' : 'last'}, whatever other EnvoyFilters did`;
    return `with no ${what} match istiod skips ${op}, whatever other EnvoyFilters did`;
  }
  const canonical = canonicalFilterName(anchor);
  if (canonical)
    return `${anchor} is a deprecated name that no filter istiod generates carries (it names ${canonical}; see ML0325), so the patch applies nowhere, whatever the order`;
  const context = isObject(cp.match) && typeof cp.match.context === 'string' ? cp.match.context : 'ANY';
  const generated = istioGeneratesFilter(applyTo, anchor, context);
  if (generated.length)
    return `${anchor} is a filter istiod itself generates (${generated.join(', ')}) before any EnvoyFilter is applied`;
  for (let j = index - 1; j >= 0; j--) {
    const earlier = patches[j];
    if (!isObject(earlier) || earlier.applyTo !== applyTo || !isObject(earlier.patch)) continue;
    const value = earlier.patch.value;
    if (ADDING.includes(String(earlier.patch.operation)) && isObject(value) && value.name === anchor)
      return `${anchor} is added by patch ${j} of this same EnvoyFilter, which istiod applies just before`;
  }
  return undefined;
}

/** Which IST0151 message fits: the order cannot matter, or the kind of anchor that makes it matter. */
function relativeVariant(anchor: string | undefined, independent: string | undefined): string {
  if (independent) return 'independent';
  if (anchor && looksLikeExtensionFilter(anchor)) return 'extensionAnchor';
  return anchor ? 'otherAnchor' : 'noAnchor';
}

export const envoyFilterOperations: Check = {
  codes: ['IST0151', 'IST0152', 'IST0153', 'IST0154'],
  fixes: { IST0151: [setPriority] },
  kinds: ['EnvoyFilter'],
  run(res, report) {
    const priority = typeof res.spec.priority === 'number' ? res.spec.priority : 0;
    const patches = asArray(res.spec.configPatches);
    for (const [i, cp] of patches.entries()) {
      if (!isObject(cp)) continue;
      if (!isObject(cp.patch)) break; // the analyzer stops at the first patch without a patch
      const applyTo = String(cp.applyTo ?? '');
      const op = String(cp.patch.operation ?? '');
      const code = patchOperationFinding(applyTo, op, priority);
      const path = ['spec', 'configPatches', i, 'patch', 'operation'];
      if (code === 'IST0151') {
        const independent = orderIndependence(patches, i);
        const anchor = anchorOf(cp);
        report(
          code,
          path,
          { op, anchor: anchor ?? '', reason: independent ?? '' },
          {
            data: { setPriority: true },
            severity: independent ? 'info' : undefined,
            variant: relativeVariant(anchor, independent),
          },
        );
      } else if (code) report(code, path, { applyTo });
    }
  },
};

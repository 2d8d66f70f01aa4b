// Where an HTTP_FILTER patch lands, from the patch alone (istiod's patchHTTPFilters): after the router, which Envoy
// rejects, or nowhere, because istiod skips it or it targets a filter that never holds HTTP filters.
import { Check } from '../check';
import { isObject, asArray } from '../../util/values';
import { anchorOf } from './operations';

const HCM = 'envoy.filters.network.http_connection_manager';
const DEPRECATED_HCM = 'envoy.http_connection_manager';
const ROUTER = 'envoy.filters.http.router';

type Obj = Record<string, unknown>;

function matchedFilter(cp: Obj): Obj | undefined {
  const listener = isObject(cp.match) && isObject(cp.match.listener) ? cp.match.listener : undefined;
  return listener && isObject(listener.filterChain) && isObject(listener.filterChain.filter)
    ? listener.filterChain.filter
    : undefined;
}

/** Whether a patch of the same EnvoyFilter removes or replaces the router, so that something else may end the chain. */
function movesRouter(patches: unknown[]): boolean {
  return patches.some(
    (p) =>
      isObject(p) &&
      p.applyTo === 'HTTP_FILTER' &&
      isObject(p.patch) &&
      (p.patch.operation === 'REMOVE' || p.patch.operation === 'REPLACE') &&
      anchorOf(p) === ROUTER,
  );
}

export const httpFilterPlacement: Check = {
  codes: ['ML0327', 'ML0328'],
  kinds: ['EnvoyFilter'],
  run(res, report) {
    const patches = asArray(res.spec.configPatches);
    patches.forEach((cp, i) => {
      if (!isObject(cp) || cp.applyTo !== 'HTTP_FILTER' || !isObject(cp.patch)) return;
      if (isObject(cp.match) && cp.match.context === 'WAYPOINT') return;
      const op = String(cp.patch.operation ?? '');
      const opPath = ['spec', 'configPatches', i, 'patch', 'operation'];
      const filter = matchedFilter(cp);
      const filterName = typeof filter?.name === 'string' ? filter.name : undefined;
      if (filterName && filterName !== HCM && filterName !== DEPRECATED_HCM && !isObject(filter?.subFilter)) {
        report(
          'ML0328',
          ['spec', 'configPatches', i, 'match', 'listener', 'filterChain', 'filter', 'name'],
          { hcm: HCM, filter: filterName },
          { variant: 'notHcm' },
        );
        return;
      }
      const anchor = anchorOf(cp);
      // A subFilter without a name is the webhook's error (ML0324); this is about a missing subFilter.
      if ((op === 'REPLACE' || op === 'REMOVE') && anchor === undefined && !isObject(filter?.subFilter)) {
        report('ML0328', opPath, { op }, { variant: 'noSubFilter' });
        return;
      }
      const afterRouter = op === 'ADD' || (op === 'INSERT_AFTER' && (anchor === undefined || anchor === ROUTER));
      if (afterRouter && !movesRouter(patches)) {
        const how =
          op === 'ADD'
            ? `ADD appends the filter at the end of the chain${cp.patch.filterClass !== undefined ? ' (istiod never reads filterClass)' : ''}, after ${ROUTER}`
            : anchor === ROUTER
              ? `INSERT_AFTER ${ROUTER} puts the filter after it`
              : `INSERT_AFTER without a subFilter match appends the filter at the end of the chain, after ${ROUTER}`;
        report('ML0327', opPath, { how, router: ROUTER });
      }
    });
  },
};

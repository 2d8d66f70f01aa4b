// EnvoyFilter match rules of istiod's webhook (pkg/config/validation/envoyfilter): proxy version, applyTo class
// versus match class, filter and subFilter matches, deprecated names, and the warning every EnvoyFilter gets.
import { Check, Report } from '../check';
import { configPatches } from '../../resources/configPatches';
import { replaceWithSuggestion } from '../../fixes/fixers';
import { isObject } from '../../util/values';
import { canonicalFilterName } from '../../envoy/catalog';
import type { PathSegment } from '../../yaml/parseSlice';

const LISTENER_CLASS = ['LISTENER', 'FILTER_CHAIN', 'NETWORK_FILTER', 'HTTP_FILTER'];
const ROUTE_CLASS = ['ROUTE_CONFIGURATION', 'VIRTUAL_HOST', 'HTTP_ROUTE'];
const MATCH_KINDS = ['listener', 'routeConfiguration', 'cluster'];
const HCM_NAMES = ['envoy.filters.network.http_connection_manager', 'envoy.http_connection_manager'];

export const envoyFilterInternals: Check = {
  codes: ['ML0320'],
  kinds: ['EnvoyFilter'],
  run(_res, report) {
    report('ML0320', ['kind']);
  },
};

export const envoyFilterMatches: Check = {
  codes: ['ML0321', 'ML0322', 'ML0323', 'ML0324', 'ML0325'],
  fixes: { ML0325: [replaceWithSuggestion] },
  kinds: ['EnvoyFilter'],
  run(res, report) {
    configPatches(res.spec).forEach(({ patch: cp, index: i }) => {
      if (!isObject(cp) || !isObject(cp.patch)) return; // patchCompleteness reports these, and the webhook stops there
      const match = isObject(cp.match) ? cp.match : undefined;
      if (match?.context === 'WAYPOINT') return; // the webhook skips WAYPOINT patches
      const base: PathSegment[] = ['spec', 'configPatches', i, 'match'];
      const applyTo = String(cp.applyTo ?? '');
      const proxy = isObject(match?.proxy) ? match!.proxy : undefined;
      if (typeof proxy?.proxyVersion === 'string' && proxy.proxyVersion !== '')
        checkProxyVersion(proxy.proxyVersion, [...base, 'proxy', 'proxyVersion'], report);
      if (!match) return;
      const matchKind = MATCH_KINDS.find((k) => match[k] !== undefined);
      if (LISTENER_CLASS.includes(applyTo) && matchKind && matchKind !== 'listener') {
        report('ML0322', [...base, matchKind], { class: 'listener', match: 'listener' }, { on: 'key' });
      } else if (ROUTE_CLASS.includes(applyTo) && matchKind && matchKind !== 'routeConfiguration') {
        report('ML0322', [...base, matchKind], { class: 'http route', match: 'route configuration' }, { on: 'key' });
      } else if (applyTo === 'CLUSTER' && matchKind && matchKind !== 'cluster') {
        report('ML0322', [...base, matchKind], { class: 'cluster', match: 'cluster' }, { on: 'key' });
      }
      const listener = isObject(match.listener) ? match.listener : undefined;
      const chain = isObject(listener?.filterChain) ? listener!.filterChain : undefined;
      const filter = isObject(chain?.filter) ? chain!.filter : undefined;
      if (!filter) return;
      const fpath: PathSegment[] = [...base, 'listener', 'filterChain', 'filter'];
      if (applyTo === 'LISTENER' || applyTo === 'FILTER_CHAIN') report('ML0323', fpath, { applyTo }, { on: 'key' });
      if (typeof filter.name !== 'string' || filter.name === '') {
        report('ML0324', fpath, {}, { on: 'key', variant: 'noFilterName' });
        return;
      }
      checkDeprecatedName(filter.name, [...fpath, 'name'], report);
      const sub = isObject(filter.subFilter) ? filter.subFilter : undefined;
      if (!sub) return;
      const spath: PathSegment[] = [...fpath, 'subFilter'];
      if (applyTo !== 'HTTP_FILTER') report('ML0324', spath, {}, { on: 'key', variant: 'subFilterApplyTo' });
      else if (!HCM_NAMES.includes(filter.name))
        report('ML0324', [...fpath, 'name'], {}, { variant: 'subFilterNeedsHcm' });
      else if (typeof sub.name !== 'string' || sub.name === '')
        report('ML0324', spath, {}, { on: 'key', variant: 'noSubFilterName' });
      else checkDeprecatedName(sub.name, [...spath, 'name'], report);
    });
  },
};

function checkDeprecatedName(name: string, path: PathSegment[], report: Report): void {
  const canonical = canonicalFilterName(name);
  if (canonical) report('ML0325', path, { name, canonical }, { data: { replacement: canonical } });
}

const RE2_UNSUPPORTED = /\(\?[=!]|\(\?<[=!]|\\[1-9]/;

function checkProxyVersion(pattern: string, path: PathSegment[], report: Report): void {
  if (pattern.length > 1024) {
    report('ML0321', path, {}, { on: 'key', severity: 'warning', variant: 'tooLong' });
    return;
  }
  let error: string | undefined;
  if (RE2_UNSUPPORTED.test(pattern))
    error = 'lookaround and backreferences are not supported by Go regular expressions';
  else {
    try {
      new RegExp(pattern);
    } catch (e) {
      error = (e as Error).message.replace(/^Invalid regular expression: /, '');
    }
  }
  if (error) report('ML0321', path, { error }, { variant: 'invalid' });
}

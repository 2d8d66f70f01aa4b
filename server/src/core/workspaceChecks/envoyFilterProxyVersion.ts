// IST0155: a relative operation on a filter that an earlier-analysed EnvoyFilter patch matches by proxyVersion.
// istioctl reports IST0155 instead of IST0151 for such patches; the per-resource check reported IST0151, so this
// check supersedes it.
import type { WorkspaceCheck } from './workspaceCheck';
import { setPriority } from '../fixes/fixers';
import { isObject, asArray } from '../util/values';
import { patchOperationFinding } from '../checks/envoyFilter/operations';
import { compareText } from '../util/compareText';

function instanceName(cp: Record<string, unknown>): string | undefined {
  const value = isObject(cp.patch) ? cp.patch.value : undefined;
  if (isObject(value) && typeof value.name === 'string') return value.name;
  const filter =
    isObject(cp.match) && isObject(cp.match.listener) && isObject(cp.match.listener.filterChain)
      ? cp.match.listener.filterChain.filter
      : undefined;
  return isObject(filter) && typeof filter.name === 'string' ? filter.name : undefined;
}

export const relativeOperationWithProxyVersion: WorkspaceCheck = {
  codes: ['IST0155'],
  fixes: { IST0155: [setPriority] },
  run(ws, report) {
    const versioned = new Set<string>();
    const filters = ws.resources
      .filter((r) => r.kind === 'EnvoyFilter')
      .sort((a, b) => compareText(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
    for (const r of filters) {
      const priority = typeof r.spec.priority === 'number' ? r.spec.priority : 0;
      for (const [i, cp] of asArray(r.spec.configPatches).entries()) {
        if (!isObject(cp)) continue;
        if (!isObject(cp.patch)) break;
        const name = instanceName(cp);
        const proxy = isObject(cp.match) && isObject(cp.match.proxy) ? cp.match.proxy : undefined;
        const code = patchOperationFinding(String(cp.applyTo ?? ''), String(cp.patch.operation ?? ''), priority);
        // Only patches analysed before this one count: the analyzer records a patch's name after checking it.
        const earlier = name !== undefined && versioned.has(name);
        if (name && typeof proxy?.proxyVersion === 'string' && proxy.proxyVersion) versioned.add(name);
        if (code === 'IST0151' && earlier) {
          report(
            r,
            'IST0155',
            ['spec', 'configPatches', i, 'patch', 'operation'],
            { operation: String(cp.patch.operation), name },
            { data: { supersedes: 'IST0151', setPriority: true } },
          );
        }
      }
    }
  },
};

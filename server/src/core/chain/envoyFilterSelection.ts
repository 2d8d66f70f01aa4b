// Which EnvoyFilters select a proxy, in istiod's merged order (pilot/pkg/model/push_context.go EnvoyFilters,
// getMatchedEnvoyFilters), and why the ones near it do not.
import { isObject } from '../util/values';
import { configPatches } from '../resources/configPatches';
import type { Workspace, ResourceRecord } from '../workspace/workspace';
import type { ProxyContext } from '../proxy/proxyContext';
import type { PatchOutcome, Origin } from './types';
import { shouldAttach, searchedNamespaces, creationTime, targetRefsOf } from '../proxy/attachment';
import { asLabels, selects } from '../workspace/labels';
import { selectorLabels } from '../resources/selectors';
import { atLeast, VERSION_FACTS } from '../versions/versionFacts';
import { compareText } from '../util/compareText';

/**
 * The EnvoyFilters that select the proxy, in istiod's merged order (push_context.go EnvoyFilters): from 1.22 one list
 * by priority, the root namespace first at equal priority; before 1.22 every root-namespace EnvoyFilter came first,
 * whatever the priorities. Then creation time, then `name.namespace`.
 */
export function selectedEnvoyFilters(ws: Workspace, ctx: ProxyContext): ResourceRecord[] {
  const namespaces = searchedNamespaces(ctx);
  const mergedByPriority = atLeast(ctx.istioVersion, VERSION_FACTS.envoyFilterRootFirst);
  const priority = (r: ResourceRecord) => (typeof r.spec.priority === 'number' ? r.spec.priority : 0);
  const rootRank = (r: ResourceRecord) => (r.namespace === ctx.rootNamespace ? 0 : 1);
  return namespaces
    .flatMap((ns) => ws.inNamespace(ns).resources)
    .filter((r) => r.kind === 'EnvoyFilter')
    .filter((r) =>
      // Before 1.27 istiod read only the workloadSelector of EnvoyFilters and ignored targetRefs.
      atLeast(ctx.istioVersion, VERSION_FACTS.envoyFilterTargetRefs)
        ? shouldAttach(r.namespace, r.spec, selectorLabels(r.kind, r.spec), ctx)
        : selects(asLabels(selectorLabels(r.kind, r.spec)), ctx.workload.labels),
    )
    .sort((a, b) => {
      if (!mergedByPriority && rootRank(a) !== rootRank(b)) return rootRank(a) - rootRank(b);
      if (priority(a) !== priority(b)) return priority(a) - priority(b);
      if (rootRank(a) !== rootRank(b)) return rootRank(a) - rootRank(b);
      return (
        compareText(creationTime(a.value), creationTime(b.value)) ||
        compareText(`${a.name}.${a.namespace}`, `${b.name}.${b.namespace}`)
      );
    });
}

/** Why an EnvoyFilter of a namespace near the workload does not select it (the question users bring to a preview). */
function whyNotSelected(r: ResourceRecord, ctx: ProxyContext): string {
  const searched = searchedNamespaces(ctx);
  if (!searched.includes(r.namespace))
    return `not selected: istiod looks for EnvoyFilters only in ${searched.join(' and ')} (the root namespace is ${ctx.rootNamespace}), not in ${r.namespace}`;
  const refs = targetRefsOf(r.spec);
  if (refs.length && !ctx.gatewayApiName)
    return 'not selected: targetRefs attach only to Gateway API gateways and waypoints, and this workload is neither';
  if (refs.length)
    return `not selected: no targetRef names Gateway ${ctx.gatewayApiName} in namespace ${ctx.workload.namespace}`;
  const labels = asLabels(selectorLabels(r.kind, r.spec)) ?? {};
  const missing = Object.entries(labels)
    .filter(([k, v]) => ctx.workload.labels[k] !== v)
    .map(([k, v]) =>
      ctx.workload.labels[k] === undefined
        ? `${k}=${v} (the workload has no ${k} label)`
        : `${k}=${v} (the workload has ${k}=${ctx.workload.labels[k]})`,
    );
  return `not selected: workloadSelector label${missing.length === 1 ? '' : 's'} ${missing.join(', ')} do${missing.length === 1 ? 'es' : ''} not match`;
}

/**
 * The EnvoyFilters of the workload's namespace, the root namespace and istio-system that do not select the workload,
 * one outcome per patch, so that "why doesn't my EnvoyFilter apply?" has an answer in the preview.
 */
export function nearMisses(ws: Workspace, ctx: ProxyContext, selected: ResourceRecord[]): PatchOutcome[] {
  const chosen = new Set(selected);
  const namespaces = [...new Set([ctx.workload.namespace, ctx.rootNamespace, 'istio-system'])];
  const out: PatchOutcome[] = [];
  for (const r of namespaces.flatMap((ns) => ws.inNamespace(ns).resources)) {
    if (r.kind !== 'EnvoyFilter' || chosen.has(r)) continue;
    const reason = whyNotSelected(r, ctx);
    configPatches(r.spec).forEach(({ patch: cp, index: index }) => {
      if (!isObject(cp) || !isObject(cp.patch)) return;
      out.push({
        envoyFilter: `${r.namespace}/${r.name}`,
        index,
        applyTo: String(cp.applyTo ?? ''),
        operation: String(cp.patch.operation ?? ''),
        applied: false,
        reason,
        origin: originOf(r),
        selected: false,
      });
    });
  }
  return out;
}

export function originOf(r: ResourceRecord): Origin {
  return { kind: 'EnvoyFilter', namespace: r.namespace, name: r.name, uri: r.uri, docIndex: r.docIndex };
}

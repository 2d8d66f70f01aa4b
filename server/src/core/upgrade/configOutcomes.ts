// The upgrade check's view of the patches outside filter chains (LISTENER, FILTER_CHAIN, LISTENER_FILTER, CLUSTER,
// ROUTE_CONFIGURATION, VIRTUAL_HOST, HTTP_ROUTE): the whole proxy config of each workload such a patch's EnvoyFilter
// selects, under both versions, and the patches whose outcome differs. Names istiod derives change across versions
// (InboundPassthroughClusterIpv4 became InboundPassthroughCluster in 1.23, waypoint chains took their clusters' names
// in 1.24, Gateway API route configurations changed separator in 1.28), and a patch that matched by name stops.
import { CONFIG_OBJECT_KINDS } from '../proxyConfig/types';
import type { Workspace } from '../workspace/workspace';
import { configPatches } from '../resources/configPatches';
import { selectedEnvoyFilters } from '../chain/envoyFilterSelection';
import { proxyContext, isGatewayWorkload } from '../proxy/proxyContext';
import { cachedProxyConfig } from '../proxyConfig/renderProxyConfig';
import type { ConfigPatchOutcome } from '../proxyConfig/types';

const MAX_WORKLOADS = 500;

export interface OutcomeChange {
  workload: string;
  before: ConfigPatchOutcome;
  after: ConfigPatchOutcome;
}

export function configOutcomeChanges(before: Workspace, after: Workspace, from: string, to: string): OutcomeChange[] {
  const efs = after.resources.filter(
    (r) =>
      r.kind === 'EnvoyFilter' &&
      configPatches(r.spec).some(({ patch }) => CONFIG_OBJECT_KINDS.has(String(patch.applyTo))),
  );
  if (!efs.length) return [];
  const out: OutcomeChange[] = [];
  let budget = MAX_WORKLOADS;
  for (const w of after.workloads) {
    const probe = proxyContext(w, isGatewayWorkload(w) ? 'gateway' : 'inbound', 1, after.meshConfig.rootNamespace, to);
    if (!selectedEnvoyFilters(after, probe).some((r) => efs.includes(r))) continue;
    if (budget-- <= 0) break;
    const id = `${w.namespace}/${w.name}`;
    const was = new Map(
      cachedProxyConfig(before, id, from).patches.map((p) => [`${p.envoyFilter}#${p.index}`, p] as const),
    );
    for (const p of cachedProxyConfig(after, id, to).patches) {
      if (!CONFIG_OBJECT_KINDS.has(p.applyTo) || p.selected === false) continue;
      const old = was.get(`${p.envoyFilter}#${p.index}`);
      if (old && old.selected !== false && old.applied !== p.applied) out.push({ workload: id, before: old, after: p });
    }
  }
  return out;
}

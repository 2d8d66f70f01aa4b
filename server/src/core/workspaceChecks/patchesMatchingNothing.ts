// ML0801: EnvoyFilter HTTP/NETWORK patches that change no chain of any workload they select, found by rendering the
// chains of those workloads. Only decided where the workspace shows the chains: the workload's own ports for
// inbound and gateway, the workspace's Service ports for outbound.
import type { WorkspaceCheck } from './workspaceCheck';
import { configPatches } from '../resources/configPatches';
import { isObject, asArray } from '../util/values';
import { listWorkloads, renderChain } from '../chain/renderChain';
import type { Direction } from '../chain/types';
import { selectedEnvoyFilters } from '../chain/envoyFilterSelection';
import { proxyContext } from '../proxy/proxyContext';

const CONTEXT_OF: Record<Direction, string> = {
  inbound: 'SIDECAR_INBOUND',
  outbound: 'SIDECAR_OUTBOUND',
  gateway: 'GATEWAY',
};
const MAX_CHAINS = 2000;

export const patchesMatchingNothing: WorkspaceCheck = {
  codes: ['ML0801'],
  run(ws, report) {
    const version = ws.istioVersion;
    const efs = ws.resources.filter(
      (r) =>
        r.kind === 'EnvoyFilter' &&
        asArray(r.spec.configPatches).some(
          (cp) => isObject(cp) && (cp.applyTo === 'HTTP_FILTER' || cp.applyTo === 'NETWORK_FILTER'),
        ),
    );
    if (!efs.length || !ws.workloads.length) return;
    // key "ns/name#index" -> what happened in each rendered chain
    const seen = new Map<
      string,
      {
        applied: boolean;
        contexts: Set<string>;
        reasons: Array<{ context: string; text: string }>;
        workloads: Set<string>;
      }
    >();
    let budget = MAX_CHAINS;
    for (const w of listWorkloads(ws)) {
      const workload = ws.workloads.find((x) => `${x.namespace}/${x.name}` === w.id)!;
      const directions = Object.entries(w.ports) as Array<[Direction, number[]]>;
      // Skip workloads no EnvoyFilter selects.
      const probe = proxyContext(workload, directions[0]?.[0] ?? 'inbound', 1, ws.meshConfig.rootNamespace, version);
      if (!selectedEnvoyFilters(ws, probe).some((r) => efs.includes(r))) continue;
      for (const [direction, ports] of directions) {
        for (const port of ports) {
          if (budget-- <= 0) return; // very large workspaces: stop rather than stall the editor
          const chain = renderChain(ws, w.id, direction, port, version);
          for (const p of chain.patches) {
            if (p.evaluated === false || p.selected === false) continue;
            const key = `${p.envoyFilter}#${p.index}`;
            const entry = seen.get(key) ?? { applied: false, contexts: new Set(), reasons: [], workloads: new Set() };
            entry.applied ||= p.applied;
            entry.contexts.add(CONTEXT_OF[direction]);
            entry.workloads.add(w.id);
            if (!p.applied) entry.reasons.push({ context: CONTEXT_OF[direction], text: `${p.reason} (${w.id})` });
            seen.set(key, entry);
          }
        }
      }
    }
    for (const r of efs) {
      configPatches(r.spec).forEach(({ patch: cp, index: i }) => {
        if (!isObject(cp)) return;
        const entry = seen.get(`${r.namespace}/${r.name}#${i}`);
        if (!entry || entry.applied) return;
        const context = isObject(cp.match) && typeof cp.match.context === 'string' ? cp.match.context : 'ANY';
        // Undecided when the chains this patch aims at were not rendered (say, outbound with no Services around).
        if (context !== 'ANY' && !entry.contexts.has(context)) return;
        const reason = entry.reasons.find((x) => context === 'ANY' || x.context === context) ?? entry.reasons[0];
        const n = entry.workloads.size;
        report(
          r,
          'ML0801',
          ['spec', 'configPatches', i, isObject(cp.match) ? 'match' : 'applyTo'],
          { count: n, plural: n === 1 ? '' : 's', reason: reason?.text ?? 'nothing matched' },
          { on: 'key', variant: 'chains' },
        );
      });
    }
  },
};

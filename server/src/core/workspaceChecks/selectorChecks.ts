// Selectors against the workloads in the workspace: a selector that matches nothing (IST0101), and one that hits a
// Gateway API gateway's pods, where targetRefs is the way to attach (IST0166).
import type { WorkspaceCheck } from './workspaceCheck';
import { SELECTOR_FIELDS, selectorLabels } from '../resources/selectors';
import { asLabels, selects } from '../workspace/labels';
import { GATEWAY_NAME_LABEL } from '../workspace/workloads';

export const selectorTargets: WorkspaceCheck = {
  run(ws, report) {
    const namespacesWithWorkloads = new Set(ws.workloads.map((w) => w.namespace));
    for (const r of ws.resources) {
      const { field } = SELECTOR_FIELDS[r.kind];
      const labels = asLabels(selectorLabels(r.kind, r.spec));
      if (!labels || Object.keys(labels).length === 0) continue;
      // The root namespace's selectors reach no other namespace for Telemetry; for the others they apply mesh-wide.
      const rootWide = r.namespace === ws.meshConfig.rootNamespace && r.kind !== 'Telemetry';
      const candidates = ws.workloads.filter((w) => rootWide || w.namespace === r.namespace);
      const matched = candidates.filter((w) => selects(labels, w.labels));
      if (matched.length === 0 && (rootWide ? ws.workloads.length > 0 : namespacesWithWorkloads.has(r.namespace))) {
        const shown = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
        report(r, 'IST0101', ['spec', field], `Referenced selector not found: "${shown}" matches no workload in ${rootWide ? 'the workspace' : `namespace ${r.namespace}`} (${candidates.length} workload${candidates.length === 1 ? '' : 's'} there).`, { on: 'key' });
      }
      if (r.kind === 'Telemetry' || r.kind === 'WasmPlugin') {
        for (const gw of matched.filter((w) => w.labels[GATEWAY_NAME_LABEL] !== undefined)) {
          report(r, 'IST0166', ['spec', field], `The selector matches the pods of Gateway API gateway ${gw.labels[GATEWAY_NAME_LABEL]}; use targetRefs to attach to it (kind: Gateway, group: gateway.networking.k8s.io, name: ${gw.labels[GATEWAY_NAME_LABEL]}).`, { on: 'key' });
        }
      }
    }
  },
};

// Selectors against the workloads in the workspace: a selector that matches nothing (IST0101 for Telemetry, as
// istioctl's telemetry/selector.go reports it; ML0802 for the kinds istioctl does not check), and one that hits a
// Gateway API gateway's pods, where targetRefs is the way to attach (IST0166).
import type { WorkspaceCheck } from './workspaceCheck';
import { SELECTOR_FIELDS, selectorLabels } from '../resources/selectors';
import { asLabels, selects } from '../workspace/labels';
import { GATEWAY_NAME_LABEL } from '../workspace/workloads';
import { targetRefsOf } from '../proxy/attachment';

export const selectorTargets: WorkspaceCheck = {
  codes: ['IST0101', 'IST0166', 'ML0802'],
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
      // A workspace is part of a cluster: say "matches nothing" only where it holds the namespace's workloads.
      if (matched.length === 0 && namespacesWithWorkloads.has(r.namespace)) {
        const shown = Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
        const where = rootWide ? 'the workspace' : `namespace ${r.namespace}`;
        const count = `${candidates.length} workload${candidates.length === 1 ? '' : 's'} there`;
        if (r.kind === 'Telemetry')
          report(r, 'IST0101', ['spec', field], { selector: shown, where, count }, { on: 'key' });
        else
          report(r, 'ML0802', ['spec', field], { field, selector: shown, where, count, kind: r.kind }, { on: 'key' });
      }
      // istioctl skips resources that attach by targetRef (k8sgateway/workloadselector.go).
      if ((r.kind === 'Telemetry' || r.kind === 'WasmPlugin') && targetRefsOf(r.spec).length === 0) {
        for (const gw of matched.filter((w) => w.labels[GATEWAY_NAME_LABEL] !== undefined)) {
          report(r, 'IST0166', ['spec', field], { gateway: gw.labels[GATEWAY_NAME_LABEL] }, { on: 'key' });
        }
      }
    }
  },
};

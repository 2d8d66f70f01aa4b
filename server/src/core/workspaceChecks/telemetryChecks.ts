// istioctl analyze's Telemetry analyzers, over the workspace: namespace-wide conflicts (IST0160), overlapping
// selectors (IST0159), providers (IST0157, IST0002) and Meshlens's unknown-provider check (ML0701).
import type { WorkspaceCheck } from './workspaceCheck';
import { isObject, asArray } from '../util/values';
import { asLabels, selects } from '../workspace/labels';

const hasSelector = (spec: Record<string, unknown>) => isObject(spec.selector);
const hasTargetRef = (spec: Record<string, unknown>) =>
  spec.targetRef !== undefined || asArray(spec.targetRefs).length > 0;

export const telemetryNamespaceDefaults: WorkspaceCheck = {
  codes: ['IST0160'],
  run(ws, report) {
    const byNamespace = new Map<string, typeof ws.resources>();
    for (const r of ws.resources) {
      if (r.kind !== 'Telemetry' || hasSelector(r.spec) || hasTargetRef(r.spec)) continue;
      byNamespace.set(r.namespace, [...(byNamespace.get(r.namespace) ?? []), r]);
    }
    for (const [ns, list] of byNamespace) {
      if (list.length < 2) continue;
      const names = list.map((r) => r.name).sort();
      for (const r of list) {
        report(r, 'IST0160', ['metadata', 'name'], { names: names.join(', '), namespace: ns });
      }
    }
  },
};

export const telemetrySelectorConflicts: WorkspaceCheck = {
  codes: ['IST0159'],
  run(ws, report) {
    const withSelectors = ws.resources.filter((r) => r.kind === 'Telemetry' && isObject(r.spec.selector));
    for (const w of ws.workloads) {
      const matching = withSelectors.filter(
        (r) =>
          r.namespace === w.namespace &&
          selects(asLabels((r.spec.selector as Record<string, unknown>).matchLabels), w.labels),
      );
      if (matching.length < 2) continue;
      const names = matching.map((r) => r.name).sort();
      for (const r of matching) {
        report(
          r,
          'IST0159',
          ['spec', 'selector'],
          { names: names.join(', '), namespace: w.namespace, kind: w.kind, name: w.name },
          { on: 'key' },
        );
      }
    }
  },
};

export const telemetryProviders: WorkspaceCheck = {
  codes: ['IST0002', 'IST0157', 'ML0701'],
  run(ws, report) {
    const mesh = ws.meshConfig;
    for (const r of ws.resources) {
      if (r.kind !== 'Telemetry') continue;
      asArray(r.spec.accessLogging).forEach((entry, i) => {
        if (!isObject(entry)) return;
        if (
          asArray(entry.providers).length === 0 &&
          entry.disabled !== true &&
          mesh.defaultProviders.accessLogging.length === 0
        ) {
          report(r, 'IST0157', ['spec', 'accessLogging', i], { index: i, meshConfig: mesh.source });
        }
      });
      for (const section of ['metrics', 'tracing', 'accessLogging']) {
        asArray(r.spec[section]).forEach((entry, i) => {
          if (!isObject(entry)) return;
          asArray(entry.providers).forEach((p, j) => {
            if (!isObject(p) || typeof p.name !== 'string' || !p.name) return;
            const type = mesh.providers.get(p.name.toLowerCase());
            const path = ['spec', section, i, 'providers', j, 'name'];
            if (type === 'lightstep') report(r, 'IST0002', path, { name: p.name });
            else if (type === undefined && mesh.explicit) {
              report(r, 'ML0701', path, {
                name: p.name,
                meshConfig: mesh.source,
                defined: [...mesh.providers.keys()].sort().join(', '),
              });
            }
          });
        });
      }
    }
  },
};

// `meshlens upgrade-check`: what changes for the workspace's workloads between two Istio versions.
import { upgradeCheck, LineIndex, UpgradeFinding } from '../core';
import type { Input } from './readInputs';
import { range1, Result } from './checkFiles';

export interface UpgradeResult extends Result {
  resource: UpgradeFinding['resource'];
  patchIndex: number | null;
  workloads: string[];
}

export function runUpgradeCheck(
  inputs: Input[],
  from: string,
  to: string,
  meshConfig: Parameters<typeof upgradeCheck>[3],
): UpgradeResult[] {
  const texts = new Map(inputs.map((i, n) => [`${i.file}\u0000${n}`, i]));
  const lines = new Map<string, LineIndex>();
  const findings = upgradeCheck(
    [...texts].map(([uri, i]) => ({ uri, text: i.text })),
    from,
    to,
    meshConfig,
  );
  return findings.map((f) => {
    const input = texts.get(f.uri)!;
    let index = lines.get(f.uri);
    if (!index) lines.set(f.uri, (index = new LineIndex(input.text)));
    return {
      file: input.file,
      range: range1(index, f.start, f.end),
      severity: f.severity,
      code: f.code,
      message: f.workloads.length ? `${f.message} Workloads: ${f.workloads.sort().join(', ')}.` : f.message,
      resource: f.resource,
      patchIndex: f.patchIndex,
      workloads: f.workloads.sort(),
    };
  });
}

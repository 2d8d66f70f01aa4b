// `meshlens chain` and `meshlens telemetry`: the preview's engine on the command line.
import {
  analyzeFile,
  Workspace,
  renderChain,
  workloadTelemetry,
  ChainResult,
  EffectiveTelemetry,
  Direction,
  RenderedFilter,
} from '../core';
import type { Input } from './readInputs';

export function workspaceOf(inputs: Input[], istioVersion: string): Workspace {
  const ws = new Workspace();
  ws.istioVersion = istioVersion;
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    const key = seen.has(input.file) ? `${input.file} (#${i + 1})` : input.file;
    seen.add(key);
    ws.setFile(key, analyzeFile(input.text, { istioVersion }));
  });
  return ws;
}

/** JSON without the workspace-internal location fields (uri, docIndex) of origins. */
export function publicJson(value: unknown): string {
  return JSON.stringify(value, (key, v) => (key === 'uri' || key === 'docIndex' ? undefined : v), 2) + '\n';
}

function originText(f: RenderedFilter): string {
  if (!f.origin) return `istio${f.reason ? `: ${f.reason}` : ''}`;
  return `${f.origin.kind} ${f.origin.namespace}/${f.origin.name}${f.phase ? ` [${f.phase}]` : ''}`;
}

export function chainText(r: ChainResult): string {
  const lines: string[] = [];
  lines.push(
    `${r.workload} ${r.direction} port ${r.port} (Istio ${r.istioVersion}, ${r.proxy}; listener ${r.listener}${r.filterChain ? `, filter chain ${r.filterChain}` : ''})`,
  );
  lines.push('', 'HTTP filters:');
  r.httpFilters.forEach((f, i) => {
    const patched = f.patchedBy?.length
      ? `  (patched by ${f.patchedBy.map((p) => `${p.envoyFilter}#${p.index} ${p.operation}`).join(', ')})`
      : '';
    lines.push(`  ${String(i + 1).padStart(2)}. ${f.name || '(unnamed)'}  <- ${originText(f)}${patched}`);
  });
  lines.push('', 'Network filters:');
  r.networkFilters.forEach((f, i) =>
    lines.push(`  ${String(i + 1).padStart(2)}. ${f.name || '(unnamed)'}  <- ${originText(f)}`),
  );
  if (r.patches.length) {
    lines.push('', 'EnvoyFilter patches:');
    for (const p of r.patches)
      lines.push(
        `  ${p.applied ? 'applied    ' : 'not applied'} ${p.envoyFilter}#${p.index} ${p.applyTo} ${p.operation}: ${p.reason}`,
      );
  }
  if (r.warnings.length) lines.push('', 'Warnings:', ...r.warnings.map((w) => `  ! ${w}`));
  if (r.assumptions.length) lines.push('', 'Assumptions:', ...r.assumptions.map((a) => `  - ${a}`));
  return lines.join('\n') + '\n';
}

export function telemetryText(t: EffectiveTelemetry): string {
  const src = (o: { kind: string; namespace: string; name: string } | null) =>
    o ? `${o.namespace}/${o.name}` : 'mesh config default';
  const lines = [
    `${t.workload} (Istio ${t.istioVersion}; mesh config: ${t.meshConfig})`,
    '',
    'Telemetry resources applied:',
  ];
  if (!t.applied.length) lines.push('  (none)');
  for (const a of t.applied) lines.push(`  ${a.level.padEnd(9)} ${a.origin.namespace}/${a.origin.name}`);
  for (const i of t.ignored) lines.push(`  ignored   ${i.origin.namespace}/${i.origin.name}: ${i.reason}`);
  lines.push('', 'Metrics:');
  if (!t.metrics.length) lines.push('  (no provider)');
  for (const m of t.metrics) {
    lines.push(
      `  ${m.provider} (${m.providerType}) <- ${src(m.source)}${m.reportingInterval ? `, reportingInterval ${m.reportingInterval.value}` : ''}`,
    );
    for (const mode of ['CLIENT', 'SERVER'] as const) {
      const s = m.modes[mode];
      if (s.disabled) lines.push(`    ${mode}: disabled <- ${src(s.disabled.source)}`);
      for (const o of s.overrides) {
        const tags = Object.entries(o.tags).map(
          ([k, v]) => `${k}=${v.value.operation === 'REMOVE' ? '(removed)' : v.value.value} <- ${src(v.source)}`,
        );
        lines.push(
          `    ${mode} ${o.metric}${o.disabled?.value ? ' disabled' : ''}${tags.length ? ': ' + tags.join('; ') : ''}`,
        );
      }
    }
  }
  lines.push('', 'Tracing:');
  for (const mode of ['CLIENT', 'SERVER'] as const) {
    const tr = t.tracing[mode];
    lines.push(
      `  ${mode}: ${t.tracing.legacy ? 'legacy mesh tracing settings' : tr.disabled ? 'disabled' : `${tr.provider?.value} <- ${src(tr.provider?.source ?? null)}`}${tr.randomSamplingPercentage ? `, sampling ${tr.randomSamplingPercentage.value}% <- ${src(tr.randomSamplingPercentage.source)}` : ''}`,
    );
  }
  lines.push('', 'Access logging:');
  for (const mode of ['CLIENT', 'SERVER'] as const) {
    const logs = t.accessLogging[mode];
    lines.push(
      `  ${mode}: ${t.accessLogging.legacy ? 'legacy mesh access log settings' : logs.length ? logs.map((l) => `${l.provider}${l.disabled ? ' (disabled)' : ''}${l.filter ? ` if ${l.filter}` : ''} <- ${src(l.source)}`).join('; ') : 'none'}`,
    );
  }
  if (t.assumptions.length) lines.push('', 'Assumptions:', ...t.assumptions.map((a) => `  - ${a}`));
  return lines.join('\n') + '\n';
}

export function runChain(
  ws: Workspace,
  workload: string,
  direction: Direction,
  port: number,
  istioVersion: string,
  format: string,
): string {
  const r = renderChain(ws, workload, direction, port, istioVersion);
  return format === 'json' ? publicJson(r) : chainText(r);
}

export function runTelemetry(ws: Workspace, workload: string, istioVersion: string, format: string): string {
  const t = workloadTelemetry(ws, workload, istioVersion);
  return format === 'json' ? publicJson(t) : telemetryText(t);
}

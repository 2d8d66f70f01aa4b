// The filter-chain preview as HTML. Pure (no VS Code imports) so tests can render it: every value from the workspace
// is escaped, the page loads nothing remote and runs only the nonce'd script.
import type { OriginWithLine, PreviewData } from '../../../server/src/protocol';
import type { RenderedFilter } from '../../../server/src/core';

export type { PreviewData };
type OriginView = OriginWithLine;
const MODES = ['CLIENT', 'SERVER'] as const;

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function badge(origin: OriginView | null, phase?: string | null): string {
  if (!origin) return '<span class="badge istio">Istio</span>';
  const label = `${escapeHtml(origin.kind)} ${escapeHtml(origin.namespace)}/${escapeHtml(origin.name)}`;
  const phaseText = phase ? ` <span class="phase">${escapeHtml(phase)}</span>` : '';
  if (!origin.uri) return `<span class="badge">${label}</span>${phaseText}`;
  return `<button class="badge link" data-uri="${escapeHtml(origin.uri)}" data-line="${Number(origin.line ?? 0)}" title="Open ${label}">${label}</button>${phaseText}`;
}

function filterRows(filters: RenderedFilter[]): string {
  return filters
    .map((f, i) => {
      const band = f.phase ? `phase-${escapeHtml(f.phase.toLowerCase())}` : f.origin ? 'patched' : 'istio';
      const patched = f.patchedBy?.length
        ? `<div class="patched-by">patched by ${f.patchedBy.map((p) => `${escapeHtml(p.envoyFilter)} #${p.index} ${escapeHtml(p.operation)}`).join(', ')}</div>`
        : '';
      return (
        `<li class="filter ${band}"><span class="index">${i + 1}</span><div class="body"><div class="name">${escapeHtml(f.name || '(unnamed)')}</div>` +
        `<div class="meta">${badge(f.origin, f.phase)}${f.typeUrl ? ` <code>${escapeHtml(f.typeUrl.replace('type.googleapis.com/', ''))}</code>` : ''}</div>` +
        `${f.reason ? `<div class="reason">${escapeHtml(f.reason)}</div>` : ''}${patched}</div></li>`
      );
    })
    .join('');
}

function telemetryHtml(t: PreviewData['telemetry']): string {
  const src = (o: OriginView | null) => (o ? badge(o) : '<span class="badge istio">mesh default</span>');
  const applied = t.applied.length
    ? t.applied.map((a) => `<li>${escapeHtml(a.level)}: ${badge(a.origin)}</li>`).join('')
    : '<li>none</li>';
  const ignored = t.ignored
    .map((i) => `<li class="ignored">ignored: ${badge(i.origin)} — ${escapeHtml(i.reason)}</li>`)
    .join('');
  const metrics = t.metrics.length
    ? t.metrics
        .map((m) => {
          const modes = MODES.map((mode) => {
            const s = m.modes[mode];
            if (s.disabled) return `<li>${mode}: disabled by ${src(s.disabled.source)}</li>`;
            const overrides = s.overrides
              .map(
                (o) =>
                  `<li>${mode} ${escapeHtml(o.metric)}${o.disabled?.value ? ' (dropped)' : ''}: ${Object.entries(o.tags)
                    .map(
                      ([k, v]) =>
                        `<code>${escapeHtml(k)}</code>=${v.value.operation === 'REMOVE' ? 'removed' : `<code>${escapeHtml(v.value.value)}</code>`} ${src(v.source)}`,
                    )
                    .join(' ')}</li>`,
              )
              .join('');
            return overrides || `<li>${mode}: defaults</li>`;
          }).join('');
          return `<li><strong>${escapeHtml(m.provider)}</strong> (${escapeHtml(m.providerType)}) ${src(m.source)}<ul>${modes}</ul></li>`;
        })
        .join('')
    : '<li>no metrics provider</li>';
  const tracing = t.tracing.legacy
    ? '<li>legacy tracing settings of the mesh config</li>'
    : MODES.map((mode) => {
        const tr = t.tracing[mode];
        return `<li>${mode}: ${tr.disabled || !tr.provider ? 'disabled' : `${escapeHtml(tr.provider.value)} ${src(tr.provider.source)}`}${tr.randomSamplingPercentage ? `, sampling ${escapeHtml(tr.randomSamplingPercentage.value)}%` : ''}</li>`;
      }).join('');
  const logs = t.accessLogging.legacy
    ? '<li>legacy access log settings of the mesh config</li>'
    : MODES.map((mode) => {
        const l = t.accessLogging[mode];
        return `<li>${mode}: ${l.length ? l.map((x) => `${escapeHtml(x.provider)}${x.disabled ? ' (disabled)' : ''}${x.filter ? ` if <code>${escapeHtml(x.filter)}</code>` : ''} ${src(x.source)}`).join('; ') : 'none'}</li>`;
      }).join('');
  return (
    `<h2>Effective telemetry</h2><p class="muted">Mesh config: ${escapeHtml(t.meshConfig)}</p>` +
    `<h3>Telemetry resources</h3><ul>${applied}${ignored}</ul><h3>Metrics</h3><ul>${metrics}</ul><h3>Tracing</h3><ul>${tracing}</ul><h3>Access logging</h3><ul>${logs}</ul>`
  );
}

/** The body of the preview for a result, or for an error message. */
export function previewBody(data: PreviewData | { error: string }): string {
  if ('error' in data) return `<div class="error">${escapeHtml(data.error)}</div>`;
  const c = data.chain;
  const warnings = c.warnings.length
    ? `<div class="warnings">${c.warnings.map((w) => `<p>⚠ ${escapeHtml(w)}</p>`).join('')}</div>`
    : '';
  const patches = c.patches.length
    ? `<table class="patches"><thead><tr><th></th><th>EnvoyFilter</th><th>#</th><th>applyTo</th><th>operation</th><th>outcome</th></tr></thead><tbody>${c.patches
        .map(
          (p) =>
            `<tr class="${p.applied ? 'applied' : p.evaluated === false ? 'skipped' : p.selected === false ? 'unselected' : 'missed'}"><td>${p.applied ? '✓' : p.evaluated === false ? '–' : p.selected === false ? '○' : '✗'}</td><td>${badge(p.origin)}</td><td>${p.index}</td><td>${escapeHtml(p.applyTo)}</td><td>${escapeHtml(p.operation)}</td><td>${escapeHtml(p.reason)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">No EnvoyFilter selects this workload.</p>';
  const assumptions = [...new Set([...c.assumptions, ...data.telemetry.assumptions])];
  return (
    `<header><h1>${escapeHtml(c.workload)}</h1><p>${escapeHtml(c.direction)} · port ${c.port} · Istio ${escapeHtml(c.istioVersion)} · ${escapeHtml(c.proxy)} · listener <code>${escapeHtml(c.listener)}</code>${c.filterChain ? ` · chain <code>${escapeHtml(c.filterChain)}</code>` : ''}</p></header>` +
    warnings +
    `<h2>HTTP filters</h2><ol class="chain">${filterRows(c.httpFilters)}</ol>` +
    `<h2>Network filters</h2><ol class="chain">${filterRows(c.networkFilters)}</ol>` +
    `<h2>EnvoyFilter patches</h2>${patches}` +
    telemetryHtml(data.telemetry) +
    (assumptions.length
      ? `<h2>Assumptions</h2><ul class="muted">${assumptions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>`
      : '')
  );
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; }
h1 { font-size: 1.4em; margin: 12px 0 4px; } h2 { font-size: 1.15em; margin-top: 20px; border-bottom: 1px solid var(--vscode-panel-border); } h3 { font-size: 1em; }
code { font-family: var(--vscode-editor-font-family); font-size: 0.9em; color: var(--vscode-textPreformat-foreground); }
.muted, .reason { color: var(--vscode-descriptionForeground); }
ol.chain { list-style: none; padding: 0; }
.filter { display: flex; gap: 8px; padding: 6px 8px; margin: 3px 0; border-left: 4px solid var(--vscode-panel-border); background: var(--vscode-editorWidget-background); }
.filter .index { min-width: 1.6em; color: var(--vscode-descriptionForeground); }
.filter .name { font-weight: 600; font-family: var(--vscode-editor-font-family); }
.phase-authn { border-left-color: var(--vscode-charts-blue); } .phase-authz { border-left-color: var(--vscode-charts-purple); }
.phase-stats { border-left-color: var(--vscode-charts-green); } .phase-unspecified { border-left-color: var(--vscode-charts-yellow); }
.patched { border-left-color: var(--vscode-charts-orange); }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); border: none; font: inherit; }
.badge.link { cursor: pointer; text-decoration: underline; }
.badge.istio { background: transparent; border: 1px solid var(--vscode-panel-border); color: var(--vscode-descriptionForeground); }
.phase { font-size: 0.85em; color: var(--vscode-descriptionForeground); }
.warnings, .error { border: 1px solid var(--vscode-inputValidation-warningBorder); background: var(--vscode-inputValidation-warningBackground); padding: 4px 10px; margin: 8px 0; }
.error { border-color: var(--vscode-inputValidation-errorBorder); background: var(--vscode-inputValidation-errorBackground); }
table.patches { border-collapse: collapse; width: 100%; } table.patches td, table.patches th { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--vscode-panel-border); vertical-align: top; }
tr.missed td:first-child { color: var(--vscode-errorForeground); } tr.applied td:first-child { color: var(--vscode-testing-iconPassed); }
.ignored { color: var(--vscode-descriptionForeground); }
details.listener, details.route { margin: 4px 0; padding: 2px 6px; border-left: 3px solid var(--vscode-panel-border); }
details > summary { cursor: pointer; }
ol.chains { padding-left: 1.2em; } details.chain { margin: 2px 0; }
.filters ol { margin: 2px 0 6px; } .patched-by, .targets { font-size: 0.9em; color: var(--vscode-charts-orange); }
details.json { display: inline-block; margin-left: 6px; font-size: 0.9em; } details.json pre { max-height: 24em; overflow: auto; background: var(--vscode-textCodeBlock-background); padding: 6px; }
table.objects { border-collapse: collapse; width: 100%; } table.objects td, table.objects th { text-align: left; padding: 2px 6px; border-bottom: 1px solid var(--vscode-panel-border); vertical-align: top; }
tr.touched td:first-child code { color: var(--vscode-charts-orange); }
`;

/** The whole page: strict Content-Security-Policy, styles and script only with the nonce, nothing remote. */
export function previewPage(body: string, nonce: string, cspSource: string): string {
  const csp = `default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1.0"><title>Envoy proxy config</title><style nonce="${nonce}">${STYLE}</style></head>` +
    `<body><main id="root">${body}</main><script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-uri]');
  if (b) vscode.postMessage({ type: 'open', uri: b.getAttribute('data-uri'), line: Number(b.getAttribute('data-line')) });
});
window.addEventListener('message', (e) => {
  if (e.data && e.data.type === 'update') document.getElementById('root').innerHTML = e.data.body;
});
</script></body></html>`
  );
}

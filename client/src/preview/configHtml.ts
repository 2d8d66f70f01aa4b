// The whole proxy config as HTML (listeners with their filter chains, clusters, route configurations, patch outcomes
// with what each touched), below the chain the preview was opened for. Pure and escaped like previewHtml; the
// listener and chain the preview was opened for start open, the rest is one click away (<details>).
import type { ProxyConfig, RenderedFilter } from '../../../server/src/core';
import { escapeHtml, badge } from './previewHtml';

type Listener = ProxyConfig['listeners'][number];
type Chain = Listener['filterChains'][number];
type Ref = { envoyFilter: string; index: number; operation: string };

/** The chain to open: a listener name and a chain name ('' for an unnamed chain, the first one then). */
export interface ConfigFocus {
  listener: string;
  chain: string;
}

function refs(list: Ref[] | undefined, what = 'patched by'): string {
  return list?.length
    ? `<span class="patched-by">${what} ${list.map((p) => `${escapeHtml(p.envoyFilter)} #${p.index} ${escapeHtml(p.operation)}`).join(', ')}</span>`
    : '';
}

function json(value: unknown, label = 'JSON'): string {
  return `<details class="json"><summary>${label}</summary><pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre></details>`;
}

function filterList(filters: RenderedFilter[], kind: string): string {
  if (!filters.length) return '';
  const items = filters
    .map((f) => {
      // Only values an EnvoyFilter gave or changed are known; istiod's own settings are not modelled.
      const type = f.typeUrl
        ? ` <span class="muted">${escapeHtml(f.typeUrl.replace('type.googleapis.com/', ''))}</span>`
        : '';
      return `<li><code>${escapeHtml(f.name || '(unnamed)')}</code> ${badge(f.origin, f.phase)}${type} ${refs(f.patchedBy)}${f.config ? json(f.config) : ''}</li>`;
    })
    .join('');
  return `<div class="filters"><strong>${kind}</strong><ol>${items}</ol></div>`;
}

function matchText(c: Chain): string {
  const m = c.match;
  const parts = [
    m.destinationPort !== null ? `port ${m.destinationPort}` : '',
    m.serverNames.length ? `SNI ${m.serverNames.join(', ')}` : '',
    m.transportProtocol ?? '',
    m.applicationProtocols.length ? `ALPN ${m.applicationProtocols.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.map(escapeHtml).join(' · ') : 'any traffic';
}

function chainHtml(l: Listener, c: Chain, i: number, focus: ConfigFocus | undefined, focusIndex: number): string {
  const label = c.name || `#${i}`;
  const to = c.routeConfiguration
    ? `→ route <code>${escapeHtml(c.routeConfiguration)}</code>`
    : c.cluster
      ? `→ <code>${escapeHtml(c.cluster)}</code>`
      : '';
  const open = focus && focus.listener === l.name && i === focusIndex ? ' open' : '';
  return (
    `<li><details class="chain"${open} data-chain="${escapeHtml(`${l.name}/${label}`)}"><summary><code>${escapeHtml(label)}</code>${c.default ? ' <span class="muted">(default chain)</span>' : ''} <span class="muted">[${matchText(c)}]</span> ${to} ${refs(c.patchedBy)}${c.addedBy ? refs([c.addedBy], 'added by') : ''}</summary>` +
    `<p class="reason">${escapeHtml(c.reason)}</p>${filterList(c.networkFilters, 'Network filters')}${filterList(c.httpFilters, 'HTTP filters')}</details></li>`
  );
}

function listenerHtml(l: Listener, focus: ConfigFocus | undefined): string {
  const where = l.internal ? 'internal' : `${escapeHtml(l.address)}:${l.port ?? ''}`;
  const focusIndex =
    focus && focus.listener === l.name
      ? Math.max(
          0,
          l.filterChains.findIndex((c) => c.name === focus.chain),
        )
      : -1;
  const lf = l.listenerFilters.length
    ? `<p class="muted">listener filters: ${l.listenerFilters.map((f) => `<code>${escapeHtml(f.name)}</code>${f.origin ? ` ${badge(f.origin)}` : ''}`).join(', ')}</p>`
    : '';
  return (
    `<details class="listener"${focusIndex >= 0 ? ' open' : ''}><summary><code>${escapeHtml(l.name)}</code> ${escapeHtml(l.direction)} · ${where} · ${escapeHtml(l.context)} · ${l.filterChains.length} chain${l.filterChains.length === 1 ? '' : 's'} ${refs(l.patchedBy)}${l.addedBy ? refs([l.addedBy], 'added by') : ''}</summary>` +
    `${lf}<ol class="chains">${l.filterChains.map((c, i) => chainHtml(l, c, i, focus, focusIndex)).join('')}</ol></details>`
  );
}

function clustersHtml(c: ProxyConfig): string {
  const rows = c.clusters
    .map(
      (x) =>
        `<tr class="${x.patches.length || x.addedBy ? 'touched' : ''}"><td><code>${escapeHtml(x.name)}</code>${json(x.config)}</td><td>${escapeHtml(x.reason)}</td><td>${refs(x.patches, '')}${x.addedBy ? refs([x.addedBy], 'added by') : ''}</td></tr>`,
    )
    .join('');
  return `<table class="objects"><thead><tr><th>Cluster</th><th>From</th><th>EnvoyFilter</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function routesHtml(c: ProxyConfig): string {
  return c.routeConfigurations
    .map((rc) => {
      const vhosts = rc.virtualHosts
        .map(
          (vh) =>
            `<li><code>${escapeHtml(vh.name)}</code> <span class="muted">${vh.domains.map(escapeHtml).join(', ')}</span> · routes ${vh.routes.map((r) => `<code>${escapeHtml(r.name || '(unnamed)')}</code>${refs(r.patches)}`).join(', ') || 'none'} ${refs(vh.patches)}${vh.addedBy ? refs([vh.addedBy], 'added by') : ''}${json(vh.config)}</li>`,
        )
        .join('');
      return `<details class="route"><summary><code>${escapeHtml(rc.name)}</code>${rc.inline ? ' <span class="muted">(inline)</span>' : ''} · ${rc.virtualHosts.length} virtual host${rc.virtualHosts.length === 1 ? '' : 's'} ${refs(rc.patches)}</summary><ul>${vhosts}</ul></details>`;
    })
    .join('');
}

function patchesHtml(c: ProxyConfig): string {
  if (!c.patches.length) return '<p class="muted">No EnvoyFilter selects this workload.</p>';
  const rows = c.patches
    .map((p) => {
      const cls = p.applied ? 'applied' : p.selected === false ? 'unselected' : 'missed';
      const mark = p.applied ? '✓' : p.selected === false ? '○' : '✗';
      const targets = p.targets.length
        ? `<div class="targets">${p.targets
            .slice(0, 20)
            .map((t) => `<code>${escapeHtml(t)}</code>`)
            .join(' ')}${p.targets.length > 20 ? ` and ${p.targets.length - 20} more` : ''}</div>`
        : '';
      return `<tr class="${cls}"><td>${mark}</td><td>${badge(p.origin)}</td><td>${p.index}</td><td>${escapeHtml(p.applyTo)}</td><td>${escapeHtml(p.operation)}</td><td>${escapeHtml(p.reason)}${targets}</td></tr>`;
    })
    .join('');
  return `<table class="patches"><thead><tr><th></th><th>EnvoyFilter</th><th>#</th><th>applyTo</th><th>operation</th><th>outcome and what it touched</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The whole-config part of the preview. */
export function configBody(c: ProxyConfig, focus?: ConfigFocus): string {
  const warnings = c.warnings.length
    ? `<div class="warnings">${c.warnings.map((w) => `<p>⚠ ${escapeHtml(w)}</p>`).join('')}</div>`
    : '';
  return (
    `<section class="config"><h2>Proxy config <span class="muted">(${escapeHtml(c.proxy)})</span></h2>` +
    `<p class="muted">${c.listeners.length} listeners · ${c.clusters.length} clusters · ${c.routeConfigurations.length} route configurations</p>${warnings}` +
    `<h3>Listeners and filter chains</h3>${c.listeners.map((l) => listenerHtml(l, focus)).join('') || '<p class="muted">none</p>'}` +
    `<h3>Clusters</h3>${clustersHtml(c)}` +
    `<h3>Route configurations</h3>${routesHtml(c) || '<p class="muted">none</p>'}` +
    `<h3>EnvoyFilter patches on the whole config</h3>${patchesHtml(c)}` +
    `<h3>Assumptions</h3><ul class="muted">${c.assumptions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul></section>`
  );
}

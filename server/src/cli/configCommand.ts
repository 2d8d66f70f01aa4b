// `meshlens config`: a workload's whole proxy config, as text for people and JSON for tools.
import { renderProxyConfig, Workspace, ProxyConfig, RenderedFilter } from '../core';
import { publicJson } from './chainCommands';

function origin(f: RenderedFilter): string {
  if (!f.origin) return '';
  return `  <- ${f.origin.kind} ${f.origin.namespace}/${f.origin.name}${f.phase ? ` [${f.phase}]` : ''}`;
}

function patched(refs: Array<{ envoyFilter: string; index: number; operation: string }> | undefined): string {
  return refs?.length
    ? `  (patched by ${refs.map((r) => `${r.envoyFilter}#${r.index} ${r.operation}`).join(', ')})`
    : '';
}

export function configText(c: ProxyConfig): string {
  const lines = [`${c.workload}: ${c.proxy} (Istio ${c.istioVersion})`, '', 'Listeners:'];
  for (const l of c.listeners) {
    const where = l.internal ? 'internal' : `${l.address}:${l.port}`;
    lines.push(
      `  ${l.name}  ${l.direction}, ${where}, context ${l.context}${patched(l.patchedBy)}${l.addedBy ? `  (added by ${l.addedBy.envoyFilter}#${l.addedBy.index})` : ''}`,
    );
    if (l.listenerFilters.length)
      lines.push(`    listener filters: ${l.listenerFilters.map((f) => f.name).join(', ')}`);
    l.filterChains.forEach((fc, i) => {
      const m = fc.match;
      const match = [
        m.destinationPort !== null ? `port ${m.destinationPort}` : '',
        m.serverNames.length ? `sni ${m.serverNames.join(',')}` : '',
        m.transportProtocol ? m.transportProtocol : '',
        m.applicationProtocols.length ? `alpn ${m.applicationProtocols.join(',')}` : '',
      ].filter(Boolean);
      const to = fc.routeConfiguration ? `route ${fc.routeConfiguration}` : fc.cluster ? `cluster ${fc.cluster}` : '';
      lines.push(
        `    ${fc.name || `#${i}`}${fc.default ? ' (default chain)' : ''}  [${match.join(' ') || 'any'}]${to ? ` -> ${to}` : ''}${patched(fc.patchedBy)}`,
      );
      for (const f of fc.networkFilters)
        lines.push(`      net  ${f.name || '(unnamed)'}${origin(f)}${patched(f.patchedBy)}`);
      for (const f of fc.httpFilters)
        lines.push(`      http ${f.name || '(unnamed)'}${origin(f)}${patched(f.patchedBy)}`);
    });
  }
  lines.push('', 'Clusters:');
  for (const cl of c.clusters)
    lines.push(
      `  ${cl.name}${patched(cl.patches)}${cl.addedBy ? `  (added by ${cl.addedBy.envoyFilter}#${cl.addedBy.index})` : ''}`,
    );
  lines.push('', 'Route configurations:');
  for (const rc of c.routeConfigurations) {
    lines.push(`  ${rc.name}${rc.inline ? ' (inline)' : ''}${patched(rc.patches)}`);
    for (const vh of rc.virtualHosts)
      lines.push(
        `    ${vh.name}  domains ${vh.domains.join(', ') || '(none)'}; routes ${vh.routes.map((r) => r.name || '(unnamed)').join(', ') || '(none)'}${patched(vh.patches)}`,
      );
  }
  if (c.patches.length) {
    lines.push('', 'EnvoyFilter patches:');
    for (const p of c.patches) {
      lines.push(
        `  ${p.applied ? 'applied    ' : 'not applied'} ${p.envoyFilter}#${p.index} ${p.applyTo} ${p.operation}: ${p.reason}`,
      );
      if (p.targets.length)
        lines.push(
          `              touched: ${p.targets.slice(0, 10).join(', ')}${p.targets.length > 10 ? `, and ${p.targets.length - 10} more` : ''}`,
        );
    }
  }
  if (c.warnings.length) lines.push('', 'Warnings:', ...c.warnings.map((w) => `  ! ${w}`));
  if (c.assumptions.length) lines.push('', 'Assumptions:', ...c.assumptions.map((a) => `  - ${a}`));
  return lines.join('\n') + '\n';
}

export function runConfig(ws: Workspace, workload: string, istioVersion: string, format: string): string {
  const c = renderProxyConfig(ws, workload, istioVersion);
  return format === 'json' ? publicJson(c) : configText(c);
}

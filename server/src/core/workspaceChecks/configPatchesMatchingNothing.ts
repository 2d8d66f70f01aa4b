// ML0801 for the patches that do not act on filters (LISTENER, FILTER_CHAIN, LISTENER_FILTER, CLUSTER,
// ROUTE_CONFIGURATION, VIRTUAL_HOST, HTTP_ROUTE): found by rendering the whole config of the workloads the EnvoyFilter
// selects. Only decided where the match names things the workspace shows (its services, gateways and the names
// istiod derives from them); a cluster of a service defined elsewhere is not a mistake the workspace can prove.
import { CONFIG_OBJECT_KINDS } from '../proxyConfig/types';
import type { WorkspaceCheck } from './workspaceCheck';
import type { Workspace } from '../workspace/workspace';
import { configPatches } from '../resources/configPatches';
import { isObject, asArray } from '../util/values';
import { selectedEnvoyFilters } from '../chain/envoyFilterSelection';
import { proxyContext, isGatewayWorkload } from '../proxy/proxyContext';
import { cachedProxyConfig } from '../proxyConfig/renderProxyConfig';
import { meshServices } from '../proxyConfig/meshServices';

// Each render takes milliseconds and this runs after every edit: decide on the first workloads only.
const MAX_WORKLOADS = 50;
const FIXED_CLUSTERS = new Set(['BlackHoleCluster', 'PassthroughCluster', 'InboundPassthroughCluster']);
const LISTENER_NAME =
  /^(virtualInbound|virtualOutbound|connect_terminate|main_internal|connect_originate|(\d{1,3}\.){3}\d{1,3}_\d+)$/;

/** Host names the workspace holds: services, ServiceEntry hosts, VirtualService and Gateway hosts. */
function knownHosts(ws: Workspace): Set<string> {
  const hosts = new Set(meshServices(ws).map((s) => s.hostname));
  for (const o of ws.others) {
    const spec = isObject(o.value.spec) ? o.value.spec : {};
    if (o.kind === 'VirtualService') for (const h of asArray(spec.hosts)) if (typeof h === 'string') hosts.add(h);
    if (o.kind === 'Gateway')
      for (const s of asArray(spec.servers).filter(isObject))
        for (const h of asArray(s.hosts)) if (typeof h === 'string') hosts.add(h.slice(h.indexOf('/') + 1));
  }
  return hosts;
}

function hostOf(vhostOrRoute: string): string {
  const colon = vhostOrRoute.lastIndexOf(':');
  return colon > 0 ? vhostOrRoute.slice(0, colon) : vhostOrRoute;
}

/** Whether the match only names things the workspace can show, so that "applies nowhere" is a claim it can make. */
function decidable(cp: Record<string, unknown>, hosts: Set<string>, ws: Workspace): boolean {
  const match = isObject(cp.match) ? cp.match : {};
  const op = isObject(cp.patch) ? cp.patch.operation : undefined;
  const applyTo = cp.applyTo;
  if ((applyTo === 'CLUSTER' || applyTo === 'LISTENER') && (op === 'ADD' || String(op).startsWith('INSERT')))
    return false;
  if (applyTo === 'CLUSTER') {
    const m = isObject(match.cluster) ? match.cluster : {};
    if (typeof m.name === 'string' && m.name) {
      const parts = m.name.split('|');
      if (FIXED_CLUSTERS.has(m.name) || parts[0] === 'inbound') return true;
      return parts.length === 4 && parts[0] === 'outbound' && hosts.has(parts[3]);
    }
    return typeof m.service !== 'string' || !m.service || hosts.has(m.service);
  }
  if (applyTo === 'ROUTE_CONFIGURATION' || applyTo === 'VIRTUAL_HOST' || applyTo === 'HTTP_ROUTE') {
    const m = isObject(match.routeConfiguration) ? match.routeConfiguration : {};
    if (typeof m.name === 'string' && m.name && !/^(\d+|http\.\d+|https\..+|inbound\|\d+\|\|)$/.test(m.name))
      if (!hosts.has(hostOf(m.name))) return false;
    if (typeof m.gateway === 'string' && m.gateway) {
      const [ns, name] = m.gateway.split('/');
      if (!ws.othersOfKind('Gateway').some((o) => o.namespace === ns && o.name === name)) return false;
    }
    const v = isObject(m.vhost) ? m.vhost : {};
    if (
      typeof v.name === 'string' &&
      v.name &&
      !/^(allow_any|block_all|inbound\|http\|\d+|blackhole:\d+)$/.test(v.name)
    )
      return hosts.has(hostOf(v.name));
    return true;
  }
  const l = isObject(match.listener) ? match.listener : {};
  return typeof l.name !== 'string' || !l.name || LISTENER_NAME.test(l.name) || /^0\.0\.0\.0_\d+$/.test(l.name);
}

export const configPatchesMatchingNothing: WorkspaceCheck = {
  codes: ['ML0801'],
  run(ws, report) {
    const version = ws.istioVersion;
    const efs = ws.resources.filter(
      (r) =>
        r.kind === 'EnvoyFilter' &&
        configPatches(r.spec).some(({ patch }) => CONFIG_OBJECT_KINDS.has(String(patch.applyTo))),
    );
    if (!efs.length || !ws.workloads.length) return;
    const seen = new Map<string, { applied: boolean; reasons: string[]; workloads: Set<string> }>();
    const contexts = new Set<string>();
    let budget = MAX_WORKLOADS;
    for (const w of ws.workloads) {
      const probe = proxyContext(
        w,
        isGatewayWorkload(w) ? 'gateway' : 'inbound',
        1,
        ws.meshConfig.rootNamespace,
        version,
      );
      if (!selectedEnvoyFilters(ws, probe).some((r) => efs.includes(r))) continue;
      if (budget-- <= 0) return; // very large workspaces: stop rather than stall the editor
      const id = `${w.namespace}/${w.name}`;
      const config = cachedProxyConfig(ws, id, version);
      for (const x of [...config.listeners, ...config.clusters, ...config.routeConfigurations]) contexts.add(x.context);
      for (const p of config.patches) {
        if (!CONFIG_OBJECT_KINDS.has(p.applyTo) || p.selected === false) continue;
        const key = `${p.envoyFilter}#${p.index}`;
        const entry = seen.get(key) ?? { applied: false, reasons: [], workloads: new Set() };
        entry.applied ||= p.applied;
        entry.workloads.add(id);
        if (!p.applied) entry.reasons.push(`${p.reason} (${id})`);
        seen.set(key, entry);
      }
    }
    const hosts = knownHosts(ws);
    for (const r of efs) {
      configPatches(r.spec).forEach(({ patch: cp, index }) => {
        if (!CONFIG_OBJECT_KINDS.has(String(cp.applyTo))) return;
        const entry = seen.get(`${r.namespace}/${r.name}#${index}`);
        if (!entry || entry.applied || !decidable(cp, hosts, ws)) return;
        const context = isObject(cp.match) && typeof cp.match.context === 'string' ? cp.match.context : 'ANY';
        if (context !== 'ANY' && !contexts.has(context)) return;
        const n = entry.workloads.size;
        report(
          r,
          'ML0801',
          ['spec', 'configPatches', index, isObject(cp.match) ? 'match' : 'applyTo'],
          { count: n, plural: n === 1 ? '' : 's', reason: entry.reasons[0] ?? 'nothing matched' },
          { on: 'key', variant: 'config' },
        );
      });
    }
  },
};

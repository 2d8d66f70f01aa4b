// EnvoyFilter HTTP_FILTER and NETWORK_FILTER patches applied to one chain with istiod's semantics
// (pilot/pkg/networking/core/envoyfilter/listener_patch.go), recording for every patch what it did or why it did nothing.
import { isObject, asArray } from '../util/values';
import type { Workspace, ResourceRecord } from '../workspace/workspace';
import type { ProxyContext } from '../proxy/proxyContext';
import type { RenderedFilter, PatchOutcome, Origin } from './types';
import { selectedEnvoyFilters, nearMisses, originOf } from './envoyFilterSelection';

const HCM = 'envoy.filters.network.http_connection_manager';
const OTHER_TARGETS: Record<string, string> = {
  LISTENER: 'whole listeners', FILTER_CHAIN: 'filter chains', LISTENER_FILTER: 'listener filters', ROUTE_CONFIGURATION: 'route configurations',
  VIRTUAL_HOST: 'virtual hosts', HTTP_ROUTE: 'routes', CLUSTER: 'clusters', EXTENSION_CONFIG: 'ECDS extension configs', BOOTSTRAP: 'the bootstrap (never applied by istiod)',
};
type Obj = Record<string, unknown>;

interface Patch {
  ef: ResourceRecord;
  index: number;
  cp: Obj;
  applyTo: string;
  op: string;
  outcome?: PatchOutcome;
}


function where(ctx: ProxyContext): string {
  return `${ctx.context} port ${ctx.port}`;
}

/** Why the patch's proxy, context, listener and filter chain conditions fail for this chain, or undefined if they hold. */
function chainMismatch(p: Patch, ctx: ProxyContext): string | undefined {
  const match = isObject(p.cp.match) ? p.cp.match : {};
  const context = typeof match.context === 'string' ? match.context : 'ANY';
  if (context !== 'ANY' && context !== ctx.context) return `context ${context} does not match ${ctx.context}`;
  const proxy = isObject(match.proxy) ? match.proxy : undefined;
  if (proxy && typeof proxy.proxyVersion === 'string' && proxy.proxyVersion) {
    if (proxy.proxyVersion.length > 1024) return 'proxyVersion is over 1024 characters, which matches no proxy';
    let matches = false;
    try {
      matches = new RegExp(proxy.proxyVersion).test(ctx.proxyVersion);
    } catch {
      return `proxyVersion ${proxy.proxyVersion} is not a valid regular expression`;
    }
    if (!matches) return `proxyVersion ${proxy.proxyVersion} does not match ${ctx.proxyVersion} (the target Istio version)`;
  }
  if (proxy && isObject(proxy.metadata) && Object.keys(proxy.metadata).length) {
    return 'match.proxy.metadata needs the proxy\'s node metadata, which a preview does not have; assumed not to match';
  }
  if (match.routeConfiguration !== undefined || match.cluster !== undefined || match.waypoint !== undefined) return 'the match is not a listener match';
  const listener = isObject(match.listener) ? match.listener : undefined;
  if (!listener) return undefined;
  if (typeof listener.name === 'string' && listener.name && listener.name !== ctx.listenerName) return `listener name ${listener.name} does not match ${ctx.listenerName}`;
  const portNumber = typeof listener.portNumber === 'number' ? listener.portNumber : 0;
  if (portNumber) {
    if (ctx.destinationPort !== undefined) {
      if (portNumber !== ctx.destinationPort) return `listener portNumber ${portNumber} does not match the chain's destination port ${ctx.destinationPort} (virtualInbound)`;
    } else if (portNumber !== ctx.listenerPort) return `listener portNumber ${portNumber} does not match listener ${ctx.listenerName} (port ${ctx.listenerPort})`;
  }
  const fc = isObject(listener.filterChain) ? listener.filterChain : undefined;
  if (!fc) return undefined;
  if (typeof fc.name === 'string' && fc.name && fc.name !== ctx.filterChainName) return `filterChain name ${fc.name} does not match ${ctx.filterChainName ? ctx.filterChainName : 'the unnamed chain'}`;
  if (typeof fc.sni === 'string' && fc.sni) return `filterChain sni ${fc.sni}: this plain HTTP chain has no server names`;
  if (typeof fc.transportProtocol === 'string' && fc.transportProtocol && !ctx.chainVariants.some((v) => v.transportProtocol === fc.transportProtocol)) {
    return `filterChain transportProtocol ${fc.transportProtocol} matches none of ${ctx.chainVariants.map((v) => v.transportProtocol || '(none)').join(', ')}`;
  }
  if (typeof fc.applicationProtocols === 'string' && fc.applicationProtocols) {
    const wanted = fc.applicationProtocols.split(',').map((s) => s.trim()).filter(Boolean);
    if (!ctx.chainVariants.some((v) => wanted.every((w) => v.alpn.includes(w)))) return `filterChain applicationProtocols ${fc.applicationProtocols} are not all offered by the chain`;
  }
  const dp = typeof fc.destinationPort === 'number' ? fc.destinationPort : 0;
  if (dp && dp !== ctx.destinationPort) return ctx.destinationPort === undefined ? `filterChain destinationPort ${dp}: this chain has no destination port` : `filterChain destinationPort ${dp} does not match ${ctx.destinationPort}`;
  return undefined;
}

function filterMatch(p: Patch): Obj | undefined {
  const match = isObject(p.cp.match) ? p.cp.match : {};
  const listener = isObject(match.listener) ? match.listener : {};
  const fc = isObject(listener.filterChain) ? listener.filterChain : {};
  return isObject(fc.filter) ? fc.filter : undefined;
}

function subFilterName(p: Patch): string | undefined {
  const f = filterMatch(p);
  return f && isObject(f.subFilter) && typeof f.subFilter.name === 'string' ? f.subFilter.name : undefined;
}

function filterName(p: Patch): string | undefined {
  const f = filterMatch(p);
  return f && typeof f.name === 'string' ? f.name : undefined;
}

function valueOf(p: Patch): Obj {
  return isObject(p.cp.patch) && isObject(p.cp.patch.value) ? p.cp.patch.value : {};
}

function typedConfig(value: Obj): Obj | undefined {
  const t = value.typed_config ?? value.typedConfig;
  return isObject(t) ? t : undefined;
}

function toFilter(p: Patch): RenderedFilter {
  const value = valueOf(p);
  const typed = typedConfig(value);
  const discovery = value.config_discovery ?? value.configDiscovery;
  const discoveryType = isObject(discovery) ? asArray(discovery.type_urls ?? discovery.typeUrls)[0] : undefined;
  return {
    name: typeof value.name === 'string' ? value.name : '',
    typeUrl: typeof typed?.['@type'] === 'string' ? (typed['@type'] as string) : typeof discoveryType === 'string' ? discoveryType : null,
    origin: originOf(p.ef),
    phase: null,
    reason: `${p.op} by EnvoyFilter ${p.ef.namespace}/${p.ef.name} (patch ${p.index})`,
    ...(!typed && isObject(discovery) ? { configDiscovery: true } : {}),
  };
}

function done(p: Patch, applied: boolean, reason: string): void {
  p.outcome = { envoyFilter: `${p.ef.namespace}/${p.ef.name}`, index: p.index, applyTo: p.applyTo, operation: p.op, applied, reason, origin: originOf(p.ef) };
}

/** Pass 1 (structural operations) over a filter list, with the name a patch matches on (subFilter or filter). */
function structural(list: RenderedFilter[], p: Patch, matchName: string | undefined, kind: 'HTTP filter' | 'network filter', ctx: ProxyContext): RenderedFilter[] {
  const at = matchName === undefined ? -1 : list.findIndex((f) => f.name === matchName);
  const missing = `${kind === 'HTTP filter' ? 'subFilter' : 'filter'} ${matchName} not found in ${where(ctx)}`;
  const value = toFilter(p);
  switch (p.op) {
    case 'ADD':
      done(p, true, `added ${value.name || '(unnamed)'} at the end of the ${kind}s`);
      return [...list, value];
    case 'INSERT_FIRST':
      done(p, true, `inserted ${value.name || '(unnamed)'} first`);
      return [value, ...list];
    case 'INSERT_BEFORE':
    case 'INSERT_AFTER': {
      if (matchName === undefined) {
        done(p, true, `inserted ${value.name || '(unnamed)'} ${p.op === 'INSERT_BEFORE' ? 'first' : 'last'} (no ${kind === 'HTTP filter' ? 'subFilter' : 'filter'} match)`);
        return p.op === 'INSERT_BEFORE' ? [value, ...list] : [...list, value];
      }
      if (at < 0) {
        done(p, false, missing);
        return list;
      }
      const i = p.op === 'INSERT_BEFORE' ? at : at + 1;
      done(p, true, `inserted ${value.name || '(unnamed)'} ${p.op === 'INSERT_BEFORE' ? 'before' : 'after'} ${matchName}`);
      return [...list.slice(0, i), value, ...list.slice(i)];
    }
    case 'REPLACE': {
      if (matchName === undefined) {
        done(p, false, `REPLACE needs a ${kind === 'HTTP filter' ? 'subFilter' : 'filter'} match naming the filter to replace`);
        return list;
      }
      if (at < 0) {
        done(p, false, missing);
        return list;
      }
      done(p, true, `replaced ${matchName} with ${value.name || '(unnamed)'}`);
      return [...list.slice(0, at), value, ...list.slice(at + 1)];
    }
    case 'REMOVE': {
      if (matchName === undefined) {
        done(p, false, `REMOVE needs a ${kind === 'HTTP filter' ? 'subFilter' : 'filter'} match naming the filter to remove`);
        return list;
      }
      const kept = list.filter((f) => f.name !== matchName);
      if (kept.length === list.length) done(p, false, missing);
      else done(p, true, `removed ${list.length - kept.length} × ${matchName}`);
      return kept;
    }
    case 'MERGE_AND_REPLACE_LIST':
      done(p, false, `MERGE_AND_REPLACE_LIST is ignored for ${p.applyTo}`);
      return list;
    default:
      done(p, false, `operation ${p.op} does nothing for ${p.applyTo}`);
      return list;
  }
}

/** Pass 2: MERGE patches, after every structural operation, into each filter they match. */
function merges(list: RenderedFilter[], patches: Patch[], matchNameOf: (p: Patch) => string | undefined, ctx: ProxyContext, warnings: string[]): { list: RenderedFilter[]; aborted?: Patch } {
  const out = list.map((f) => ({ ...f }));
  const merged = new Map<Patch, string[]>();
  const skipped = new Map<Patch, string[]>();
  for (const f of out) {
    for (const p of patches) {
      if (p.outcome) continue;
      const name = matchNameOf(p);
      if (name !== undefined && name !== f.name) continue;
      if (!f.typeUrl || f.configDiscovery) {
        skipped.set(p, [...(skipped.get(p) ?? []), f.name]);
        continue;
      }
      const value = valueOf(p);
      const typed = typedConfig(value);
      const valueType = typeof typed?.['@type'] === 'string' ? (typed['@type'] as string) : undefined;
      if (valueType && valueType !== f.typeUrl) {
        // istiod's proto merge panics on different message types; the recovery drops the rest of the listener patches.
        done(p, false, `MERGE of ${valueType} into ${f.name} (${f.typeUrl}): the types differ, istiod panics and keeps none of the later listener patches`);
        warnings.push(`EnvoyFilter ${p.ef.namespace}/${p.ef.name} patch ${p.index}: MERGE with a different @type makes istiod abandon the remaining patches for this proxy.`);
        return { list: out, aborted: p };
      }
      const before = f.name;
      if (typeof value.name === 'string' && value.name) f.name = value.name;
      f.patchedBy = [...(f.patchedBy ?? []), { envoyFilter: `${p.ef.namespace}/${p.ef.name}`, index: p.index, operation: 'MERGE' }];
      merged.set(p, [...(merged.get(p) ?? []), before === f.name ? before : `${before} (renamed ${f.name})`]);
    }
  }
  for (const p of patches) {
    if (p.outcome) continue;
    const into = merged.get(p);
    if (into) done(p, true, `merged into ${into.join(', ')}`);
    else if (skipped.get(p)) done(p, false, `${skipped.get(p)!.join(', ')} has no typed_config (served through ECDS), so MERGE skips it`);
    else done(p, false, `${matchNameOf(p) ?? 'no filter'} not found in ${where(ctx)}`);
  }
  return { list: out };
}

export interface PatchResult {
  httpFilters: RenderedFilter[];
  networkFilters: RenderedFilter[];
  outcomes: PatchOutcome[];
  warnings: string[];
}

export function applyEnvoyFilters(ws: Workspace, ctx: ProxyContext, http: RenderedFilter[], network: RenderedFilter[]): PatchResult {
  const all: Patch[] = [];
  const selected = selectedEnvoyFilters(ws, ctx);
  for (const ef of selected) {
    asArray(ef.spec.configPatches).forEach((cp, index) => {
      if (!isObject(cp) || !isObject(cp.patch)) return;
      all.push({ ef, index, cp, applyTo: String(cp.applyTo ?? ''), op: String(cp.patch.operation ?? '') });
    });
  }
  const warnings: string[] = [];
  const netPatches = all.filter((p) => p.applyTo === 'NETWORK_FILTER');
  const httpPatches = all.filter((p) => p.applyTo === 'HTTP_FILTER');
  for (const p of all) {
    if (p.applyTo !== 'NETWORK_FILTER' && p.applyTo !== 'HTTP_FILTER') {
      done(p, false, OTHER_TARGETS[p.applyTo] ? `applyTo ${p.applyTo} patches ${OTHER_TARGETS[p.applyTo]}, which this preview does not render` : `applyTo ${p.applyTo} is not a valid applyTo; istiod rejects the EnvoyFilter`);
      p.outcome!.evaluated = false;
    }
  }
  for (const p of [...netPatches, ...httpPatches]) {
    const why = chainMismatch(p, ctx);
    if (why) done(p, false, why);
  }
  const abort = (from: Patch) => {
    for (const p of all) if (!p.outcome) done(p, false, `not applied: istiod gave up after the failed MERGE of ${from.ef.namespace}/${from.ef.name} patch ${from.index}`);
  };

  // Network filters: structural operations, then MERGEs (listener_patch.go patchNetworkFilters).
  let networkFilters = network;
  for (const p of netPatches) {
    if (p.outcome || p.op === 'MERGE') continue;
    networkFilters = structural(networkFilters, p, filterName(p), 'network filter', ctx);
  }
  const netMerge = merges(networkFilters, netPatches.filter((p) => p.op === 'MERGE'), filterName, ctx, warnings);
  networkFilters = netMerge.list;
  if (netMerge.aborted) abort(netMerge.aborted);

  // HTTP filters, inside the HCM (listener_patch.go patchHTTPFilters): only when the HCM is still there.
  let httpFilters = http;
  const hcm = networkFilters.some((f) => f.name === HCM);
  for (const p of httpPatches) {
    if (p.outcome) continue;
    const f = filterName(p);
    if (f !== undefined && f !== HCM) done(p, false, f === 'envoy.http_connection_manager' ? `filter ${f} is the deprecated name; istiod only matches ${HCM}` : `filter ${f} is not the HTTP connection manager (${HCM}); HTTP filters live only in that one`);
    else if (!hcm) done(p, false, `the HTTP connection manager is not on this chain any more (a NETWORK_FILTER patch removed or replaced it)`);
  }
  for (const p of httpPatches) {
    if (p.outcome || p.op === 'MERGE') continue;
    // ADD and INSERT_FIRST ignore the subFilter.
    httpFilters = structural(httpFilters, p, p.op === 'ADD' || p.op === 'INSERT_FIRST' ? undefined : subFilterName(p), 'HTTP filter', ctx);
  }
  const httpMerge = merges(httpFilters, httpPatches.filter((p) => p.op === 'MERGE'), subFilterName, ctx, warnings);
  httpFilters = httpMerge.list;
  if (httpMerge.aborted) abort(httpMerge.aborted);

  const routerAt = httpFilters.findIndex((f) => f.name === 'envoy.filters.http.router');
  if (routerAt >= 0 && routerAt < httpFilters.length - 1) {
    const after = httpFilters.slice(routerAt + 1).map((f) => f.name || '(unnamed)').join(', ');
    warnings.push(`envoy.filters.http.router must be the last HTTP filter; ${after} comes after it, and Envoy rejects the listener ("terminal filter ... must be the last filter in a http filter chain"). Use INSERT_BEFORE with subFilter envoy.filters.http.router instead of ADD.`);
  }
  return { httpFilters, networkFilters, outcomes: [...all.map((p) => p.outcome!), ...nearMisses(ws, ctx, selected)], warnings };
}

// EnvoyFilter patches on listeners, as istiod's envoyfilter/listener_patch.go ApplyListenerPatches runs them: per
// listener LISTENER REMOVE/MERGE, its listener filters, then per filter chain FILTER_CHAIN REMOVE/MERGE and the network
// and HTTP filters (the chain engine's passes); then FILTER_CHAIN ADD, then LISTENER ADD (not on virtual listeners).
import { isObject, asArray } from '../util/values';
import type { Patch } from '../chain/patchMatch';
import { chainMismatch, proxyMismatch } from '../chain/patchMatch';
import { patchChainFilters } from '../chain/envoyFilterPatches';
import { structural } from '../chain/patchOperations';
import { originOf } from '../chain/envoyFilterSelection';
import type { RenderedFilter } from '../chain/types';
import type { ProxyContext } from '../proxy/proxyContext';
import { PatchLedger, effectiveOperation, patchValue, refOf, stageOfReason } from './patchLedger';
import type { ChainModel, ListenerModel } from './model';
import type { PatchContext } from './types';

/** A chain as `targets` name it: its name, or `#N` (its position) when istiod leaves it unnamed. */
export function chainLabel(l: ListenerModel, c: ChainModel): string {
  return c.name || `#${l.filterChains.indexOf(c)}`;
}

function listenerMismatch(p: Patch, l: ListenerModel): string | undefined {
  const match = isObject(p.cp.match) ? p.cp.match : {};
  if (match.routeConfiguration !== undefined || match.cluster !== undefined) return 'the match is not a listener match';
  const listener = isObject(match.listener) ? match.listener : undefined;
  if (!listener) return undefined;
  if (typeof listener.name === 'string' && listener.name && listener.name !== l.name)
    return `listener name ${listener.name} does not match ${l.name}`;
  const port = typeof listener.portNumber === 'number' ? listener.portNumber : 0;
  // LISTENER patches compare the socket port even on the virtual listeners (listenerMatch).
  if (port && port !== l.port)
    return `listener portNumber ${port} does not match listener ${l.name} (port ${l.port ?? 'none'})`;
  return undefined;
}

function listenerFilterName(p: Patch): string | undefined {
  const match = isObject(p.cp.match) ? p.cp.match : {};
  const listener = isObject(match.listener) ? match.listener : {};
  return typeof listener.listenerFilter === 'string' && listener.listenerFilter ? listener.listenerFilter : undefined;
}

function fresh(p: Patch): Patch {
  return { ef: p.ef, index: p.index, cp: p.cp, applyTo: p.applyTo, op: p.op };
}

/** A network filter as a FILTER_CHAIN ADD's value spells it. */
function filterOfValue(p: Patch, f: Record<string, unknown>): RenderedFilter {
  const typed = isObject(f.typed_config) ? f.typed_config : isObject(f.typedConfig) ? f.typedConfig : {};
  return {
    name: typeof f.name === 'string' ? f.name : '',
    typeUrl: typeof typed['@type'] === 'string' ? typed['@type'] : null,
    origin: originOf(p.ef),
    phase: null,
    reason: `in the filter chain EnvoyFilter ${p.ef.namespace}/${p.ef.name} (patch ${p.index}) adds`,
  };
}

export function applyListenerPatches(
  listeners: ListenerModel[],
  ledger: PatchLedger,
  proxyVersion: string,
  warnings: string[],
): ListenerModel[] {
  const common = (p: Patch, context: PatchContext) => proxyMismatch(p, context, proxyVersion);
  const kept: ListenerModel[] = [];
  for (const l of listeners) {
    let removed = false;
    for (const p of ledger.of('LISTENER')) {
      const op = effectiveOperation(p);
      if (op === 'ADD') continue;
      const why = common(p, l.context) ?? listenerMismatch(p, l);
      if (why) {
        ledger.miss(p, why, stageOfReason(why));
        continue;
      }
      if (op === 'REMOVE') {
        ledger.hit(p, l.name, `removed listener ${l.name}`);
        removed = true;
        break;
      }
      if (op === 'MERGE' || op === 'MERGE_AND_REPLACE_LIST') {
        l.patchedBy = [...(l.patchedBy ?? []), refOf(p)];
        ledger.hit(p, l.name, `merged into listener ${l.name}`);
      } else ledger.miss(p, `operation ${p.op} is ignored for LISTENER (use MERGE, REMOVE or ADD)`, 3);
    }
    if (removed) continue;
    patchListenerFilters(l, ledger, common);
    const chains: ChainModel[] = [];
    for (const c of l.filterChains) {
      if (patchChain(l, c, ledger, warnings)) chains.push(c);
    }
    for (const p of ledger.of('FILTER_CHAIN')) {
      if (effectiveOperation(p) !== 'ADD') continue;
      const why = common(p, l.context) ?? listenerMismatch(p, l);
      if (why) {
        ledger.miss(p, why, stageOfReason(why));
        continue;
      }
      chains.push(addedChain(p, l));
      ledger.hit(
        p,
        `${l.name}/${chains[chains.length - 1].name || `#${chains.length - 1}`}`,
        `added a filter chain to ${l.name}`,
      );
    }
    l.filterChains = chains;
    kept.push(l);
  }
  return kept;
}

/** LISTENER ADD: once per context group of listeners, never for the virtual listeners (skipAdds). */
export function addListeners(
  groups: PatchContext[],
  ledger: PatchLedger,
  proxyVersion: string,
  out: ListenerModel[],
): void {
  for (const p of ledger.of('LISTENER')) {
    if (effectiveOperation(p) !== 'ADD') continue;
    const match = isObject(p.cp.match) ? p.cp.match : {};
    for (const context of groups) {
      if (match.context === undefined || match.context === 'ANY') {
        if (context !== 'SIDECAR_OUTBOUND' && context !== 'GATEWAY') continue;
      }
      const why = proxyMismatch(p, context, proxyVersion);
      if (why) {
        ledger.miss(p, why, stageOfReason(why));
        continue;
      }
      const value = patchValue(p);
      const name = typeof value.name === 'string' ? value.name : '';
      const address =
        isObject(value.address) && isObject(value.address.socket_address) ? value.address.socket_address : {};
      out.push({
        name,
        direction: context === 'SIDECAR_INBOUND' ? 'inbound' : context === 'GATEWAY' ? 'gateway' : 'outbound',
        port: typeof address.port_value === 'number' ? address.port_value : null,
        address: typeof address.address === 'string' ? address.address : '',
        context,
        listenerFilters: [],
        filterChains: [],
        addedBy: refOf(p),
      });
      ledger.hit(
        p,
        name || '(unnamed listener)',
        `added listener ${name || '(unnamed)'} (istiod does not patch it further)`,
      );
    }
  }
}

function patchListenerFilters(
  l: ListenerModel,
  ledger: PatchLedger,
  common: (p: Patch, c: PatchContext) => string | undefined,
): void {
  const ctx = l.filterChains[0]?.ctx;
  for (const p of ledger.of('LISTENER_FILTER')) {
    const why = common(p, l.context) ?? listenerMismatch(p, l);
    if (why) {
      ledger.miss(p, why, stageOfReason(why));
      continue;
    }
    const name = listenerFilterName(p);
    if (p.op === 'MERGE') {
      const hits = l.listenerFilters.filter((f) => name !== undefined && f.name === name);
      if (!hits.length) {
        ledger.miss(p, name ? `listenerFilter ${name} not found on ${l.name}` : 'MERGE needs a listenerFilter name', 4);
        continue;
      }
      for (const f of hits)
        f.patchedBy = [
          ...(f.patchedBy ?? []),
          { envoyFilter: `${p.ef.namespace}/${p.ef.name}`, index: p.index, operation: 'MERGE' },
        ];
      ledger.hit(
        p,
        `${l.name}/${name}`,
        `merged into listener filter ${name} of ${l.name} (a new name in the value is not applied)`,
      );
      continue;
    }
    const copy = fresh(p);
    l.listenerFilters = structural(l.listenerFilters, copy, name, 'listener filter', ctx ?? placeholderCtx(l));
    const outcome = copy.outcome!;
    if (outcome.applied) {
      ledger.hit(p, `${l.name}/${copy.touched?.[0] ?? name ?? ''}`, `${outcome.reason} on ${l.name}`);
    } else ledger.miss(p, outcome.reason, stageOfReason(outcome.reason));
  }
}

function placeholderCtx(l: ListenerModel): ProxyContext {
  return { context: l.context, port: l.port ?? 0 } as ProxyContext;
}

/** FILTER_CHAIN REMOVE/MERGE, then the chain's network and HTTP filters. False when the chain was removed. */
function patchChain(l: ListenerModel, c: ChainModel, ledger: PatchLedger, warnings: string[]): boolean {
  const label = chainLabel(l, c);
  c.ctx.place = `${l.name}/${label}`;
  for (const p of ledger.of('FILTER_CHAIN')) {
    const op = effectiveOperation(p);
    if (op === 'ADD') continue;
    const why = chainMismatch(p, c.ctx);
    if (why) {
      ledger.miss(p, why, stageOfReason(why));
      continue;
    }
    if (op === 'REMOVE') {
      ledger.hit(p, `${l.name}/${label}`, `removed filter chain ${label} of ${l.name}`);
      return false;
    }
    if (op === 'MERGE' || op === 'MERGE_AND_REPLACE_LIST') {
      c.patchedBy = [...(c.patchedBy ?? []), refOf(p)];
      ledger.hit(p, `${l.name}/${label}`, `merged into filter chain ${label} of ${l.name}`);
    } else ledger.miss(p, `operation ${p.op} is ignored for FILTER_CHAIN (use MERGE, REMOVE or ADD)`, 4);
  }
  const copies = [...ledger.of('NETWORK_FILTER'), ...ledger.of('HTTP_FILTER')].map(fresh);
  const result = patchChainFilters(copies, c.ctx, c.httpFilters, c.networkFilters);
  c.httpFilters = result.httpFilters;
  c.networkFilters = result.networkFilters;
  for (const w of result.warnings) warnings.push(`${l.name}/${label}: ${w}`);
  const originals = [...ledger.of('NETWORK_FILTER'), ...ledger.of('HTTP_FILTER')];
  copies.forEach((copy, i) => {
    const o = copy.outcome!;
    if (o.applied)
      for (const name of copy.touched?.length ? copy.touched : [''])
        ledger.hit(originals[i], `${l.name}/${label}/${name}`, `${o.reason} on ${l.name}/${label}`);
    else ledger.miss(originals[i], o.reason, stageOfReason(o.reason));
  });
  return true;
}

function addedChain(p: Patch, l: ListenerModel): ChainModel {
  const value = patchValue(p);
  const m = isObject(value.filter_chain_match) ? value.filter_chain_match : {};
  const filters = asArray(value.filters).filter(isObject);
  const ctx = l.filterChains[0]?.ctx ?? placeholderCtx(l);
  return {
    name: typeof value.name === 'string' ? value.name : '',
    match: {
      destinationPort: typeof m.destination_port === 'number' ? m.destination_port : null,
      serverNames: asArray(m.server_names).filter((s): s is string => typeof s === 'string'),
      transportProtocol: typeof m.transport_protocol === 'string' ? m.transport_protocol : null,
      applicationProtocols: asArray(m.application_protocols).filter((s): s is string => typeof s === 'string'),
    },
    protocol: filters.some((f) => f.name === 'envoy.filters.network.http_connection_manager') ? 'http' : 'tcp',
    networkFilters: filters.map((f) => filterOfValue(p, f)),
    httpFilters: [],
    reason: `added by EnvoyFilter ${p.ef.namespace}/${p.ef.name} (patch ${p.index}); istiod does not patch it further`,
    addedBy: refOf(p),
    ctx,
  };
}

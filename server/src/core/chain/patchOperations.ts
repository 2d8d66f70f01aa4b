// The operations of HTTP_FILTER and NETWORK_FILTER patches on a filter list, as istiod's listener_patch.go applies them:
// structural ones first (ADD, INSERT_*, REPLACE, REMOVE), then MERGEs, each recording its outcome.
import { isObject, asArray } from '../util/values';
import type { ProxyContext } from '../proxy/proxyContext';
import type { RenderedFilter } from './types';
import { originOf } from './envoyFilterSelection';
import { Patch, where, valueOf, typedConfig } from './patchMatch';
import { protoMerge } from '../envoy/protoMerge';

export function toFilter(p: Patch): RenderedFilter {
  const value = valueOf(p);
  const typed = typedConfig(value);
  const discovery = value.config_discovery ?? value.configDiscovery;
  const discoveryType = isObject(discovery) ? asArray(discovery.type_urls ?? discovery.typeUrls)[0] : undefined;
  return {
    name: typeof value.name === 'string' ? value.name : '',
    typeUrl:
      typeof typed?.['@type'] === 'string'
        ? (typed['@type'] as string)
        : typeof discoveryType === 'string'
          ? discoveryType
          : null,
    origin: originOf(p.ef),
    phase: null,
    reason: `${p.op} by EnvoyFilter ${p.ef.namespace}/${p.ef.name} (patch ${p.index})`,
    config: structuredClone(value),
    ...(!typed && isObject(discovery) ? { configDiscovery: true } : {}),
  };
}

export function done(p: Patch, applied: boolean, reason: string, touched: string[] = []): void {
  p.touched = touched;
  p.outcome = {
    envoyFilter: `${p.ef.namespace}/${p.ef.name}`,
    index: p.index,
    applyTo: p.applyTo,
    operation: p.op,
    applied,
    reason,
    origin: originOf(p.ef),
  };
}

/** Pass 1 (structural operations) over a filter list, with the name a patch matches on (subFilter or filter). */
export function structural(
  list: RenderedFilter[],
  p: Patch,
  matchName: string | undefined,
  kind: 'HTTP filter' | 'network filter' | 'listener filter',
  ctx: ProxyContext,
): RenderedFilter[] {
  const at = matchName === undefined ? -1 : list.findIndex((f) => f.name === matchName);
  const field = kind === 'HTTP filter' ? 'subFilter' : kind === 'listener filter' ? 'listenerFilter' : 'filter';
  const missing = `${field} ${matchName} not found in ${where(ctx)}`;
  const value = toFilter(p);
  switch (p.op) {
    case 'ADD':
      done(p, true, `added ${value.name || '(unnamed)'} at the end of the ${kind}s`, [value.name]);
      return [...list, value];
    case 'INSERT_FIRST':
      done(p, true, `inserted ${value.name || '(unnamed)'} first`, [value.name]);
      return [value, ...list];
    case 'INSERT_BEFORE':
    case 'INSERT_AFTER': {
      if (matchName === undefined) {
        done(
          p,
          true,
          `inserted ${value.name || '(unnamed)'} ${p.op === 'INSERT_BEFORE' ? 'first' : 'last'} (no ${field} match)`,
          [value.name],
        );
        return p.op === 'INSERT_BEFORE' ? [value, ...list] : [...list, value];
      }
      if (at < 0) {
        done(p, false, missing);
        return list;
      }
      const i = p.op === 'INSERT_BEFORE' ? at : at + 1;
      done(
        p,
        true,
        `inserted ${value.name || '(unnamed)'} ${p.op === 'INSERT_BEFORE' ? 'before' : 'after'} ${matchName}`,
        [value.name],
      );
      return [...list.slice(0, i), value, ...list.slice(i)];
    }
    case 'REPLACE': {
      if (matchName === undefined) {
        done(p, false, `REPLACE needs a ${field} match naming the filter to replace`);
        return list;
      }
      if (at < 0) {
        done(p, false, missing);
        return list;
      }
      done(p, true, `replaced ${matchName} with ${value.name || '(unnamed)'}`, [value.name]);
      return [...list.slice(0, at), value, ...list.slice(at + 1)];
    }
    case 'REMOVE': {
      if (matchName === undefined) {
        done(p, false, `REMOVE needs a ${field} match naming the filter to remove`);
        return list;
      }
      const kept = list.filter((f) => f.name !== matchName);
      if (kept.length === list.length) done(p, false, missing);
      else done(p, true, `removed ${list.length - kept.length} × ${matchName}`, [matchName]);
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
export function merges(
  list: RenderedFilter[],
  patches: Patch[],
  matchNameOf: (p: Patch) => string | undefined,
  ctx: ProxyContext,
  warnings: string[],
): { list: RenderedFilter[]; aborted?: Patch } {
  const out = list.map((f) => ({ ...f }));
  const merged = new Map<Patch, string[]>();
  const renamed = new Map<Patch, string[]>();
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
        done(
          p,
          false,
          `MERGE of ${valueType} into ${f.name} (${f.typeUrl}): the types differ, istiod panics and keeps none of the later listener patches`,
        );
        warnings.push(
          `EnvoyFilter ${p.ef.namespace}/${p.ef.name} patch ${p.index}: MERGE with a different @type makes istiod abandon the remaining patches for this proxy.`,
        );
        return { list: out, aborted: p };
      }
      const before = f.name;
      if (typeof value.name === 'string' && value.name) f.name = value.name;
      // MergeAnyWithAny: the value's typed_config merges into the filter's, field by field.
      f.config = protoMerge(f.config ?? { name: before, typed_config: { '@type': f.typeUrl } }, {
        ...value,
        ...(typed ? { typed_config: typed } : {}),
      });
      f.patchedBy = [
        ...(f.patchedBy ?? []),
        { envoyFilter: `${p.ef.namespace}/${p.ef.name}`, index: p.index, operation: 'MERGE' },
      ];
      merged.set(p, [...(merged.get(p) ?? []), before === f.name ? before : `${before} (renamed ${f.name})`]);
      renamed.set(p, [...(renamed.get(p) ?? []), f.name]);
    }
  }
  for (const p of patches) {
    if (p.outcome) continue;
    const into = merged.get(p);
    if (into) done(p, true, `merged into ${into.join(', ')}`, renamed.get(p));
    else if (skipped.get(p))
      done(p, false, `${skipped.get(p)!.join(', ')} has no typed_config (served through ECDS), so MERGE skips it`);
    else done(p, false, `${matchNameOf(p) ?? 'no filter'} not found in ${where(ctx)}`);
  }
  return { list: out };
}

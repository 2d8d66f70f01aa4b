// One outcome per EnvoyFilter patch over the whole config: a patch is tried on many listeners, chains, clusters and
// routes; it applied if it changed at least one (those are its targets), and when it changed none the reason given is
// the one from the object it came closest to matching.
import { isObject } from '../util/values';
import type { Patch } from '../chain/patchMatch';
import { originOf } from '../chain/envoyFilterSelection';
import type { ConfigPatchOutcome, PatchRef } from './types';

/**
 * How far a patch got on an object before it failed: context < proxy conditions < listener, cluster or route
 * configuration < filter chain or virtual host < filter or route. The reason given is from the furthest.
 */
export type Stage = 0 | 1 | 2 | 3 | 4;

interface Entry {
  patch: Patch;
  targets: string[];
  applied: string[];
  misses: Map<string, { stage: Stage; count: number }>;
}

/** The operation istiod runs: INSERT_* becomes ADD except where a list has an order (convertToEnvoyFilterWrapper). */
export function effectiveOperation(p: Patch): string {
  const ordered = ['HTTP_FILTER', 'NETWORK_FILTER', 'HTTP_ROUTE', 'LISTENER_FILTER'];
  if (p.op.startsWith('INSERT_') && !ordered.includes(p.applyTo)) return 'ADD';
  return p.op;
}

export function patchValue(p: Patch): Record<string, unknown> {
  return isObject(p.cp.patch) && isObject(p.cp.patch.value) ? p.cp.patch.value : {};
}

export function refOf(p: Patch): PatchRef {
  return { envoyFilter: `${p.ef.namespace}/${p.ef.name}`, index: p.index, operation: p.op };
}

/** A stage for reasons coming from the chain engine's messages. */
export function stageOfReason(reason: string): Stage {
  if (/^context /.test(reason)) return 0;
  if (/^(proxyVersion|match\.proxy)/.test(reason)) return 1;
  if (/^(listener|routeConfiguration|cluster|the match is not)/.test(reason)) return 2;
  if (/^(filterChain |vhost |the HTTP connection manager is not on this chain)/.test(reason)) return 3;
  return 4;
}

export class PatchLedger {
  private readonly entries = new Map<Patch, Entry>();

  constructor(readonly patches: Patch[]) {
    for (const p of patches) this.entries.set(p, { patch: p, targets: [], applied: [], misses: new Map() });
  }

  of(applyTo: string): Patch[] {
    return this.patches.filter((p) => p.applyTo === applyTo);
  }

  hit(p: Patch, target: string, reason: string): void {
    const e = this.entries.get(p)!;
    if (!e.targets.includes(target)) e.targets.push(target);
    if (e.applied.length < 3 && !e.applied.includes(reason)) e.applied.push(reason);
  }

  miss(p: Patch, reason: string, stage: Stage): void {
    const e = this.entries.get(p)!;
    const m = e.misses.get(reason);
    if (m) m.count++;
    else e.misses.set(reason, { stage, count: 1 });
  }

  outcomes(nothingToTry: (p: Patch) => string): ConfigPatchOutcome[] {
    return this.patches.map((p) => {
      const e = this.entries.get(p)!;
      const base = {
        envoyFilter: `${p.ef.namespace}/${p.ef.name}`,
        index: p.index,
        applyTo: p.applyTo,
        operation: p.op,
        origin: originOf(p.ef),
      };
      if (e.targets.length)
        return {
          ...base,
          applied: true,
          targets: e.targets,
          reason: e.targets.length > 3 ? `${e.applied[0]} (and ${e.targets.length - 1} more)` : e.applied.join('; '),
        };
      return { ...base, applied: false, targets: [], reason: closestMiss(e) ?? nothingToTry(p) };
    });
  }
}

function closestMiss(e: Entry): string | undefined {
  let best: [string, { stage: Stage; count: number }] | undefined;
  for (const entry of e.misses) if (!best || entry[1].stage > best[1].stage) best = entry;
  return best?.[0];
}

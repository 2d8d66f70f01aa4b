// EnvoyFilter CLUSTER patches (envoyfilter/cluster_patch.go): MERGE and REMOVE on the clusters a match names, ADD
// after the clusters of a context (InsertedClusters; context ANY adds only for SIDECAR_OUTBOUND and GATEWAY).
import { isObject } from '../util/values';
import type { Patch } from '../chain/patchMatch';
import { proxyMismatch } from '../chain/patchMatch';
import { closestName } from '../text/closestName';
import { PatchLedger, effectiveOperation, patchValue, refOf, stageOfReason } from './patchLedger';
import { protoMerge } from '../envoy/protoMerge';
import type { ClusterView, PatchContext } from './types';

/** The parts of a cluster name (model.ParseSubsetKey): direction|port|subset|host. */
function parseClusterName(name: string): { port: number; subset: string; host: string } | undefined {
  const parts = name.split('|');
  if (parts.length !== 4) return undefined;
  return { port: Number(parts[1]) || 0, subset: parts[2], host: parts[3] };
}

function clusterMismatch(p: Patch, c: ClusterView, all: ClusterView[]): string | undefined {
  const match = isObject(p.cp.match) ? p.cp.match : {};
  if (match.listener !== undefined || match.routeConfiguration !== undefined) return 'the match is not a cluster match';
  const m = isObject(match.cluster) ? match.cluster : undefined;
  if (!m) return undefined;
  // A name makes the other fields irrelevant.
  if (typeof m.name === 'string' && m.name) {
    if (m.name === c.name) return undefined;
    const near = closestName(
      m.name,
      all.map((x) => x.name),
    );
    return `cluster name ${m.name} matches no cluster of this proxy${near ? ` (did you mean ${near}?)` : ''}`;
  }
  const parsed = parseClusterName(c.name);
  const host = c.name.startsWith('inbound|') ? c.service : parsed?.host;
  if (typeof m.subset === 'string' && m.subset && m.subset !== (parsed?.subset ?? ''))
    return `cluster subset ${m.subset} does not match`;
  if (typeof m.service === 'string' && m.service && m.service !== host)
    return `cluster service ${m.service} does not match`;
  const port = typeof m.portNumber === 'number' ? m.portNumber : 0;
  if (port && port !== (parsed?.port ?? 0)) return `cluster portNumber ${port} does not match`;
  return undefined;
}

/** A summary of a cluster match, for "applies to no cluster" reasons. */
function describeMatch(p: Patch): string {
  const match = isObject(p.cp.match) && isObject(p.cp.match.cluster) ? p.cp.match.cluster : {};
  const parts = ['name', 'service', 'portNumber', 'subset']
    .filter((k) => match[k] !== undefined && match[k] !== '' && match[k] !== 0)
    .map((k) => `${k} ${String(match[k])}`);
  return parts.length ? parts.join(', ') : 'any cluster';
}

export function applyClusterPatches(clusters: ClusterView[], ledger: PatchLedger, proxyVersion: string): ClusterView[] {
  const patches = ledger.of('CLUSTER');
  const kept: ClusterView[] = [];
  for (const c of clusters) {
    let removed = false;
    for (const p of patches) {
      const op = effectiveOperation(p);
      if (op === 'ADD') continue;
      const common = proxyMismatch(p, c.context, proxyVersion);
      if (common) {
        ledger.miss(p, common, stageOfReason(common));
        continue;
      }
      const why = clusterMismatch(p, c, clusters);
      if (why) {
        ledger.miss(p, `no cluster matches ${describeMatch(p)}`, 2);
        if (why.includes('did you mean')) ledger.miss(p, why, 3);
        continue;
      }
      if (op === 'REMOVE') {
        ledger.hit(p, c.name, `removed cluster ${c.name}`);
        removed = true;
        break;
      }
      if (op === 'MERGE' || op === 'MERGE_AND_REPLACE_LIST') {
        c.config = protoMerge(c.config, patchValue(p), op === 'MERGE_AND_REPLACE_LIST');
        c.patches.push(refOf(p));
        ledger.hit(p, c.name, `merged into ${c.name}`);
      } else ledger.miss(p, `operation ${p.op} is ignored for CLUSTER (use MERGE, REMOVE or ADD)`, 4);
    }
    if (!removed) kept.push(c);
  }
  return kept;
}

/** CLUSTER ADD for one context: the added clusters, placed by the caller after that context's own. */
export function insertedClusters(context: PatchContext, ledger: PatchLedger, proxyVersion: string): ClusterView[] {
  const out: ClusterView[] = [];
  for (const p of ledger.of('CLUSTER')) {
    if (effectiveOperation(p) !== 'ADD') continue;
    const match = isObject(p.cp.match) ? p.cp.match : {};
    const any = match.context === undefined || match.context === 'ANY';
    if (any && context !== 'SIDECAR_OUTBOUND' && context !== 'GATEWAY') continue;
    const why = proxyMismatch(p, context, proxyVersion);
    if (why) {
      ledger.miss(p, why, stageOfReason(why));
      continue;
    }
    const value = patchValue(p);
    const name = typeof value.name === 'string' ? value.name : '';
    out.push({
      name,
      reason: `added by EnvoyFilter ${p.ef.namespace}/${p.ef.name} (patch ${p.index})`,
      context,
      patches: [],
      addedBy: refOf(p),
      config: structuredClone(value),
    });
    ledger.hit(p, name || '(unnamed cluster)', `added cluster ${name || '(unnamed)'} for ${context}`);
  }
  return out;
}

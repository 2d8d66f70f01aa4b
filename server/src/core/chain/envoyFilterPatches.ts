// EnvoyFilter HTTP_FILTER and NETWORK_FILTER patches applied to one chain with istiod's semantics
// (pilot/pkg/networking/core/envoyfilter/listener_patch.go), recording for every patch what it did or why it did nothing.
import { isObject } from '../util/values';
import { configPatches } from '../resources/configPatches';
import type { Workspace, ResourceRecord } from '../workspace/workspace';
import type { ProxyContext } from '../proxy/proxyContext';
import type { RenderedFilter, PatchOutcome } from './types';
import { selectedEnvoyFilters, nearMisses } from './envoyFilterSelection';
import { Patch, chainMismatch, filterName, subFilterName } from './patchMatch';
import { structural, merges, done } from './patchOperations';

const HCM = 'envoy.filters.network.http_connection_manager';
const OTHER_TARGETS: Record<string, string> = {
  LISTENER: 'whole listeners',
  FILTER_CHAIN: 'filter chains',
  LISTENER_FILTER: 'listener filters',
  ROUTE_CONFIGURATION: 'route configurations',
  VIRTUAL_HOST: 'virtual hosts',
  HTTP_ROUTE: 'routes',
  CLUSTER: 'clusters',
  EXTENSION_CONFIG: 'ECDS extension configs',
  BOOTSTRAP: 'the bootstrap (never applied by istiod)',
};

export interface PatchResult {
  httpFilters: RenderedFilter[];
  networkFilters: RenderedFilter[];
  outcomes: PatchOutcome[];
  warnings: string[];
}

/** The patches of the EnvoyFilters that select the proxy, in istiod's order, each without an outcome yet. */
export function selectedPatches(ws: Workspace, ctx: ProxyContext): { selected: ResourceRecord[]; patches: Patch[] } {
  const patches: Patch[] = [];
  const selected = selectedEnvoyFilters(ws, ctx);
  for (const ef of selected) {
    configPatches(ef.spec).forEach(({ patch: cp, index: index }) => {
      if (!isObject(cp) || !isObject(cp.patch)) return;
      patches.push({ ef, index, cp, applyTo: String(cp.applyTo ?? ''), op: String(cp.patch.operation ?? '') });
    });
  }
  return { selected, patches };
}

export function applyEnvoyFilters(
  ws: Workspace,
  ctx: ProxyContext,
  http: RenderedFilter[],
  network: RenderedFilter[],
): PatchResult {
  const { selected, patches: all } = selectedPatches(ws, ctx);
  for (const p of all) {
    if (p.applyTo !== 'NETWORK_FILTER' && p.applyTo !== 'HTTP_FILTER') {
      done(
        p,
        false,
        OTHER_TARGETS[p.applyTo]
          ? `applyTo ${p.applyTo} patches ${OTHER_TARGETS[p.applyTo]}, outside the filter chain: its outcome is in the whole proxy config (meshlens config)`
          : `applyTo ${p.applyTo} is not a valid applyTo; istiod rejects the EnvoyFilter`,
      );
      p.outcome!.evaluated = false;
    }
  }
  const result = patchChainFilters(all, ctx, http, network);
  return { ...result, outcomes: [...all.map((p) => p.outcome!), ...nearMisses(ws, ctx, selected)] };
}

/**
 * NETWORK_FILTER and HTTP_FILTER patches on one filter chain (patches with an outcome already are passed over).
 * Every patch of those kinds gets an outcome for this chain.
 */
export function patchChainFilters(
  all: Patch[],
  ctx: ProxyContext,
  http: RenderedFilter[],
  network: RenderedFilter[],
): Omit<PatchResult, 'outcomes'> {
  const warnings: string[] = [];
  const netPatches = all.filter((p) => p.applyTo === 'NETWORK_FILTER');
  const httpPatches = all.filter((p) => p.applyTo === 'HTTP_FILTER');
  for (const p of [...netPatches, ...httpPatches]) {
    const why = chainMismatch(p, ctx);
    if (why) done(p, false, why);
  }
  const abort = (from: Patch) => {
    for (const p of [...netPatches, ...httpPatches])
      if (!p.outcome)
        done(
          p,
          false,
          `not applied: istiod gave up after the failed MERGE of ${from.ef.namespace}/${from.ef.name} patch ${from.index}`,
        );
  };

  // Network filters: structural operations, then MERGEs (listener_patch.go patchNetworkFilters).
  let networkFilters = network;
  for (const p of netPatches) {
    if (p.outcome || p.op === 'MERGE') continue;
    networkFilters = structural(networkFilters, p, filterName(p), 'network filter', ctx);
  }
  const netMerge = merges(
    networkFilters,
    netPatches.filter((p) => p.op === 'MERGE'),
    filterName,
    ctx,
    warnings,
  );
  networkFilters = netMerge.list;
  if (netMerge.aborted) abort(netMerge.aborted);

  // HTTP filters, inside the HCM (listener_patch.go patchHTTPFilters): only when the HCM is still there.
  let httpFilters = http;
  const hcm = networkFilters.some((f) => f.name === HCM);
  const hadHcm = network.some((f) => f.name === HCM);
  for (const p of httpPatches) {
    if (p.outcome) continue;
    const f = filterName(p);
    if (f !== undefined && f !== HCM)
      done(
        p,
        false,
        f === 'envoy.http_connection_manager'
          ? `filter ${f} is the deprecated name; istiod only matches ${HCM}`
          : `filter ${f} is not the HTTP connection manager (${HCM}); HTTP filters live only in that one`,
      );
    else if (!hcm)
      done(
        p,
        false,
        hadHcm
          ? `the HTTP connection manager is not on this chain any more (a NETWORK_FILTER patch removed or replaced it)`
          : `the HTTP connection manager is not on this chain (a TCP chain: HTTP filters live only in the HCM)`,
      );
  }
  for (const p of httpPatches) {
    if (p.outcome || p.op === 'MERGE') continue;
    // ADD and INSERT_FIRST ignore the subFilter.
    httpFilters = structural(
      httpFilters,
      p,
      p.op === 'ADD' || p.op === 'INSERT_FIRST' ? undefined : subFilterName(p),
      'HTTP filter',
      ctx,
    );
  }
  const httpMerge = merges(
    httpFilters,
    httpPatches.filter((p) => p.op === 'MERGE'),
    subFilterName,
    ctx,
    warnings,
  );
  httpFilters = httpMerge.list;
  if (httpMerge.aborted) abort(httpMerge.aborted);

  const routerAt = httpFilters.findIndex((f) => f.name === 'envoy.filters.http.router');
  if (routerAt >= 0 && routerAt < httpFilters.length - 1) {
    const after = httpFilters
      .slice(routerAt + 1)
      .map((f) => f.name || '(unnamed)')
      .join(', ');
    warnings.push(
      `envoy.filters.http.router must be the last HTTP filter; ${after} comes after it, and Envoy rejects the listener ("terminal filter ... must be the last filter in a http filter chain"). Use INSERT_BEFORE with subFilter envoy.filters.http.router instead of ADD.`,
    );
  }
  return { httpFilters, networkFilters, warnings };
}

// A workload's whole proxy config, offline: listeners with every filter chain, clusters and route configurations as
// istiod builds them for the target Istio version, then every EnvoyFilter patch applied with its outcome and targets.
import type { Workspace } from '../workspace/workspace';
import { isObject } from '../util/values';
import { findWorkload } from '../chain/renderChain';
import { isGatewayWorkload } from '../proxy/proxyContext';
import { proxyContext } from '../proxy/proxyContext';
import { selectedPatches } from '../chain/envoyFilterPatches';
import { nearMisses } from '../chain/envoyFilterSelection';
import { creationTime } from '../proxy/attachment';
import { meshServices } from './meshServices';
import { sidecarOutbound } from './sidecarOutbound';
import { sidecarInbound } from './sidecarInbound';
import { gatewayConfig } from './gateway';
import { waypointConfig, isWaypoint } from './waypoint';
import { outboundClusters, fixedCluster } from './clusters';
import { PatchLedger, patchValue } from './patchLedger';
import { applyListenerPatches, addListeners } from './listenerPatches';
import { applyClusterPatches, insertedClusters } from './clusterPatches';
import { applyRoutePatches } from './routePatches';
import type { ProxyModel, ListenerModel, RouteConfigurationModel } from './model';
import type { Patch } from '../chain/patchMatch';
import type { ClusterView, PatchContext, ProxyConfig, ProxyKind } from './types';

const cache = new WeakMap<Workspace, { version: number; byKey: Map<string, ProxyConfig> }>();

/** renderProxyConfig, kept per workspace version (CodeLens and checks ask for the same workload repeatedly). */
export function cachedProxyConfig(ws: Workspace, workloadId: string, istioVersion: string): ProxyConfig {
  let entry = cache.get(ws);
  if (!entry || entry.version !== ws.version) cache.set(ws, (entry = { version: ws.version, byKey: new Map() }));
  const key = `${workloadId}@${istioVersion}`;
  let config = entry.byKey.get(key);
  if (!config) entry.byKey.set(key, (config = renderProxyConfig(ws, workloadId, istioVersion)));
  return config;
}

export function renderProxyConfig(ws: Workspace, workloadId: string, istioVersion: string): ProxyConfig {
  const w = findWorkload(ws, workloadId);
  const kind: ProxyKind = isWaypoint(ws, w) ? 'waypoint' : isGatewayWorkload(w) ? 'gateway' : 'sidecar';
  const model: ProxyModel = { listeners: [], clusters: [], routeConfigurations: [], assumptions: [], warnings: [] };
  const services = meshServices(ws);
  const clusterGroups: Array<{ context: PatchContext; clusters: ClusterView[] }> = [];
  if (kind === 'sidecar') {
    sidecarOutbound(ws, w, services, istioVersion, model);
    clusterGroups.push({
      context: 'SIDECAR_OUTBOUND',
      clusters: [
        ...outboundClusters(ws, services, 'SIDECAR_OUTBOUND'),
        fixedCluster('BlackHoleCluster', 'SIDECAR_OUTBOUND', 'drops traffic (REGISTRY_ONLY, blackhole chains)'),
        fixedCluster('PassthroughCluster', 'SIDECAR_OUTBOUND', 'sends traffic to its original destination (ALLOW_ANY)'),
      ],
    });
    sidecarInbound(ws, w, istioVersion, model);
    clusterGroups.push({ context: 'SIDECAR_INBOUND', clusters: model.clusters.splice(0) });
  } else if (kind === 'gateway') {
    gatewayConfig(ws, w, istioVersion, model);
    clusterGroups.push({
      context: 'GATEWAY',
      clusters: [
        ...outboundClusters(ws, services, 'GATEWAY'),
        fixedCluster('BlackHoleCluster', 'GATEWAY', 'drops traffic with no route'),
      ],
    });
    const portMap = new Map<number, number[]>();
    for (const rc of model.routeConfigurations)
      for (const [k, v] of rc.portMap ?? []) portMap.set(k, [...new Set([...(portMap.get(k) ?? []), ...v])]);
    for (const rc of model.routeConfigurations) rc.portMap = portMap;
  } else {
    waypointConfig(ws, w, services, istioVersion, model);
    clusterGroups.push({ context: 'SIDECAR_INBOUND', clusters: model.clusters.splice(0) });
  }

  // Selection depends on the workload only; any context stands for the proxy here.
  const base = {
    ...proxyContext(
      w,
      kind === 'sidecar' ? 'inbound' : 'gateway',
      w.ports[0] ?? 80,
      ws.meshConfig.rootNamespace,
      istioVersion,
    ),
    waypoint: kind === 'waypoint',
  };
  const { selected, patches } = selectedPatches(ws, base);
  const ledger = new PatchLedger(patches);
  const proxyVersion = `${istioVersion}.0`;

  const listeners = applyListenerPatches(model.listeners, ledger, proxyVersion, model.warnings);
  const groups: PatchContext[] =
    kind === 'sidecar'
      ? ['SIDECAR_OUTBOUND', 'SIDECAR_INBOUND']
      : kind === 'gateway'
        ? ['GATEWAY']
        : ['SIDECAR_INBOUND'];
  addListeners(groups, ledger, proxyVersion, listeners);
  applyRoutePatches(model.routeConfigurations, ledger, proxyVersion);
  const clusters: ClusterView[] = [];
  for (const g of clusterGroups) {
    // Waypoints' own clusters only take ADDs (cluster.go buildClusters, case Waypoint).
    clusters.push(...(kind === 'waypoint' ? g.clusters : applyClusterPatches(g.clusters, ledger, proxyVersion)));
    clusters.push(...insertedClusters(g.context, ledger, proxyVersion));
  }
  extensionConfigs(listeners, ledger);

  const outcomes = ledger.outcomes((p) => notTried(p, kind));
  const assumptions = [...model.assumptions, ...commonAssumptions(ws, kind, istioVersion)];
  if ([...selected].some((r) => !creationTime(r.value)) && selected.length > 1)
    assumptions.push(
      'EnvoyFilters without metadata.creationTimestamp are ordered as if created at the same time, then by name.',
    );
  return {
    workload: `${w.namespace}/${w.name}`,
    istioVersion,
    proxy: kind,
    listeners: listeners.map(publicListener),
    clusters,
    routeConfigurations: model.routeConfigurations.map(publicRoute),
    patches: [
      ...outcomes,
      ...nearMisses(ws, base, selected)
        .map((m) => ({ ...m, targets: [] as string[] }))
        .map(({ evaluated: _e, ...m }) => m),
    ],
    assumptions,
    warnings: model.warnings,
  };
}

/** EXTENSION_CONFIG: served through ECDS to filters that name it in config_discovery (extension_configuration_patch.go). */
function extensionConfigs(listeners: ListenerModel[], ledger: PatchLedger): void {
  for (const p of ledger.of('EXTENSION_CONFIG')) {
    const name = patchValue(p).name;
    for (const l of listeners)
      for (const c of l.filterChains)
        for (const f of [...c.networkFilters, ...c.httpFilters])
          if (f.configDiscovery && f.name === name)
            ledger.hit(
              p,
              `${l.name}/${c.name || `#${l.filterChains.indexOf(c)}`}/${f.name}`,
              `served through ECDS to ${f.name}`,
            );
    ledger.miss(
      p,
      `no filter of this proxy reads an extension config named ${String(name ?? '')} through config_discovery`,
      3,
    );
  }
}

function notTried(p: Patch, kind: ProxyKind): string {
  const match = isObject(p.cp.match) ? p.cp.match : {};
  if (match.context === 'WAYPOINT')
    return 'context WAYPOINT: istiod accepts it but never patches with it (waypoints are patched with SIDECAR_INBOUND and SIDECAR_OUTBOUND)';
  if (p.applyTo === 'BOOTSTRAP') return 'BOOTSTRAP patches are never applied by istiod (deprecated)';
  if (
    ![
      'LISTENER',
      'FILTER_CHAIN',
      'LISTENER_FILTER',
      'NETWORK_FILTER',
      'HTTP_FILTER',
      'ROUTE_CONFIGURATION',
      'VIRTUAL_HOST',
      'HTTP_ROUTE',
      'CLUSTER',
      'EXTENSION_CONFIG',
    ].includes(p.applyTo)
  )
    return `applyTo ${p.applyTo} is not a valid applyTo; istiod rejects the EnvoyFilter`;
  const what =
    p.applyTo === 'CLUSTER'
      ? 'clusters'
      : p.applyTo.includes('ROUTE') || p.applyTo === 'VIRTUAL_HOST'
        ? 'route configurations'
        : 'listeners';
  return `this ${kind} has no ${what} in context ${String(match.context ?? 'ANY')}`;
}

function commonAssumptions(ws: Workspace, kind: ProxyKind, istioVersion: string): string[] {
  const out = [
    ws.meshConfig.explicit
      ? `Mesh config from ${ws.meshConfig.source}.`
      : `No mesh config in the workspace: root namespace ${ws.meshConfig.rootNamespace}, outboundTrafficPolicy ALLOW_ANY, Istio's default providers.`,
    `The proxy reports ISTIO_VERSION ${istioVersion}.0 (the target Istio version) for proxyVersion matches.`,
    'Every Service and ServiceEntry of the workspace is visible to the proxy (no Sidecar resource or exportTo narrows it); the cluster domain is cluster.local.',
    "Values show what Meshlens models (names, matches, filters, types) with the EnvoyFilter values merged in; istiod's other defaults (timeouts, TLS contexts, stats prefixes, endpoints) are not shown.",
  ];
  if (kind === 'sidecar')
    out.push('Interception is iptables REDIRECT (no TPROXY), IPv4 only, proxy protocol detection on (the defaults).');
  return out;
}

function publicListener(l: ListenerModel) {
  return {
    ...l,
    filterChains: l.filterChains.map(({ ctx: _ctx, terminatesTls: _t, ...c }) => c),
  };
}

function publicRoute(rc: RouteConfigurationModel) {
  const { portMap: _portMap, ...rest } = rc;
  return {
    ...rest,
    virtualHosts: rc.virtualHosts.map((vh) => ({ ...vh, routes: vh.routes.map(({ action: _a, ...r }) => r) })),
  };
}

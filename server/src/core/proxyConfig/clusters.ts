// The clusters istiod builds from services (cluster.go buildOutboundClusters: one per service port and one more per
// DestinationRule subset) and the fixed ones every sidecar or gateway gets.
import type { Workspace } from '../workspace/workspace';
import type { ClusterView, PatchContext } from './types';
import { MeshService, subsetsByHost } from './meshServices';
import { outboundClusterName } from './sidecarOutbound';

/** How Envoy finds the endpoints (cluster_builder.go: EDS for the registry, DNS or original destination by resolution). */
function discovery(s: MeshService, name: string): Record<string, unknown> {
  if (s.resolution === 'DNS') return { type: 'STRICT_DNS' };
  if (s.resolution === 'DNS_ROUND_ROBIN') return { type: 'LOGICAL_DNS' };
  if (s.resolution === 'NONE') return { type: 'ORIGINAL_DST', lb_policy: 'CLUSTER_PROVIDED' };
  return {
    type: 'EDS',
    eds_cluster_config: { service_name: name, eds_config: { ads: {}, resource_api_version: 'V3' } },
  };
}

export function outboundClusters(ws: Workspace, services: MeshService[], context: PatchContext): ClusterView[] {
  const subsets = subsetsByHost(ws);
  const out: ClusterView[] = [];
  for (const s of services) {
    for (const p of s.ports) {
      for (const subset of ['', ...(subsets.get(s.hostname) ?? [])]) {
        const name = outboundClusterName(p.port, s.hostname, subset);
        out.push({
          name,
          reason: `${s.kind} ${s.namespace}/${s.name} port ${p.port}${subset ? `, DestinationRule subset ${subset}` : ''}`,
          service: s.hostname,
          port: p.port,
          ...(subset ? { subset } : {}),
          context,
          patches: [],
          config: { name, ...discovery(s, name) },
        });
      }
    }
  }
  return out;
}

export function fixedCluster(name: string, context: PatchContext, reason: string): ClusterView {
  const config =
    name === 'BlackHoleCluster'
      ? { name, type: 'STATIC', connect_timeout: '10s' }
      : { name, type: 'ORIGINAL_DST', lb_policy: 'CLUSTER_PROVIDED' };
  return { name, reason, context, patches: [], config };
}

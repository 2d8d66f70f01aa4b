// Which Gateways are waypoints (class istio-waypoint) and which services are bound to one: istio.io/use-waypoint on
// the Service or ServiceEntry or, failing that, on its Namespace (ambient waypoints.go fetchWaypointForTarget), for
// waypoints that serve services (istio.io/waypoint-for service or all, the default being service).
import { isObject } from '../util/values';
import type { Workspace } from '../workspace/workspace';
import type { Workload } from '../workspace/workloads';
import type { MeshService } from './meshServices';

export function isWaypoint(ws: Workspace, w: Workload): boolean {
  if (w.kind !== 'Gateway') return false;
  const gw = ws
    .othersOfKind('Gateway')
    .find(
      (o) => o.namespace === w.namespace && o.name === w.name && o.apiVersion.startsWith('gateway.networking.k8s.io/'),
    );
  return !!gw && isObject(gw.value.spec) && gw.value.spec.gatewayClassName === 'istio-waypoint';
}

/** The services bound to the waypoint by istio.io/use-waypoint on themselves or, failing that, their namespace. */
export function boundServices(ws: Workspace, w: Workload, services: MeshService[]): MeshService[] {
  const gw = ws.othersOfKind('Gateway').find((o) => o.namespace === w.namespace && o.name === w.name);
  const gwLabels =
    gw && isObject(gw.value.metadata) && isObject(gw.value.metadata.labels) ? gw.value.metadata.labels : {};
  const trafficType =
    typeof gwLabels['istio.io/waypoint-for'] === 'string' ? gwLabels['istio.io/waypoint-for'] : 'service';
  if (trafficType !== 'service' && trafficType !== 'all') return [];
  const nsLabels = (ns: string) => {
    const o = ws.othersOfKind('Namespace').find((x) => x.name === ns);
    return o && isObject(o.value.metadata) && isObject(o.value.metadata.labels)
      ? (o.value.metadata.labels as Record<string, unknown>)
      : {};
  };
  return services.filter((s) => {
    if (s.labels['gateway.istio.io/managed']) return false;
    const labels: Record<string, unknown> =
      s.labels['istio.io/use-waypoint'] !== undefined ? s.labels : nsLabels(s.namespace);
    const name = labels['istio.io/use-waypoint'];
    const ns =
      typeof labels['istio.io/use-waypoint-namespace'] === 'string'
        ? labels['istio.io/use-waypoint-namespace']
        : s.namespace;
    return name === w.name && ns === w.namespace;
  });
}

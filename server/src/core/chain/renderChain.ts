// The filter chain and telemetry a workload gets, computed from the workspace the way istiod would build them.
import type { Workspace, ResourceRecord } from '../workspace/workspace';
import { shouldAttach } from '../proxy/attachment';
import { selectorLabels } from '../resources/selectors';
import type { Workload } from '../workspace/workloads';
import { isObject, asArray } from '../util/values';
import { proxyContext, isGatewayWorkload } from '../proxy/proxyContext';
import { istioChain } from './istioFilters';
import { applyEnvoyFilters } from './envoyFilterPatches';
import { selectedEnvoyFilters } from './envoyFilterSelection';
import { effectiveTelemetry, EffectiveTelemetry } from '../telemetry/effectiveTelemetry';
import type { ChainResult, Direction } from './types';
import { creationTime } from '../proxy/attachment';
import { inboundPorts } from '../proxyConfig/sidecarInbound';
import { compareText } from '../util/compareText';

export class ChainError extends Error {}

export interface WorkloadSummary {
  id: string;
  kind: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  gateway: boolean;
  /** Ports worth previewing per direction. */
  ports: Partial<Record<Direction, number[]>>;
  source: { uri: string; docIndex: number };
}

/** Service ports in the workspace: what outbound listeners exist for. */
function servicePorts(ws: Workspace): number[] {
  const ports = new Set<number>();
  for (const o of ws.others) {
    if (o.kind !== 'Service' || !isObject(o.value.spec)) continue;
    for (const p of asArray(o.value.spec.ports)) if (isObject(p) && typeof p.port === 'number') ports.add(p.port);
  }
  return [...ports].sort((a, b) => a - b);
}

/** Target ports of the Services that select a workload (as the inbound listener has them), and its container ports. */
function inboundChainPorts(ws: Workspace, w: Workload): number[] {
  const ports = new Set<number>([...w.ports, ...inboundPorts(ws, w).map((p) => p.targetPort)]);
  return [...ports].sort((x, y) => x - y);
}

export function listWorkloads(ws: Workspace): WorkloadSummary[] {
  const outbound = servicePorts(ws);
  return ws.workloads
    .map((w) => {
      const gateway = isGatewayWorkload(w);
      const inbound = inboundChainPorts(ws, w);
      return {
        id: `${w.namespace}/${w.name}`,
        kind: w.kind,
        namespace: w.namespace,
        name: w.name,
        labels: w.labels,
        gateway,
        ports: gateway ? { gateway: inbound } : { inbound, outbound },
        source: w.source,
      };
    })
    .sort((a, b) => compareText(a.id, b.id));
}

/** The workloads of the workspace a resource attaches to ("applies to N workloads"), as `namespace/name`. */
export function workloadsSelectedBy(ws: Workspace, record: ResourceRecord, istioVersion: string): string[] {
  const root = ws.meshConfig.rootNamespace;
  return ws.workloads
    .filter((w) => {
      // Root-namespace resources reach every namespace, except Telemetry with a selector (model/telemetry.go applicableTelemetries).
      const meshWide =
        record.namespace === root && !(record.kind === 'Telemetry' && selectorLabels(record.kind, record.spec));
      const inScope = record.namespace === w.namespace || meshWide;
      if (!inScope) return false;
      const ctx = proxyContext(w, isGatewayWorkload(w) ? 'gateway' : 'inbound', w.ports[0] ?? 80, root, istioVersion);
      return shouldAttach(record.namespace, record.spec, selectorLabels(record.kind, record.spec), ctx);
    })
    .map((w) => `${w.namespace}/${w.name}`)
    .sort();
}

export function findWorkload(ws: Workspace, id: string): Workload {
  const [namespace, name] = id.includes('/') ? id.split('/', 2) : ['default', id];
  const w = ws.workloads.find((x) => x.namespace === namespace && x.name === name);
  if (!w) {
    const known = ws.workloads.map((x) => `${x.namespace}/${x.name}`).sort();
    throw new ChainError(
      `workload ${namespace}/${name} not found; the workspace has ${known.length ? known.join(', ') : 'no workloads (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, ReplicaSets, Pods or Gateway API Gateways)'}`,
    );
  }
  return w;
}

export function renderChain(
  ws: Workspace,
  workloadId: string,
  direction: Direction,
  port: number,
  istioVersion: string,
): ChainResult {
  const w = findWorkload(ws, workloadId);
  const gateway = isGatewayWorkload(w);
  if (gateway && direction !== 'gateway') throw new ChainError(`${workloadId} is a gateway: use direction gateway`);
  if (!gateway && direction === 'gateway')
    throw new ChainError(`${workloadId} is not a gateway: use direction inbound or outbound`);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ChainError(`port must be between 1 and 65535, not ${port}`);
  const ctx = proxyContext(w, direction, port, ws.meshConfig.rootNamespace, istioVersion);
  const base = istioChain(ws, ctx);
  const patched = applyEnvoyFilters(ws, ctx, base.httpFilters, base.networkFilters);
  const assumptions = [...base.telemetry.assumptions, ...base.assumptions];
  if (ws.meshConfig.explicit) assumptions.push(`Mesh config from ${ws.meshConfig.source}.`);
  else
    assumptions.push(
      `No mesh config in the workspace: root namespace ${ws.meshConfig.rootNamespace}, Istio's default providers.`,
    );
  assumptions.push(
    `The proxy reports ISTIO_VERSION ${ctx.proxyVersion} (the target Istio version) for proxyVersion matches.`,
  );
  const undated = [
    ...selectedEnvoyFilters(ws, ctx),
    ...ws.resources.filter((r) => r.kind === 'WasmPlugin' || r.kind === 'TrafficExtension'),
  ].filter((r) => !creationTime(r.value));
  if (undated.length)
    assumptions.push(
      'Resources without metadata.creationTimestamp are ordered as if created at the same time, then by name.',
    );
  if (direction === 'inbound')
    assumptions.push(
      'Inbound: the HTTP chain shown stands for both the mTLS and the plaintext chain that PERMISSIVE mode creates; they carry the same filters.',
    );
  return {
    workload: `${w.namespace}/${w.name}`,
    direction,
    port,
    istioVersion,
    proxy: gateway ? 'gateway' : 'sidecar',
    listener: ctx.listenerName,
    filterChain: ctx.filterChainName,
    httpFilters: patched.httpFilters,
    networkFilters: patched.networkFilters,
    patches: patched.outcomes,
    assumptions,
    warnings: patched.warnings,
  };
}

export function workloadTelemetry(ws: Workspace, workloadId: string, istioVersion: string): EffectiveTelemetry {
  const w = findWorkload(ws, workloadId);
  // Telemetry's levels do not depend on the direction; the modes inside the result do.
  const ctx = proxyContext(
    w,
    isGatewayWorkload(w) ? 'gateway' : 'inbound',
    w.ports[0] ?? 80,
    ws.meshConfig.rootNamespace,
    istioVersion,
  );
  return effectiveTelemetry(ws, ctx);
}

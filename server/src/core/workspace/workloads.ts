// Workloads (what a sidecar or gateway proxy runs in) read from the workspace's Kubernetes manifests.
import { isObject } from '../util/values';
import { asLabels, Labels } from './labels';

export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

export interface Workload {
  kind: string;
  name: string;
  namespace: string;
  /** The pod labels. */
  labels: Labels;
  /** Container ports. */
  ports: number[];
  /** Named container ports, which a Service's targetPort may name. */
  portNames?: Record<string, number>;
  /** Where it was declared. */
  source: { uri: string; docIndex: number };
}

const POD_TEMPLATE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];

/** The workload a manifest declares, or undefined if it declares none. */
export function workloadOf(value: Record<string, unknown>, source: Workload['source']): Workload | undefined {
  const kind = value.kind;
  if (typeof kind !== 'string') return undefined;
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
  const spec = isObject(value.spec) ? value.spec : {};
  let pod: Record<string, unknown> | undefined;
  if (kind === 'Pod') pod = value;
  else if (POD_TEMPLATE_KINDS.includes(kind)) pod = isObject(spec.template) ? spec.template : undefined;
  else if (kind === 'CronJob') {
    const job = isObject(spec.jobTemplate) && isObject(spec.jobTemplate.spec) ? spec.jobTemplate.spec : undefined;
    pod = job && isObject(job.template) ? job.template : undefined;
  } else if (
    kind === 'Gateway' &&
    typeof value.apiVersion === 'string' &&
    value.apiVersion.startsWith('gateway.networking.k8s.io/')
  ) {
    // Istio deploys a proxy for each Gateway API Gateway, labelled with the gateway's name.
    const ports = Array.isArray(spec.listeners)
      ? spec.listeners.map((l) => (isObject(l) ? Number(l.port) : NaN)).filter(Number.isFinite)
      : [];
    return { kind, name, namespace, labels: { [GATEWAY_NAME_LABEL]: name }, ports, source };
  }
  if (!pod) return undefined;
  const podMeta = isObject(pod.metadata) ? pod.metadata : {};
  const podSpec = isObject(pod.spec) ? pod.spec : {};
  const ports: number[] = [];
  const portNames: Record<string, number> = {};
  for (const c of Array.isArray(podSpec.containers) ? podSpec.containers : []) {
    if (!isObject(c) || !Array.isArray(c.ports)) continue;
    for (const p of c.ports) {
      if (!isObject(p) || typeof p.containerPort !== 'number') continue;
      ports.push(p.containerPort);
      if (typeof p.name === 'string' && p.name) portNames[p.name] = p.containerPort;
    }
  }
  return { kind, name, namespace, labels: asLabels(podMeta.labels) ?? {}, ports, portNames, source };
}

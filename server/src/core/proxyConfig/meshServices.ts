// The services istiod's registry would hold for the workspace: Kubernetes Services (host name.ns.svc.cluster.local)
// and ServiceEntry hosts, with each port's protocol as istiod reads it (pkg/config/protocol, kube ConvertProtocol),
// and the DestinationRule subsets that become clusters.
import { isObject, asArray } from '../util/values';
import type { Workspace, OtherObject } from '../workspace/workspace';
import type { Origin } from '../chain/types';

export const CLUSTER_DOMAIN = 'cluster.local';

/** HTTP-like protocols get an HCM; the others a tcp_proxy; UNKNOWN is sniffed (both chains). */
export type PortProtocol =
  | 'HTTP'
  | 'HTTP2'
  | 'GRPC'
  | 'GRPC-WEB'
  | 'HTTPS'
  | 'TLS'
  | 'TCP'
  | 'MONGO'
  | 'REDIS'
  | 'MYSQL';

export interface ServicePort {
  port: number;
  name: string;
  /** undefined: istiod detects the protocol (sniffing). */
  protocol: PortProtocol | undefined;
  targetPort?: number;
  /** A targetPort given by name: the selected pods' container port of that name. */
  targetPortName?: string;
}

export interface MeshService {
  hostname: string;
  namespace: string;
  name: string;
  kind: 'Service' | 'ServiceEntry';
  ports: ServicePort[];
  /** ClusterIP or ServiceEntry addresses, when the manifest states them. */
  addresses: string[];
  /** ServiceEntry resolution (NONE, STATIC, DNS, DNS_ROUND_ROBIN); undefined for Kubernetes Services. */
  resolution?: string;
  /** Labels of the Service or ServiceEntry (istio.io/use-waypoint). */
  labels: Record<string, string>;
  /** Pod labels a Kubernetes Service selects (inbound chains of its workloads). */
  selector?: Record<string, string>;
  origin: Origin;
}

const PROTOCOLS = new Set<string>([
  'HTTP',
  'HTTP2',
  'GRPC',
  'GRPC-WEB',
  'HTTPS',
  'TLS',
  'TCP',
  'MONGO',
  'REDIS',
  'MYSQL',
]);

/** A port's protocol from appProtocol, the ServiceEntry protocol or the name prefix before `-` (case-insensitive). */
export function protocolOf(name: string, explicit: unknown): PortProtocol | undefined {
  const wanted = typeof explicit === 'string' && explicit ? explicit : name.split('-')[0];
  const upper = wanted.toUpperCase();
  if (upper === 'H2C') return 'HTTP2';
  return PROTOCOLS.has(upper) ? (upper as PortProtocol) : undefined;
}

export function isHttpProtocol(p: PortProtocol | undefined): boolean {
  return p === 'HTTP' || p === 'HTTP2' || p === 'GRPC' || p === 'GRPC-WEB';
}

function originOf(o: OtherObject): Origin {
  return { kind: o.kind, namespace: o.namespace, name: o.name, uri: o.uri, docIndex: o.docIndex };
}

function labelsOf(o: OtherObject): Record<string, string> {
  const metadata = isObject(o.value.metadata) ? o.value.metadata : {};
  return isObject(metadata.labels)
    ? Object.fromEntries(Object.entries(metadata.labels).map(([k, v]) => [k, String(v)]))
    : {};
}

function kubeService(o: OtherObject): MeshService | undefined {
  const spec = isObject(o.value.spec) ? o.value.spec : {};
  if (spec.type === 'ExternalName') return undefined;
  const ports: ServicePort[] = [];
  for (const p of asArray(spec.ports)) {
    if (!isObject(p) || typeof p.port !== 'number') continue;
    if (typeof p.protocol === 'string' && p.protocol.toUpperCase() === 'UDP') continue;
    const name = typeof p.name === 'string' ? p.name : '';
    ports.push({
      port: p.port,
      name,
      protocol: protocolOf(name, p.appProtocol),
      targetPort:
        typeof p.targetPort === 'number' ? p.targetPort : typeof p.targetPort === 'string' ? undefined : p.port,
      ...(typeof p.targetPort === 'string' ? { targetPortName: p.targetPort } : {}),
    });
  }
  const selector = isObject(spec.selector)
    ? Object.fromEntries(Object.entries(spec.selector).map(([k, v]) => [k, String(v)]))
    : undefined;
  const ip = typeof spec.clusterIP === 'string' && spec.clusterIP !== 'None' ? [spec.clusterIP] : [];
  return {
    hostname: `${o.name}.${o.namespace}.svc.${CLUSTER_DOMAIN}`,
    namespace: o.namespace,
    name: o.name,
    kind: 'Service',
    ports,
    addresses: ip,
    labels: labelsOf(o),
    selector,
    origin: originOf(o),
  };
}

function serviceEntryHosts(o: OtherObject): MeshService[] {
  const spec = isObject(o.value.spec) ? o.value.spec : {};
  const ports: ServicePort[] = [];
  for (const p of asArray(spec.ports)) {
    if (!isObject(p) || typeof p.number !== 'number') continue;
    const name = typeof p.name === 'string' ? p.name : '';
    ports.push({
      port: p.number,
      name,
      protocol: protocolOf(name, p.protocol),
      targetPort: typeof p.targetPort === 'number' ? p.targetPort : undefined,
    });
  }
  const addresses = asArray(spec.addresses).filter((a): a is string => typeof a === 'string');
  return asArray(spec.hosts)
    .filter((h): h is string => typeof h === 'string' && h.length > 0)
    .map((hostname) => ({
      hostname,
      namespace: o.namespace,
      name: o.name,
      kind: 'ServiceEntry' as const,
      ports,
      addresses,
      resolution: typeof spec.resolution === 'string' ? spec.resolution : 'NONE',
      labels: labelsOf(o),
      origin: originOf(o),
    }));
}

/** Every service of the workspace, sorted by hostname (istiod sorts services by creation time, then hostname). */
export function meshServices(ws: Workspace): MeshService[] {
  return ws.derivedValue('meshServices', () => {
    const out: MeshService[] = [];
    for (const o of ws.othersOfKind('Service')) {
      const s = kubeService(o);
      if (s) out.push(s);
    }
    for (const o of ws.othersOfKind('ServiceEntry')) out.push(...serviceEntryHosts(o));
    return out.sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0));
  });
}

/** A host as written in a DestinationRule or VirtualService, made a full name in the resource's namespace. */
export function fullHost(host: string, namespace: string): string {
  if (host.includes('.') || host === '*') return host;
  return `${host}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** DestinationRule subset names per host (each becomes an `outbound|PORT|SUBSET|HOST` cluster). */
export function subsetsByHost(ws: Workspace): Map<string, string[]> {
  return ws.derivedValue('subsetsByHost', () => collectSubsets(ws));
}

function collectSubsets(ws: Workspace): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const o of ws.othersOfKind('DestinationRule')) {
    if (!isObject(o.value.spec)) continue;
    const host = typeof o.value.spec.host === 'string' ? fullHost(o.value.spec.host, o.namespace) : '';
    if (!host) continue;
    const names = asArray(o.value.spec.subsets)
      .map((s) => (isObject(s) && typeof s.name === 'string' ? s.name : ''))
      .filter(Boolean);
    out.set(host, [...(out.get(host) ?? []), ...names]);
  }
  return out;
}

// The mesh configuration the checks need: root namespace, default providers and extension providers. Read from the
// `istio` ConfigMap in the root namespace, an IstioOperator's meshConfig, or a mesh config file; defaults otherwise.
import { parse } from 'yaml';
import { isObject } from '../util/values';

export interface MeshConfigInfo {
  rootNamespace: string;
  defaultProviders: { metrics: string[]; tracing: string[]; accessLogging: string[] };
  /** Provider name (lower case) -> provider type (prometheus, zipkin, envoyFileAccessLog, lightstep, ...). */
  providers: Map<string, string>;
  /** envoyExtAuthzHttp/envoyExtAuthzGrpc providers (name -> service and port), for CUSTOM authorization. */
  extAuthz: Map<string, { service: string; port: number | undefined }>;
  /** Where sidecars send traffic to unknown destinations (outboundTrafficPolicy.mode; ALLOW_ANY by default). */
  outboundMode: 'ALLOW_ANY' | 'REGISTRY_ONLY';
  /** Where it came from, for messages and the preview. */
  source: string;
  /** True when read from the workspace or a file, false for Istio's defaults. */
  explicit: boolean;
}

/** Providers every mesh has (pkg/config/mesh/mesh.go DefaultMeshConfig). */
const BUILT_IN: Array<[string, string]> = [
  ['prometheus', 'prometheus'],
  ['stackdriver', 'stackdriver'],
  ['envoy', 'envoyFileAccessLog'],
];

export function defaultMeshConfig(): MeshConfigInfo {
  return {
    rootNamespace: 'istio-system',
    defaultProviders: { metrics: [], tracing: [], accessLogging: [] },
    providers: new Map(BUILT_IN),
    extAuthz: new Map(),
    outboundMode: 'ALLOW_ANY',
    source: "Istio's defaults",
    explicit: false,
  };
}

/** Reads a MeshConfig object (the `mesh` key of the istio ConfigMap, parsed, or an IstioOperator's meshConfig). */
export function meshConfigFrom(mesh: Record<string, unknown>, source: string): MeshConfigInfo {
  const info = defaultMeshConfig();
  info.source = source;
  info.explicit = true;
  if (typeof mesh.rootNamespace === 'string' && mesh.rootNamespace) info.rootNamespace = mesh.rootNamespace;
  if (isObject(mesh.outboundTrafficPolicy) && mesh.outboundTrafficPolicy.mode === 'REGISTRY_ONLY')
    info.outboundMode = 'REGISTRY_ONLY';
  const defaults = isObject(mesh.defaultProviders) ? mesh.defaultProviders : {};
  for (const key of ['metrics', 'tracing', 'accessLogging'] as const) {
    const list = defaults[key];
    if (Array.isArray(list)) info.defaultProviders[key] = list.map(String);
  }
  for (const p of Array.isArray(mesh.extensionProviders) ? mesh.extensionProviders : []) {
    if (!isObject(p) || typeof p.name !== 'string') continue;
    const type = Object.keys(p).find((k) => k !== 'name') ?? 'unknown';
    info.providers.set(p.name.toLowerCase(), type);
    const authz = p.envoyExtAuthzHttp ?? p.envoyExtAuthzGrpc;
    if (isObject(authz))
      info.extAuthz.set(p.name, {
        service: typeof authz.service === 'string' ? authz.service : '',
        port: typeof authz.port === 'number' ? authz.port : undefined,
      });
  }
  return info;
}

/** The mesh config a manifest carries, if it is the istio ConfigMap or an IstioOperator. */
export function meshConfigOf(value: Record<string, unknown>, where: string): MeshConfigInfo | undefined {
  const metadata = isObject(value.metadata) ? value.metadata : {};
  if (
    value.kind === 'ConfigMap' &&
    (metadata.name === 'istio' || (typeof metadata.name === 'string' && metadata.name.startsWith('istio-'))) &&
    isObject(value.data) &&
    typeof value.data.mesh === 'string'
  ) {
    try {
      const mesh = parse(value.data.mesh);
      if (isObject(mesh)) {
        const info = meshConfigFrom(
          mesh,
          `ConfigMap ${metadata.namespace ?? 'istio-system'}/${metadata.name} (${where})`,
        );
        if (!mesh.rootNamespace && typeof metadata.namespace === 'string') info.rootNamespace = metadata.namespace;
        return info;
      }
    } catch {
      return undefined;
    }
  }
  if (value.kind === 'IstioOperator' && isObject(value.spec) && isObject(value.spec.meshConfig)) {
    return meshConfigFrom(value.spec.meshConfig, `IstioOperator ${metadata.name ?? ''} (${where})`);
  }
  return undefined;
}

/** A mesh config file: a MeshConfig document, or a ConfigMap/IstioOperator that carries one. */
export function parseMeshConfigFile(text: string, where: string): MeshConfigInfo {
  const value = parse(text);
  if (!isObject(value)) throw new Error(`${where}: not a mesh config (expected a YAML mapping)`);
  return meshConfigOf(value, where) ?? meshConfigFrom(value, where);
}

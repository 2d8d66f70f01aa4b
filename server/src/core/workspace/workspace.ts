// Everything the workspace holds, as the cross-resource checks and the filter-chain preview need it: our resources,
// workloads and the mesh config. Files are added as they are analysed; nothing here reads the disk.
import type { FileAnalysis, AnalyzedDocument } from '../analyzeFile';
import { isObject } from '../util/values';
import { workloadOf, Workload } from './workloads';
import { meshConfigOf, defaultMeshConfig, MeshConfigInfo } from './meshConfig';
import { NEWEST_VERSION } from '../versions/istioVersions';

export interface ResourceRecord {
  uri: string;
  docIndex: number;
  kind: string;
  /** API version without group. */
  version: string;
  name: string;
  namespace: string;
  value: Record<string, unknown>;
  spec: Record<string, unknown>;
  document: AnalyzedDocument;
}

/** Other Kubernetes and Istio objects the preview needs: policies, services, destination rules, gateways, routes. */
export interface OtherObject {
  uri: string;
  docIndex: number;
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string;
  value: Record<string, unknown>;
}

const OTHER_KINDS = new Set([
  'AuthorizationPolicy',
  'RequestAuthentication',
  'PeerAuthentication',
  'Service',
  // What the whole-config preview builds listeners, clusters and routes from.
  'ServiceEntry',
  'DestinationRule',
  'VirtualService',
  'Gateway',
  'HTTPRoute',
  'GRPCRoute',
  'TLSRoute',
  'TCPRoute',
  // Waypoint binding reads the istio.io/use-waypoint label of namespaces.
  'Namespace',
]);

export class Workspace {
  private readonly files = new Map<string, FileAnalysis>();
  private cache?: {
    resources: ResourceRecord[];
    workloads: Workload[];
    meshConfig: MeshConfigInfo;
    others: OtherObject[];
  };
  /** A mesh config given from outside (the CLI's --mesh-config); it wins over the workspace's. */
  meshConfigOverride?: MeshConfigInfo;
  /** Bumped on every change, so that derived results can be cached by version. */
  version = 0;
  /** The target Istio version the files were analysed for (the chain checks render for it). */
  istioVersion: string = NEWEST_VERSION;

  setFile(uri: string, analysis: FileAnalysis): void {
    if (this.files.get(uri) === analysis) return;
    this.files.set(uri, analysis);
    this.changed();
  }

  deleteFile(uri: string): void {
    if (this.files.delete(uri)) this.changed();
  }

  hasFile(uri: string): boolean {
    return this.files.has(uri);
  }

  fileAnalysis(uri: string): FileAnalysis | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  get resources(): ResourceRecord[] {
    return this.derived().resources;
  }

  get workloads(): Workload[] {
    return this.derived().workloads;
  }

  get others(): OtherObject[] {
    return this.derived().others;
  }

  get meshConfig(): MeshConfigInfo {
    return this.meshConfigOverride ?? this.derived().meshConfig;
  }

  private byNamespace?: Map<string, { resources: ResourceRecord[]; others: OtherObject[] }>;

  /** Our resources and the other objects of one namespace (the chain engine looks up namespaces, not the world). */
  inNamespace(namespace: string): { resources: ResourceRecord[]; others: OtherObject[] } {
    if (!this.byNamespace) {
      const index = new Map<string, { resources: ResourceRecord[]; others: OtherObject[] }>();
      const slot = (ns: string) => index.get(ns) ?? index.set(ns, { resources: [], others: [] }).get(ns)!;
      for (const r of this.resources) slot(r.namespace).resources.push(r);
      for (const o of this.others) slot(o.namespace).others.push(o);
      this.byNamespace = index;
    }
    return this.byNamespace.get(namespace) ?? { resources: [], others: [] };
  }

  private byKind?: Map<string, OtherObject[]>;

  /** The other objects of one kind (Service, VirtualService, Gateway, ...), indexed once per workspace version. */
  othersOfKind(kind: string): OtherObject[] {
    if (!this.byKind) {
      const index = new Map<string, OtherObject[]>();
      for (const o of this.others) index.set(o.kind, [...(index.get(o.kind) ?? []), o]);
      this.byKind = index;
    }
    return this.byKind.get(kind) ?? [];
  }

  private readonly memo = new Map<string, unknown>();

  /** A value derived from the workspace, computed once per workspace version (services, subsets, ...). */
  derivedValue<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  private changed(): void {
    this.cache = undefined;
    this.byNamespace = undefined;
    this.byKind = undefined;
    this.memo.clear();
    this.version++;
  }

  private derived() {
    if (this.cache) return this.cache;
    const resources: ResourceRecord[] = [];
    const workloads: Workload[] = [];
    const others: OtherObject[] = [];
    let meshConfig: MeshConfigInfo | undefined;
    for (const uri of [...this.files.keys()].sort()) {
      for (const document of this.files.get(uri)!.documents) {
        const value = document.value;
        if (!value) continue;
        const id = document.resource;
        if (id?.ours) {
          const metadata = isObject(value.metadata) ? value.metadata : {};
          resources.push({
            uri,
            docIndex: document.slice.index,
            kind: id.kind,
            version: id.apiVersion.split('/')[1],
            name: typeof metadata.name === 'string' ? metadata.name : '',
            namespace: typeof metadata.namespace === 'string' ? metadata.namespace : 'default',
            value,
            spec: isObject(value.spec) ? value.spec : {},
            document,
          });
          continue;
        }
        const workload = workloadOf(value, { uri, docIndex: document.slice.index });
        if (workload) workloads.push(workload);
        if (typeof value.kind === 'string' && OTHER_KINDS.has(value.kind)) {
          const metadata = isObject(value.metadata) ? value.metadata : {};
          others.push({
            uri,
            docIndex: document.slice.index,
            kind: value.kind,
            apiVersion: String(value.apiVersion ?? ''),
            name: typeof metadata.name === 'string' ? metadata.name : '',
            namespace: typeof metadata.namespace === 'string' ? metadata.namespace : 'default',
            value,
          });
        }
        meshConfig ??= meshConfigOf(value, uri);
      }
    }
    this.cache = { resources, workloads, others, meshConfig: meshConfig ?? defaultMeshConfig() };
    return this.cache;
  }
}

// WasmPlugin and TrafficExtension filters for one chain: selection, phases and ordering (istiod's model/extensions.go, push_context.go TrafficExtensionsByListenerInfo and sortByPriority).
import { isObject, asArray } from '../util/values';
import type { ResourceRecord } from '../workspace/workspace';
import type { ProxyContext } from '../proxy/proxyContext';
import type { RenderedFilter } from './types';
import { shouldAttach, searchedNamespaces, creationTime } from '../proxy/attachment';
import { selectorLabels } from '../resources/selectors';
import {
  wasmFilterName,
  trafficExtensionFilterName,
  atLeast,
  VERSION_FACTS,
  TRANSLATED_WASMPLUGIN_SUFFIX,
} from '../versions/versionFacts';
import { compareText } from '../util/compareText';

export type Phase = 'AUTHN' | 'AUTHZ' | 'STATS' | 'UNSPECIFIED';
export const PHASES: Phase[] = ['AUTHN', 'AUTHZ', 'STATS', 'UNSPECIFIED'];

const HTTP_WASM = 'type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm';
const NETWORK_WASM = 'type.googleapis.com/envoy.extensions.filters.network.wasm.v3.Wasm';
const LUA = 'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua';

interface Candidate {
  record: ResourceRecord;
  phase: Phase;
  priority: number | undefined;
  network: boolean;
  lua: boolean;
  sortName: string;
}

function phaseOf(raw: unknown): Phase {
  return raw === 'AUTHN' || raw === 'AUTHZ' || raw === 'STATS' ? raw : 'UNSPECIFIED';
}

/** A WasmPlugin or TrafficExtension as istiod keeps it, or undefined when istiod drops it before selection. */
function candidateOf(r: ResourceRecord, version: string): Candidate | undefined {
  const s = r.spec;
  const priority = typeof s.priority === 'number' ? s.priority : undefined;
  if (r.kind === 'WasmPlugin') {
    if (typeof s.url !== 'string' || !s.url) return undefined;
    const translated = atLeast(version, VERSION_FACTS.wasmPluginTranslation);
    return {
      record: r,
      phase: phaseOf(s.phase),
      priority,
      network: s.type === 'NETWORK',
      lua: false,
      sortName: translated ? r.name + TRANSLATED_WASMPLUGIN_SUFFIX : r.name,
    };
  }
  if (r.kind === 'TrafficExtension') {
    const lua = isObject(s.lua);
    const code = lua && isObject(s.lua) ? (s.lua as Record<string, unknown>).inlineCode : undefined;
    if (lua && (typeof code !== 'string' || !code || code.length > 65536)) return undefined;
    if (!lua && !(isObject(s.wasm) && typeof s.wasm.url === 'string' && s.wasm.url)) return undefined;
    const network = !lua && isObject(s.wasm) && s.wasm.type === 'NETWORK';
    return { record: r, phase: phaseOf(s.phase), priority, network, lua, sortName: r.name };
  }
  return undefined;
}

function trafficMatches(spec: Record<string, unknown>, ctx: ProxyContext): boolean {
  const selectors = asArray(spec.match).filter(isObject);
  if (!selectors.length) return true;
  return selectors.some((sel) => {
    const mode = sel.mode;
    if (mode === 'CLIENT' || mode === 'SERVER') {
      if (mode !== ctx.mode) return false;
    }
    const ports = asArray(sel.ports)
      .filter(isObject)
      .map((p) => p.number);
    return ports.length === 0 || ports.includes(ctx.port);
  });
}

/** The extension filters of each phase, in istiod's order, for the HTTP chain (network: false) or network chain. */
export function extensionFilters(
  resources: ResourceRecord[],
  ctx: ProxyContext,
  network: boolean,
  attaches: (r: ResourceRecord) => boolean = (r) =>
    shouldAttach(r.namespace, r.spec, selectorLabels(r.kind, r.spec), ctx),
): Record<Phase, RenderedFilter[]> {
  type Ranked = RenderedFilter & { priority?: number };
  const out: Record<Phase, Ranked[]> = { AUTHN: [], AUTHZ: [], STATS: [], UNSPECIFIED: [] };
  const ordered: Candidate[] = [];
  for (const ns of searchedNamespaces(ctx)) {
    const inNs = resources
      .filter(
        (r) =>
          r.namespace === ns &&
          (r.kind === 'WasmPlugin' || (r.kind === 'TrafficExtension' && atLeast(ctx.istioVersion, '1.30'))),
      )
      .map((r) => candidateOf(r, ctx.istioVersion))
      .filter((c): c is Candidate => !!c)
      .sort(
        (a, b) =>
          compareText(creationTime(a.record.value), creationTime(b.record.value)) ||
          compareText(a.sortName, b.sortName),
      );
    ordered.push(...inNs);
  }
  for (const c of ordered) {
    if (c.network !== network) continue;
    const spec = c.record.spec;
    if (!attaches(c.record)) continue;
    if (!trafficMatches(spec, ctx)) continue;
    out[c.phase].push(toFilter(c, ctx.istioVersion, network));
  }
  // A stable sort, highest priority first; no priority sorts last (MinInt32), not as 0.
  const key = (f: Ranked) => f.priority ?? Number.MIN_SAFE_INTEGER;
  const sorted = {} as Record<Phase, RenderedFilter[]>;
  for (const p of PHASES)
    sorted[p] = [...out[p]].sort((a, b) => key(b) - key(a)).map(({ priority: _p, ...filter }) => filter);
  return sorted;
}

function toFilter(c: Candidate, version: string, network: boolean): RenderedFilter & { priority?: number } {
  const r = c.record;
  const name =
    r.kind === 'WasmPlugin'
      ? wasmFilterName(version, r.namespace, r.name)
      : trafficExtensionFilterName(r.namespace, r.name);
  return {
    name,
    typeUrl: c.lua ? LUA : network ? NETWORK_WASM : HTTP_WASM,
    origin: { kind: r.kind, namespace: r.namespace, name: r.name, uri: r.uri, docIndex: r.docIndex },
    phase: c.phase,
    reason: c.lua ? 'inline Lua' : 'Wasm module served through ECDS',
    ...(c.lua ? {} : { configDiscovery: true }),
    priority: c.priority,
  };
}

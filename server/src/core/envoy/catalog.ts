// What Meshlens knows of Envoy's types and filters (schemas/envoy/catalog.json, generated from the shared data).
import catalog from '../../../../schemas/envoy/catalog.json';

const PREFIX = 'type.googleapis.com/';
const active = new Set<string>(catalog.activeTypes);
const frozen = new Set<string>(catalog.frozenTypes);
const wellKnown = new Set<string>(catalog.wellKnownTypes);
const istio = new Set<string>(catalog.istioTypes);
const deprecated = catalog.deprecatedFilterNames as Record<string, string>;

export interface FilterInfo {
  name: string;
  kind: string;
  status: string;
  types: string[];
  legacyTypes: string[];
}

const filtersByName = new Map<string, FilterInfo>((catalog.filters as FilterInfo[]).map((f) => [f.name, f]));
const filtersByType = new Map<string, FilterInfo>();
for (const f of catalog.filters as FilterInfo[])
  for (const t of f.types) if (!filtersByType.has(t)) filtersByType.set(t, f);

export type TypeStatus = 'v3' | 'well-known' | 'istio' | 'v2' | 'unknown';

/** How istiod sees a type URL: resolvable (v3 Envoy, well-known, Istio proxy), v2-era, or unknown. */
export function typeStatus(typeUrl: string): TypeStatus {
  const name = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
  if (wellKnown.has(name)) return 'well-known';
  if (active.has(name)) return 'v3';
  if (istio.has(name)) return 'istio';
  if (frozen.has(name)) return 'v2';
  // v2-era Envoy packages that data-plane-api no longer carries at all (e.g. envoy.config.filter.http.wasm.v2).
  if (/^envoy\.(?:api\.v2|config\.filter|config\.[\w.]*\.v2(?:alpha\d*|beta\d*)?\.|service\.[\w.]*\.v2)/.test(name))
    return 'v2';
  return 'unknown';
}

export function isTypedStruct(typeUrl: string): boolean {
  return /(?:^|\/)(?:udpa\.type\.v1|xds\.type\.v3)\.TypedStruct$/.test(typeUrl);
}

export function filterByName(name: string): FilterInfo | undefined {
  return filtersByName.get(name);
}

export function filterByType(typeUrl: string): FilterInfo | undefined {
  return filtersByType.get(typeUrl.slice(typeUrl.lastIndexOf('/') + 1));
}

/** The canonical name for a deprecated Envoy filter name, if it is one. */
export function canonicalFilterName(name: string): string | undefined {
  return deprecated[name];
}

/** The v3 successor of a v2-era type URL, when a catalogue filter lists the v2 type as its legacy type. */
export function v3Successor(typeUrl: string): string | undefined {
  const name = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
  for (const f of filtersByName.values()) if (f.legacyTypes.includes(name) && f.types[0]) return PREFIX + f.types[0];
  return undefined;
}

export function allFilterNames(): string[] {
  return [...filtersByName.keys(), ...catalog.istioFilterNames];
}

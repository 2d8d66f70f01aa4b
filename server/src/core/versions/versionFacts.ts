// Version differences of chain rendering, as data, each with the istiod change that made it.
import { compareVersions } from './istioVersions';

/** The HTTP filter name istiod gives a WasmPlugin `ns/name`, by Istio version. */
const WASM_FILTER_NAMES: Array<{ from: string; name: (ns: string, name: string) => string }> = [
  { from: '1.0', name: (ns, n) => `${ns}.${n}` },
  // The prefix really is misspelled in these releases.
  { from: '1.21', name: (ns, n) => `extenstions.istio.io/wasmplugin/${ns}.${n}` },
  { from: '1.26', name: (ns, n) => `extensions.istio.io/wasmplugin/${ns}.${n}` },
  { from: '1.30', name: (ns, n) => `extensions.istio.io/trafficextension/${ns}.${n}~istio-translated-wasmplugin` },
];

export const TRANSLATED_WASMPLUGIN_SUFFIX = '~istio-translated-wasmplugin';

export const VERSION_FACTS = {
  /** WasmPlugins become synthetic TrafficExtensions (names sort with the suffix). */
  wasmPluginTranslation: '1.30',
  /** One EnvoyFilter list by priority across namespaces, root first at equal priority (before: all root ones first). */
  envoyFilterRootFirst: '1.22',
  /** The istio_authn HTTP filter after jwt_authn is gone (istio/istio#47407, release note extended-jwt.yaml). */
  istioAuthnRemoved: '1.21',
  /** Tag override CEL: the `node` attribute and the bare-name filter-state fallback are gone (upgrade note telemetry-cel.yaml, istio/proxy#5825). */
  celNodeAndFilterStateFallbackRemoved: '1.24',
  /** CUSTOM authorization: one deny filter per bad provider (before: one deny filter for all). */
  customAuthzPerProvider: '1.30',
  /** MERGE_AND_REPLACE_LIST exists. */
  mergeAndReplaceList: '1.31',
};

export function atLeast(version: string, since: string): boolean {
  return compareVersions(version, since) >= 0;
}

export function wasmFilterName(version: string, ns: string, name: string): string {
  let chosen = WASM_FILTER_NAMES[0];
  for (const entry of WASM_FILTER_NAMES) if (atLeast(version, entry.from)) chosen = entry;
  return chosen.name(ns, name);
}

export function trafficExtensionFilterName(ns: string, name: string): string {
  return `extensions.istio.io/trafficextension/${ns}.${name}`;
}

// Where Lua code lives in a resource: Envoy's Lua filter config (inline_code, default_source_code.inline_string,
// source_codes.<name>.inline_string), LuaPerRoute (source_code.inline_string), the same inside udpa/xds TypedStruct
// wrappers and in both field spellings, and TrafficExtension spec.lua.inlineCode.
import { isScalar } from 'yaml';
import { isObject, walkObjects } from '../util/values';
import { locate, PathSegment, YamlTree } from '../yaml/parseSlice';
import { scalarText, ScalarText } from '../yaml/scalarText';

// The v2-era type (istiod rejects it, but the code in it is still Lua worth checking).
const LUA = /(?:^|\/)envoy\.(?:extensions\.filters\.http\.lua\.v3|config\.filter\.http\.lua\.v2)\.Lua$/;
const LUA_FILTER_NAMES = ['envoy.lua', 'envoy.filters.http.lua'];
const LUA_PER_ROUTE = /(?:^|\/)envoy\.extensions\.filters\.http\.lua\.v3\.LuaPerRoute$/;
const TYPED_STRUCT = /(?:^|\/)(?:udpa\.type\.v1|xds\.type\.v3)\.TypedStruct$/;

export interface LuaRegion extends ScalarText {
  /** The data path of the scalar in the resource. */
  path: PathSegment[];
  /** Offsets of the scalar in the document text: [start, end). */
  start: number;
  end: number;
}

function codePaths(config: Record<string, unknown>, perRoute: boolean): PathSegment[][] {
  if (perRoute)
    return [
      ['source_code', 'inline_string'],
      ['sourceCode', 'inlineString'],
    ];
  const paths: PathSegment[][] = [
    ['inline_code'],
    ['inlineCode'],
    ['default_source_code', 'inline_string'],
    ['defaultSourceCode', 'inlineString'],
  ];
  for (const [mapKey, field] of [
    ['source_codes', 'inline_string'],
    ['sourceCodes', 'inlineString'],
  ] as const) {
    const codes = config[mapKey];
    if (isObject(codes)) for (const name of Object.keys(codes)) paths.push([mapKey, name, field]);
  }
  return paths;
}

export function luaRegions(doc: YamlTree, docText: string, kind: string, value: Record<string, unknown>): LuaRegion[] {
  const found: PathSegment[][] = [];
  if (kind === 'TrafficExtension') found.push(['spec', 'lua', 'inlineCode']);
  if (kind === 'EnvoyFilter') {
    walkObjects(value.spec, ['spec'], (v, path) => {
      // Pre-1.5 style: the filter by name with an untyped `config` struct.
      if (isObject(v) && typeof v.name === 'string' && LUA_FILTER_NAMES.includes(v.name) && isObject(v.config)) {
        for (const p of codePaths(v.config, false)) found.push([...path, 'config', ...p]);
      }
      // The removed pre-1.5 API (spec.filters[].filterName/filterConfig): rejected today, but the Lua is still Lua.
      if (
        isObject(v) &&
        typeof v.filterName === 'string' &&
        LUA_FILTER_NAMES.includes(v.filterName) &&
        isObject(v.filterConfig)
      ) {
        for (const p of codePaths(v.filterConfig, false)) found.push([...path, 'filterConfig', ...p]);
      }
      if (!isObject(v) || typeof v['@type'] !== 'string') return;
      let type = v['@type'];
      let config: Record<string, unknown> = v;
      let base = path;
      if (TYPED_STRUCT.test(type) && typeof (v.type_url ?? v.typeUrl) === 'string' && isObject(v.value)) {
        type = String(v.type_url ?? v.typeUrl);
        config = v.value;
        base = [...path, 'value'];
      }
      const perRoute = LUA_PER_ROUTE.test(type);
      if (!perRoute && !LUA.test(type)) return;
      for (const p of codePaths(config, perRoute)) found.push([...base, ...p]);
    });
  }
  const regions: LuaRegion[] = [];
  for (const path of found) {
    const node = locate(doc, path)?.node;
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) continue;
    const text = scalarText(docText, node);
    if (text) regions.push({ ...text, path, start: node.range[0], end: node.range[1] });
  }
  return regions.sort((a, b) => a.start - b.start);
}

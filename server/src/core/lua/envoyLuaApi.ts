// Envoy's Lua API (schemas/lua/envoy-lua-api.json): objects, their methods, and which Envoy version added them.
import api from '../../../../schemas/lua/envoy-lua-api.json';
import { compareVersions } from '../versions/istioVersions';

export interface LuaParam {
  name: string;
  type: string;
  optional: boolean;
}
export interface LuaMethod {
  name: string;
  params: LuaParam[];
  returns: string;
  summary: string;
  since: string | null;
}

const objects = api.objects as Record<string, { aliases: string[]; obtainedFrom: string; methods: LuaMethod[] }>;
const common = api.commonMethods as LuaMethod[];
export const CALLBACKS = api.callbacks as Array<{
  name: string;
  params: Array<{ name: string; type: string }>;
  summary: string;
}>;

export function isEnvoyObject(type: string | undefined): type is string {
  return !!type && type in objects;
}

/** The log methods are on every object from this Envoy release on; before it only on the stream handle. */
const commonEverywhereSince =
  (api as { commonMethodsOnEveryObjectSince?: string }).commonMethodsOnEveryObjectSince ?? null;

export function methodsOf(type: string): LuaMethod[] {
  const shared = type === 'StreamHandle' ? common : common.map((m) => ({ ...m, since: commonEverywhereSince }));
  return [...(objects[type]?.methods ?? []).filter((m) => !m.name.startsWith('__')), ...shared];
}

export function methodOf(type: string, name: string): LuaMethod | undefined {
  return methodsOf(type).find((m) => m.name === name);
}

/** The object type a method returns ("HeaderMap|nil" -> HeaderMap), if it is one of Envoy's objects. */
export function returnedObject(m: LuaMethod): string | undefined {
  const first = /^[A-Za-z]+/.exec(m.returns)?.[0];
  return isEnvoyObject(first) ? first : undefined;
}

export function envoyVersionFor(istioVersion: string): string {
  return (
    (api.istioToEnvoy as Record<string, string>)[istioVersion] ?? (api.istioToEnvoy as Record<string, string>)['1.31']
  );
}

/** True when the method exists in the Envoy version the target Istio ships. */
export function availableIn(m: LuaMethod, envoyVersion: string): boolean {
  return !m.since || compareVersions(envoyVersion, m.since) >= 0;
}

export function signature(type: string, m: LuaMethod): string {
  return `${type}:${m.name}(${m.params.map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type}`).join(', ')}) → ${m.returns}`;
}

export function methodDoc(type: string, m: LuaMethod): string {
  return `\`\`\`lua\n${signature(type, m)}\n\`\`\`\n\n${m.summary}${m.since ? `\n\nSince Envoy ${m.since}.` : ''}`;
}

/** Lua 5.1 and LuaJIT globals Envoy's Lua state has, plus Envoy's own constant table. */
export const KNOWN_GLOBALS = new Set([
  'assert',
  'collectgarbage',
  'dofile',
  'error',
  'gcinfo',
  'getfenv',
  'getmetatable',
  'ipairs',
  'load',
  'loadfile',
  'loadstring',
  'module',
  'newproxy',
  'next',
  'pairs',
  'pcall',
  'print',
  'rawequal',
  'rawget',
  'rawset',
  'require',
  'select',
  'setfenv',
  'setmetatable',
  'tonumber',
  'tostring',
  'type',
  'unpack',
  'xpcall',
  '_G',
  '_VERSION',
  'coroutine',
  'debug',
  'io',
  'math',
  'os',
  'package',
  'string',
  'table',
  'bit',
  'jit',
  'EnvoyTimestampResolution',
]);

/**
 * What `require` finds in Envoy's Lua state: the libraries luaL_openlibs opens (registered in package.loaded) and
 * LuaJIT's built-in modules. Envoy ships no Lua files, so nothing else is on package.path.
 */
export const LUAJIT_MODULES = new Set([
  '_G',
  'string',
  'table',
  'math',
  'os',
  'io',
  'debug',
  'package',
  'coroutine',
  'bit',
  'jit',
  'ffi',
  'jit.util',
  'jit.opt',
  'jit.profile',
  'table.new',
  'table.clear',
  'string.buffer',
]);

// The CRD schemas, as generated into schemas/crds, and views of them for one target Istio version.
import EnvoyFilterV1alpha3 from '../../../../schemas/crds/EnvoyFilter.v1alpha3.json';
import TelemetryV1 from '../../../../schemas/crds/Telemetry.v1.json';
import TelemetryV1alpha1 from '../../../../schemas/crds/Telemetry.v1alpha1.json';
import TrafficExtensionV1alpha1 from '../../../../schemas/crds/TrafficExtension.v1alpha1.json';
import WasmPluginV1alpha1 from '../../../../schemas/crds/WasmPlugin.v1alpha1.json';
import { changesMissingIn } from '../versions/istioVersions';
import type { ValidateFunction } from 'ajv';
import precompiled = require('meshlens:crd-validators');

export type JsonSchema = {
  type?: string | string[];
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  required?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  [key: string]: unknown;
};

const SCHEMAS: Record<string, JsonSchema> = {
  'EnvoyFilter/v1alpha3': EnvoyFilterV1alpha3 as JsonSchema,
  'Telemetry/v1': TelemetryV1 as JsonSchema,
  'Telemetry/v1alpha1': TelemetryV1alpha1 as JsonSchema,
  'TrafficExtension/v1alpha1': TrafficExtensionV1alpha1 as JsonSchema,
  'WasmPlugin/v1alpha1': WasmPluginV1alpha1 as JsonSchema,
};

/** The newest schema of a kind and API version (e.g. "v1alpha3"). */
export function getSchema(kind: string, version: string): JsonSchema | undefined {
  return SCHEMAS[`${kind}/${version}`];
}

/**
 * The validator generated at build time for one of the schemas above (scripts/precompileValidators.mjs): the same
 * options and errors as compiling it, without the compiling.
 */
export function precompiledValidator(schema: JsonSchema): ValidateFunction | undefined {
  for (const [key, s] of Object.entries(SCHEMAS)) if (s === schema) return precompiled[key];
  return undefined;
}

const versionViews = new Map<string, JsonSchema>();

/** The schema as the target Istio version has it: later fields and enum values removed. */
export function getSchemaForIstio(kind: string, version: string, istioVersion: string): JsonSchema | undefined {
  const key = `${kind}/${version}@${istioVersion}`;
  const cached = versionViews.get(key);
  if (cached) return cached;
  const full = getSchema(kind, version);
  if (!full) return undefined;
  const copy = structuredClone(full) as JsonSchema;
  for (const change of changesMissingIn(kind, version, istioVersion)) {
    const { parent, last } = schemaParentAt(copy, change.path);
    if (!parent) continue;
    if (change.enumValue) {
      const node = parent.properties?.[last];
      if (node?.enum) node.enum = node.enum.filter((v) => v !== change.enumValue);
    } else if (parent.properties && last in parent.properties) {
      delete parent.properties[last];
      if (parent.required) parent.required = parent.required.filter((r) => r !== last);
    }
  }
  dropPlaceholderValues(copy);
  versionViews.set(key, copy);
  return copy;
}

/** INVALID is the protobuf zero value; the CRDs list it, istiod rejects it, so completion does not offer it. */
function dropPlaceholderValues(node: JsonSchema): void {
  const stack: unknown[] = [node];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    const s = n as JsonSchema;
    if (Array.isArray(s.enum)) s.enum = s.enum.filter((v) => v !== 'INVALID');
    for (const v of Object.values(s)) if (v && typeof v === 'object') stack.push(v);
  }
}

/** Walks a CRD property path (`a.b[].c{}.d`) to the schema that holds its last property. */
function schemaParentAt(schema: JsonSchema, path: string): { parent?: JsonSchema; last: string } {
  const parts = path.split('.');
  let node: JsonSchema | undefined = schema;
  for (let i = 0; i < parts.length - 1 && node; i++) node = step(node, parts[i]);
  const last = parts[parts.length - 1].replace(/(\[\]|\{\})+$/, '');
  return { parent: node, last };
}

function step(node: JsonSchema, part: string): JsonSchema | undefined {
  const m = /^([^[{]+)((?:\[\]|\{\})*)$/.exec(part);
  if (!m) return undefined;
  let next: JsonSchema | undefined = node.properties?.[m[1]];
  for (const suffix of m[2].match(/\[\]|\{\}/g) ?? []) {
    if (!next) break;
    next =
      suffix === '[]'
        ? next.items
        : typeof next.additionalProperties === 'object'
          ? next.additionalProperties
          : undefined;
  }
  return next;
}

/** The schema of the value at a data path (keys and list indexes), or undefined if the schema does not describe it. */
export function schemaAtPath(schema: JsonSchema, path: readonly (string | number)[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const seg of path) {
    if (!node) return undefined;
    if (typeof seg === 'number') node = node.items;
    else if (node.properties?.[seg]) node = node.properties[seg];
    else if (typeof node.additionalProperties === 'object') node = node.additionalProperties;
    else if (node.items && /^\d+$/.test(seg)) node = node.items;
    else return undefined;
  }
  return node;
}

/** The CRD property path notation of a data path, e.g. spec.configPatches[].match.context. */
export function crdPath(schema: JsonSchema, path: readonly (string | number)[]): string {
  let out = '';
  let node: JsonSchema | undefined = schema;
  for (const seg of path) {
    if (typeof seg === 'number') {
      out += '[]';
      node = node?.items;
    } else if (node?.properties?.[seg]) {
      out += (out ? '.' : '') + seg;
      node = node.properties[seg];
    } else {
      out += '{}';
      node = typeof node?.additionalProperties === 'object' ? node.additionalProperties : undefined;
    }
  }
  return out;
}

// Completion and hover inside `patch.value`: the Envoy message at a path is found from the applyTo's message and,
// below an Any, from its `@type` (or a TypedStruct's type_url); field docs come from Envoy's proto comments.
import { definition, messageForApplyTo, messageForType } from './envoySchemas';
import { isObject } from '../util/values';
import { allFilterNames, filterByName } from './catalog';
import type { PathSegment } from '../yaml/parseSlice';

type Schema = Record<string, unknown>;

export interface EnvoyNode {
  schema: Schema;
  /** The message the node belongs to (for the hover title). */
  message: string;
  /** The field name, when the node is a field. */
  field?: string;
}

/** Follows `$ref` and single-`allOf` wrappers to the definition they name. */
function resolve(schema: Schema | undefined): { schema: Schema; message?: string } | undefined {
  let s = schema;
  let message: string | undefined;
  for (let i = 0; i < 10 && s; i++) {
    const ref =
      typeof s.$ref === 'string'
        ? s.$ref
        : Array.isArray(s.allOf) && s.allOf.length === 1 && typeof (s.allOf[0] as Schema).$ref === 'string'
          ? ((s.allOf[0] as Schema).$ref as string)
          : undefined;
    if (!ref) break;
    message = ref.replace('#/definitions/', '');
    const next = definition(message);
    if (!next) break;
    s = next;
  }
  return s ? { schema: s, message } : undefined;
}

/** The schema node at `path` below patch.value (path relative to the value), given the value's data so far. */
export function envoyNodeAt(applyTo: string, value: unknown, path: readonly PathSegment[]): EnvoyNode | undefined {
  const rootName = messageForApplyTo(applyTo);
  const rootDef = rootName ? definition(rootName) : undefined;
  if (!rootName || !rootDef) return undefined;
  let node: EnvoyNode = { schema: rootDef, message: rootName };
  let data: unknown = value;
  for (const seg of path) {
    // Inside an Any, the object's @type (or a TypedStruct's type_url, for its `value`) says which message it is.
    if (
      isObject(data) &&
      typeof data['@type'] === 'string' &&
      node.schema.properties &&
      (node.message === 'google.protobuf.Any' ||
        !('properties' in node.schema && (node.schema.properties as Schema)[String(seg)]))
    ) {
      const def = messageForType(data['@type']);
      if (def && definition(def)) node = { schema: definition(def)!, message: def };
    }
    if (
      seg === 'value' &&
      isObject(data) &&
      typeof (data.type_url ?? data.typeUrl) === 'string' &&
      /TypedStruct$/.test(node.message)
    ) {
      const def = messageForType(String(data.type_url ?? data.typeUrl));
      data = data.value;
      if (def && definition(def)) {
        node = { schema: definition(def)!, message: def };
        continue;
      }
    }
    let next: Schema | undefined;
    if (typeof seg === 'number') next = node.schema.items as Schema | undefined;
    else {
      const props = node.schema.properties as Record<string, Schema> | undefined;
      next =
        props?.[seg] ??
        (isObject(node.schema.additionalProperties) ? (node.schema.additionalProperties as Schema) : undefined);
    }
    if (!next) return undefined;
    const r = resolve(next);
    if (!r) return undefined;
    const field = typeof seg === 'string' ? seg : node.field;
    node = {
      schema:
        typeof seg === 'number'
          ? r.schema
          : {
              ...next,
              ...r.schema,
              description: next.description ?? r.schema.description,
              markdownDescription: next.markdownDescription ?? r.schema.markdownDescription,
            },
      message: r.message ?? node.message,
      field,
    };
    data = isObject(data) || Array.isArray(data) ? (data as Record<string, unknown>)[seg as never] : undefined;
  }
  // A node that is itself an Any with a known @type.
  if (isObject(data) && typeof data['@type'] === 'string') {
    const def = messageForType(data['@type']);
    if (def && definition(def))
      return { schema: { ...definition(def)!, description: node.schema.description }, message: def, field: node.field };
  }
  return node;
}

export function envoyHoverMarkdown(node: EnvoyNode): string {
  const s = node.schema;
  const lines = [
    `**${node.field ?? node.message}**${node.field ? ` · \`${String(s['x-protoType'] ?? s.type ?? 'message')}\` · ${node.message}` : ''}`,
  ];
  if (s.deprecated)
    lines.push('', `**Deprecated.** ${typeof s.deprecationMessage === 'string' ? s.deprecationMessage : ''}`);
  const text = s.markdownDescription ?? s.description;
  if (typeof text === 'string' && text) lines.push('', text);
  const names = enumNames(s);
  if (names.length) lines.push('', `Values: ${names.map((n) => `\`${n}\``).join(', ')}`);
  return lines.join('\n');
}

function enumNames(s: Schema): string[] {
  if (Array.isArray(s.enum)) return s.enum.map(String);
  const branch = Array.isArray(s.anyOf) ? (s.anyOf as Schema[]).find((b) => Array.isArray(b.enum)) : undefined;
  return branch ? (branch.enum as unknown[]).map(String) : [];
}

export interface EnvoyCompletion {
  label: string;
  insert: string;
  detail?: string;
  documentation?: string;
  kind: 'field' | 'value';
  deprecated?: boolean;
}

/** Field names of the message at `path` (for a key position), not yet present in `present`. */
export function envoyFieldCompletions(node: EnvoyNode, present: string[]): EnvoyCompletion[] {
  const props = node.schema.properties as Record<string, Schema> | undefined;
  if (!props) return [];
  return Object.entries(props)
    .filter(([name, s]) => !s.doNotSuggest && !present.includes(name))
    .map(([name, s]) => ({
      label: name,
      insert: isObjectField(s) ? `${name}:\n  ` : `${name}: `,
      detail: String(s['x-protoType'] ?? s.type ?? ''),
      documentation: typeof s.markdownDescription === 'string' ? s.markdownDescription : undefined,
      kind: 'field' as const,
      deprecated: !!s.deprecated,
    }));
}

function isObjectField(s: Schema): boolean {
  const r = resolve(s);
  return !!r && (r.schema.type === 'object' || !!r.schema.properties) && !Array.isArray(r.schema.type);
}

/** Values for the field at `path`: enum names, `@type` URLs (matched to the filter's name), filter names. */
export function envoyValueCompletions(
  node: EnvoyNode,
  parent: Record<string, unknown> | undefined,
  field: string,
): EnvoyCompletion[] {
  if (field === '@type') {
    const name = typeof parent?.name === 'string' ? parent.name : undefined;
    const filter = name ? filterByName(name) : undefined;
    const urls = filter ? filter.types.map((t) => `type.googleapis.com/${t}`) : [];
    return [...urls, 'type.googleapis.com/udpa.type.v1.TypedStruct'].map((u) => ({
      label: u,
      insert: u,
      kind: 'value' as const,
      detail: filter ? `configuration of ${filter.name}` : undefined,
    }));
  }
  if (field === 'name' && /HttpFilter$|listener\.v3\.Filter$|ListenerFilter$/.test(node.message)) {
    return allFilterNames().map((n) => ({ label: n, insert: n, kind: 'value' as const }));
  }
  return enumNames(node.schema).map((n) => ({ label: n, insert: n, kind: 'value' as const }));
}

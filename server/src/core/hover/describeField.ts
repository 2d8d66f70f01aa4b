// The markdown shown when hovering a field or value of one of our kinds: description, type, allowed values, version.
import { getSchema, schemaAtPath, crdPath, JsonSchema } from '../schema/schemaStore';
import { fieldAddedIn, enumValueAddedIn, compareVersions } from '../versions/istioVersions';
import type { PathSegment } from '../yaml/parseSlice';

export interface FieldContext {
  kind: string;
  /** API version without group, e.g. "v1alpha3". */
  version: string;
  path: readonly PathSegment[];
  /** The scalar value hovered, when the cursor is on a value rather than a key. */
  value?: unknown;
  istioVersion: string;
}

export function describeField(ctx: FieldContext): string | undefined {
  const schema = getSchema(ctx.kind, ctx.version);
  if (!schema || ctx.path.length === 0) return undefined;
  const node = schemaAtPath(schema, ctx.path);
  if (!node) return undefined;
  const name = [...ctx.path].reverse().find((s) => typeof s === 'string') ?? ctx.kind;
  const lines: string[] = [];
  lines.push(`**${name}** · \`${typeLabel(node)}\` · ${ctx.kind} ${ctx.version}`);
  const text = node.markdownDescription ?? node.description;
  if (text) lines.push('', stripValidOptions(text));
  if (node.enum) {
    const values = node.enum.filter((v) => v !== 'INVALID').map(String);
    lines.push('', `Allowed values: ${values.map((v) => `\`${v}\``).join(', ')}`);
  }
  const bounds = boundsOf(node);
  if (bounds) lines.push('', bounds);
  const path = crdPath(schema, ctx.path);
  const since = fieldAddedIn(ctx.kind, ctx.version, path);
  if (since) lines.push('', versionNote('This field', since, ctx.istioVersion));
  if (typeof ctx.value === 'string' && node.enum?.includes(ctx.value)) {
    const valueSince = enumValueAddedIn(ctx.kind, ctx.version, path, ctx.value);
    if (valueSince) lines.push('', versionNote(`\`${ctx.value}\``, valueSince, ctx.istioVersion));
  }
  return lines.join('\n');
}

function versionNote(subject: string, since: string, target: string): string {
  const missing = compareVersions(target, since) < 0;
  return (
    `${subject} was added in Istio ${since}` +
    (missing ? ` — **not available in Istio ${target}**, the target version.` : '.')
  );
}

function typeLabel(node: JsonSchema): string {
  if (node['x-kubernetes-int-or-string']) return 'integer | string';
  if (Array.isArray(node.type)) return node.type.join(' | ');
  if (node.type === 'array') return `${node.items ? typeLabel(node.items) : 'any'}[]`;
  if (node.type === 'object' && !node.properties && typeof node.additionalProperties === 'object')
    return `map<string, ${typeLabel(node.additionalProperties)}>`;
  return node.type ?? 'any';
}

function boundsOf(node: JsonSchema): string | undefined {
  const parts: string[] = [];
  if (node.minimum !== undefined) parts.push(`minimum ${node.minimum}`);
  if (node.maximum !== undefined) parts.push(`maximum ${node.maximum}`);
  if (node.minLength !== undefined) parts.push(`at least ${node.minLength} characters`);
  if (node.maxLength !== undefined) parts.push(`at most ${node.maxLength} characters`);
  if (node.maxItems !== undefined) parts.push(`at most ${node.maxItems} items`);
  if (node.pattern) parts.push(`pattern \`${node.pattern}\``);
  return parts.length ? `Constraints: ${parts.join(', ')}` : undefined;
}

/** The CRD descriptions end with "Valid Options: ..."; we list the values ourselves. */
function stripValidOptions(text: string): string {
  return text.replace(/\n*Valid Options:.*$/s, '').trim();
}

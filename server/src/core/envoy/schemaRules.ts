// What the schema walker (schemaWalker.ts) shares with ajv: keyword groups and their order, data types, equality,
// error objects and path segments, each as ajv has it.
import type { ErrorObject } from 'ajv';

export type Schema = Record<string, unknown> | boolean;

/** Keywords ajv validates and the Envoy schemas do not use: met, they hand the value to ajv. */
// prettier-ignore
export const NOT_WALKED = ['if', 'then', 'else', 'oneOf', 'contains', 'additionalItems', 'multipleOf', 'nullable', 'id'];
export const UNTYPED = ['$ref', 'const', 'enum', 'not', 'anyOf', 'allOf'];
/** ajv's keyword groups, in its order (Ajv.RULES for draft-07). */
export const GROUPS: Array<[string, string[]]> = [
  // `format` counts for the groups (ajv's type-error placement) but is not validated (validateFormats: false).
  ['number', ['maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'format']],
  ['string', ['maxLength', 'minLength', 'pattern', 'format']],
  ['array', ['maxItems', 'minItems', 'items', 'uniqueItems']],
  [
    'object',
    [
      'maxProperties',
      'minProperties',
      'required',
      'propertyNames',
      'additionalProperties',
      'dependencies',
      'properties',
      'patternProperties',
    ],
  ],
];

export function error(
  keyword: string,
  instancePath: string,
  schemaPath: string,
  params: Record<string, unknown>,
  message: string,
  schema: unknown,
  parentSchema: unknown,
  data: unknown,
  propertyName?: string,
): ErrorObject {
  const e = { instancePath, schemaPath, keyword, params, message, schema, parentSchema, data } as ErrorObject;
  if (propertyName !== undefined) e.propertyName = propertyName;
  return e;
}

const KEYWORDS = new Set([...NOT_WALKED, ...UNTYPED, 'type', '$comment', ...GROUPS.flatMap(([, k]) => k)]);

/** fast-deep-equal's equality (ajv's `equal`) on JSON values: `===` for primitives, structure for the rest. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a))
      return a.length === (b as unknown[]).length && a.every((x, i) => equal(x, (b as unknown[])[i]));
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal((a as never)[k], (b as never)[k]));
  }
  return a !== a && b !== b; // NaN
}

export function isKeyword(k: string): boolean {
  return KEYWORDS.has(k);
}

/** Whether a schema accepts anything (true, or no keyword at all). */
export function alwaysValid(s: Schema): boolean {
  return s === true || (typeof s === 'object' && planOf(s).alwaysValid);
}

/** What the walker needs to know of a schema object, worked out once: the walker meets each schema many times. */
export interface SchemaPlan {
  alwaysValid: boolean;
  /** The reference of a schema whose only keyword is `$ref`. */
  refOnly?: string;
  types: string[];
  /** One type, with keywords of that type's group: ajv places the type error with the group. */
  ruled: boolean;
  /** The untyped keywords present, in ajv's order. */
  untyped: string[];
  /** The groups with keywords present, in ajv's order, with those keywords. */
  groups: Array<[string, string[]]>;
  /** A keyword the walker leaves to ajv is present. */
  unsupported: boolean;
}

const PLANS = new WeakMap<object, SchemaPlan>();

/** The schema's plan. */
export function planOf(s: Record<string, unknown>): SchemaPlan {
  let plan = PLANS.get(s);
  if (plan) return plan;
  const keys = Object.keys(s);
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
  const groups = GROUPS.map(([t, kws]): [string, string[]] => [t, kws.filter((k) => s[k] !== undefined)]).filter(
    ([, kws]) => kws.length > 0,
  );
  plan = {
    alwaysValid: !keys.some(isKeyword),
    refOnly: typeof s.$ref === 'string' && !keys.some((k) => k !== '$ref' && isKeyword(k)) ? s.$ref : undefined,
    types,
    ruled: types.length === 1 && groups.some(([t]) => t === types[0]),
    untyped: UNTYPED.filter((k) => s[k] !== undefined),
    groups,
    unsupported: NOT_WALKED.some((k) => s[k] !== undefined),
  };
  PLANS.set(s, plan);
  return plan;
}

export function isType(type: string, data: unknown): boolean {
  switch (type) {
    case 'null':
      return data === null;
    case 'array':
      return Array.isArray(data);
    case 'object':
      return !!data && typeof data === 'object' && !Array.isArray(data);
    case 'integer':
      return typeof data === 'number' && !(data % 1) && !Number.isNaN(data);
    default:
      return typeof data === type;
  }
}

/** A JSON pointer segment. */
export function pointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A schema path segment as ajv writes it (a JSON pointer segment, URI-encoded). */
export function fragment(key: string): string {
  return encodeURIComponent(pointer(key));
}

/** ajv's uniqueItems: scalar items compared by value from the end, else pairwise deep equality; the first pair. */
export function uniqueItems(
  s: Record<string, unknown>,
  data: unknown[],
  fail: (p: Record<string, unknown>, m: string) => void,
): void {
  const report = (i: number, j: number) =>
    fail({ i, j }, `must NOT have duplicate items (items ## ${j} and ${i} are identical)`);
  const items = s.items as Record<string, unknown> | undefined;
  const itemTypes =
    !items || typeof items !== 'object' || items.type === undefined ? [] : ([items.type].flat() as string[]);
  if (data.length <= 1) return;
  if (itemTypes.length && !itemTypes.some((t) => t === 'object' || t === 'array')) {
    // ajv's loop for scalar items: the last index seen of each value, from the end.
    const indices = new Map<string, number>();
    for (let i = data.length; i--; ) {
      let item = data[i];
      if (!itemTypes.some((t) => isType(t, item))) continue;
      if (itemTypes.length > 1 && typeof item === 'string') item = `${item}_`;
      const key = String(item); // ajv keys a plain object
      if (indices.has(key)) return report(i, indices.get(key)!);
      indices.set(key, i);
    }
    return;
  }
  for (let i = data.length; i--; ) for (let j = i; j--; ) if (equal(data[i], data[j])) return report(i, j);
}

/** ajv's max/min keywords on a size: characters (code points), items or properties. */
export function sizeLimit(
  keyword: string,
  size: number,
  limit: number,
  unit: string,
  fail: (p: Record<string, unknown>, m: string) => void,
): void {
  const max = keyword.startsWith('max');
  if (max ? size > limit : size < limit)
    fail({ limit }, `must NOT have ${max ? 'more' : 'fewer'} than ${limit} ${unit}`);
}

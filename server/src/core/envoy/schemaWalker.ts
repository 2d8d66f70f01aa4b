// Validates a value against an Envoy message's JSON Schema by walking the schema, with the errors ajv reports for it
// (same keywords, paths, parameters, messages and order, as ajv's options in envoySchemas.ts give them) but without
// compiling: compiling a patch value's schema (HttpFilter reaches 34 messages, Cluster 154) cost 100-200 ms the
// first time a document used it. Keywords the Envoy schemas do not use throw UNSUPPORTED; the caller then compiles.
import type { ErrorObject } from 'ajv';
import {
  Schema,
  planOf,
  error,
  equal,
  alwaysValid,
  isType,
  pointer,
  fragment,
  uniqueItems,
  sizeLimit,
} from './schemaRules';

/** A keyword this walker does not implement: validate with ajv instead. */
export const UNSUPPORTED = new Error('a schema keyword the walker does not implement');

const COMPARISON: Record<string, [string, (a: number, b: number) => boolean]> = {
  maximum: ['<=', (a, b) => a <= b],
  minimum: ['>=', (a, b) => a >= b],
  exclusiveMaximum: ['<', (a, b) => a < b],
  exclusiveMinimum: ['>', (a, b) => a > b],
};

export class SchemaWalker {
  private readonly patterns = new Map<string, RegExp>();
  private readonly declarations = new WeakMap<object, { properties: Set<string>; patterns: RegExp[] }>();

  /** `resolve` gives a definition by name, for `#/definitions/Name` references. */
  constructor(private readonly resolve: (name: string) => Schema | undefined) {}

  /** ajv's errors for `data` against the definition `name` (empty when valid). */
  validate(name: string, data: unknown): ErrorObject[] {
    const schema = this.resolve(name);
    if (schema === undefined) throw UNSUPPORTED;
    const out: ErrorObject[] = [];
    this.walk(schema, data, '', '#', out);
    return out;
  }

  private walk(s: Schema, data: unknown, at: string, sp: string, out: ErrorObject[], name?: string): boolean {
    if (s === true) return true;
    if (s === false) {
      out.push(
        error('false schema', at, `${sp}/false schema`, {}, 'boolean schema is false', false, false, data, name),
      );
      return false;
    }
    const start = out.length;
    const plan = planOf(s);
    if (plan.unsupported) throw UNSUPPORTED;
    if (plan.refOnly !== undefined) {
      this.ref(plan.refOnly, data, at, out, name);
      return out.length === start;
    }
    const { types, ruled } = plan;
    const typeError = () =>
      error('type', at, `${sp}/type`, { type: s.type }, `must be ${String(s.type)}`, s.type, s, data, name);
    if (types.length && !ruled && !types.some((t) => isType(t, data))) out.push(typeError());
    for (const k of plan.untyped) this.keyword(k, s, data, at, sp, out, name);
    for (const [type, keywords] of plan.groups) {
      if (isType(type, data)) {
        for (const k of keywords) this.keyword(k, s, data, at, sp, out, name);
      } else if (ruled && types[0] === type) out.push(typeError());
    }
    return out.length === start;
  }

  private ref(ref: string, data: unknown, at: string, out: ErrorObject[], name?: string): void {
    const m = /^#\/definitions\/(.+)$/.exec(ref);
    const target = m ? this.resolve(m[1]) : undefined;
    if (target === undefined) throw UNSUPPORTED;
    // A referenced message is a schema of its own: its errors' schema paths start at its root.
    this.walk(target, data, at, '#', out, name);
  }

  private keyword(
    k: string,
    s: Record<string, unknown>,
    data: unknown,
    at: string,
    sp: string,
    out: ErrorObject[],
    name?: string,
  ): void {
    const v = s[k];
    const fail = (params: Record<string, unknown>, message: string) =>
      out.push(error(k, at, `${sp}/${k}`, params, message, v, s, data, name));
    switch (k) {
      case '$ref':
        return this.ref(String(v), data, at, out, name);
      case 'const':
        if (!equal(data, v)) fail({ allowedValue: v }, 'must be equal to constant');
        return;
      case 'enum':
        if (!(v as unknown[]).some((e) => equal(e, data)))
          fail({ allowedValues: v }, 'must be equal to one of the allowed values');
        return;
      case 'not': {
        if (this.walk(v as Schema, data, at, `${sp}/not`, [], name)) fail({}, 'must NOT be valid');
        return;
      }
      case 'anyOf': {
        const branches = v as Schema[];
        if (branches.some(alwaysValid)) return;
        const start = out.length;
        if (branches.some((b, i) => this.walk(b, data, at, `${sp}/anyOf/${i}`, out, name))) out.length = start;
        else fail({}, 'must match a schema in anyOf');
        return;
      }
      case 'allOf':
        (v as Schema[]).forEach((b, i) => alwaysValid(b) || this.walk(b, data, at, `${sp}/allOf/${i}`, out, name));
        return;
      case 'maximum':
      case 'minimum':
      case 'exclusiveMaximum':
      case 'exclusiveMinimum': {
        const [comparison, ok] = COMPARISON[k];
        if (!ok(data as number, v as number) || Number.isNaN(data))
          fail({ comparison, limit: v }, `must be ${comparison} ${v}`);
        return;
      }
      case 'maxLength':
      case 'minLength':
        return sizeLimit(k, Array.from(data as string).length, v as number, 'characters', fail);
      case 'format':
        return;
      case 'pattern':
        if (!this.regex(String(v)).test(data as string)) fail({ pattern: v }, `must match pattern "${v}"`);
        return;
      case 'maxItems':
      case 'minItems':
        return sizeLimit(k, (data as unknown[]).length, v as number, 'items', fail);
      case 'items':
        if (Array.isArray(v)) throw UNSUPPORTED;
        if (!alwaysValid(v as Schema))
          (data as unknown[]).forEach((item, i) =>
            this.walk(v as Schema, item, `${at}/${i}`, `${sp}/items`, out, name),
          );
        return;
      case 'uniqueItems':
        if (v) uniqueItems(s, data as unknown[], fail);
        return;
      case 'maxProperties':
      case 'minProperties':
        return sizeLimit(k, Object.keys(data as object).length, v as number, 'properties', fail);
      default:
        return this.objectKeyword(k, s, data as Record<string, unknown>, at, sp, out, fail, name);
    }
  }

  private objectKeyword(
    k: string,
    s: Record<string, unknown>,
    data: Record<string, unknown>,
    at: string,
    sp: string,
    out: ErrorObject[],
    fail: (params: Record<string, unknown>, message: string) => void,
    name?: string,
  ): void {
    const v = s[k];
    switch (k) {
      case 'required':
        for (const p of v as string[])
          if (data[p] === undefined) fail({ missingProperty: p }, `must have required property '${p}'`);
        return;
      case 'propertyNames':
        for (const key in data) {
          if (alwaysValid(v as Schema)) break;
          if (!this.walk(v as Schema, key, at, `${sp}/propertyNames`, out, key))
            fail({ propertyName: key }, 'property name must be valid');
        }
        return;
      case 'additionalProperties': {
        const { properties, patterns } = this.declared(s);
        for (const key in data) {
          if (properties.has(key) || patterns.some((r) => r.test(key))) continue;
          if (v === false) fail({ additionalProperty: key }, 'must NOT have additional properties');
          else if (!alwaysValid(v as Schema))
            this.walk(v as Schema, data[key], `${at}/${pointer(key)}`, `${sp}/additionalProperties`, out, name);
        }
        return;
      }
      case 'dependencies': {
        const deps = Object.entries(v as Record<string, unknown>);
        for (const [p, d] of deps) {
          if (!Array.isArray(d) || data[p] === undefined) continue;
          const params = { property: p, depsCount: d.length, deps: d.join(', ') };
          for (const missing of d as string[])
            if (data[missing] === undefined)
              fail(
                { ...params, missingProperty: missing },
                `must have ${d.length === 1 ? 'property' : 'properties'} ${d.join(', ')} when property ${p} is present`,
              );
        }
        for (const [p, d] of deps)
          if (!Array.isArray(d) && data[p] !== undefined && !alwaysValid(d as Schema))
            this.walk(d as Schema, data, at, `${sp}/dependencies/${fragment(p)}`, out, name);
        return;
      }
      case 'properties': {
        const props = v as Record<string, Schema>;
        for (const p in props) {
          if (p === '__proto__' || data[p] === undefined || alwaysValid(props[p])) continue;
          this.walk(props[p], data[p], `${at}/${pointer(p)}`, `${sp}/properties/${fragment(p)}`, out, name);
        }
        return;
      }
      case 'patternProperties':
        for (const [pat, sub] of Object.entries(v as Record<string, Schema>)) {
          if (alwaysValid(sub)) continue;
          const r = this.regex(pat);
          for (const key in data)
            if (r.test(key))
              this.walk(sub, data[key], `${at}/${pointer(key)}`, `${sp}/patternProperties/${fragment(pat)}`, out, name);
        }
        return;
    }
  }

  /** The property names and patterns a schema declares (for additionalProperties), read once per schema. */
  private declared(s: Record<string, unknown>): { properties: Set<string>; patterns: RegExp[] } {
    let d = this.declarations.get(s);
    if (!d) {
      const properties = new Set(Object.keys((s.properties as object) ?? {}).filter((p) => p !== '__proto__'));
      const patterns = Object.keys((s.patternProperties as object) ?? {}).map((p) => this.regex(p));
      this.declarations.set(s, (d = { properties, patterns }));
    }
    return d;
  }

  private regex(pattern: string): RegExp {
    let r = this.patterns.get(pattern);
    if (!r) this.patterns.set(pattern, (r = new RegExp(pattern, 'u')));
    return r;
  }
}

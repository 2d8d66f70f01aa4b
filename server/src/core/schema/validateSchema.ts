// Checks a resource against its CRD schema with ajv, and turns ajv's errors into findings on the exact key or value.
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { JsonSchema, precompiledValidator } from './schemaStore';
import type { PathSegment } from '../yaml/parseSlice';
import { closestName } from '../text/closestName';
import { formatMessage as msg } from '../diagnostics/messages';

export interface SchemaProblem {
  code: string;
  message: string;
  path: PathSegment[];
  /** Mark the key (unknown field, missing required child) rather than the value. */
  on: 'key' | 'value';
  data?: Record<string, unknown>;
}

// verbose: errors carry the failing data and schema, which the messages quote.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, verbose: true });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

export function validateAgainstSchema(schema: JsonSchema, value: unknown): SchemaProblem[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = precompiledValidator(schema) ?? ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  return toProblems(validate.errors ?? [], value, schema);
}

function toProblems(errors: ErrorObject[], value: unknown, schema: JsonSchema): SchemaProblem[] {
  // Sub-errors of oneOf/anyOf branches only explain why a branch failed; the oneOf/anyOf error says it better.
  const combinators = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const kept = errors.filter((e) => !combinators.some((c) => c !== e && e.schemaPath.startsWith(c.schemaPath + '/')));
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of kept) {
    const path = toPath(e.instancePath, value);
    const p = describe(e, path, schema);
    if (!p) continue;
    const key = `${p.code} ${p.path.join('/')} ${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(p);
  }
  return problems;
}

function describe(e: ErrorObject, path: PathSegment[], schema: JsonSchema): SchemaProblem | undefined {
  const where = path.length ? ` in ${printPath(path)}` : '';
  const params = e.params as Record<string, unknown>;
  const sub = e.parentSchema as JsonSchema | undefined;
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = Object.keys(sub?.properties ?? {});
      const suggestion = closestName(name, known);
      return {
        code: 'ML0201',
        message: msg('ML0201', {
          name,
          where,
          hint: suggestion
            ? ` Did you mean \`${suggestion}\`?`
            : known.length
              ? ` Known fields: ${known.join(', ')}.`
              : '',
        }),
        path: [...path, name],
        on: 'key',
        data: suggestion ? { replacement: suggestion } : undefined,
      };
    }
    case 'required':
      return {
        code: 'ML0204',
        message: msg('ML0204', { field: String(params.missingProperty), where }),
        path,
        on: 'key',
        data: { missing: params.missingProperty },
      };
    case 'type':
      return {
        code: 'ML0202',
        message: msg('ML0202', { expected: article(String(params.type)), where, actual: typeName(e.data) }),
        path,
        on: 'value',
      };
    case 'enum': {
      // INVALID is the protobuf zero value the CRDs list but document as not a valid option.
      const allowed = (params.allowedValues as unknown[]).map(String).filter((v) => v !== 'INVALID');
      const suggestion = typeof e.data === 'string' ? closestName(e.data, allowed) : undefined;
      return {
        code: 'ML0203',
        message: msg(
          'ML0203',
          {
            value: String(e.data),
            where,
            allowed: allowed.join(', '),
            hint: suggestion ? ` Did you mean \`${suggestion}\`?` : '',
          },
          'notAllowed',
        ),
        path,
        on: 'value',
        data: suggestion ? { replacement: suggestion } : undefined,
      };
    }
    case 'const':
      return {
        code: 'ML0203',
        message: msg('ML0203', { value: String(params.allowedValue), where }, 'const'),
        path,
        on: 'value',
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        code: 'ML0205',
        message: msg(
          'ML0205',
          { value: String(e.data), where, comparison: String(params.comparison), limit: String(params.limit) },
          'range',
        ),
        path,
        on: 'value',
      };
    case 'minLength':
      return {
        code: 'ML0205',
        message: msg(
          'ML0205',
          { where, limit: String(params.limit), plural: params.limit === 1 ? '' : 's' },
          'tooShort',
        ),
        path,
        on: 'value',
      };
    case 'maxLength':
      return {
        code: 'ML0205',
        message: msg('ML0205', { where, limit: String(params.limit) }, 'tooLong'),
        path,
        on: 'value',
      };
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return {
        code: 'ML0205',
        message: msg(
          'ML0205',
          {
            fewOrMany: e.keyword.startsWith('min') ? 'Too few' : 'Too many',
            where,
            bound: e.keyword.startsWith('min') ? 'at least' : 'at most',
            limit: String(params.limit),
          },
          'count',
        ),
        path,
        on: 'value',
      };
    case 'pattern':
      return {
        code: 'ML0206',
        message: msg('ML0206', { value: String(e.data), pattern: String(params.pattern), where }),
        path,
        on: 'value',
      };
    case 'oneOf': {
      const names = exclusiveNames(sub);
      if (names) {
        const set = names.filter((n) => e.data && typeof e.data === 'object' && n in (e.data as object));
        return {
          code: 'ML0207',
          message: msg('ML0207', {
            names: names.map((n) => `\`${n}\``).join(', '),
            where,
            found: set.join(' and '),
          }),
          path,
          on: 'value',
        };
      }
      return {
        code: 'ML0208',
        message: msg('ML0208', { where }, 'notExactlyOne'),
        path,
        on: 'value',
      };
    }
    case 'anyOf': {
      const types = (sub?.anyOf ?? []).map((s) => s.type).filter(Boolean);
      if (types.length)
        return {
          code: 'ML0202',
          message: msg('ML0202', { expected: types.join(' or '), where, actual: typeName(e.data) }),
          path,
          on: 'value',
        };
      return { code: 'ML0208', message: msg('ML0208', { where }, 'noneOf'), path, on: 'value' };
    }
    default:
      void schema;
      return {
        code: 'ML0208',
        message: msg('ML0208', { detail: e.message ?? 'Invalid value', where }, 'other'),
        path,
        on: 'value',
      };
  }
}

/** For the CRDs' "at most one of" oneOf (a `not anyOf required` branch plus one `required` branch each). */
function exclusiveNames(sub: JsonSchema | undefined): string[] | undefined {
  const names: string[] = [];
  for (const branch of sub?.oneOf ?? []) {
    if (branch.required?.length === 1) names.push(branch.required[0]);
    else if (!branch.not) return undefined;
  }
  return names.length ? names : undefined;
}

/** A JSON pointer from ajv as a data path (list indexes as numbers). */
export function toPath(pointer: string, value: unknown): PathSegment[] {
  if (!pointer) return [];
  const out: PathSegment[] = [];
  let node: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      out.push(Number(seg));
      node = node[Number(seg)];
    } else {
      out.push(seg);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

export function printPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : (out ? '.' : '') + seg;
  return out;
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `a string "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  return `${article(typeof v)} ${JSON.stringify(v)}`;
}

export function article(t: string): string {
  const nice = t === 'object' ? 'object' : t === 'array' ? 'list' : t;
  return /^[aeiou]/.test(nice) ? `an ${nice}` : `a ${nice}`;
}

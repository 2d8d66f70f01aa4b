// patch.value against Envoy's message schemas, the way istiod decodes it: into the message its applyTo implies, and
// every `@type`d Any into the message the type names. What istiod rejects (wrong types, bad enum values, oneof
// conflicts) is an error; unknown fields, which istiod's lenient decode drops, are warnings; Envoy's own validation
// rules (required fields, bounds), which istiod does not check but Envoy does when the config is pushed, are warnings
// too, as is everything inside TypedStruct values (istiod passes them through). Envoy converts a TypedStruct with
// protobuf's JSON parser and, for dynamic config, retries with unknown fields ignored (MessageUtil::loadFromJson):
// unknown fields and unknown enum names are dropped with a log line there, not rejected, and a Duration may be
// written as an object ({seconds, nanos}).
import type { ErrorObject } from 'ajv';
import { configPatches } from '../../resources/configPatches';
import { Check, Report } from '../check';
import type { MessageParams } from '../../diagnostics/messages';
import { isObject, walkObjects } from '../../util/values';
import { validatorFor, messageForApplyTo, messageForType } from '../../envoy/envoySchemas';
import { isTypedStruct } from '../../envoy/catalog';

import type { PathSegment } from '../../yaml/parseSlice';
import { parseDuration } from '../../text/duration';
import { toPath, typeName, article } from '../../schema/validateSchema';

type Where = { typedStruct: boolean; merge: boolean; message: string; agentFetchesCode?: boolean };

export const envoyValueSchema: Check = {
  codes: ['ML0605', 'ML0606', 'ML0607'],
  kinds: ['EnvoyFilter'],
  run(res, report) {
    configPatches(res.spec).forEach(({ patch: cp, index: i }) => {
      if (!isObject(cp) || !isObject(cp.patch) || !isObject(cp.patch.value)) return;
      if (isObject(cp.match) && cp.match.context === 'WAYPOINT') return;
      const op = String(cp.patch.operation ?? '');
      if (op === 'REMOVE') return;
      const merge = op === 'MERGE' || op === 'MERGE_AND_REPLACE_LIST';
      const base: PathSegment[] = ['spec', 'configPatches', i, 'patch', 'value'];
      // In an ECDS resource the Istio agent downloads remote Wasm code and rewrites it to a local file before Envoy
      // sees it (pkg/wasm/convert.go), so what Envoy would need to fetch it itself does not apply there.
      const agentFetchesCode = cp.applyTo === 'EXTENSION_CONFIG';
      const root = messageForApplyTo(String(cp.applyTo ?? ''));
      if (root)
        check(cp.patch.value, root, base, { typedStruct: false, merge, message: root, agentFetchesCode }, report);
      walkObjects(cp.patch.value, base, (v, path) => {
        if (path.length === base.length || !isObject(v) || typeof v['@type'] !== 'string') return;
        const type = v['@type'];
        const def = messageForType(type);
        if (def) check(v, def, path, { typedStruct: false, merge, message: def, agentFetchesCode }, report);
        const inner = v.type_url ?? v.typeUrl;
        if (isTypedStruct(type) && typeof inner === 'string' && isObject(v.value)) {
          const innerDef = messageForType(inner);
          if (innerDef)
            check(v.value, innerDef, [...path, 'value'], { typedStruct: true, merge, message: innerDef }, report);
        }
      });
    });
  },
};

function check(value: unknown, def: string, base: PathSegment[], where: Where, report: Report): void {
  const validate = validatorFor(def);
  if (!validate || validate(value)) return;
  const errors = validate.errors ?? [];
  // Sub-errors of anyOf/oneOf branches only explain why a branch failed.
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const kept = errors.filter((e) => !combinators.some((c) => c !== e && e.schemaPath.startsWith(c.schemaPath + '/')));
  const seen = new Set<string>();
  for (const e of kept) {
    const f = describe(e, value, where);
    if (!f) continue;
    const path = [...base, ...f.path];
    if (where.agentFetchesCode && f.code === 'ML0607' && remoteCode(f.path)) continue;
    const key = `${f.code} ${path.join('/')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    report(f.code, path, f.params, {
      on: f.on,
      severity: where.typedStruct ? 'warning' : undefined,
      variant: f.variant,
    });
  }
}

const PUSH = 'Envoy will reject this when istiod pushes it';

function remoteCode(path: PathSegment[]): boolean {
  const at = path.findIndex((s) => s === 'remote');
  return at > 0 && path[at - 1] === 'code';
}

/** `{seconds, nanos}`: the object form of a Duration that protobuf's legacy JSON parsing accepts. */
function durationObject(e: ErrorObject): boolean {
  const parent = e.parentSchema as Record<string, unknown> | undefined;
  return (
    String(parent?.pattern ?? '').endsWith('s$') &&
    isObject(e.data) &&
    Object.keys(e.data).length > 0 &&
    Object.entries(e.data).every(
      ([k, v]) =>
        (k === 'seconds' || k === 'nanos') && (typeof v === 'number' || (typeof v === 'string' && /^-?\d+$/.test(v))),
    )
  );
}

function describe(
  e: ErrorObject,
  root: unknown,
  where: Where,
): { code: string; params: MessageParams; variant: string; path: PathSegment[]; on: 'key' | 'value' } | undefined {
  const path = toPath(e.instancePath, root);
  const p = e.params as Record<string, unknown>;
  const parent = e.parentSchema as Record<string, unknown> | undefined;
  const field = path.length ? String(path[path.length - 1]) : where.message;
  const inTypedStruct = where.typedStruct ? ` (inside a TypedStruct, which istiod does not decode: ${PUSH})` : '';
  switch (e.keyword) {
    case 'additionalProperties':
      return {
        code: 'ML0605',
        params: { field: String(p.additionalProperty), message: where.message },
        variant: where.typedStruct ? 'typedStruct' : 'decoded',
        path: [...path, String(p.additionalProperty)],
        on: 'key',
      };
    case 'required':
      if (where.merge) return undefined; // a MERGE value is partial
      return {
        code: 'ML0607',
        params: { field: String(p.missingProperty) },
        variant: 'required',
        path,
        on: 'key',
      };
    case 'anyOf': {
      if (parent?.['x-requirement'])
        return where.merge
          ? undefined
          : {
              code: 'ML0607',
              params: { requirement: String(parent.errorMessage ?? 'a required field is missing') },
              variant: 'requirement',
              path,
              on: 'key',
            };
      const options = (parent?.anyOf as Array<Record<string, unknown>> | undefined)?.find((b) => Array.isArray(b.enum))
        ?.enum as string[] | undefined;
      if (options && where.typedStruct && typeof e.data === 'string')
        return {
          code: 'ML0606',
          params: { value: String(e.data), field, allowed: options.join(', ') },
          variant: 'enumDropped',
          path,
          on: 'value',
        };
      if (options)
        return {
          code: 'ML0606',
          params: { value: String(e.data), field, allowed: options.join(', '), inTypedStruct },
          variant: 'enum',
          path,
          on: 'value',
        };
      return {
        code: 'ML0606',
        params: { field, expected: describeTypes(parent), inTypedStruct },
        variant: 'wrongType',
        path,
        on: 'value',
      };
    }
    case 'type':
      if (where.typedStruct && durationObject(e)) return undefined;
      return {
        code: 'ML0606',
        params: { field, expected: article(String(p.type)), actual: typeName(e.data), inTypedStruct },
        variant: 'type',
        path,
        on: 'value',
      };
    case 'enum':
    case 'const':
      if (where.typedStruct && typeof e.data === 'string')
        return {
          code: 'ML0606',
          params: { value: String(e.data), field },
          variant: 'notAllowedDropped',
          path,
          on: 'value',
        };
      return {
        code: 'ML0606',
        params: { value: String(e.data), field, inTypedStruct },
        variant: 'notAllowed',
        path,
        on: 'value',
      };
    case 'false schema': {
      const m = /dependencies\/([^/]+)\/properties\/([^/]+)\/false schema$/.exec(e.schemaPath);
      return {
        code: 'ML0606',
        params: m ? { first: m[2], second: m[1], inTypedStruct } : { field, inTypedStruct },
        variant: m ? 'oneof' : 'notHere',
        path,
        on: 'key',
      };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        code: 'ML0607',
        params: { field, comparison: String(p.comparison), limit: String(p.limit) },
        variant: 'range',
        path,
        on: 'value',
      };
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return {
        code: 'ML0607',
        params: {
          field,
          shortOrLong: e.keyword.startsWith('min') ? 'too short' : 'too long',
          keyword: e.keyword,
          limit: String(p.limit),
        },
        variant: 'length',
        path,
        on: 'value',
      };
    case 'pattern':
      // istiod converts durations itself and accepts Go's syntax ("500ms", "1m30s"); Envoy only ever sees the proto.
      // Inside a TypedStruct istiod converts nothing, and Envoy's JSON parser wants the proto form.
      if (
        !where.typedStruct &&
        typeof e.data === 'string' &&
        String(p.pattern).endsWith('s$') &&
        parseDuration(e.data) !== undefined
      )
        return undefined;
      return {
        code: 'ML0606',
        params: {
          value: String(e.data),
          field,
          expected: String(parent?.errorMessage ?? `the pattern ${p.pattern}`),
          inTypedStruct,
        },
        variant: 'pattern',
        path,
        on: 'value',
      };
    default:
      return {
        code: 'ML0607',
        params: { field, detail: e.message ?? 'invalid' },
        variant: 'other',
        path,
        on: 'value',
      };
  }
}

function describeTypes(schema: Record<string, unknown> | undefined): string {
  const types = ((schema?.anyOf as Array<Record<string, unknown>>) ?? [])
    .map((b) => b.type)
    .flat()
    .filter(Boolean);
  return types.length ? [...new Set(types)].join(' or ') : 'another type';
}

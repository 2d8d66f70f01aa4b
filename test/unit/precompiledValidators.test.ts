// The CRD validators generated at build time (scripts/precompileValidators.mjs) must report exactly what ajv reports
// when it compiles the schemas at run time: same errors, same paths, same parameters, on every corpus document of our
// kinds and on variants of them broken in the ways users break them.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ErrorObject } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { getSchema, precompiledValidator, JsonSchema } from '../../server/src/core/schema/schemaStore';
import { validateAgainstSchema } from '../../server/src/core/schema/validateSchema';
import { describeWithShared } from '../helpers/sharedData';

const CORPUS = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'corpus');
const KINDS: Array<[string, string]> = [
  ['EnvoyFilter', 'v1alpha3'],
  ['Telemetry', 'v1'],
  ['Telemetry', 'v1alpha1'],
  ['WasmPlugin', 'v1alpha1'],
  ['TrafficExtension', 'v1alpha1'],
];

const runtime = new Ajv({ allErrors: true, strict: false, validateFormats: false, verbose: true });

/** Errors without the schemas' prose, which the generated code leaves out. */
function comparable(errors: ErrorObject[] | null | undefined): unknown {
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k]) => k !== 'description' && k !== 'markdownDescription' && k !== '$id')
              .map(([k, x]) => [k, strip(x)]),
          )
        : v;
  return strip(errors ?? []);
}

/** Ways users get a resource wrong: an unknown field, a wrong type, an unknown enum value, a missing field. */
function broken(value: Record<string, unknown>): Array<Record<string, unknown>> {
  const spec = (value.spec ?? {}) as Record<string, unknown>;
  return [
    { ...value, spec: { ...spec, unknownField: 1 } },
    { ...value, spec: 'not a map' },
    { ...value, spec: Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, typeof v === 'string' ? 7 : 'x'])) },
    { ...value, metadata: { name: 5, labels: { a: 1 } } },
    Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'apiVersion')),
  ];
}

function check(kind: string, version: string, value: unknown): void {
  const schema = getSchema(kind, version) as JsonSchema;
  const generated = precompiledValidator(schema)!;
  const compiled =
    runtime.getSchema(`${kind}/${version}`) ??
    (runtime.addSchema(schema, `${kind}/${version}`), runtime.getSchema(`${kind}/${version}`)!);
  const a = generated(value);
  const b = compiled(value);
  assert.equal(a, b, `${kind}/${version}: valid by one validator only`);
  assert.deepEqual(comparable(generated.errors), comparable(compiled.errors));
}

describe('precompiled CRD validators', () => {
  it('exist for every schema of our kinds, and validation uses them', () => {
    for (const [kind, version] of KINDS) {
      const schema = getSchema(kind, version)!;
      assert.ok(precompiledValidator(schema), `${kind}/${version}`);
    }
    assert.equal(precompiledValidator({ type: 'object' }), undefined);
    // The messages built from the generated validator's errors name the field and suggest the known one.
    const problems = validateAgainstSchema(getSchema('WasmPlugin', 'v1alpha1')!, {
      apiVersion: 'extensions.istio.io/v1alpha1',
      kind: 'WasmPlugin',
      metadata: { name: 'a' },
      spec: { url: 'oci://x', phse: 'AUTHN' },
    });
    assert.deepEqual(
      problems.map((p) => [p.code, p.path.join('.'), p.data]),
      [['ML0201', 'spec.phse', { replacement: 'phase' }]],
    );
  });

  describeWithShared(CORPUS)('agree with ajv compiling the schemas', () => {
    it('on every corpus document of our kinds and on broken variants of each', () => {
      let checked = 0;
      for (const sub of ['valid', 'invalid']) {
        for (const file of readdirSync(join(CORPUS, sub))) {
          if (!/\.ya?ml$/.test(file)) continue;
          for (const doc of parseAllDocuments(readFileSync(join(CORPUS, sub, file), 'utf8'))) {
            const value = doc.toJS() as Record<string, unknown> | null;
            if (!value || typeof value !== 'object') continue;
            const version = String(value.apiVersion ?? '').split('/')[1];
            if (!KINDS.some(([k, v]) => k === value.kind && v === version)) continue;
            for (const v of [value, ...broken(value)]) check(String(value.kind), version, v);
            checked++;
          }
        }
      }
      assert.ok(checked > 400, `only ${checked} documents of our kinds`);
    });
  });
});

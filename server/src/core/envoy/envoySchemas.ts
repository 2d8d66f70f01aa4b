// JSON Schemas of Envoy's v3 messages (laid out by the build for reading one at a time): each message's definition is
// read and parsed only when a document first needs it.
import { readFileSync, existsSync, openSync, readSync } from 'node:fs';
import { join, dirname } from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { SchemaWalker, UNSUPPORTED } from './schemaWalker';
import index from '../../../../schemas/envoy/envoy-index.json';

type Def = Record<string, unknown>;

const parsed = new Map<string, Def>();
const validators = new Map<string, ValidateFunction>();
// Each message is its own schema (`envoy:<name>`) and references are not inlined, so a message several roots use
// (DataSource, HeaderValue, ...) is compiled once; `optimize` is off because compiling dominated `meshlens check`.
const ajv = new Ajv({
  allErrors: true,
  strict: false,
  validateFormats: false,
  verbose: true,
  inlineRefs: false,
  code: { optimize: false },
  // The schemas are generated and tested at build time; checking each against the meta-schema when it is added was
  // a fifth of the first Envoy value's cost.
  validateSchema: false,
});
const added = new Set<string>();

/**
 * The definitions' texts as the build lays them out (scripts/envoyDefs.mjs, from the committed
 * schemas/envoy/envoy-v3.defs.json.gz): `dist/envoy-defs.txt` with an index of byte ranges, so a message's schema is
 * read from disk when first needed and the other 1,600 are never decoded.
 */
let reader: ((name: string) => string | undefined) | undefined;

function findUp(relative: string): string | undefined {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

function definitionText(name: string): string | undefined {
  if (!reader) {
    // Beside the bundle (dist/), or in dist/ above the tests' build folders.
    const indexFile = findUp('envoy-defs.index.json') ?? findUp(join('dist', 'envoy-defs.index.json'));
    if (!indexFile) throw new Error('dist/envoy-defs.index.json not found beside the Meshlens bundle');
    const names = JSON.parse(readFileSync(indexFile, 'utf8')) as Record<string, [number, number]>;
    const fd = openSync(join(dirname(indexFile), 'envoy-defs.txt'), 'r');
    reader = (n) => {
      const at = names[n];
      if (!at) return undefined;
      const buffer = Buffer.alloc(at[1]);
      readSync(fd, buffer, 0, at[1], at[0]);
      return buffer.toString('utf8');
    };
  }
  return reader(name);
}

export function definition(name: string): Def | undefined {
  let d = parsed.get(name);
  if (!d) {
    const text = definitionText(name);
    if (!text) return undefined;
    d = JSON.parse(text) as Def;
    parsed.set(name, d);
  }
  return d;
}

/** Every definition a message refers to, transitively (what a validator for it needs). */
export function closure(root: string): Record<string, Def> {
  const out: Record<string, Def> = {};
  const queue = [root];
  while (queue.length) {
    const name = queue.pop()!;
    if (out[name]) continue;
    const def = definition(name);
    if (!def) continue;
    out[name] = def;
    for (const m of JSON.stringify(def).matchAll(/"#\/definitions\/([^"]+)"/g)) if (!out[m[1]]) queue.push(m[1]);
  }
  return out;
}

/** A definition as a schema of its own: `#/definitions/X` references become `envoy:X`. */
function addToAjv(name: string): void {
  if (added.has(name)) return;
  const text = definitionText(name);
  if (!text) return;
  added.add(name);
  ajv.addSchema(
    JSON.parse(text.replace(/"#\/definitions\/([^"]+)"/g, (_, ref) => JSON.stringify(`envoy:${ref}`))),
    `envoy:${name}`,
  );
}

/** Validates with ajv's errors (schemaWalker.ts); a value the walker cannot validate is validated by ajv. */
export interface EnvoyValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const walker = new SchemaWalker((name) => definition(name));

/**
 * A validator for a message: the schema walker, which needs no compiling (the first HttpFilter patch value took
 * 100 ms to compile, a Cluster 150 ms), with ajv compiling the message only where the walker meets a keyword it does
 * not implement.
 */
export function validatorFor(name: string): EnvoyValidator | undefined {
  if (!definition(name)) return undefined;
  const validate: EnvoyValidator = (data) => {
    try {
      validate.errors = walker.validate(name, data);
    } catch (e) {
      if (e !== UNSUPPORTED) throw e;
      const compiled = compiledValidatorFor(name)!;
      compiled(data);
      validate.errors = compiled.errors ?? [];
    }
    return validate.errors.length === 0;
  };
  return validate;
}

/** ajv's compiled validator for a message (the walker's reference in tests, and its fallback). */
export function compiledValidatorFor(name: string): ValidateFunction | undefined {
  let v = validators.get(name);
  if (!v) {
    if (!definition(name)) return undefined;
    for (const dep of Object.keys(closure(name))) addToAjv(dep);
    v = ajv.getSchema(`envoy:${name}`);
    if (!v) return undefined;
    validators.set(name, v);
  }
  return v;
}

/** The message `patch.value` decodes into for an applyTo (istiod's BuildXDSObjectFromStruct). */
export function messageForApplyTo(applyTo: string): string | undefined {
  return (index.applyTo as Record<string, string>)[applyTo];
}

/** The definition an `@type` names, if Envoy's v3 API (or a well-known type) has it. */
export function messageForType(typeUrl: string): string | undefined {
  return (index.types as Record<string, string>)[
    typeUrl.startsWith('type.googleapis.com/') ? typeUrl : `type.googleapis.com/${typeUrl.replace(/^.*\//, '')}`
  ];
}

/** The v3 type URL that replaced a v2-era one. */
export function v3TypeFor(v2TypeUrl: string): string | undefined {
  return (index as { legacy?: Record<string, string> }).legacy?.[v2TypeUrl];
}

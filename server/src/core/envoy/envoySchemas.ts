// JSON Schemas of Envoy's v3 messages (schemas/envoy/envoy-v3.defs.json.gz), loaded the first time a document needs
// one: the compressed file is read once, and each message's definition is parsed only when used.
import { readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import index from '../../../../schemas/envoy/envoy-index.json';

type Def = Record<string, unknown>;

let texts: Record<string, string> | undefined;
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
});
const added = new Set<string>();

/** The schema file ships beside dist/ (the bundles) and is found from the tests' build folders too. */
function defsFile(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'schemas', 'envoy', 'envoy-v3.defs.json.gz');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('schemas/envoy/envoy-v3.defs.json.gz not found next to the Meshlens bundle');
}

function loadTexts(): Record<string, string> {
  texts ??= JSON.parse(gunzipSync(readFileSync(defsFile())).toString('utf8')) as Record<string, string>;
  return texts;
}

export function definition(name: string): Def | undefined {
  let d = parsed.get(name);
  if (!d) {
    const text = loadTexts()[name];
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
  const text = loadTexts()[name];
  if (!text) return;
  added.add(name);
  ajv.addSchema(
    JSON.parse(text.replace(/"#\/definitions\/([^"]+)"/g, (_, ref) => JSON.stringify(`envoy:${ref}`))),
    `envoy:${name}`,
  );
}

export function validatorFor(name: string): ValidateFunction | undefined {
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

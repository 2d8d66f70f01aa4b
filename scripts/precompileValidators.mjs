// Build step: the CRD schemas' validators as JavaScript (ajv "standalone" code), so that the server and the CLI do
// not compile them when the first resource is checked (about 200 ms of the first diagnostics after opening a file).
// esbuild serves the result as the module `meshlens:crd-validators`; the schemas stay the one source (schemas/crds).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The module's code: `module.exports["Kind/version"]` is the validator of schemas/crds/Kind.version.json. */
export function crdValidatorsModule(root) {
  const Ajv = require('ajv').default;
  const standalone = require('ajv/dist/standalone').default;
  // The same options as the validator compiled at run time (server/src/core/schema/validateSchema.ts).
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    validateFormats: false,
    verbose: true,
    code: { source: true },
  });
  const exported = {};
  const dir = join(root, 'schemas', 'crds');
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const schema = withoutDescriptions(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    const name = file.replace(/\.json$/, '').replace('.', '/');
    delete schema.$id;
    ajv.addSchema(schema, name);
    exported[name] = name;
  }
  return standalone(ajv, exported);
}

/** Errors carry their schema (verbose) for the messages; the prose is not needed there and is most of the size. */
function withoutDescriptions(node) {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'description' || k === 'markdownDescription') continue;
    out[k] = k === 'enum' || k === 'const' || k === 'default' ? v : withoutDescriptions(v);
  }
  return out;
}

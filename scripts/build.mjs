#!/usr/bin/env node
// Bundles the extension client, the language server and the CLI with esbuild (and, with --tests, the test suites).
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crdValidatorsModule } from './precompileValidators.mjs';
import { writeEnvoyDefs } from './envoyDefs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const withTests = process.argv.includes('--tests');

let crdValidatorsCode;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const common = {
  define: { MESHLENS_VERSION: JSON.stringify(pkg.version) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // ASCII output: V8 keeps a bundle's source in memory, and one non-ASCII character doubles it (UTF-16).
  charset: 'ascii',
  external: ['vscode'],
  // Prefer ESM builds: the UMD builds of jsonc-parser and vscode-json-languageservice hide requires from esbuild.
  mainFields: ['module', 'main'],
  plugins: [
    {
      // The CRD validators, generated from schemas/crds at build time (scripts/precompileValidators.mjs).
      name: 'crd-validators',
      setup(b) {
        b.onResolve({ filter: /^meshlens:crd-validators$/ }, () => ({ path: 'crd-validators', namespace: 'meshlens' }));
        b.onLoad({ filter: /.*/, namespace: 'meshlens' }, () => ({
          contents: (crdValidatorsCode ??= crdValidatorsModule(root)),
          resolveDir: root,
          loader: 'js',
        }));
      },
    },
    {
      // yaml-language-server imports prettier for its formatter, which Meshlens does not use.
      name: 'stub-prettier',
      setup(b) {
        b.onResolve({ filter: /^prettier(\/|$)/ }, () => ({ path: join(root, 'server/src/lsp/stubs/prettier.ts') }));
      },
    },
  ],
};

rmSync(join(root, 'dist'), { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(root, 'dist/client.js') }),
  build({ ...common, entryPoints: [join(root, 'server/src/lsp/server.ts')], outfile: join(root, 'dist/server.js') }),
  build({
    ...common,
    entryPoints: [join(root, 'server/src/cli/main.ts')],
    outfile: join(root, 'dist/cli.js'),
    banner: { js: '#!/usr/bin/env node' },
  }),
]);

// esbuild escapes strings (charset: ascii) but leaves regular expressions and comments; a dependency's regex has a
// "µ". A \u escape means the same in both, and an ASCII bundle is held in memory at one byte per character.
for (const name of ['client.js', 'server.js', 'cli.js']) {
  const file = join(root, 'dist', name);
  const code = readFileSync(file, 'utf8');
  if (/[^\t-~]/.test(code))
    writeFileSync(
      file,
      code.replace(/[^\t-~]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    );
}

writeEnvoyDefs(root, join(root, 'dist'));

if (withTests) {
  // Each test file becomes its own bundle under out/test, keeping its folder, so mocha can load them directly.
  rmSync(join(root, 'out'), { recursive: true, force: true });
  const entries = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'node_modules' && name !== 'fixtures' && name !== 'vscode-host') walk(path);
      } else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) entries.push(path);
    }
  };
  walk(join(root, 'test'));
  await build({
    ...common,
    entryPoints: entries,
    outdir: join(root, 'out/test'),
    outbase: join(root, 'test'),
    external: [
      ...common.external,
      'mocha',
      'ajv',
      'ajv-draft-04',
      'ajv-formats',
      'playwright-core',
      '@microsoft/jest-sarif',
      'yaml-language-server',
      '@vscode/test-electron',
      'vscode-textmate',
      'vscode-oniguruma',
    ],
  });
  console.log(`build: ${entries.length} test bundles`);
}
console.log(`build: dist/ ${production ? '(production)' : ''}`);

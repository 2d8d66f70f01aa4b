#!/usr/bin/env node
// Runs every test layer and ends with one "N passed, N failed" line for all of them:
//   typecheck; lint (ESLint, Prettier, file size); unit tests on the core and CLI; the language server over stdio; the extension in a real VS Code
//   (code-server) through its API; and a UI check of the suggest widget with the packaged .vsix.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2); // e.g. `npm test -- unit lsp`
const LAYERS = ['typecheck', 'lint', 'unit', 'lsp', 'vscode', 'ui'];
const unknown = only.filter((l) => !LAYERS.includes(l));
if (unknown.length) {
  console.error(`unknown test layer ${unknown.join(', ')}; the layers are ${LAYERS.join(', ')}`);
  process.exit(2);
}
const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    const echo = (d) => {
      out += d;
      process.stdout.write(d);
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** Counts a layer by the last "N passed, N failed" line it printed; a layer that printed none failed as a whole. */
function count(layer, { code, out }) {
  const lines = [...out.matchAll(/^(?:\S+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/gm)];
  const last = lines[lines.length - 1];
  if (!last) {
    totals.failed += 1;
    summary.push(`${layer}: did not run to the end (exit ${code})`);
    return;
  }
  const [passed, failed, skipped] = [Number(last[1]), Number(last[2]), Number(last[3] ?? 0)];
  // A non-zero exit with no failures counted (a crash after the summary) still fails the layer.
  const extra = code !== 0 && failed === 0 ? 1 : 0;
  totals.passed += passed;
  totals.failed += failed + extra;
  totals.skipped += skipped;
  summary.push(`${layer}: ${passed} passed, ${failed + extra} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

const wanted = (layer) => only.length === 0 || only.includes(layer);

const built = await run(process.execPath, ['scripts/build.mjs', '--tests']);
if (built.code !== 0) {
  console.log('build failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (wanted('typecheck')) {
  const tsc = await run(process.execPath, [
    join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    'tsconfig.json',
    '--noEmit',
  ]);
  count('typecheck', { code: tsc.code, out: `${tsc.code === 0 ? 1 : 0} passed, ${tsc.code === 0 ? 0 : 1} failed\n` });
}
if (wanted('lint')) count('lint', await run(process.execPath, ['scripts/lint.mjs']));
if (wanted('unit')) count('unit', await run(process.execPath, ['scripts/run-mocha.mjs', 'unit']));
if (wanted('lsp')) count('lsp', await run(process.execPath, ['scripts/run-mocha.mjs', 'lsp']));
const host = join(root, 'test/vscode-host/node_modules/.bin/code-server');
if (wanted('vscode') || wanted('ui')) {
  if (!existsSync(host)) {
    totals.failed += 1;
    summary.push('vscode: no code-server; run bash test/vscode-host/setup.sh (scripts/test.sh does)');
  } else {
    if (wanted('vscode')) {
      count(
        'vscode',
        await run('bash', [
          'test/vscode-host/run-ext-tests.sh',
          '.',
          'out/test/vscode/index.js',
          'test/fixtures/vscode-workspace',
        ]),
      );
    }
    if (wanted('ui')) {
      const pkg = await run('npm', ['run', '--silent', 'package']);
      if (pkg.code !== 0) {
        totals.failed += 1;
        summary.push('ui: packaging the .vsix failed');
      } else
        count(
          'ui',
          await run('bash', ['test/vscode-host/run-ui-check.sh', 'meshlens.vsix', 'test/fixtures/vscode-workspace']),
        );
    }
  }
}
console.log('\n' + summary.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exitCode = totals.failed ? 1 : 0;

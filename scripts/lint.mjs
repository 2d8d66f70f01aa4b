#!/usr/bin/env node
// `npm run lint`: ESLint, Prettier's check, and the house rule that no source file grows past 300 lines. Ends with
// "N passed, N failed" (one per check) so that the test runner counts it as a layer.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;
const report = (ok, what) => {
  console.log(`${ok ? '✔' : '✘'} ${what}`);
  if (ok) passed++;
  else failed++;
};

for (const [name, args] of [
  ['eslint', ['.']],
  ['prettier', ['--check', '.']],
]) {
  const r = spawnSync(bin(name), args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) process.stdout.write(r.stdout + r.stderr);
  report(r.status === 0, `${name} ${args.join(' ')}`);
}

const MAX_LINES = 300;
const long = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(ts|mjs)$/.test(name) && !name.endsWith('.d.ts')) {
      const lines = readFileSync(path, 'utf8').split('\n').length - 1;
      if (lines > MAX_LINES) long.push(`${relative(root, path)} (${lines} lines)`);
    }
  }
};
for (const dir of ['server/src', 'client/src', 'scripts']) walk(join(root, dir));
if (long.length) console.log(long.join('\n'));
report(long.length === 0, `no source file over ${MAX_LINES} lines`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;

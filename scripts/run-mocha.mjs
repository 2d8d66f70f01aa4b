#!/usr/bin/env node
// Runs the compiled mocha suites of one or more folders under out/test and ends with "N passed, N failed".
import Mocha from 'mocha';
import { readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// forbidOnly: a stray .only would silently run a fraction of the suite.
const mocha = new Mocha({ reporter: 'spec', timeout: 60_000, color: false, forbidOnly: true });
const add = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) add(path);
    else if (name.endsWith('.test.js')) mocha.addFile(path);
  }
};
for (const folder of process.argv.slice(2)) add(join(root, 'out', 'test', folder));
const runner = mocha.run((failures) => {
  const { passes, failures: failed, pending } = runner.stats;
  console.log(`${passes} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
  process.exitCode = failures ? 1 : 0;
});

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codesMarkdown } from '../../server/src/cli/formatters/codesMarkdown';
import { allCodes } from '../../server/src/core';

const root = join(__dirname, '..', '..', '..');

describe('README', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  it('lists every diagnostic code as the catalogue has it (npm run docs)', () => {
    assert.ok(readme.includes(codesMarkdown()), 'README codes section is stale: run npm run docs');
  });

  it('has a paragraph anchor for every code the diagnostics link to', () => {
    for (const c of allCodes()) assert.ok(readme.includes(`#### ${c.code} ${c.name}\n`), c.code);
  });
});

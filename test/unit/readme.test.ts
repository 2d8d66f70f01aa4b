import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codesMarkdown } from '../../server/src/cli/formatters/codesMarkdown';
import { allCodes, projectConfigSchema } from '../../server/src/core';

const root = join(__dirname, '..', '..', '..');

describe('README', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  it('lists every diagnostic code as the catalogue has it (npm run docs)', () => {
    assert.ok(readme.includes(codesMarkdown()), 'README codes section is stale: run npm run docs');
  });

  it('has a paragraph anchor for every code the diagnostics link to', () => {
    for (const c of allCodes()) assert.ok(readme.includes(`#### ${c.code} ${c.name}\n`), c.code);
  });

  it('ships the .meshlens.yaml schema as the catalogue and the version list make it (npm run docs)', () => {
    const shipped = JSON.parse(readFileSync(join(root, 'schemas', 'meshlens-config.schema.json'), 'utf8'));
    assert.deepEqual(
      shipped,
      JSON.parse(JSON.stringify(projectConfigSchema())),
      'schemas/meshlens-config.schema.json is stale: run npm run docs',
    );
  });
});

// Properties of the built bundles that users pay for at run time.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = join(__dirname, '..', '..', '..', 'dist');

describe('bundles', () => {
  it('are ASCII, so V8 holds their source one byte per character (a single "µ" doubles it)', () => {
    for (const name of ['server.js', 'cli.js', 'client.js']) {
      const code = readFileSync(join(dist, name), 'utf8');
      const at = code.search(/[^\t-~]/);
      assert.equal(at, -1, `${name}: ${JSON.stringify(code.slice(Math.max(0, at - 40), at + 10))}`);
    }
  });

  it('carry the Envoy schemas laid out for reading one message at a time', () => {
    const index = JSON.parse(readFileSync(join(dist, 'envoy-defs.index.json'), 'utf8')) as Record<string, number[]>;
    const [start, length] = index['envoy.extensions.filters.http.lua.v3.Lua'];
    const text = readFileSync(join(dist, 'envoy-defs.txt'))
      .subarray(start, start + length)
      .toString('utf8');
    assert.ok((JSON.parse(text) as { properties: object }).properties);
  });
});

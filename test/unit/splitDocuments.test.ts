import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { splitDocuments, splitByLines } from '../../server/src/core/yaml/splitDocuments';

describe('splitDocuments', () => {
  it('cuts at --- lines and keeps each marker with its document', () => {
    const text = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n';
    const slices = splitDocuments(text);
    assert.deepEqual(
      slices.map((s) => text.slice(s.start, s.end)),
      ['a: 1\n', '---\nb: 2\n', '--- # c\nc: 3\n'],
    );
    assert.deepEqual(
      slices.map((s) => s.startLine),
      [0, 1, 3],
    );
  });

  it('does not cut at ---x or indented ---', () => {
    const text = 'a: |\n  ---\n---x: 1\n';
    assert.equal(splitDocuments(text).length, 1);
  });

  it('handles CRLF line endings', () => {
    const text = 'a: 1\r\n---\r\nb: 2\r\n';
    const slices = splitDocuments(text);
    assert.equal(slices.length, 2);
    assert.equal(text.slice(slices[1].start, slices[1].end), '---\r\nb: 2\r\n');
    assert.equal(slices[1].startLine, 1);
  });

  it('cuts text with only \\n line breaks where the line-by-line scan does', () => {
    const examples = join(__dirname, '..', '..', '..', 'examples');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
    const texts = files(examples)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => readFileSync(f, 'utf8'));
    const markers = ['---', '--- # c', '---\t', '---x', ' ---', '--', '...'];
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let i = 0; i < 300; i++) {
      const lines = texts[random(texts.length)].split('\n');
      for (let k = 0; k < 4; k++) lines.splice(random(lines.length + 1), 0, markers[random(markers.length)]);
      const text = lines.join('\n').replace(/\r/g, '') + (random(2) ? '\n---' : '');
      assert.deepEqual(splitDocuments(text), splitByLines(text), text);
    }
  });

  it('a leading --- does not make an empty first document split', () => {
    const slices = splitDocuments('---\na: 1\n');
    assert.equal(slices.length, 1);
  });
});

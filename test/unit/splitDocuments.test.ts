import { strict as assert } from 'node:assert';
import { splitDocuments } from '../../server/src/core/yaml/splitDocuments';

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

  it('a leading --- does not make an empty first document split', () => {
    const slices = splitDocuments('---\na: 1\n');
    assert.equal(slices.length, 1);
  });
});

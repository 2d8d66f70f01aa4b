// The index reads a large file without its oversized documents: the others keep their text and their lines.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readWithoutLargeDocuments } from '../../server/src/lsp/largeDocuments';
import { splitDocuments } from '../../server/src/core/yaml/splitDocuments';

describe('reading a large file for the index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshlens-large-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const small = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n`;
  const huge = (lines: number) =>
    'apiVersion: extensions.istio.io/v1alpha1\nkind: TrafficExtension\nmetadata:\n  name: big\nspec:\n  lua:\n' +
    '    inlineCode: |\n' +
    Array.from({ length: lines }, (_, i) => `      h:logInfo("${i}")\n`).join('');

  it('blanks an oversized document, keeping its --- line and the lines of the others', async () => {
    const text = [small('a'), '--- # big\n' + huge(20_000), '---\n' + small('b'), '---\r\n' + small('c')].join('');
    const read = (await readWithoutLargeDocuments(write('mixed.yaml', text), 100_000))!;
    assert.equal(read.omitted, 1);
    const before = splitDocuments(text);
    const after = splitDocuments(read.text);
    assert.deepEqual(
      after.map((s) => s.startLine),
      before.map((s) => s.startLine),
    );
    for (const i of [0, 2, 3])
      assert.equal(read.text.slice(after[i].start, after[i].end), text.slice(before[i].start, before[i].end));
    assert.match(read.text.slice(after[1].start, after[1].end), /^--- # big\n\n+$/);
  });

  it('reads a file of small documents as it is, across chunks, and gives up on binary files', async () => {
    const text = Array.from({ length: 3_000 }, (_, i) => small(`s${i}`)).join('---\n') + '---';
    const read = (await readWithoutLargeDocuments(write('many.yaml', text), 1_000))!;
    assert.equal(read.omitted, 0);
    assert.equal(read.text, text);
    // A first document without a --- line, over the limit, and one character of UTF-8 split across chunks.
    const first = 'é'.repeat(70_000) + '\n' + huge(10);
    const firstRead = (await readWithoutLargeDocuments(write('first.yaml', first + '---\n' + small('x')), 1_000))!;
    assert.equal(firstRead.omitted, 1);
    assert.equal(firstRead.text, '\n'.repeat(first.split('\n').length - 1) + '---\n' + small('x'));
    assert.equal(await readWithoutLargeDocuments(write('binary.yaml', small('a') + '\u0000'), 1_000), undefined);
  });
});

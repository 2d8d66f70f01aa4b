// Seeded fuzzing: mutations of real documents (and the Lua in them) replayed as edits against the running server,
// with completion and hover requests between edits. Bounded in count and time. The server must never crash, never
// stop answering, and answer every request.
import { strict as assert } from 'node:assert';
import { sharedOr } from '../helpers/sharedData';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestLspClient } from '../helpers/lspClient';

const CORPUS = process.env.MESHLENS_CORPUS ?? join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'corpus');
const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

function seeded(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const INSERTS = [
  '\t',
  '{{ .Values.x }}',
  '---\n',
  '- ',
  ': ',
  '"',
  "'",
  '|\n',
  '&a ',
  '*a',
  '<<: *a\n',
  '\r\n',
  '🚀',
  '中文',
  '\u0000',
  'end',
  'function(',
  ')',
  '[[',
  ']]',
  'h:headers():',
  '\n  \n',
  '#',
  '\\',
  '%',
];

function mutate(text: string, rand: () => number): string {
  const at = Math.floor(rand() * (text.length + 1));
  switch (Math.floor(rand() * 5)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 20));
    case 1:
      return text.slice(0, at) + INSERTS[Math.floor(rand() * INSERTS.length)] + text.slice(at);
    case 2: {
      const lines = text.split('\n');
      const i = Math.floor(rand() * lines.length);
      lines.splice(i, 0, lines[Math.floor(rand() * lines.length)]);
      return lines.join('\n');
    }
    case 3:
      return text.slice(0, at);
    default:
      return text.replace(/\n/g, () => (rand() < 0.05 ? '\r\n' : '\n'));
  }
}

function sources(): string[] {
  const dir = sharedOr(join(CORPUS, 'valid'), EXAMPLES, 'fuzz corpus');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

const withTimeout = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer to ${what} within ${ms} ms`)), ms)),
  ]);

describe('fuzzing the server with mutated documents', function () {
  this.timeout(180_000);
  it('answers every request and stays up through 400 seeded mutations', async () => {
    const client = new TestLspClient();
    await client.initialize();
    try {
      const rand = seeded(20261125);
      const docs = sources();
      const deadline = Date.now() + 120_000;
      let requests = 0;
      for (let round = 0; round < 20 && Date.now() < deadline; round++) {
        const uri = `file:///fuzz-${round}.yaml`;
        let text = docs[Math.floor(rand() * docs.length)];
        await client.open(uri, text);
        for (let i = 0; i < 20; i++) {
          text = mutate(text, rand);
          await client.change(uri, text);
          const lines = text.split('\n');
          const line = Math.floor(rand() * lines.length);
          const character = Math.floor(rand() * ((lines[line]?.length ?? 0) + 1));
          await withTimeout(client.complete(uri, line, character), 15_000, `completion in ${uri}`);
          await withTimeout(client.hover(uri, line, character), 15_000, `hover in ${uri}`);
          requests += 2;
        }
        await withTimeout(client.connection.sendRequest('meshlens/listWorkloads'), 15_000, 'listWorkloads');
      }
      assert.ok(client.alive, `server died; stderr: ${client.stderr}`);
      assert.ok(requests >= 200, `only ${requests} requests ran in the time bound`);
      assert.doesNotMatch(client.stderr, /uncaught|unhandled/i);
    } finally {
      await client.stop();
    }
  });
});

// The fast YAML reader must agree with the `yaml` library wherever it answers: same values, same kinds of node, same
// offsets for keys and scalars, and it must leave to the library every document it cannot read exactly.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, isMap, isSeq, isScalar, Document } from 'yaml';
import { fastParse } from '../../server/src/core/yaml/fastParse';
import { parseSlice, rangeAt, rangeOf, locateNearest } from '../../server/src/core/yaml/parseSlice';
import { splitDocuments } from '../../server/src/core/yaml/splitDocuments';
import { analyzeDocument } from '../../server/src/core/analyzeDocument';
import { NEWEST_VERSION } from '../../server/src/core/versions/istioVersions';
import { sharedOr } from '../helpers/sharedData';

const root = join(__dirname, '..', '..', '..');
const CORPUS = join(root, '..', 'shared', 'data', 'corpus');

/** What the checks read from a tree: kinds of node, keys, values, scalar styles and offsets, collection starts. */
function shape(n: unknown): unknown {
  if (isMap(n)) return { map: n.range?.[0], flow: !!n.flow, items: n.items.map((p) => [shape(p.key), shape(p.value)]) };
  if (isSeq(n)) return { seq: n.range?.[0], flow: !!n.flow, items: n.items.map(shape) };
  if (isScalar(n)) return { scalar: n.range?.slice(0, 2), value: n.value, type: n.type };
  return { other: String(n) };
}

function library(text: string): Document.Parsed | undefined {
  const docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, merge: true });
  if (!Array.isArray(docs) || docs.length !== 1 || docs[0].errors.length) return undefined;
  return docs[0] as Document.Parsed;
}

/** Undefined when both agree (or the fast reader left the document to the library), else what differs. */
function disagreement(text: string): string | undefined {
  const fast = fastParse(text);
  if (!fast) return undefined;
  const doc = library(text);
  if (!doc) return 'read by the fast reader, rejected by the library';
  try {
    assert.deepEqual(shape(fast.contents), shape(doc.contents));
    assert.deepEqual(fast.value, doc.toJS({ maxAliasCount: 1000 }));
  } catch (e) {
    return (e as Error).message.slice(0, 2000);
  }
  return undefined;
}

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFilesUnder(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

function documentsOf(files: string[]): string[] {
  return files.flatMap((f) => {
    const text = readFileSync(f, 'utf8');
    return splitDocuments(text).map((s) => text.slice(s.start, s.end));
  });
}

describe('fast YAML reader', () => {
  const corpus = sharedOr(CORPUS, join(root, 'examples'), 'fast reader corpus');
  const documents = documentsOf([...yamlFilesUnder(corpus), ...yamlFilesUnder(join(root, 'examples'))]);

  it('agrees with the library on every real document it reads, and reads almost all of them', () => {
    let read = 0;
    for (const text of documents) {
      const why = disagreement(text);
      assert.equal(why, undefined, `${why}\n--- in:\n${text.slice(0, 400)}`);
      if (fastParse(text)) read++;
    }
    assert.ok(read / documents.length > 0.95, `read ${read} of ${documents.length}`);
  });

  it('agrees with the library on thousands of damaged variants (seeded), or leaves them to it', () => {
    // MESHLENS_FUZZ_SEED and MESHLENS_FUZZ_ITERATIONS explore further than the suite's fixed run.
    let seed = Number(process.env.MESHLENS_FUZZ_SEED ?? 7);
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const inserts = [':', ': ', '#', ' #', ' ', '\t', '-', '- ', '"', "'", '|', '>', '[', ']', '{', '}', ',', '\n'];
    inserts.push('\n  ', '&a ', '*a', '!t ', '? ', '\\', '\r\n', '|-', '|+', '>-', '0x1', '.inf', '~', '---', '...');
    let read = 0;
    const iterations = Number(process.env.MESHLENS_FUZZ_ITERATIONS ?? 4000);
    for (let i = 0; i < iterations; i++) {
      let text = documents[random(documents.length)];
      for (let m = 1 + random(3); m > 0; m--) {
        const at = random(text.length + 1);
        const lines = text.split('\n');
        const op = random(4);
        if (op === 0) text = text.slice(0, at) + inserts[random(inserts.length)] + text.slice(at);
        else if (op === 1) text = text.slice(0, at) + text.slice(at + 1 + random(3));
        else if (op === 2)
          text = [...lines.slice(0, at % lines.length), lines[random(lines.length)], ...lines].join('\n');
        else
          text = lines.map((l, j) => (j === at % lines.length ? ' '.repeat(random(4)) + l.trimStart() : l)).join('\n');
      }
      const why = disagreement(text);
      assert.equal(why, undefined, `${why}\n--- in:\n${JSON.stringify(text)}`);
      if (fastParse(text)) read++;
    }
    assert.ok(read > iterations / 4, `only ${read} variants were read by the fast reader: the test would prove little`);
  });

  it('resolves plain scalars as the YAML 1.2 core schema does', () => {
    const scalars = ['true', 'True', 'TRUE', 'tRue', 'false', 'FALSE', 'yes', 'no', 'on', 'off', 'y', 'null', 'Null'];
    scalars.push('NULL', 'nULL', '~', '0', '-0', '+12', '007', '1_000', '0o17', '0o8', '0x1F', '0X1F', '0b101', '.5');
    scalars.push('1.', '-1.5e3', '1E-3', '1e3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', 'nan', '2001-12-14');
    scalars.push('12:30', '1.2.3', '9007199254740993', 'v1', '-', '--', '3h', '0.0.0.0', '""', "''", 'a b', 'x#y');
    for (const s of scalars) {
      const text = `k: ${s}\n`;
      assert.equal(disagreement(text), undefined, s);
      const fast = fastParse(text);
      if (fast) assert.deepEqual(fast.value, library(text)!.toJS(), s);
    }
  });

  it('leaves to the library what it does not read exactly', () => {
    const left = [
      'a: &x 1\nb: *x\n', // anchors and aliases
      'a: !!str 1\n', // tags
      'a: >\n  folded\n  text\n', // folded scalars
      'a: |+\n  kept\n\n', // kept final line breaks
      'a: |2\n   explicit\n', // indentation indicators
      'a: plain\n  continued\n', // multi-line plain scalars
      'a: "open\n  quote"\n', // multi-line quoted scalars
      'a: 1\na: 2\n', // duplicate keys (ML0002 comes from the library's nodes)
      '<<: {a: 1}\nb: 2\n', // merge keys
      '? complex\n: key\n', // complex keys
      '%YAML 1.2\n---\na: 1\n', // directives
      'a: [1,\n  2]\n', // flow collections over several lines
      'a: [1, 2,]\n', // a trailing comma
      'a:\n\t- 1\n', // tab indentation
      'a: b: c\n', // a nested mapping on one line
      '1: one\n', // keys that are not strings
      '# only a comment\n', // empty documents
      'a: 1\n...\n', // document end markers
      '\ufeffa: 1\n', // a byte order mark
      'a: 1\rb: x\n', // a lone carriage return, a line break to YAML
    ];
    for (const text of left) assert.equal(fastParse(text), undefined, JSON.stringify(text));
    // ...and the library's findings still come: a duplicate key is marked on the second one.
    const dup = parseSlice('a: 1\na: 2\n');
    assert.equal(dup.fast, undefined);
    assert.deepEqual(
      dup.findings.map((f) => [f.code, f.start, f.end]),
      [['ML0002', 5, 6]],
    );
  });

  it('reads Lua as the library does: literal blocks with tabs, blank lines and comment-like lines', () => {
    const text = [
      'spec:',
      '  code: |',
      '    function envoy_on_request(h)',
      '    \tlocal x = 1 -- a tab after the indentation',
      '',
      '    # not a YAML comment',
      '      h:logInfo("x")',
      '    end',
      '',
      '  other: |-',
      '    x',
      'kind: EnvoyFilter',
      '',
    ].join('\n');
    assert.ok(fastParse(text));
    assert.equal(disagreement(text), undefined);
    assert.equal(disagreement(text.replace(/\n/g, '\r\n')), undefined);
    // Blank lines shorter and longer than the indentation, before and inside the block; Unicode line separators and
    // carriage returns inside lines (the block's lines are cut by the line table, not by the text's separators).
    const blanks = ['spec:', '  code: |', '  ', '    a', '        ', '   ', '      b', '      ', 'kind: x', ''].join(
      '\n',
    );
    assert.ok(fastParse(blanks));
    assert.equal(disagreement(blanks), undefined);
    for (const separator of ['\u2028', '\u2029'])
      assert.equal(disagreement(blanks.replace('      b', `      b${separator}    c`)), undefined);
    assert.equal(disagreement(blanks.replace(/\n/g, '\r\n')), undefined);
  });

  it('parses on demand what it read fast, and marks whole collections where the library does', () => {
    const text = 'spec:\n  items:\n  - a:\n      b: 1\n      # the comment ends the item for the library\n  - b: 2\n';
    const parsed = parseSlice(text);
    assert.equal(parsed.fast, true);
    assert.deepEqual(parsed.doc!.toJS(), parsed.value);
    const doc = library(text)!;
    for (const path of [['spec', 'items', 0], ['spec', 'items', 0, 'a'], ['spec', 'items', 1, 'b'], ['spec']])
      for (const on of ['key', 'value'] as const)
        assert.deepEqual(rangeAt(parsed, path, on), rangeOf(locateNearest(doc, path), on), `${path} ${on}`);
    assert.match(text.slice(...rangeAt(parsed, ['spec', 'items', 0])!), /^a:[^]*library\n  $/);
  });

  it('reads empty documents as the library does, without it', () => {
    for (const text of ['', '\n\n', '---\n', '--- # c\n\n   \n', '---\r\n\r\n', '---', '\n'.repeat(100_000)]) {
      const parsed = parseSlice(text);
      const docs = parseAllDocuments(text);
      const label = JSON.stringify(text.slice(0, 20));
      if (!Array.isArray(docs) || docs.length === 0) {
        assert.deepEqual(
          [parsed.doc, parsed.value, parsed.analysable, parsed.findings],
          [undefined, undefined, false, []],
        );
        continue;
      }
      assert.equal(docs.length, 1, label);
      assert.equal(parsed.fast, true, label);
      assert.deepEqual([parsed.value, parsed.analysable, parsed.findings], [docs[0].toJS(), true, []], label);
      assert.equal(parsed.doc!.toJS(), null, label);
    }
    assert.equal(parseSlice('---\n# only a comment\n').fast, undefined);
  });

  it('drops the nodes of an analysed document and reads them again when a path is located later', () => {
    const text = [
      'apiVersion: telemetry.istio.io/v1',
      'kind: Telemetry',
      'metadata:',
      '  name: t',
      'spec:',
      '  metrics:',
      '  - providers:',
      '    - name: prometheus',
      '',
    ].join('\n');
    const analysis = analyzeDocument(text, { istioVersion: NEWEST_VERSION });
    assert.equal(analysis.parsed.fast, true);
    const doc = library(text)!;
    for (const path of [['spec', 'metrics', 0, 'providers', 0, 'name'], ['metadata', 'name'], ['kind']])
      assert.deepEqual(rangeAt(analysis.parsed, path, 'value'), rangeOf(locateNearest(doc, path), 'value'), `${path}`);
    assert.deepEqual(shape(analysis.parsed.tree!.contents), shape(doc.contents));
  });
});

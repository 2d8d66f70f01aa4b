import { strict as assert } from 'node:assert';
import { analyze, yaml } from '../helpers/analyze';
import { analyzeFile } from '../../server/src/core';

const head = ['apiVersion: networking.istio.io/v1alpha3', 'kind: EnvoyFilter', 'metadata:', '  name: f', 'spec:'];

describe('bad input', () => {
  it('malformed YAML gets a located syntax error and the other documents are still checked', () => {
    const text = yaml(...head, '  configPatches: [', '---', ...head, '  priorty: 1');
    const f = analyze(text);
    assert.equal(f[0].code, 'ML0001');
    assert.equal(f[0].line, 7);
    assert.ok(f.some((x) => x.code === 'ML0201' && x.line === 13));
  });

  it('tab indentation is reported where the tab is', () => {
    const f = analyze(yaml(...head, '\tpriority: 1'));
    assert.equal(f[0].code, 'ML0001');
    assert.equal(f[0].line, 6);
    assert.match(f[0].message, /Tabs are not allowed/);
  });

  it('duplicate keys are errors on the second key', () => {
    const f = analyze(yaml(...head, '  priority: 1', '  priority: 2'));
    assert.equal(f[0].code, 'ML0002');
    assert.equal(f[0].line, 7);
  });

  it('anchors, aliases and merge keys are resolved', () => {
    const text = yaml(
      ...head,
      '  workloadSelector:',
      '    labels: &l {app: a}',
      '  configPatches:',
      '  - applyTo: CLUSTER',
      '    patch: &p',
      '      operation: REMOVE',
      '  - applyTo: CLUSTER',
      '    patch:',
      '      <<: *p',
      '      bogus: 1',
    );
    const f = analyze(text).filter((x) => x.code.startsWith('ML'));
    assert.deepEqual(
      f.map((x) => [x.code, x.text]),
      [['ML0201', 'bogus']],
    );
  });

  it('an alias bomb is reported as a limit, not expanded', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const f = analyze(yaml(...head, '  priority: 1', ...lines.map((l) => 'x' + l)));
    assert.ok(
      f.some((x) => x.code === 'ML0003'),
      JSON.stringify(f.map((x) => x.code)),
    );
  });

  it('5,000 levels of nesting give a limit finding, not a stack overflow', () => {
    let deep = '';
    for (let i = 0; i < 5000; i++) deep += ' '.repeat(2 * (i + 1)) + 'k:\n';
    // Block nesting that deep is 25 MB of indentation: the size limit speaks first.
    const f = analyze(yaml(...head, '  workloadSelector:') + deep);
    assert.ok(
      f.some((x) => x.code === 'ML0003'),
      JSON.stringify(f),
    );
    // Flow nesting of the same depth is small, and gets the nesting limit.
    const flow = analyze(yaml(...head, `  workloadSelector: {labels: ${'['.repeat(5000)}${']'.repeat(5000)}}`));
    assert.ok(
      flow.some((x) => x.code === 'ML0003' && /deeper than 500/.test(x.message)),
      JSON.stringify(flow.map((x) => x.message)),
    );
  });

  it('a run of a thousand flow openers is not parsed, and the finding points at its start', () => {
    const text = yaml(...head, `  workloadSelector: {labels: ${'[ '.repeat(1000)}${']'.repeat(1000)}}`);
    const f = analyze(text);
    assert.deepEqual(
      f.map((x) => [x.code, x.line, x.column, x.text]),
      [['ML0003', 6, 30, '[']],
    );
    assert.match(f[0].message, /1,000 or more `\[` or `\{` in a row/);
    // The same characters as text in a literal block are Lua, not nesting.
    const lua = analyze(
      yaml(
        ...head,
        '  configPatches:',
        '  - applyTo: HTTP_FILTER',
        '    patch:',
        '      value:',
        '        code: |',
        `          -- ${'['.repeat(1000)}`,
      ),
    );
    assert.ok(!lua.some((x) => x.code === 'ML0003'), JSON.stringify(lua));
  });

  it('a 10 MB file of many documents is analysed', () => {
    const one = yaml(...head, '  workloadSelector:', '    labels: {app: a}', '  configPatches: []', '---');
    const text = one.repeat(Math.ceil(10_000_000 / one.length));
    const result = analyzeFile(text + yaml(...head, '  priorty: 1'), { istioVersion: '1.31' });
    assert.ok(result.documents.length > 50_000);
    assert.deepEqual(
      result.findings.map((f) => f.code).filter((c) => c !== 'ML0320'),
      ['ML0201'],
    );
  });

  it('a single document over the size limit is syntax-checked only, with a message', () => {
    const big =
      yaml(...head, '  workloadSelector:', '    labels:') +
      Array.from({ length: 200_000 }, (_, i) => `      k${i}: ${'v'.repeat(20)}\n`).join('');
    const f = analyze(big);
    assert.deepEqual(
      f.map((x) => x.code),
      ['ML0003'],
    );
    assert.match(f[0].message, /up to 5 MB \(hover and completion still work\)/);
  });

  it('CRLF line endings keep positions exact', () => {
    const text = yaml(...head, '  priorty: 1').replace(/\n/g, '\r\n');
    const f = analyze(text);
    assert.deepEqual(
      f.map((x) => [x.line, x.column, x.text]),
      [[6, 3, 'priorty']],
    );
  });

  it('Helm templates are reported as not checked', () => {
    const f = analyze(yaml(...head, '  workloadSelector:', '    labels:', '      app: {{ .Values.app }}'));
    assert.deepEqual(
      f.map((x) => [x.code, x.severity]),
      [['ML0005', 'info']],
    );
  });

  it('a document that is a list or a scalar is left alone', () => {
    assert.deepEqual(analyze('- a\n- b\n---\njust text\n'), []);
  });
});

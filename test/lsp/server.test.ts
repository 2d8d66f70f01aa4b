import { strict as assert } from 'node:assert';
import { TestLspClient, positionOf } from '../helpers/lspClient';
import { yaml } from '../helpers/analyze';

const EF = ['apiVersion: networking.istio.io/v1alpha3', 'kind: EnvoyFilter', 'metadata:', '  name: f', 'spec:'];

describe('language server over stdio', function () {
  let client: TestLspClient;
  before(async () => {
    client = new TestLspClient();
    await client.initialize();
  });
  after(() => client.stop());

  it('publishes located diagnostics with source meshlens and a code that links to the README', async () => {
    const text = yaml(...EF, '  configPatches:', '  - applyTo: HTTP_FILTR', '    patch:', '      operation: REMOVE');
    await client.open('file:///diag.yaml', text);
    const [d] = await client.diagnosticsFor('file:///diag.yaml', (ds) => ds.length > 0);
    assert.equal(d.source, 'meshlens');
    assert.equal(d.code, 'ML0203');
    assert.deepEqual(d.range, { start: { line: 6, character: 13 }, end: { line: 6, character: 23 } });
    assert.match(d.codeDescription!.href, /README\.md#ml0203-invalid-enum$/);
  });

  it('counts positions in UTF-16 code units, past emoji, CJK and CRLF', async () => {
    const text = yaml(
      'apiVersion: networking.istio.io/v1alpha3',
      'kind: EnvoyFilter',
      'metadata:',
      '  name: f',
      '  annotations: {note: "🚀 中文 🚀"}',
      'spec:',
      '  workloadSelector: {labels: {app: "🚀"}, bogus: 1}',
    ).replace(/\n/g, '\r\n');
    await client.open('file:///utf16.yaml', text);
    const [d] = await client.diagnosticsFor('file:///utf16.yaml', (ds) => ds.some((x) => x.code === 'ML0201'));
    // "  workloadSelector: {labels: {app: \"🚀\"}, " is 42 UTF-16 code units (the rocket is 2).
    assert.deepEqual(d.range, { start: { line: 6, character: 42 }, end: { line: 6, character: 47 } });
  });

  it('re-validates on edits and clears fixed problems', async () => {
    const uri = 'file:///edit.yaml';
    await client.open(uri, yaml(...EF, '  priorty: 1'));
    await client.diagnosticsFor(uri, (ds) => ds.length === 1);
    const v = await client.change(uri, yaml(...EF, '  priority: 1'));
    assert.deepEqual(await client.diagnosticsFor(uri, (ds) => ds.length === 0, v), []);
  });

  it('completes enum values for applyTo', async () => {
    const text = yaml(...EF, '  configPatches:', '  - applyTo: ');
    await client.open('file:///enum.yaml', text);
    const items = await client.complete('file:///enum.yaml', 6, 13);
    const labels = items.map((i) => i.label);
    for (const v of ['HTTP_FILTER', 'NETWORK_FILTER', 'CLUSTER', 'LISTENER'])
      assert.ok(labels.includes(v), labels.join());
    assert.ok(!labels.includes('INVALID'), 'the protobuf zero value is not offered');
  });

  it('completes keys, inserting required children as a snippet', async () => {
    const text = yaml(
      'apiVersion: extensions.istio.io/v1alpha1',
      'kind: WasmPlugin',
      'metadata:',
      '  name: w',
      'spec:',
      '  url: oci://a/b',
      '  ',
    );
    await client.open('file:///keys.yaml', text);
    const items = await client.complete('file:///keys.yaml', 6, 2);
    const labels = items.map((i) => i.label);
    for (const k of ['selector', 'phase', 'priority', 'match', 'pluginConfig', 'failStrategy', 'imagePullPolicy'])
      assert.ok(labels.includes(k), `${k} in ${labels.join()}`);
    assert.ok(!labels.includes('url'), 'url is already set');
    const targetRef = items.find((i) => i.label === 'targetRef')!;
    assert.equal(targetRef.insertTextFormat, 2);
    assert.match(
      targetRef.insertText ?? (targetRef.textEdit as { newText: string }).newText,
      /targetRef:\n\s+kind: .*\n\s+name: /,
    );
  });

  it('completes in a later --- document with ranges in file coordinates', async () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n' +
      yaml(...EF, '  configPatches:', '  - applyTo: HTTP_FILTER', '    patch:', '      operation: ');
    await client.open('file:///multi.yaml', text);
    const pos = positionOf(text, 'operation: ', 'operation: '.length);
    const items = await client.complete('file:///multi.yaml', pos.line, pos.character);
    const insertBefore = items.find((i) => i.label === 'INSERT_BEFORE');
    assert.ok(insertBefore, items.map((i) => i.label).join());
    const edit = insertBefore.textEdit as { range: { start: { line: number } } } | undefined;
    if (edit) assert.equal(edit.range.start.line, pos.line);
  });

  it('offers quick fixes as code actions whose edits fix the problem', async () => {
    const uri = 'file:///fix.yaml';
    const text = yaml(
      'apiVersion: extensions.istio.io/v1alpha1',
      'kind: WasmPlugin',
      'metadata:',
      '  name: w',
      'spec:',
      '  url: oci://a/b',
      '  phase: AUTHM',
    );
    await client.open(uri, text);
    const ds = await client.diagnosticsFor(uri, (d) => d.length > 0);
    const actions = await client.codeActions(uri, ds);
    assert.equal(actions[0].title, 'Change to `AUTHN`');
    assert.equal(actions[0].kind, 'quickfix');
    const [edit] = actions[0].edit!.changes![uri];
    assert.deepEqual(edit.range, ds[0].range);
    const v = await client.change(uri, text.replace('AUTHM', edit.newText));
    assert.deepEqual(await client.diagnosticsFor(uri, (d) => d.length === 0, v), []);
  });

  it('offers apiVersion/kind pairs at the top of an empty document', async () => {
    await client.open('file:///empty.yaml', '');
    const labels = (await client.complete('file:///empty.yaml', 0, 0)).map((i) => i.label);
    for (const l of [
      'EnvoyFilter (networking.istio.io/v1alpha3)',
      'Telemetry (telemetry.istio.io/v1)',
      'Telemetry (telemetry.istio.io/v1alpha1)',
      'WasmPlugin (extensions.istio.io/v1alpha1)',
      'TrafficExtension (extensions.istio.io/v1alpha1)',
    ]) {
      assert.ok(labels.includes(l), `${l} in ${labels.join()}`);
    }
  });

  it('completes kind: with every kind of the apiVersion, WasmPlugin and TrafficExtension alike', async () => {
    for (const [name, kind] of [
      ['typed', 'WasmPlugin'],
      ['half', 'Was'],
      ['none', ''],
    ]) {
      const uri = `file:///kind-${name}.yaml`;
      await client.open(uri, `apiVersion: extensions.istio.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: x\n`);
      const items = await client.complete(uri, 1, 6 + kind.length);
      assert.deepEqual(items.map((i) => i.label).sort(), ['TrafficExtension', 'WasmPlugin'], name);
    }
    await client.open('file:///kind-telemetry.yaml', 'apiVersion: telemetry.istio.io/v1\nkind: \n');
    assert.deepEqual(
      (await client.complete('file:///kind-telemetry.yaml', 1, 6)).map((i) => i.label),
      ['Telemetry'],
    );
  });

  it('hovers a field with its description, type, values and version', async () => {
    const text = yaml(
      ...EF,
      '  configPatches:',
      '  - applyTo: HTTP_FILTER',
      '    match:',
      '      context: SIDECAR_INBOUND',
      '    patch:',
      '      operation: REMOVE',
    );
    await client.open('file:///hover.yaml', text);
    const h = await client.hover('file:///hover.yaml', 8, 8);
    const value = (h!.contents as { value: string }).value;
    assert.match(value, /\*\*context\*\*/);
    assert.match(value, /The specific config generation context to match on/);
    assert.match(value, /`WAYPOINT`/);
    assert.equal(
      await client
        .hover('file:///hover.yaml', 2, 3)
        .then((x) => x && (x.contents as { value: string }).value.includes('metadata')),
      true,
    );
  });

  it('keeps hover and completion working in a 10 MB document', async function () {
    this.timeout(120_000);
    const lines = [
      'apiVersion: extensions.istio.io/v1alpha1',
      'kind: WasmPlugin',
      'metadata:',
      '  name: big',
      'spec:',
      '  url: oci://example/big:1',
      '  pluginConfig:',
    ];
    for (let i = 0; i < 150_000; i++) lines.push(`    key${i}: ${'v'.repeat(60)}`);
    lines.push('  phase: AUTHN', '  ');
    const text = lines.join('\n');
    assert.ok(text.length > 10_000_000);
    await client.open('file:///big.yaml', text);
    const ds = await client.diagnosticsFor('file:///big.yaml', (d) => d.length > 0, undefined, 60_000);
    assert.equal(ds[0].code, 'ML0003');
    const hover = await client.hover('file:///big.yaml', lines.length - 2, 4);
    assert.match((hover!.contents as { value: string }).value, /\*\*phase\*\*/);
    const items = (await client.complete('file:///big.yaml', lines.length - 1, 2)).map((i) => i.label);
    assert.ok(items.includes('failStrategy') && !items.includes('phase'), items.join());
    const url = await client.hover('file:///big.yaml', 5, 3);
    assert.match((url!.contents as { value: string }).value, /URL of a Wasm module/);
  });

  it('keeps serving other documents whatever one document contains', async () => {
    let deep = '';
    for (let i = 0; i < 5000; i++) deep += ' '.repeat(2 * (i + 1)) + 'k:\n';
    await client.open('file:///deep.yaml', yaml(...EF, '  workloadSelector:') + deep);
    await client.open(
      'file:///bomb.yaml',
      yaml(
        ...EF,
        '  x: &a [1,1,1,1,1,1,1,1,1,1]',
        ...Array.from(
          { length: 8 },
          (_, i) =>
            `  y${i}: &${'b'.repeat(i + 1)} [${Array(10)
              .fill(i ? '*' + 'b'.repeat(i) : '*a')
              .join(',')}]`,
        ),
      ),
    );
    await client.open('file:///binaryish.yaml', '\u0000\u0001\ufffd: [\n');
    await client.diagnosticsFor('file:///deep.yaml', (ds) => ds.some((d) => d.code === 'ML0003'));
    await client.open('file:///after.yaml', yaml(...EF, '  priorty: 1'));
    const ds = await client.diagnosticsFor('file:///after.yaml', (x) => x.length > 0);
    assert.equal(ds[0].code, 'ML0201');
    assert.ok(client.alive);
  });
});

describe('language server settings', () => {
  it('takes meshlens.istioVersion from initializationOptions and from configuration changes', async () => {
    const client = new TestLspClient({ initializationOptions: { settings: { istioVersion: '1.28' } } });
    try {
      await client.initialize();
      const uri = 'file:///version.yaml';
      await client.open(
        uri,
        yaml(
          ...EF,
          '  configPatches:',
          '  - applyTo: HTTP_FILTER',
          '    match:',
          '      context: WAYPOINT',
          '      waypoint: {portNumber: 80}',
          '    patch: {operation: MERGE, value: {}}',
        ),
      );
      const old = await client.diagnosticsFor(uri, (ds) => ds.length > 0);
      // WAYPOINT and the waypoint field both arrived in 1.29.
      assert.deepEqual(old.map((d) => d.code).sort(), ['ML0103', 'ML0104']);
      // Completion follows the target version too.
      const items = await client.complete(uri, 8, 15);
      assert.ok(!items.some((i) => i.label === 'WAYPOINT'));
      await client.setConfiguration({ meshlens: { istioVersion: '1.29' } });
      assert.deepEqual(await client.diagnosticsFor(uri, (ds) => ds.length === 0), []);
    } finally {
      await client.stop();
    }
  });

  it('pulls workspace/configuration when the client supports it', async () => {
    let version = '1.31';
    const client = new TestLspClient({
      capabilities: { workspace: { configuration: true } },
      configuration: () => ({ istioVersion: version }),
    });
    try {
      await client.initialize();
      const uri = 'file:///pull.yaml';
      await client.open(
        uri,
        yaml(
          'apiVersion: extensions.istio.io/v1alpha1',
          'kind: TrafficExtension',
          'metadata: {name: e}',
          'spec:',
          '  lua: {inlineCode: "function envoy_on_request(h) end"}',
        ),
      );
      await client.diagnosticsFor(uri, (ds) => ds.length === 0);
      version = '1.29';
      await client.setConfiguration({});
      const ds = await client.diagnosticsFor(uri, (x) => x.length > 0);
      assert.equal(ds[0].code, 'ML0102');
    } finally {
      await client.stop();
    }
  });
});

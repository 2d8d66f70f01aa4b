import { strict as assert } from 'node:assert';
import { SignatureHelpRequest } from 'vscode-languageserver-protocol/node';
import { TestLspClient, positionOf } from '../helpers/lspClient';
import { yaml } from '../helpers/analyze';

const EF = (...code: string[]) =>
  yaml(
    'apiVersion: networking.istio.io/v1alpha3',
    'kind: EnvoyFilter',
    'metadata: {name: lua}',
    'spec:',
    '  priority: 1',
    '  configPatches:',
    '  - applyTo: HTTP_FILTER',
    '    patch:',
    '      operation: INSERT_FIRST',
    '      value:',
    '        name: envoy.filters.http.lua',
    '        typed_config:',
    '          "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua',
    '          default_source_code:',
    '            inline_string: |',
    ...code.map((l) => '              ' + l),
  );

describe('embedded Lua over LSP', () => {
  let client: TestLspClient;
  before(async () => {
    client = new TestLspClient();
    await client.initialize();
  });
  after(() => client.stop());

  it('completes methods after handle: and on values that come from it', async () => {
    const text = EF(
      'function envoy_on_request(request_handle)',
      '  local hs = request_handle:headers()',
      '  hs:',
      '  request_handle:streamInfo():',
      'end',
    );
    await client.open('file:///lua1.yaml', text);
    const afterHs = positionOf(text, '  hs:', 5);
    const labels = (await client.complete('file:///lua1.yaml', afterHs.line, afterHs.character)).map((i) => i.label);
    for (const m of ['add', 'get', 'remove', 'replace', 'logInfo']) assert.ok(labels.includes(m), labels.join());
    assert.ok(!labels.includes('headers'));
    const chain = positionOf(text, 'streamInfo():', 'streamInfo():'.length);
    const si = (await client.complete('file:///lua1.yaml', chain.line, chain.character)).map((i) => i.label);
    assert.ok(si.includes('dynamicMetadata') && si.includes('protocol'), si.join());
    const handle = positionOf(text, 'request_handle:headers', 'request_handle:'.length);
    const items = await client.complete('file:///lua1.yaml', handle.line, handle.character);
    const respond = items.find((i) => i.label === 'respond')!;
    assert.match(respond.detail!, /^StreamHandle:respond\(headers/);
  });

  it('hovers a method with its documentation', async () => {
    const text = EF('function envoy_on_response(response_handle)', '  response_handle:headers():add("x", "1")', 'end');
    await client.open('file:///lua2.yaml', text);
    const pos = positionOf(text, 'headers()', 2);
    const h = await client.hover('file:///lua2.yaml', pos.line, pos.character);
    assert.match((h!.contents as { value: string }).value, /StreamHandle:headers\(\) → HeaderMap/);
    const callback = positionOf(text, 'envoy_on_response', 3);
    assert.match(
      ((await client.hover('file:///lua2.yaml', callback.line, callback.character))!.contents as { value: string })
        .value,
      /response path/,
    );
  });

  it('gives signature help with the active parameter', async () => {
    const text = EF('function envoy_on_request(h)', '  h:headers():add("x", ', 'end');
    await client.open('file:///lua3.yaml', text);
    const pos = positionOf(text, 'add("x", ', 'add("x", '.length);
    const s = await client.connection.sendRequest(SignatureHelpRequest.type, {
      textDocument: { uri: 'file:///lua3.yaml' },
      position: pos,
    });
    assert.match(s!.signatures[0].label, /^HeaderMap:add\(key: string, value: string\)/);
    assert.equal(s!.activeParameter, 1);
  });

  it('publishes Lua diagnostics at the exact place in the YAML', async () => {
    const text = EF('function envoy_on_request(h)', '  h:headerz()', 'end');
    await client.open('file:///lua4.yaml', text);
    const ds = await client.diagnosticsFor('file:///lua4.yaml', (d) => d.some((x) => x.code === 'ML0903'));
    const d = ds.find((x) => x.code === 'ML0903')!;
    const at = positionOf(text, 'headerz');
    assert.deepEqual(d.range, { start: at, end: { line: at.line, character: at.character + 7 } });
  });
});

describe('inside patch.value over LSP', () => {
  let client: TestLspClient;
  before(async () => {
    client = new TestLspClient();
    await client.initialize();
  });
  after(() => client.stop());
  const head = [
    'apiVersion: networking.istio.io/v1alpha3',
    'kind: EnvoyFilter',
    'metadata: {name: v}',
    'spec:',
    '  priority: 1',
    '  configPatches:',
    '  - applyTo: HTTP_FILTER',
    '    patch:',
    '      operation: INSERT_BEFORE',
    '      value:',
    '        name: envoy.filters.http.lua',
    '        typed_config:',
    '          "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua',
  ];

  it('completes the fields of the message @type names, in snake_case', async () => {
    const text = yaml(...head, '          ');
    await client.open('file:///pv1.yaml', text);
    const labels = (await client.complete('file:///pv1.yaml', head.length, 10)).map((i) => i.label);
    for (const f of ['default_source_code', 'source_codes', 'stat_prefix', 'clear_route_cache'])
      assert.ok(labels.includes(f), labels.join());
    assert.ok(!labels.includes('defaultSourceCode'), 'camelCase spellings are not offered');
  });

  it('completes @type from the filter name, and enum values', async () => {
    const text = yaml(...head.slice(0, -1), '          "@type": ');
    await client.open('file:///pv2.yaml', text);
    const types = (await client.complete('file:///pv2.yaml', head.length - 1, 19)).map((i) => i.label);
    assert.ok(types.includes('type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua'), types.join());
  });

  it('hovers an Envoy field with its documentation, and flags a misspelled field on its key', async () => {
    const text = yaml(
      ...head,
      '          default_source_code:',
      '            inline_string: "function envoy_on_request(h) end"',
      '          stat_prefx: lua',
    );
    await client.open('file:///pv3.yaml', text);
    const h = await client.hover('file:///pv3.yaml', head.length, 14);
    assert.match((h!.contents as { value: string }).value, /\*\*default_source_code\*\*/);
    assert.match((h!.contents as { value: string }).value, /Lua code/i);
    const ds = await client.diagnosticsFor('file:///pv3.yaml', (d) => d.some((x) => x.code === 'ML0605'));
    const d = ds.find((x) => x.code === 'ML0605')!;
    assert.deepEqual(d.range.start, { line: head.length + 2, character: 10 });
    assert.equal(d.severity, 2);
  });
});

import { strict as assert } from 'node:assert';
import { SignatureHelpRequest } from 'vscode-languageserver-protocol/node';
import { TestLspClient, positionOf } from '../helpers/lspClient';
import { yaml } from '../helpers/analyze';

const EF = (...code: string[]) => yaml('apiVersion: networking.istio.io/v1alpha3', 'kind: EnvoyFilter', 'metadata: {name: lua}', 'spec:', '  priority: 1', '  configPatches:', '  - applyTo: HTTP_FILTER', '    patch:', '      operation: INSERT_FIRST', '      value:', '        name: envoy.filters.http.lua', '        typed_config:', '          "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua', '          default_source_code:', '            inline_string: |', ...code.map((l) => '              ' + l));

describe('embedded Lua over LSP', () => {
  let client: TestLspClient;
  before(async () => {
    client = new TestLspClient();
    await client.initialize();
  });
  after(() => client.stop());

  it('completes methods after handle: and on values that come from it', async () => {
    const text = EF('function envoy_on_request(request_handle)', '  local hs = request_handle:headers()', '  hs:', '  request_handle:streamInfo():', 'end');
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
    assert.match(((await client.hover('file:///lua2.yaml', callback.line, callback.character))!.contents as { value: string }).value, /response path/);
  });

  it('gives signature help with the active parameter', async () => {
    const text = EF('function envoy_on_request(h)', '  h:headers():add("x", ', 'end');
    await client.open('file:///lua3.yaml', text);
    const pos = positionOf(text, 'add("x", ', 'add("x", '.length);
    const s = await client.connection.sendRequest(SignatureHelpRequest.type, { textDocument: { uri: 'file:///lua3.yaml' }, position: pos });
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

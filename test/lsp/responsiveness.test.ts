// A large file being checked does not hold up requests on other files: the analysis runs in slices.
import { strict as assert } from 'node:assert';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../helpers/lspClient';
import { yaml } from '../helpers/analyze';

function bigFile(n: number): string {
  const one = (i: number) =>
    yaml(
      'apiVersion: networking.istio.io/v1alpha3',
      'kind: EnvoyFilter',
      'metadata:',
      `  name: f${i}`,
      '  namespace: big',
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
      '              function envoy_on_request(h)',
      `                h:headers():add("x-${i}", "1")`,
      '              end',
    );
  return Array.from({ length: n }, (_, i) => one(i)).join('---\n');
}

describe('responsiveness', function () {
  this.timeout(120_000);
  it('answers a hover on a small file while a 3,000-resource file is being checked', async () => {
    const client = new TestLspClient();
    await client.initialize();
    try {
      const small = yaml(
        'apiVersion: telemetry.istio.io/v1',
        'kind: Telemetry',
        'metadata: {name: t}',
        'spec:',
        '  tracing: [{randomSamplingPercentage: 1}]',
      );
      await client.open('file:///small.yaml', small);
      await client.diagnosticsFor('file:///small.yaml');
      await client.open('file:///big.yaml', bigFile(3000));
      // Let the big file's check start (its debounce is 10 ms), then ask about the small one.
      await new Promise((r) => setTimeout(r, 150));
      const hover = await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: 'file:///small.yaml' },
        position: { line: 4, character: 4 },
      });
      // When the hover is answered, the big file's check has not finished yet.
      assert.equal(client.latest('file:///big.yaml'), undefined, 'the hover waited for the big file');
      assert.match((hover!.contents as { value: string }).value, /tracing/);
      const big = await client.diagnosticsFor('file:///big.yaml', () => true, undefined, 100_000);
      assert.ok(Array.isArray(big));
    } finally {
      await client.stop();
    }
  });
});

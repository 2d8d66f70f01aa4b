// The server opens no network connection and runs nothing from the workspace: a preload records every attempt
// (sockets with a host or port, http(s), DNS, child processes, fetch) while a session exercises every feature,
// including on resources whose Wasm URLs, schema links and Lua point elsewhere.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { TestLspClient, SERVER } from '../helpers/lspClient';
import { yaml } from '../helpers/analyze';

const root = join(__dirname, '..', '..', '..');

describe('security: no network, no processes', function () {
  this.timeout(60_000);
  it('the recorder catches attempts (so that an empty record means something)', () => {
    const record = join(mkdtempSync(join(tmpdir(), 'meshlens-rec-')), 'log');
    writeFileSync(record, '');
    execFileSync(
      process.execPath,
      [
        '--require',
        join(root, 'test', 'fixtures', 'record-side-effects.js'),
        '-e',
        "require('dns').lookup('localhost', () => {}); require('net').connect({ host: '127.0.0.1', port: 9 }).on('error', () => {}); require('child_process').execSync('true')",
      ],
      { env: { ...process.env, MESHLENS_SIDE_EFFECTS: record } },
    );
    const seen = readFileSync(record, 'utf8');
    for (const what of ['dns.lookup', 'net.connect', 'child_process.execSync'])
      assert.match(seen, new RegExp(what.replace('.', '\\.')));
  });

  it('a full session records no connection, lookup or process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshlens-sec-'));
    cpSync(join(root, 'examples'), dir, { recursive: true });
    const record = join(dir, 'side-effects.log');
    writeFileSync(record, '');
    process.env.MESHLENS_SIDE_EFFECTS = record;
    const client = new TestLspClient({
      command: [
        process.execPath,
        '--require',
        join(root, 'test', 'fixtures', 'record-side-effects.js'),
        SERVER,
        '--stdio',
      ],
    });
    try {
      await client.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(dir).toString(),
        workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ws' }],
        capabilities: { workspace: { configuration: true } },
      });
      await client.connection.sendNotification('initialized', {});
      const uri = pathToFileURL(join(dir, 'remote.yaml')).toString();
      const text = yaml(
        '# yaml-language-server: $schema=https://example.com/schema.json',
        'apiVersion: extensions.istio.io/v1alpha1',
        'kind: WasmPlugin',
        'metadata: {name: w, namespace: bookinfo}',
        'spec:',
        '  url: https://example.com/plugin.wasm',
        '  selector: {matchLabels: {app: reviews}}',
        '  ',
        '---',
        'apiVersion: extensions.istio.io/v1alpha1',
        'kind: TrafficExtension',
        'metadata: {name: t}',
        'spec:',
        '  lua:',
        '    inlineCode: |',
        '      function envoy_on_request(h) os.execute("curl https://example.com") h:httpCall("x", {}, nil, 1) end',
      );
      await client.open(uri, text);
      await client.diagnosticsFor(uri);
      await client.complete(uri, 7, 2);
      await client.hover(uri, 5, 3);
      await client.complete(uri, 15, 40);
      await client.connection.sendRequest('meshlens/renderChain', {
        workload: 'bookinfo/reviews-v1',
        direction: 'inbound',
        port: 9080,
      });
      await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    } finally {
      await client.stop();
    }
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(existsSync(record));
    assert.equal(readFileSync(record, 'utf8'), '', 'the server tried to reach out');
  });
});

// `.meshlens.yaml` in the language server: its rules and Istio version apply to the files below it, over the
// settings; its problems are diagnostics in it; editing it re-checks what is open; it completes from its schema.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { TestLspClient } from '../helpers/lspClient';
import { yaml } from '../helpers/analyze';
import { EffectiveSettingsRequest } from '../../server/src/protocol';

const dir = mkdtempSync(join(tmpdir(), 'meshlens-project-lsp-'));
mkdirSync(join(dir, 'charts'));
const CONFIG = 'istioVersion: "1.26"\nrules:\n  ML0304: error\n  ML0320: off\nignore: ["charts/**"]\n';
writeFileSync(join(dir, '.meshlens.yaml'), CONFIG);
const uri = (name: string) => pathToFileURL(join(dir, name)).toString();
const WASM = yaml(
  'apiVersion: extensions.istio.io/v1alpha1',
  'kind: WasmPlugin',
  'metadata: {name: w, namespace: ns}',
  'spec:',
  '  url: oci://a/b',
  '  selector: {}',
  '  failStrategy: FAIL_RELOAD',
);

describe('.meshlens.yaml in the language server', () => {
  let client: TestLspClient;
  before(async () => {
    // The settings say 1.31 and hint; the project file says 1.26 and error, and wins.
    client = new TestLspClient({ configuration: () => ({ istioVersion: '1.31', rules: { ML0304: 'hint' } }) });
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).toString(),
      workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ws' }],
      capabilities: { workspace: { configuration: true } },
    });
    await client.connection.sendNotification('initialized', {});
  });
  after(() => client.stop());

  it("applies the nearest file's Istio version and rules over the settings, and says which wins", async () => {
    await client.open(uri('wasm.yaml'), WASM);
    const ds = await client.diagnosticsFor(uri('wasm.yaml'), (d) => d.some((x) => x.code === 'ML0104'));
    // FAIL_RELOAD is newer than 1.26; the empty selector is an error by the file's rule.
    assert.deepEqual(ds.map((d) => [d.code, d.severity]).sort(), [
      ['ML0104', 1],
      ['ML0304', 1],
    ]);
    const eff = await client.connection.sendRequest(EffectiveSettingsRequest, { uri: uri('wasm.yaml') });
    assert.deepEqual(eff.istioVersionSource, { kind: 'projectFile', uri: uri('.meshlens.yaml') });
    assert.equal(eff.istioVersion, '1.26');
  });

  it('checks nothing under an ignore glob', async () => {
    await client.open(uri('charts/wasm.yaml'), WASM);
    await client.open(uri('after.yaml'), WASM); // published after the ignored one: the ignored one had its turn
    await client.diagnosticsFor(uri('after.yaml'), (d) => d.length > 0);
    assert.deepEqual(client.latest(uri('charts/wasm.yaml'))?.diagnostics ?? [], []);
  });

  it('reports its own problems where they are, and an edit to it re-checks open files', async () => {
    await client.open(uri('.meshlens.yaml'), CONFIG.replace('ML0304: error', 'ML0304: loud'));
    const ds = await client.diagnosticsFor(uri('.meshlens.yaml'), (d) => d.length > 0);
    assert.deepEqual(
      ds.map((d) => [d.code, d.range.start.line]),
      [['ML0007', 2]],
    );
    assert.match(ds[0].message, /"loud" is not a level/);
    // The bad rule is ignored: ML0304 falls back to the setting (hint).
    const wasm = await client.diagnosticsFor(uri('wasm.yaml'), (d) =>
      d.some((x) => x.code === 'ML0304' && x.severity === 4),
    );
    assert.ok(wasm.length);
    await client.change(uri('.meshlens.yaml'), CONFIG.replace('istioVersion: "1.26"', 'istioVersion: "1.31"'));
    await client.diagnosticsFor(uri('wasm.yaml'), (d) => !d.some((x) => x.code === 'ML0104'));
  });

  it('completes its keys and rule codes from its schema', async () => {
    await client.open(uri('sub/.meshlens.yaml'), 'rules:\n  ML032\n');
    const top = (await client.complete(uri('sub/.meshlens.yaml'), 2, 0)).map((i) => i.label);
    for (const k of ['istioVersion', 'meshConfig', 'ignore']) assert.ok(top.includes(k), top.join());
    const codes = (await client.complete(uri('sub/.meshlens.yaml'), 1, 7)).map((i) => i.label);
    assert.ok(codes.includes('ML0320'), codes.slice(0, 20).join());
  });
});

import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { CodeLensRequest } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../helpers/lspClient';

const examples = join(__dirname, '..', '..', '..', 'examples');

describe('preview requests over LSP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshlens-preview-'));
  cpSync(examples, dir, { recursive: true });
  let client: TestLspClient;
  before(async () => {
    client = new TestLspClient();
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).toString(),
      workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'examples' }],
      capabilities: {},
    });
    await client.connection.sendNotification('initialized', {});
  });
  after(() => client.stop());

  async function workloads(): Promise<Array<{ id: string; ports: Record<string, number[]> }>> {
    for (let i = 0; i < 100; i++) {
      const list =
        await client.connection.sendRequest<Array<{ id: string; ports: Record<string, number[]> }>>(
          'meshlens/listWorkloads',
        );
      if (list.length >= 3) return list;
      await new Promise((r) => setTimeout(r, 100)); // indexing runs in the background
    }
    throw new Error('workloads never indexed');
  }

  it('lists the workspace workloads with their ports', async () => {
    const list = await workloads();
    assert.deepEqual(
      list.map((w) => w.id),
      ['bookinfo/productpage-v1', 'bookinfo/reviews-v1', 'istio-system/istio-ingressgateway'],
    );
    assert.deepEqual(list[1].ports, { inbound: [9080], outbound: [9080] });
  });

  it('renders a chain with origins that point into the workspace, and follows unsaved edits', async () => {
    await workloads();
    const r = await client.connection.sendRequest<{
      chain: {
        httpFilters: Array<{ name: string; origin: { uri: string; line: number } | null }>;
        patches: Array<{ applied: boolean; reason: string }>;
      };
    }>('meshlens/renderChain', { workload: 'bookinfo/reviews-v1', direction: 'inbound', port: 9080 });
    const lua = r.chain.httpFilters.find((f) => f.name === 'envoy.filters.http.lua')!;
    assert.equal(lua.origin!.uri, pathToFileURL(join(dir, 'envoyfilter-lua.yaml')).toString());
    assert.equal(lua.origin!.line, 1);
    assert.ok(r.chain.patches.some((p) => !p.applied && /envoy\.filters\.http\.routr not found/.test(p.reason)));
    // An edit in an open document shows up before it is saved.
    const uri = pathToFileURL(join(dir, 'envoyfilter-lua.yaml')).toString();
    await client.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gone}\n');
    const after = await client.connection.sendRequest<{ chain: { httpFilters: Array<{ name: string }> } }>(
      'meshlens/renderChain',
      { workload: 'bookinfo/reviews-v1', direction: 'inbound', port: 9080 },
    );
    assert.ok(!after.chain.httpFilters.some((f) => f.name === 'envoy.filters.http.lua'));
  });

  it('asks the client to refresh code lenses once the workspace is indexed', async () => {
    const other = new TestLspClient();
    let refreshed = false;
    other.connection.onRequest('workspace/codeLens/refresh', () => {
      refreshed = true;
      return null;
    });
    try {
      await other.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(dir).toString(),
        workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ex' }],
        capabilities: { workspace: { codeLens: { refreshSupport: true } } },
      });
      await other.connection.sendNotification('initialized', {});
      for (let i = 0; i < 100 && !refreshed; i++) await new Promise((r) => setTimeout(r, 100));
      assert.ok(refreshed);
    } finally {
      await other.stop();
    }
  });

  it('answers an unknown workload with an error message, not a failure', async () => {
    const r = await client.connection.sendRequest<{ error?: string }>('meshlens/renderChain', {
      workload: 'nope/nothing',
      direction: 'inbound',
      port: 80,
    });
    assert.match(r.error!, /workload nope\/nothing not found; the workspace has bookinfo\/productpage-v1/);
  });

  it('code lenses: preview on workloads, "applies to N workloads" on resources', async () => {
    await workloads();
    const wasm = pathToFileURL(join(dir, 'wasmplugin.yaml')).toString();
    await client.open(wasm, require('node:fs').readFileSync(join(dir, 'wasmplugin.yaml'), 'utf8'));
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: wasm } });
    assert.deepEqual(
      lenses!.map((l) => l.command?.title),
      ['applies to 1 workload in the workspace'],
    );
    assert.deepEqual(lenses![0].command!.arguments, [['istio-system/istio-ingressgateway']]);
    const wl = pathToFileURL(join(dir, 'workloads.yaml')).toString();
    await client.open(wl, require('node:fs').readFileSync(join(dir, 'workloads.yaml'), 'utf8'));
    const wlLenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: wl } });
    assert.deepEqual(
      wlLenses!.map((l) => [l.command?.command, l.command?.arguments?.[0]]),
      ['bookinfo/reviews-v1', 'bookinfo/productpage-v1', 'istio-system/istio-ingressgateway'].flatMap((id) => [
        ['meshlens.previewChain', id],
        ['meshlens.previewConfig', id],
      ]),
    );
  });

  it('renders the whole proxy config, with origins that point into the workspace', async () => {
    await workloads();
    // An earlier test emptied the open envoyfilter-lua.yaml; put its text back.
    const luaUri = pathToFileURL(join(dir, 'envoyfilter-lua.yaml')).toString();
    await client.change(luaUri, require('node:fs').readFileSync(join(examples, 'envoyfilter-lua.yaml'), 'utf8'));
    const r = await client.connection.sendRequest<{
      config: {
        proxy: string;
        listeners: Array<{
          name: string;
          filterChains: Array<{
            name: string;
            httpFilters: Array<{ name: string; origin: { uri: string; line: number } | null }>;
          }>;
        }>;
        clusters: Array<{ name: string }>;
        patches: Array<{ envoyFilter: string; applied: boolean; targets: string[] }>;
      };
    }>('meshlens/renderConfig', { workload: 'bookinfo/reviews-v1' });
    assert.equal(r.config.proxy, 'sidecar');
    const inbound = r.config.listeners.find((l) => l.name === 'virtualInbound')!;
    const lua = inbound.filterChains
      .find((c) => c.name === '0.0.0.0_9080')!
      .httpFilters.find((f) => f.name === 'envoy.filters.http.lua')!;
    assert.equal(lua.origin!.uri, pathToFileURL(join(dir, 'envoyfilter-lua.yaml')).toString());
    assert.ok(r.config.clusters.some((c) => c.name === 'inbound|9080||'));
    const missing = await client.connection.sendRequest<{ error?: string }>('meshlens/renderConfig', {
      workload: 'nope/nothing',
    });
    assert.match(missing.error!, /workload nope\/nothing not found/);
  });

  it('code lenses on cluster patches: "applies to N clusters" over the workloads the EnvoyFilter selects', async () => {
    await workloads();
    const uri = pathToFileURL(join(dir, 'cluster-patch.yaml')).toString();
    await client.open(
      uri,
      [
        'apiVersion: networking.istio.io/v1alpha3',
        'kind: EnvoyFilter',
        'metadata: {name: lb, namespace: bookinfo}',
        'spec:',
        '  workloadSelector: {labels: {app: productpage}}',
        '  configPatches:',
        '  - applyTo: CLUSTER',
        '    match: {context: SIDECAR_OUTBOUND, cluster: {service: reviews.bookinfo.svc.cluster.local}}',
        '    patch: {operation: MERGE, value: {lb_policy: RING_HASH}}',
        '  - applyTo: CLUSTER',
        '    match: {context: SIDECAR_OUTBOUND, cluster: {portNumber: 1}}',
        '    patch: {operation: MERGE, value: {lb_policy: RING_HASH}}',
      ].join('\n'),
    );
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.deepEqual(
      lenses!.map((l) => [l.range.start.line, l.command?.title]),
      [
        [6, 'applies to 1 cluster'],
        [9, 'applies to 0 clusters'],
        [0, 'applies to 1 workload in the workspace'],
      ],
    );
    assert.equal(lenses![0].command!.command, 'meshlens.previewConfig');
  });
  void writeFileSync;
});

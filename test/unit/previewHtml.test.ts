import { strict as assert } from 'node:assert';
import { analyzeFile, Workspace, renderChain, workloadTelemetry, renderProxyConfig } from '../../server/src/core';
import { configBody } from '../../client/src/preview/configHtml';
import { previewBody, previewPage, escapeHtml, PreviewData } from '../../client/src/preview/previewHtml';

const PAYLOAD = '<img src=x onerror="window.__pwned=1">';

describe('preview HTML', () => {
  const ws = new Workspace();
  ws.setFile(
    'x.yaml',
    analyzeFile(
      [
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app, namespace: ns}\nspec:\n  template:\n    metadata: {labels: {app: app}}\n    spec: {containers: [{name: c, ports: [{containerPort: 80}]}]}',
        `apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata: {name: '${PAYLOAD}', namespace: ns}\nspec:\n  priority: 1\n  configPatches:\n  - applyTo: HTTP_FILTER\n    patch:\n      operation: INSERT_FIRST\n      value: {name: "</code><script>alert(1)</script>", typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}`,
      ].join('\n---\n'),
      { istioVersion: '1.31' },
    ),
  );
  // The LSP response's type, shared by server and client: the compiler checks that the core's result fits it.
  const data: PreviewData = {
    chain: renderChain(ws, 'ns/app', 'inbound', 80, '1.31'),
    telemetry: workloadTelemetry(ws, 'ns/app', '1.31'),
  };
  const body = previewBody(data);

  it('escapes every value from the workspace', () => {
    assert.ok(!body.includes('<script>'), 'a script tag got through');
    assert.ok(!body.includes('<img'), 'an img tag got through');
    assert.ok(body.includes(escapeHtml('</code><script>alert(1)</script>')));
    assert.ok(body.includes(escapeHtml(PAYLOAD)));
  });

  it('shows the chain in order with origin badges that open the resource', () => {
    const order = ['istio.metadata_exchange', 'envoy.filters.http.router'].map((n) =>
      body.indexOf(`<div class="name">${n}</div>`),
    );
    assert.ok(order[0] > 0 && order[0] < order[1]);
    assert.match(body, /<button class="badge link" data-uri="x\.yaml" data-line="\d+"/);
  });

  it('has a strict Content-Security-Policy with a nonce and loads nothing remote', () => {
    const page = previewPage(body, 'abc123', 'vscode-resource:');
    assert.match(
      page,
      /Content-Security-Policy" content="default-src 'none'; img-src vscode-resource:; style-src 'nonce-abc123'; script-src 'nonce-abc123';"/,
    );
    assert.doesNotMatch(page, /https?:\/\//);
    assert.equal((page.match(/<script/g) ?? []).length, 1);
    assert.match(page, /<script nonce="abc123">/);
  });
});

describe('proxy config HTML', () => {
  const ws = new Workspace();
  ws.setFile(
    'x.yaml',
    analyzeFile(
      [
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app, namespace: ns}\nspec:\n  template:\n    metadata: {labels: {app: app}}\n    spec: {containers: [{name: c}]}',
        'apiVersion: v1\nkind: Service\nmetadata: {name: app, namespace: ns}\nspec: {selector: {app: app}, ports: [{name: http, port: 80}]}',
        `apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata: {name: lb, namespace: ns}\nspec:\n  configPatches:\n  - applyTo: CLUSTER\n    patch: {operation: ADD, value: {name: '${PAYLOAD}', type: STATIC}}\n  - applyTo: HTTP_FILTER\n    match: {context: SIDECAR_INBOUND}\n    patch: {operation: INSERT_FIRST, value: {name: "</pre><script>alert(1)</script>", typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua, default_source_code: {inline_string: "<b>"}}}}`,
      ].join('\n---\n'),
      { istioVersion: '1.31' },
    ),
  );
  const body = configBody(renderProxyConfig(ws, 'ns/app', '1.31'), { listener: 'virtualInbound', chain: '0.0.0.0_80' });

  it('escapes names and effective JSON from the workspace', () => {
    assert.ok(!body.includes('<script>'), 'a script tag got through');
    assert.ok(!body.includes('<img'), 'an img tag got through');
    assert.ok(!body.includes('<b>'), 'markup inside a value got through');
    assert.ok(body.includes(escapeHtml(PAYLOAD)));
  });

  it('opens the listener and chain the preview was opened for, and lists clusters, routes and patch targets', () => {
    assert.match(body, /<details class="listener" open><summary><code>virtualInbound<\/code>/);
    assert.match(body, /<details class="chain" open data-chain="virtualInbound\/0\.0\.0\.0_80">/);
    assert.equal((body.match(/<details class="chain" open/g) ?? []).length, 1);
    assert.match(body, /<code>inbound\|80\|\|<\/code>/);
    assert.match(body, /<code>outbound\|80\|\|app\.ns\.svc\.cluster\.local<\/code>/);
    assert.match(body, /<details class="route"><summary><code>80<\/code>/);
    assert.match(body, /<div class="targets"><code>virtualInbound\/virtualInbound-catchall-http\//);
  });
});

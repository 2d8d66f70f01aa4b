import { strict as assert } from 'node:assert';
import { DocumentResultCache } from '../../server/src/core';

function resource(i: number, field = 'priority'): string {
  return `apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata:\n  name: f${i}\nspec:\n  ${field}: ${i}\n`;
}

describe('per-document result cache', () => {
  it('re-analyses only the edited document of a thousand', () => {
    const docs = Array.from({ length: 1000 }, (_, i) => resource(i));
    const cache = new DocumentResultCache();
    const first = cache.analyze(docs.join('---\n'), { istioVersion: '1.31' });
    assert.equal(cache.lastAnalyzedCount, 1000);
    assert.equal(first.findings.filter((f) => f.code !== 'ML0320').length, 0);
    docs[500] = resource(500, 'priorty');
    const second = cache.analyze(docs.join('---\n'), { istioVersion: '1.31' });
    assert.equal(cache.lastAnalyzedCount, 1);
    const typo = second.findings.filter((f) => f.code !== 'ML0320');
    assert.equal(typo.length, 1);
    // The finding of the edited document is placed in the file, not at the document's own offset.
    const text = docs.join('---\n');
    assert.equal(text.slice(typo[0].start, typo[0].end), 'priorty');
  });

  it('starts afresh when the target Istio version changes', () => {
    const cache = new DocumentResultCache();
    cache.analyze(resource(1), { istioVersion: '1.31' });
    cache.analyze(resource(1), { istioVersion: '1.28' });
    assert.equal(cache.lastAnalyzedCount, 1);
  });
});

describe('index-depth analysis of files no one has open', () => {
  const { analyzeFile: analyze, Workspace: WS, fileFindings: findingsOf } = require('../../server/src/core');
  const ef =
    'apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata: {name: f, namespace: ns}\nspec:\n  priorty: 1\n  workloadSelector: {labels: {app: gone}}\n  configPatches:\n  - applyTo: HTTP_FILTER\n    patch:\n      operation: INSERT_FIRST\n      value: {name: x, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua, inline_code: "function envoy_on_request(h) h:nope() end"}}\n';
  const app =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ns}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c}]}\n';
  it('keeps identity, spec and workloads, and runs no per-document check', () => {
    const light = analyze(ef, { istioVersion: '1.31', depth: 'index' });
    assert.deepEqual(light.findings, []);
    assert.equal(light.documents[0].parsed.doc, undefined);
    assert.equal(light.documents[0].resource.kind, 'EnvoyFilter');
    const full = analyze(ef, { istioVersion: '1.31' });
    assert.deepEqual([...new Set(full.findings.map((f: { code: string }) => f.code))].sort(), [
      'ML0201',
      'ML0320',
      'ML0903',
    ]);
  });
  it('is enough for the workspace checks of an open file', () => {
    const ws = new WS();
    ws.setFile('app.yaml', analyze(app, { istioVersion: '1.31', depth: 'index' }));
    ws.setFile('ef.yaml', analyze(ef, { istioVersion: '1.31' }));
    assert.ok(findingsOf(ws, 'ef.yaml').some((f: { code: string }) => f.code === 'ML0802'));
  });
});

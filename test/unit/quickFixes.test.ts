import { strict as assert } from 'node:assert';
import { analyzeFile, quickFixesFor, applyEdits, documentIndexAt, Finding } from '../../server/src/core';
import { yaml } from '../helpers/analyze';

/** Applies the first (or the titled) fix for the first finding of `code`; returns the new text and its findings. */
function fix(text: string, code: string, title?: RegExp, revealed: string[] = []) {
  const before = analyzeFile(text, { istioVersion: '1.31' });
  const finding = before.findings.find((f) => f.code === code);
  assert.ok(finding, `no ${code} in ${before.findings.map((f) => f.code)}`);
  const fixes = quickFixesFor(text, before.documents[documentIndexAt(before.documents, finding.start)], finding);
  const chosen = title ? fixes.find((f) => title.test(f.title)) : fixes[0];
  assert.ok(chosen, `no fix ${title ?? ''} among ${fixes.map((f) => f.title)}`);
  const after = applyEdits(text, chosen.edits);
  assert.notEqual(after, text, 'the fix changed nothing');
  const afterFindings = analyzeFile(after, { istioVersion: '1.31' }).findings;
  // A fix may only take findings away, except those a test names as revealed (checks the broken value had hidden).
  const beforeCodes = before.findings.map((f) => f.code);
  const added = afterFindings
    .map((f) => f.code)
    .filter((c) => {
      const i = beforeCodes.indexOf(c);
      if (i < 0) return true;
      beforeCodes.splice(i, 1);
      return false;
    });
  assert.deepEqual(added, revealed, 'the fix added findings');
  const errorsAfter = afterFindings.filter((f: Finding) => f.severity === 'error' || f.code === code);
  return { after, remaining: errorsAfter.map((f) => f.code) };
}

const ef = (...spec: string[]) =>
  yaml('apiVersion: networking.istio.io/v1alpha3', 'kind: EnvoyFilter', 'metadata:', '  name: f', 'spec:', ...spec);
const telemetry = (...spec: string[]) =>
  yaml('apiVersion: telemetry.istio.io/v1', 'kind: Telemetry', 'metadata:', '  name: t', 'spec:', ...spec);
const wasm = (...spec: string[]) =>
  yaml(
    'apiVersion: extensions.istio.io/v1alpha1',
    'kind: WasmPlugin',
    'metadata:',
    '  name: w',
    'spec:',
    '  url: oci://a/b',
    ...spec,
  );
const relativePatch = [
  '  configPatches:',
  '  - applyTo: HTTP_FILTER',
  '    match:',
  '      listener:',
  '        filterChain:',
  '          filter:',
  '            name: envoy.filters.network.http_connection_manager',
  '            subFilter: {name: envoy.filters.http.router}',
  '    patch:',
  '      operation: INSERT_BEFORE',
  '      value: {name: x, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}',
];

describe('quick fixes yield documents that pass the check they fix', () => {
  it('IST0151: set a priority', () => {
    const r = fix(ef(...relativePatch), 'IST0151');
    assert.deepEqual(r.remaining, []);
    assert.match(r.after, /^spec:\n  priority: 10\n  configPatches:/m);
    assert.deepEqual(fix(ef('  priority: 0', ...relativePatch), 'IST0151').remaining, []);
  });

  it('ML0325: rename a deprecated filter name', () => {
    const r = fix(ef(...relativePatch.map((l) => l.replace('envoy.filters.http.router', 'envoy.router'))), 'ML0325');
    assert.match(r.after, /subFilter: \{name: envoy\.filters\.http\.router\}/);
    assert.ok(!r.remaining.includes('ML0325'));
  });

  it('ML0601: a v2 type URL to its v3 successor', () => {
    const text = ef(
      '  priority: 1',
      '  configPatches:',
      '  - applyTo: HTTP_FILTER',
      '    patch:',
      '      operation: INSERT_FIRST',
      '      value:',
      '        name: envoy.filters.http.lua',
      '        typed_config:',
      '          "@type": type.googleapis.com/envoy.config.filter.http.lua.v2.Lua',
    );
    const r = fix(text, 'ML0601');
    assert.match(r.after, /"@type": type\.googleapis\.com\/envoy\.extensions\.filters\.http\.lua\.v3\.Lua/);
    assert.deepEqual(r.remaining, []);
  });

  it('ML0601: the Istio 1.5-era Wasm type inside a TypedStruct', () => {
    const text = ef(
      '  priority: 1',
      '  configPatches:',
      '  - applyTo: HTTP_FILTER',
      '    patch:',
      '      operation: INSERT_FIRST',
      '      value:',
      '        name: istio.stats',
      '        typed_config:',
      '          "@type": type.googleapis.com/udpa.type.v1.TypedStruct',
      '          type_url: type.googleapis.com/envoy.config.filter.http.wasm.v2.Wasm',
      '          value: {}',
    );
    const r = fix(text, 'ML0601');
    assert.match(r.after, /type_url: type\.googleapis\.com\/envoy\.extensions\.filters\.http\.wasm\.v3\.Wasm/);
    assert.ok(!r.remaining.includes('ML0601'));
  });

  it('ML0326: turn targetRef into targetRefs (block and flow)', () => {
    const block = fix(
      telemetry(
        '  targetRef:',
        '    kind: Gateway',
        '    group: gateway.networking.k8s.io',
        '    name: gw',
        '  tracing: [{randomSamplingPercentage: 1}]',
      ),
      'ML0326',
    );
    assert.match(
      block.after,
      /  targetRefs:\n    - kind: Gateway\n      group: gateway.networking.k8s.io\n      name: gw\n/,
    );
    assert.deepEqual(block.remaining, []);
    const flow = fix(telemetry('  targetRef: {kind: Service, name: s}'), 'ML0326');
    assert.match(flow.after, /targetRefs: \[\{kind: Service, name: s\}\]/);
    assert.deepEqual(flow.remaining, []);
  });

  it('ML0301: drop either conflicting field, or turn targetRef into targetRefs', () => {
    const text = wasm(
      '  selector:',
      '    matchLabels: {app: a}',
      '  targetRefs:',
      '  - {kind: Gateway, group: gateway.networking.k8s.io, name: gw}',
    );
    const dropRefs = fix(text, 'ML0301', /Remove `targetRefs`/);
    assert.deepEqual(dropRefs.remaining, []);
    assert.doesNotMatch(dropRefs.after, /targetRefs/);
    const dropSelector = fix(text, 'ML0301', /Remove `selector`/);
    assert.deepEqual(dropSelector.remaining, []);
    assert.doesNotMatch(dropSelector.after, /selector/);
  });

  it('ML0201 and ML0203: did you mean', () => {
    assert.deepEqual(fix(ef('  workloadSelecter:', '    labels: {app: a}'), 'ML0201').remaining, []);
    // Once it is an HTTP_FILTER patch, its REMOVE without a subFilter is visibly one istiod skips.
    const r = fix(
      ef('  configPatches:', '  - applyTo: HTTP_FILTR', '    patch: {operation: REMOVE}'),
      'ML0203',
      undefined,
      ['ML0328'],
    );
    assert.match(r.after, /applyTo: HTTP_FILTER/);
    assert.ok(!r.remaining.includes('ML0203'));
  });

  it('ML0308 and ML0314: add the missing value', () => {
    const tag = fix(
      telemetry('  metrics:', '  - overrides:', '    - tagOverrides:', '        host:', '          operation: UPSERT'),
      'ML0308',
    );
    assert.match(tag.after, /host:\n          value: "request.host"\n          operation: UPSERT/);
    assert.deepEqual(tag.remaining, []);
    const flowTag = fix(telemetry('  metrics:', '  - overrides:', '    - tagOverrides:', '        host: {}'), 'ML0308');
    assert.deepEqual(flowTag.remaining, []);
    const patch = fix(ef('  configPatches:', '  - applyTo: CLUSTER', '    patch:', '      operation: ADD'), 'ML0314');
    assert.deepEqual(
      patch.remaining.filter((c) => c === 'ML0314'),
      [],
    );
  });
});

import { strict as assert } from 'node:assert';
import { analyze, yaml } from '../helpers/analyze';

const wasm = (...spec: string[]) =>
  yaml('apiVersion: extensions.istio.io/v1alpha1', 'kind: WasmPlugin', 'metadata:', '  name: w', 'spec:', ...spec);
const telemetry = (...spec: string[]) =>
  yaml('apiVersion: telemetry.istio.io/v1', 'kind: Telemetry', 'metadata:', '  name: t', 'spec:', ...spec);
const envoyFilter = (...spec: string[]) =>
  yaml('apiVersion: networking.istio.io/v1alpha3', 'kind: EnvoyFilter', 'metadata:', '  name: f', 'spec:', ...spec);
const only = (text: string, code: string) => analyze(text).filter((f) => f.code === code);

describe('CRD CEL rules and webhook checks', () => {
  it('ML0301: selector with targetRefs', () => {
    const f = only(
      wasm(
        '  url: oci://a/b',
        '  selector:',
        '    matchLabels: {app: a}',
        '  targetRefs:',
        '  - kind: Gateway',
        '    group: gateway.networking.k8s.io',
        '    name: gw',
      ),
      'ML0301',
    );
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'targetRefs');
  });

  it('ML0301: EnvoyFilter workloadSelector with targetRefs', () => {
    const f = only(
      envoyFilter(
        '  workloadSelector:',
        '    labels: {app: a}',
        '  targetRefs:',
        '  - {kind: Gateway, group: gateway.networking.k8s.io, name: gw}',
        '  configPatches: []',
      ),
      'ML0301',
    );
    assert.equal(f.length, 1);
  });

  it('ML0302/ML0303/ML0304: selector labels', () => {
    assert.equal(only(telemetry('  selector:', '    matchLabels:', '      "app*": x'), 'ML0302')[0].text, '"app*"');
    assert.equal(only(telemetry('  selector:', '    matchLabels:', '      app: "x*"'), 'ML0302')[0].text, '"x*"');
    assert.equal(only(telemetry('  selector:', '    matchLabels:', '      "": x'), 'ML0303').length, 1);
    const noLabels = only(envoyFilter('  workloadSelector: {}', '  configPatches: []'), 'ML0304');
    assert.equal(noLabels[0].severity, 'warning');
  });

  it('ML0305/ML0306: targetRef namespace, kind and name', () => {
    assert.equal(
      only(telemetry('  targetRefs:', '  - {kind: Service, name: s, namespace: other}'), 'ML0305')[0].text,
      'namespace',
    );
    assert.match(
      only(telemetry('  targetRefs:', '  - {kind: Deployment, group: apps, name: d}'), 'ML0306')[0].message,
      /but was apps\/Deployment/,
    );
    assert.equal(only(telemetry('  targetRefs:', '  - {kind: Service, name: ""}'), 'ML0306').length, 1);
    assert.equal(
      only(telemetry('  targetRef: {kind: Gateway, group: gateway.networking.k8s.io, name: gw}'), 'ML0306').length,
      0,
    );
  });

  it('ML0307: Wasm url scheme and parse errors', () => {
    assert.match(only(wasm('  url: ftp://x/y.wasm'), 'ML0307')[0].message, /unsupported scheme: ftp/);
    assert.match(only(wasm('  url: "#%blah$#@"'), 'ML0307')[0].message, /failed to parse url/);
    for (const ok of ['oci://ghcr.io/a/b:1', 'https://x/y.wasm', 'file:///opt/x.wasm', 'ghcr.io/a/b:1']) {
      assert.deepEqual(only(wasm(`  url: ${ok}`), 'ML0307'), [], ok);
    }
  });

  it('ML0308: tag override value rules (UPSERT is the default)', () => {
    const base = ['  metrics:', '  - overrides:', '    - tagOverrides:'];
    assert.equal(only(telemetry(...base, '        foo: {}'), 'ML0308')[0].text, 'foo');
    assert.equal(only(telemetry(...base, '        foo: {operation: UPSERT, value: ""}'), 'ML0308').length, 1);
    assert.equal(only(telemetry(...base, '        foo: {operation: REMOVE, value: x}'), 'ML0308')[0].text, 'value');
    assert.equal(only(telemetry(...base, '        foo: {operation: REMOVE}'), 'ML0308').length, 0);
  });

  it('ML0309/ML0310: waypoint match', () => {
    const patch = ['    patch:', '      operation: MERGE', '      value: {}'];
    assert.equal(
      only(
        envoyFilter(
          '  configPatches:',
          '  - applyTo: HTTP_FILTER',
          '    match:',
          '      context: SIDECAR_INBOUND',
          '      waypoint: {portNumber: 80}',
          ...patch,
        ),
        'ML0309',
      )[0].text,
      'waypoint',
    );
    assert.equal(
      only(
        envoyFilter('  configPatches:', '  - applyTo: HTTP_FILTER', '    match:', '      context: WAYPOINT', ...patch),
        'ML0309',
      )[0].text,
      'WAYPOINT',
    );
    assert.equal(
      only(
        envoyFilter(
          '  configPatches:',
          '  - applyTo: HTTP_FILTER',
          '    match:',
          '      context: WAYPOINT',
          '      waypoint: {portNumber: 0}',
          ...patch,
        ),
        'ML0310',
      )[0].text,
      '0',
    );
  });

  it('ML0311: reportingInterval', () => {
    assert.equal(only(telemetry('  metrics:', '  - reportingInterval: 10 seconds'), 'ML0311').length, 1);
    assert.equal(only(telemetry('  metrics:', '  - reportingInterval: 500us'), 'ML0311').length, 1);
    assert.equal(only(telemetry('  metrics:', '  - reportingInterval: 1m30s'), 'ML0311').length, 0);
  });

  it('ML0312/ML0318: TrafficExtension wasm or lua', () => {
    const te = (...spec: string[]) =>
      yaml(
        'apiVersion: extensions.istio.io/v1alpha1',
        'kind: TrafficExtension',
        'metadata:',
        '  name: e',
        'spec:',
        ...spec,
      );
    assert.equal(only(te('  phase: AUTHN'), 'ML0312').length, 1);
    assert.equal(only(te('  wasm: {url: oci://a/b}', '  lua: {inlineCode: "x"}'), 'ML0312').length, 1);
    assert.equal(only(te('  lua: {inlineCode: ""}'), 'ML0318').length, 1);
    assert.equal(only(te(`  lua: {inlineCode: "${'x'.repeat(65537)}"}`), 'ML0318').length, 1);
    assert.deepEqual(analyze(te('  lua:', '    inlineCode: |', '      function envoy_on_request(h) end')), []);
  });

  it('ML0313: env rules', () => {
    const f = only(
      wasm(
        '  url: oci://a/b',
        '  vmConfig:',
        '    env:',
        '    - {name: A, valueFrom: HOST, value: x}',
        '    - {name: B}',
        '    - {name: B}',
      ),
      'ML0313',
    );
    assert.deepEqual(
      f.map((x) => x.text),
      ['value', 'B'],
    );
  });

  it('ML0314: incomplete patches', () => {
    const f = only(
      envoyFilter(
        '  configPatches:',
        '  - applyTo: HTTP_FILTER',
        '    patch:',
        '      operation: ADD',
        '  - applyTo: HTTP_FILTER',
      ),
      'ML0314',
    );
    assert.deepEqual(
      f.map((x) => x.message),
      ['Envoy filter: missing patch value for non-remove operation ADD.', 'Envoy filter: missing patch.'],
    );
  });

  it('ML0316/ML0319: Telemetry provider names and tracing', () => {
    assert.equal(only(telemetry('  tracing:', '  - providers:', '    - name: ""'), 'ML0316').length, 1);
    assert.equal(
      only(telemetry('  tracing:', '  - providers: [{name: a}, {name: b}]'), 'ML0319')[0].severity,
      'warning',
    );
    assert.equal(
      only(telemetry('  tracing:', '  - customTags:', '      t: {literal: {value: ""}}'), 'ML0316').length,
      1,
    );
  });

  it('ML0601: v2 type URLs in @type and TypedStruct type_url', () => {
    const f = only(
      envoyFilter(
        '  configPatches:',
        '  - applyTo: HTTP_FILTER',
        '    patch:',
        '      operation: ADD',
        '      value:',
        '        name: x',
        '        typed_config:',
        '          "@type": type.googleapis.com/udpa.type.v1.TypedStruct',
        '          type_url: type.googleapis.com/envoy.config.filter.http.wasm.v2.Wasm',
      ),
      'ML0601',
    );
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'type.googleapis.com/envoy.config.filter.http.wasm.v2.Wasm');
  });
});

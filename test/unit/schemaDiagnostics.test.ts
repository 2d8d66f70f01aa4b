import { strict as assert } from 'node:assert';
import { analyze, codes, yaml } from '../helpers/analyze';

const ENVOY_FILTER_HEAD = [
  'apiVersion: networking.istio.io/v1alpha3',
  'kind: EnvoyFilter',
  'metadata:',
  '  name: f',
  'spec:',
];

describe('schema diagnostics', () => {
  it('marks an unknown field on its key and suggests the close name', () => {
    const f = analyze(yaml(...ENVOY_FILTER_HEAD, '  workloadSelecter:', '    labels:', '      app: x'));
    const unknown = f.find((x) => x.code === 'ML0201');
    assert.ok(unknown, JSON.stringify(f));
    assert.equal(unknown.text, 'workloadSelecter');
    assert.equal(unknown.line, 6);
    assert.match(unknown.message, /Did you mean `workloadSelector`\?/);
    assert.equal(unknown.severity, 'error');
  });

  it('marks a bad enum value on the value with the allowed values', () => {
    const f = analyze(
      yaml(
        ...ENVOY_FILTER_HEAD,
        '  configPatches:',
        '  - applyTo: HTTP_FILTR',
        '    patch:',
        '      operation: REMOVE',
      ),
    );
    const bad = f.find((x) => x.code === 'ML0203')!;
    assert.equal(bad.text, 'HTTP_FILTR');
    assert.match(bad.message, /Did you mean `HTTP_FILTER`/);
    assert.doesNotMatch(bad.message, /INVALID/);
  });

  it('marks a wrong type on the value', () => {
    const f = analyze(yaml(...ENVOY_FILTER_HEAD, '  priority: high'));
    const bad = f.find((x) => x.code === 'ML0202')!;
    assert.equal(bad.text, 'high');
    assert.match(bad.message, /Expected an integer/);
  });

  it('reports a missing required field on the parent key', () => {
    const f = analyze(
      yaml(
        'apiVersion: extensions.istio.io/v1alpha1',
        'kind: WasmPlugin',
        'metadata:',
        '  name: w',
        'spec:',
        '  phase: AUTHN',
      ),
    );
    const missing = f.find((x) => x.code === 'ML0204')!;
    assert.match(missing.message, /`url`/);
    assert.equal(missing.text, 'spec');
  });

  it('reports ranges and patterns', () => {
    const text = yaml(
      'apiVersion: extensions.istio.io/v1alpha1',
      'kind: WasmPlugin',
      'metadata:',
      '  name: w',
      'spec:',
      '  url: oci://x/y:1',
      '  sha256: ABC',
      '  match:',
      '  - ports:',
      '    - number: 70000',
    );
    const f = analyze(text);
    assert.equal(f.find((x) => x.code === 'ML0206')?.text, 'ABC');
    assert.equal(f.find((x) => x.code === 'ML0205')?.text, '70000');
  });

  it('reports listener and cluster in one match as exclusive', () => {
    const f = analyze(
      yaml(
        ...ENVOY_FILTER_HEAD,
        '  configPatches:',
        '  - applyTo: CLUSTER',
        '    match:',
        '      cluster: {name: a}',
        '      listener: {portNumber: 80}',
        '    patch:',
        '      operation: REMOVE',
      ),
    );
    const ex = f.find((x) => x.code === 'ML0207')!;
    assert.match(ex.message, /at most one of `listener`, `routeConfiguration`, `cluster`, `waypoint`/);
    assert.match(ex.message, /found listener and cluster/);
  });

  it('accepts fields kubectl get -o yaml adds to metadata, and null values the apiserver prunes', () => {
    const text = yaml(
      ...ENVOY_FILTER_HEAD.slice(0, 4),
      '  uid: 6f9e0c1a-1234',
      '  resourceVersion: "5"',
      '  creationTimestamp: null',
      'spec:',
      '  workloadSelector:',
      '    labels:',
      '      app: x',
      '  priority:',
    );
    assert.deepEqual(codes(text), []);
  });
});

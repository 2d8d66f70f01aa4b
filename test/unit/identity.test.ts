import { strict as assert } from 'node:assert';
import { analyze, codes, yaml } from '../helpers/analyze';

describe('resource identity and multi-document files', () => {
  it('gives an unserved apiVersion exactly one diagnostic naming the served versions', () => {
    const f = analyze(
      yaml(
        'apiVersion: telemetry.istio.io/v1beta1',
        'kind: Telemetry',
        'metadata:',
        '  name: t',
        'spec:',
        '  bogus: 1',
      ),
    );
    assert.equal(f.length, 1);
    assert.equal(f[0].code, 'ML0101');
    assert.equal(f[0].text, 'telemetry.istio.io/v1beta1');
    assert.match(f[0].message, /telemetry\.istio\.io\/v1, telemetry\.istio\.io\/v1alpha1/);
  });

  it('leaves other kinds alone, even broken ones, and checks ours per document', () => {
    const text = yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: d',
      'spec:',
      '  bogus: [1, 2', // broken, not ours
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: s}',
      'spec: {whatever: 1}',
      '---',
      'apiVersion: networking.istio.io/v1alpha3',
      'kind: EnvoyFilter',
      'metadata: {name: f}',
      'spec:',
      '  priorty: 1',
    );
    const f = analyze(text);
    assert.deepEqual(
      f.map((x) => [x.code, x.line]),
      [['ML0201', 17]],
    );
  });

  it('a Telemetry of another group is not ours', () => {
    assert.deepEqual(codes(yaml('apiVersion: example.com/v1', 'kind: Telemetry', 'spec: {x: 1}')), []);
  });
});

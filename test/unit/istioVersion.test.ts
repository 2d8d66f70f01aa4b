import { strict as assert } from 'node:assert';
import { analyze, yaml } from '../helpers/analyze';
import { normalizeVersion, getSchemaForIstio } from '../../server/src/core';
import type { JsonSchema } from '../../server/src/core/schema/schemaStore';

const envoyFilter = (...spec: string[]) =>
  yaml('apiVersion: networking.istio.io/v1alpha3', 'kind: EnvoyFilter', 'metadata:', '  name: f', 'spec:', ...spec);

describe('target Istio version', () => {
  it('flags an enum value the target version lacks, with the version that added it', () => {
    const text = envoyFilter(
      '  configPatches:',
      '  - applyTo: HTTP_FILTER',
      '    match:',
      '      context: WAYPOINT',
      '      waypoint: {portNumber: 80}',
      '    patch: {operation: MERGE, value: {}}',
    );
    const old = analyze(text, '1.28').filter((f) => f.code === 'ML0104');
    assert.equal(old.length, 1);
    assert.equal(old[0].text, 'WAYPOINT');
    assert.match(old[0].message, /added in Istio 1\.29/);
    assert.deepEqual(
      analyze(text, '1.29').filter((f) => f.code === 'ML0104'),
      [],
    );
  });

  it('flags a field the target version lacks once, at its outermost key', () => {
    const text = envoyFilter(
      '  targetRefs:',
      '  - {kind: Gateway, group: gateway.networking.k8s.io, name: gw}',
      '  configPatches: []',
    );
    const f = analyze(text, '1.20').filter((x) => x.code === 'ML0103');
    assert.deepEqual(
      f.map((x) => x.text),
      ['targetRefs'],
    );
    assert.match(f[0].message, /added in Istio 1\.22/);
  });

  it('flags kinds and API versions the target version does not serve', () => {
    const te = yaml(
      'apiVersion: extensions.istio.io/v1alpha1',
      'kind: TrafficExtension',
      'metadata: {name: e}',
      'spec:',
      '  lua: {inlineCode: "function envoy_on_request(h) end"}',
    );
    assert.deepEqual(
      analyze(te, '1.29').map((f) => f.code),
      ['ML0102'],
    );
    assert.deepEqual(analyze(te, '1.30'), []);
    const tel = yaml('apiVersion: telemetry.istio.io/v1', 'kind: Telemetry', 'metadata: {name: t}', 'spec: {}');
    assert.deepEqual(
      analyze(tel, '1.20').map((f) => f.code),
      ['ML0102'],
    );
  });

  it('maps patch releases and in-between minors to the data we have', () => {
    assert.equal(normalizeVersion('1.28.3'), '1.28');
    assert.equal(normalizeVersion('v1.27'), '1.26');
    assert.equal(normalizeVersion('1.5'), undefined);
    assert.equal(normalizeVersion(undefined), '1.31');
  });

  it('derives per-version schemas for completion without later fields and values', () => {
    const old = getSchemaForIstio('EnvoyFilter', 'v1alpha3', '1.28') as JsonSchema;
    const context = old.properties!.spec.properties!.configPatches.items!.properties!.match.properties!.context;
    assert.ok(!context.enum!.includes('WAYPOINT'));
    const newest = getSchemaForIstio('EnvoyFilter', 'v1alpha3', '1.31') as JsonSchema;
    assert.ok(
      newest.properties!.spec.properties!.configPatches.items!.properties!.match.properties!.context.enum!.includes(
        'WAYPOINT',
      ),
    );
    assert.ok(
      !(getSchemaForIstio('EnvoyFilter', 'v1alpha3', '1.20') as JsonSchema).properties!.spec.properties!.targetRefs,
    );
  });
});

describe('one list of Istio versions', () => {
  const root = require('node:path').join(__dirname, '..', '..', '..');
  const read = (p: string) => require('node:fs').readFileSync(require('node:path').join(root, p), 'utf8') as string;
  it('the data, the generated schemas, the setting, the README and the .meshlens.yaml schema agree', () => {
    const { KNOWN_VERSIONS: known, NEWEST_VERSION: newest, projectConfigSchema } = require('../../server/src/core');
    const releases = JSON.parse(read('scripts/data/istio-releases.json')).releases.map(
      (r: { version: string }) => r.version,
    );
    assert.deepEqual([...known], releases);
    const setting = JSON.parse(read('package.json')).contributes.configuration.properties['meshlens.istioVersion'];
    assert.deepEqual(setting.enum, releases);
    assert.equal(setting.default, newest);
    const row = read('README.md')
      .split('\n')
      .find((l: string) => l.startsWith('| `meshlens.istioVersion`'))!;
    assert.ok(
      row.includes(
        releases
          .slice(0, -1)
          .map((v: string) => `\`${v}\``)
          .join(', ') + ` or \`${newest}\``,
      ),
      row,
    );
    assert.deepEqual(projectConfigSchema().properties.istioVersion.enum, releases);
  });
});

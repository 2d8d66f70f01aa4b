import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const BAD = 'apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata:\n  name: f\nspec:\n  priorty: 1\n  url: oci://a/b\n';
const WARN = 'apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata:\n  name: f\nspec:\n  selector: {}\n  url: oci://a/b\n';
const GOOD = 'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: t\nspec:\n  tracing:\n  - randomSamplingPercentage: 10\n';

function meshlens(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input });
  return { code: r.status, out: r.stdout.toString(), err: r.stderr.toString() };
}

describe('meshlens check (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshlens-cli-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'bad.yaml'), BAD);
  writeFileSync(join(dir, 'good.yml'), GOOD);
  writeFileSync(join(dir, 'warn.yaml'), WARN);
  writeFileSync(join(dir, 'notes.txt'), BAD); // not YAML: skipped in folders
  writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x61, 0x00, 0x62]));
  const [before, after] = BAD.split('name: f');
  writeFileSync(join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from(before + 'name: caf'), Buffer.from([0xe9]), Buffer.from(after)]));

  it('prints file:line:col: severity CODE message and exits 1 on errors', () => {
    const r = meshlens(['check', join(dir, 'sub')]);
    assert.equal(r.code, 1);
    assert.equal(r.out, `${join(dir, 'sub', 'bad.yaml')}:6:3: error ML0201 Unknown field \`priorty\` in spec. Did you mean \`priority\`?\n`);
  });

  it('exits 0 on a clean file, and --fail-on warning makes warnings fail', () => {
    assert.equal(meshlens(['check', join(dir, 'good.yml')]).code, 0);
    assert.equal(meshlens(['check', join(dir, 'warn.yaml')]).code, 0);
    assert.equal(meshlens(['check', '--fail-on', 'warning', join(dir, 'warn.yaml')]).code, 1);
  });

  it('reads stdin for -', () => {
    const r = meshlens(['check', '-'], BAD);
    assert.match(r.out, /^<stdin>:6:3: error ML0201/);
  });

  it('recurses into folders for YAML files only, and reports binary and non-UTF-8 files', () => {
    const r = meshlens(['check', '--format', 'json', dir]);
    const results = JSON.parse(r.out) as Array<{ file: string; code: string; range: { start: { line: number; column: number } } }>;
    assert.ok(!results.some((x) => x.file.endsWith('notes.txt')));
    assert.deepEqual(results.find((x) => x.file.endsWith('latin1.yaml') && x.code === 'ML0004')?.range.start, { line: 4, column: 12 });
    assert.match(r.err, /binary\.yaml: binary file/);
    assert.equal(r.code, 2);
  });

  it('exits 2 with a message on usage and I/O errors', () => {
    const missing = meshlens(['check', join(dir, 'nope.yaml')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nope\.yaml: no such file or directory/);
    assert.equal(meshlens(['check', '--format', 'xml', dir]).code, 2);
    assert.match(meshlens(['check', '--istio-version', '2.0', dir]).err, /unknown Istio version "2\.0"/);
    assert.equal(meshlens(['frobnicate']).code, 2);
  });

  it('--istio-version changes the verdict', () => {
    const te = 'apiVersion: extensions.istio.io/v1alpha1\nkind: TrafficExtension\nmetadata:\n  name: e\nspec:\n  lua:\n    inlineCode: \"function envoy_on_request(h) end\"\n';
    assert.equal(meshlens(['check', '-'], te).code, 0);
    const old = meshlens(['check', '--istio-version', '1.29', '-'], te);
    assert.equal(old.code, 1);
    assert.match(old.out, /ML0102 TrafficExtension does not exist in Istio 1\.29/);
  });

  it('--mesh-config feeds the provider checks', () => {
    const mesh = join(dir, 'mesh.yaml');
    writeFileSync(mesh, 'extensionProviders:\n- name: otel\n  opentelemetry: {service: o, port: 4317}\n');
    const t = 'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: t\nspec:\n  tracing:\n  - providers:\n    - name: otel\n  - providers:\n    - name: zipkn\n';
    const r = meshlens(['check', '--mesh-config', mesh, '-'], t);
    assert.match(r.out, /<stdin>:10:13: warning ML0701 Provider "zipkn" is not defined in the mesh config/);
    assert.doesNotMatch(meshlens(['check', '-'], t).out, /ML0701/);
    const missing = meshlens(['check', '--mesh-config', join(dir, 'nope.yaml'), '-'], t);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--mesh-config .*nope\.yaml: no such file/);
  });

  it('--format sarif is valid SARIF 2.1.0', () => {
    const r = meshlens(['check', '--format', 'sarif', join(dir, 'sub'), join(dir, 'warn.yaml')]);
    const sarif = JSON.parse(r.out) as { runs: Array<{ results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    // unicodeRegExp: the SARIF schema's patterns are written for non-unicode regular expressions.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.deepEqual(sarif.runs[0].results.map((x: { ruleId: string; level: string }) => [x.ruleId, x.level]), [['ML0201', 'error'], ['ML0304', 'warning']]);
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine, 6);
  });
});

import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const BAD =
  'apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata:\n  name: f\nspec:\n  priorty: 1\n  url: oci://a/b\n';
const WARN =
  'apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata:\n  name: f\nspec:\n  selector: {}\n  url: oci://a/b\n';
const GOOD =
  'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: t\nspec:\n  tracing:\n  - randomSamplingPercentage: 10\n';

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
  writeFileSync(
    join(dir, 'latin1.yaml'),
    Buffer.concat([Buffer.from(before + 'name: caf'), Buffer.from([0xe9]), Buffer.from(after)]),
  );

  it('prints file:line:col: severity CODE message and exits 1 on errors', () => {
    const r = meshlens(['check', join(dir, 'sub')]);
    assert.equal(r.code, 1);
    assert.equal(
      r.out,
      `${join(dir, 'sub', 'bad.yaml')}:6:3: error ML0201 Unknown field \`priorty\` in spec. Did you mean \`priority\`?\n`,
    );
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
    const results = JSON.parse(r.out) as Array<{
      file: string;
      code: string;
      range: { start: { line: number; column: number } };
    }>;
    assert.ok(!results.some((x) => x.file.endsWith('notes.txt')));
    assert.deepEqual(results.find((x) => x.file.endsWith('latin1.yaml') && x.code === 'ML0004')?.range.start, {
      line: 4,
      column: 12,
    });
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
    const te =
      'apiVersion: extensions.istio.io/v1alpha1\nkind: TrafficExtension\nmetadata:\n  name: e\nspec:\n  lua:\n    inlineCode: "function envoy_on_request(h) end"\n';
    assert.equal(meshlens(['check', '-'], te).code, 0);
    const old = meshlens(['check', '--istio-version', '1.29', '-'], te);
    assert.equal(old.code, 1);
    assert.match(old.out, /ML0102 TrafficExtension does not exist in Istio 1\.29/);
  });

  it('--mesh-config feeds the provider checks', () => {
    const mesh = join(dir, 'mesh.yaml');
    writeFileSync(mesh, 'extensionProviders:\n- name: otel\n  opentelemetry: {service: o, port: 4317}\n');
    const t =
      'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: t\nspec:\n  tracing:\n  - providers:\n    - name: otel\n  - providers:\n    - name: zipkn\n';
    const r = meshlens(['check', '--mesh-config', mesh, '-'], t);
    assert.match(r.out, /<stdin>:10:13: warning ML0701 Provider "zipkn" is not defined in the mesh config/);
    assert.doesNotMatch(meshlens(['check', '-'], t).out, /ML0701/);
    const missing = meshlens(['check', '--mesh-config', join(dir, 'nope.yaml'), '-'], t);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--mesh-config .*nope\.yaml: no such file/);
  });

  it('--format sarif is valid SARIF 2.1.0', () => {
    const r = meshlens(['check', '--format', 'sarif', join(dir, 'sub'), join(dir, 'warn.yaml')]);
    const sarif = JSON.parse(r.out) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          level: string;
          locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
        }>;
      }>;
    };
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    // unicodeRegExp: the SARIF schema's patterns are written for non-unicode regular expressions.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.deepEqual(
      sarif.runs[0].results.map((x: { ruleId: string; level: string }) => [x.ruleId, x.level]),
      [
        ['ML0201', 'error'],
        ['ML0304', 'warning'],
      ],
    );
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine, 6);
  });
});

describe('the CLI as a package', () => {
  const root = join(__dirname, '..', '..', '..');
  it('npm pack, then npm install -g into a prefix, gives a working meshlens with only runtime files', function () {
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), 'meshlens-pack-'));
    // dist/ is already built by the test run; --ignore-scripts keeps prepack from rebuilding it under the suite.
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = info.files.map((f) => f.path);
    for (const f of files)
      assert.match(
        f,
        /^(dist\/(cli|server|client)\.js|dist\/envoy-defs\.(txt|index\.json)|schemas\/|snippets\/|syntaxes\/|images\/|walkthrough\/|examples\/|docs\/[\w-]+\.png|README\.md|LICENSE|CHANGELOG\.md|package\.json)/,
        f,
      );
    assert.ok(!files.some((f) => /\.ts$|\.map$|^test\/|^server\/|^scripts\//.test(f)), files.join());
    const prefix = join(dir, 'prefix');
    const install = spawnSync(
      'npm',
      ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', join(dir, info.filename)],
      { encoding: 'utf8' },
    );
    assert.equal(install.status, 0, install.stderr);
    const bin = join(prefix, 'bin', 'meshlens');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    assert.equal(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim(), pkg.version);
    assert.match(spawnSync(bin, ['--help'], { encoding: 'utf8' }).stdout, /^Usage: meshlens <command>/);
    const checked = spawnSync(bin, ['check', join(root, 'examples')], { encoding: 'utf8' });
    assert.equal(checked.status, 1);
    assert.match(checked.stdout, /mistakes\.yaml:\d+:\d+: error ML0201 /);
  });

  it("the GitHub Action's check step writes SARIF and reports the exit code as an output", () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshlens-action-'));
    writeFileSync(join(dir, 'bad.yaml'), BAD);
    const output = join(dir, 'github-output');
    writeFileSync(output, '');
    const r = spawnSync('bash', [join(root, 'scripts', 'action-check.sh')], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GITHUB_ACTION_PATH: root,
        GITHUB_OUTPUT: output,
        MESHLENS_PATHS: '.',
        MESHLENS_FAIL_ON: 'error',
        MESHLENS_SARIF: 'out.sarif',
      },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /bad\.yaml:6:3: error ML0201/);
    assert.deepEqual(readFileSync(output, 'utf8').trim().split('\n'), ['exit-code=1', 'sarif-written=true']);
    const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].results[0].ruleId, 'ML0201');
    // action.yml runs this script and fails after the upload.
    const action = readFileSync(join(root, 'action.yml'), 'utf8');
    assert.match(action, /scripts\/action-check\.sh/);
    assert.match(action, /github\/codeql-action\/upload-sarif/);
  });

  it("the pre-commit hook runs the package's meshlens bin on YAML files", () => {
    const hooks = readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8');
    assert.match(hooks, /- id: meshlens\n/);
    assert.match(hooks, /entry: meshlens check\n/);
    assert.match(hooks, /language: node\n/);
    assert.equal(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin.meshlens, './dist/cli.js');
  });
});

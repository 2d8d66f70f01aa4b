// `.meshlens.yaml`: parsing with located problems, the nearest file winning, ignore globs, and what the CLI does with
// it (flags win over the file, rules change severities, ignored files are not checked).
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { parseProjectConfig, ProjectConfigResolver, applyRules, LineIndex, Finding } from '../../server/src/core';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const meshlens = (args: string[], cwd?: string) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('.meshlens.yaml', () => {
  it('parses the documented keys', () => {
    const c = parseProjectConfig(
      'istioVersion: "1.28"\nmeshConfig: mesh/istio.yaml\nrules:\n  ML0320: off\n  IST0151: info\nignore:\n  - "charts/**"\n',
      '/r/.meshlens.yaml',
    );
    assert.deepEqual(
      [c.istioVersion, c.meshConfig, c.rules, c.ignore, c.findings],
      ['1.28', 'mesh/istio.yaml', { ML0320: 'off', IST0151: 'info' }, ['charts/**'], []],
    );
  });

  it('reports bad content where it is, and keeps what is good', () => {
    const text = 'istioVersion: "1.99"\nrules:\n  ML0320: silent\n  ML9999: off\n  IST0151: info\nignroe: []\n';
    const c = parseProjectConfig(text, '/r/.meshlens.yaml');
    const lines = new LineIndex(text);
    const at = (f: Finding) => `${lines.positionAt(f.start).line + 1}:${text.slice(f.start, f.end)}`;
    assert.deepEqual(
      c.findings.map((f) => [f.code, f.severity, at(f)]).sort(),
      [
        ['ML0007', 'error', '1:"1.99"'],
        ['ML0007', 'error', '3:silent'],
        ['ML0007', 'error', '4:ML9999'],
        ['ML0007', 'error', '6:ignroe'],
      ].sort(),
    );
    assert.match(
      c.findings.find((f) => text.slice(f.start, f.end) === 'ML9999')!.message,
      /Unknown diagnostic code ML9999/,
    );
    assert.deepEqual(c.rules, { IST0151: 'info' });
    assert.equal(c.istioVersion, undefined);
    // Not YAML, or not a mapping: a finding, never an exception.
    assert.equal(parseProjectConfig('rules: [\n', '/r/.meshlens.yaml').findings[0].code, 'ML0001');
    assert.equal(parseProjectConfig('- a\n', '/r/.meshlens.yaml').findings[0].code, 'ML0007');
    assert.deepEqual(parseProjectConfig('', '/r/.meshlens.yaml').findings, []);
  });

  it('the nearest file above a manifest wins; ignore globs are relative to their file', () => {
    const files: Record<string, string> = {
      '/repo/.meshlens.yaml': 'istioVersion: "1.28"\nignore: ["charts/**", "*.generated.yaml"]\n',
      '/repo/team-b/.meshlens.yaml': 'istioVersion: "1.24"\n',
    };
    const r = new ProjectConfigResolver((p) => files[p]);
    assert.equal(r.forFile('/repo/mesh/a.yaml')?.istioVersion, '1.28');
    assert.equal(r.forFile('/repo/team-b/x/a.yaml')?.istioVersion, '1.24');
    assert.equal(r.forFile('/elsewhere/a.yaml'), undefined);
    assert.equal(r.isIgnored('/repo/charts/istio/templates/a.yaml'), true);
    assert.equal(r.isIgnored('/repo/x.generated.yaml'), true);
    assert.equal(r.isIgnored('/repo/mesh/x.generated.yaml'), false); // "*" does not cross folders
    assert.equal(r.isIgnored('/repo/mesh/a.yaml'), false);
    assert.equal(r.isIgnored('/repo/team-b/charts/a.yaml'), false); // team-b's file has no ignore
  });

  it('rules: off drops a finding, a level replaces its severity; later rule sets win', () => {
    const f = (code: string): Finding => ({ code, severity: 'warning', message: '', start: 0, end: 1 });
    const out = applyRules(
      [f('ML0320'), f('IST0151'), f('ML0201')],
      { ML0320: 'error', IST0151: 'hint' },
      { ML0320: 'off' },
    );
    assert.deepEqual(
      out.map((x) => [x.code, x.severity]),
      [
        ['IST0151', 'hint'],
        ['ML0201', 'warning'],
      ],
    );
  });
});

describe('.meshlens.yaml in the CLI', () => {
  const EF =
    'apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata: {name: f, namespace: ns}\nspec:\n  configPatches:\n  - applyTo: HTTP_FILTER\n    match:\n      context: WAYPOINT\n      waypoint: {}\n    patch:\n      operation: INSERT_FIRST\n      value: {name: x}\n';
  const setup = (config: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'meshlens-project-'));
    mkdirSync(join(dir, 'charts'));
    writeFileSync(join(dir, '.meshlens.yaml'), config);
    writeFileSync(join(dir, 'ef.yaml'), EF);
    writeFileSync(
      join(dir, 'charts', 'broken.yaml'),
      'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata: {name: t}\nspec: {tracingg: []}\n',
    );
    return dir;
  };
  const codesOf = (out: string) =>
    JSON.parse(out)
      .map(
        (r: { code: string; severity: string; file: string }) => `${r.file.split('/').pop()} ${r.code} ${r.severity}`,
      )
      .sort();

  it("the file's Istio version, rules and ignore apply; --istio-version wins", () => {
    const dir = setup('istioVersion: "1.28"\nrules:\n  ML0320: off\n  ML0304: error\nignore: ["charts/**"]\n');
    // WAYPOINT is not in Istio 1.28 (ML0104); charts/ is not checked; ML0320 is off.
    // (and its `waypoint` field, ML0103).
    assert.deepEqual(codesOf(meshlens(['check', '--format', 'json', dir]).out), [
      'ef.yaml ML0103 error',
      'ef.yaml ML0104 error',
    ]);
    assert.deepEqual(codesOf(meshlens(['check', '--format', 'json', '--istio-version', '1.31', dir]).out), []);
    // From inside the folder, with relative paths, the same.
    assert.deepEqual(codesOf(meshlens(['check', '--format', 'json', '.'], dir).out), [
      'ef.yaml ML0103 error',
      'ef.yaml ML0104 error',
    ]);
  });

  it('bad configuration is a located finding in the file, and the run goes on', () => {
    const dir = setup('istioVersion: 1.28\nrules:\n  ML0320: nope\n');
    const r = meshlens(['check', dir]);
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      new RegExp(`${join(dir, '.meshlens.yaml').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1:15: error ML0007 .*1\\.28`),
    );
    assert.match(r.out, /\.meshlens\.yaml:3:11: error ML0007 /);
  });

  it('meshConfig names the mesh config; a missing one is a usage error, and --mesh-config wins', () => {
    const dir = setup('meshConfig: mesh/istio.yaml\n');
    const t =
      'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata: {name: t, namespace: ns}\nspec:\n  tracing:\n  - providers: [{name: zipkin}]\n';
    writeFileSync(join(dir, 't.yaml'), t);
    const missing = meshlens(['check', join(dir, 't.yaml')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /meshConfig .*mesh\/istio\.yaml \(from \.meshlens\.yaml\): no such file/);
    mkdirSync(join(dir, 'mesh'));
    writeFileSync(
      join(dir, 'mesh', 'istio.yaml'),
      'extensionProviders:\n- name: otel\n  opentelemetry: {service: o, port: 4317}\n',
    );
    assert.match(meshlens(['check', join(dir, 't.yaml')]).out, /ML0701 .*zipkin/);
    writeFileSync(join(dir, 'other.yaml'), 'extensionProviders:\n- name: zipkin\n  zipkin: {service: z, port: 9411}\n');
    assert.doesNotMatch(
      meshlens(['check', '--mesh-config', join(dir, 'other.yaml'), join(dir, 't.yaml')]).out,
      /ML0701/,
    );
  });

  it('--format codeclimate: GitLab Code Quality issues', () => {
    const dir = setup('istioVersion: "1.28"\n');
    const r = meshlens(['check', '--format', 'codeclimate', dir]);
    const issues = JSON.parse(r.out) as Array<Record<string, unknown>>;
    assert.ok(issues.length >= 2);
    for (const i of issues) {
      assert.deepEqual(Object.keys(i).sort(), [
        'categories',
        'check_name',
        'description',
        'fingerprint',
        'location',
        'severity',
        'type',
      ]);
      assert.match(String(i.fingerprint), /^[0-9a-f]{32}$/);
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(String(i.severity)));
      const loc = i.location as { path: string; lines: { begin: number } };
      assert.ok(typeof loc.path === 'string' && Number.isInteger(loc.lines.begin) && loc.lines.begin >= 1);
    }
    const waypoint = issues.find((i) => i.check_name === 'ML0104')!;
    assert.equal(waypoint.severity, 'critical');
    assert.equal((waypoint.location as { lines: { begin: number } }).lines.begin, 8);
    // Fingerprints stay when lines above move.
    writeFileSync(join(dir, 'ef.yaml'), '# a comment\n' + EF);
    const again = JSON.parse(meshlens(['check', '--format', 'codeclimate', dir]).out) as Array<Record<string, unknown>>;
    assert.equal(again.find((i) => i.check_name === 'ML0104')!.fingerprint, waypoint.fingerprint);
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
  });
});

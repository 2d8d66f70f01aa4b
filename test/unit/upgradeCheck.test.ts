// The upgrade check against breakages users met, each with its source; and a clean upgrade that reports nothing.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { upgradeCheck, UpgradeFinding } from '../../server/src/core';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: ns}
spec:
  template:
    metadata: {labels: {app: app}}
    spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}`;
const EF = (
  name: string,
  ns: string,
  priority: number | undefined,
  op: string,
  sub: string | undefined,
  extraMatch = '',
) => `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: ${name}, namespace: ${ns}}
spec:
${priority === undefined ? '' : `  priority: ${priority}\n`}  configPatches:
  - applyTo: HTTP_FILTER
    match:
      context: SIDECAR_INBOUND
${extraMatch}      listener:
        filterChain:
          filter:
            name: envoy.filters.network.http_connection_manager
${sub ? `            subFilter: {name: "${sub}"}\n` : ''}    patch:
      operation: ${op}
      value: {name: ${name}-lua, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua, inline_code: "function envoy_on_request(h) end"}}`;

function check(from: string, to: string, ...docs: string[]): UpgradeFinding[] {
  return upgradeCheck([{ uri: 'ws.yaml', text: docs.join('\n---\n') }], from, to);
}
const summary = (fs: UpgradeFinding[]) =>
  fs.map(
    (f) =>
      `${f.code} ${f.resource ? `${f.resource.kind} ${f.resource.namespace}/${f.resource.name}` : '-'}${f.patchIndex === null ? '' : `#${f.patchIndex}`}`,
  );

describe('upgrade check', () => {
  it('a clean upgrade reports nothing', () => {
    const docs = [
      APP,
      EF('lua', 'ns', 10, 'INSERT_BEFORE', 'envoy.filters.http.router'),
      'apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata: {name: auth, namespace: ns}\nspec:\n  url: oci://example/auth:1\n  phase: AUTHN\n  selector: {matchLabels: {app: app}}',
    ];
    assert.deepEqual(check('1.24', '1.31', ...docs), []);
    assert.deepEqual(check('1.31', '1.31', ...docs), []);
  });

  it('Wasm filter renames: a patch anchored on the 1.21-1.25 name stops applying in 1.26 (ecds naming, the "extenstions" prefix fix)', () => {
    const wasm =
      'apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata: {name: auth, namespace: ns}\nspec:\n  url: oci://example/auth:1\n  selector: {matchLabels: {app: app}}';
    const f = check(
      '1.24',
      '1.26',
      APP,
      wasm,
      EF('after-auth', 'ns', 10, 'INSERT_AFTER', 'extenstions.istio.io/wasmplugin/ns.auth'),
    );
    assert.deepEqual(summary(f), ['ML1001 EnvoyFilter ns/after-auth#0']);
    assert.match(
      f[0].message,
      /Applies under Istio 1\.24 but no longer under 1\.26 \(inbound port 8080\): subFilter extenstions\.istio\.io\/wasmplugin\/ns\.auth not found/,
    );
    assert.deepEqual(f[0].workloads, ['ns/app']);
  });

  it('istio_authn is gone after 1.20 (istio/istio#47407): patches anchored on it stop applying', () => {
    const authn =
      'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: jwt, namespace: ns}\nspec:\n  selector: {matchLabels: {app: app}}\n  jwtRules: [{issuer: "https://issuer.example"}]';
    const f = check('1.20', '1.22', APP, authn, EF('after-authn', 'ns', 10, 'INSERT_AFTER', 'istio_authn'));
    assert.deepEqual(summary(f), ['ML1001 EnvoyFilter ns/after-authn#0']);
    assert.match(f[0].message, /subFilter istio_authn not found/);
  });

  it('the cross-namespace order changed in 1.22 (#49681): root-namespace EnvoyFilters no longer all come first', () => {
    const f = check(
      '1.20',
      '1.22',
      APP,
      EF('root', 'istio-system', 5, 'INSERT_FIRST', undefined),
      EF('local', 'ns', -5, 'INSERT_FIRST', undefined),
    );
    assert.deepEqual(summary(f).sort(), ['ML1002 EnvoyFilter istio-system/root', 'ML1002 EnvoyFilter ns/local']);
    assert.match(f.find((x) => x.resource?.name === 'root')!.message, /moves in the inbound port 8080 chain/);
  });

  it('a proxyVersion regex that stops matching the new proxies', () => {
    const pinned = EF(
      'pinned',
      'ns',
      10,
      'INSERT_BEFORE',
      'envoy.filters.http.router',
      '      proxy: {proxyVersion: "^1\\\\.28.*"}\n',
    );
    const f = check('1.28', '1.29', APP, pinned);
    assert.deepEqual(summary(f), ['ML1001 EnvoyFilter ns/pinned#0']);
    assert.match(f[0].message, /proxyVersion \^1\\\.28\.\* does not match 1\.29\.0/);
    // And the other way round, on a downgrade.
    assert.match(check('1.29', '1.28', APP, pinned)[0].message, /Applies under Istio 1\.28 but not under 1\.29/);
  });

  it('a Telemetry API version the target lacks (telemetry.istio.io/v1 is served from 1.22)', () => {
    const t =
      'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata: {name: t, namespace: ns}\nspec:\n  tracing: [{randomSamplingPercentage: 5}]';
    const f = check('1.22', '1.20', t);
    assert.deepEqual(summary(f), ['ML1003 Telemetry ns/t']);
    assert.match(f[0].message, /^Istio 1\.20: .*\[ML0102; not reported for 1\.22\]/);
    assert.equal(f[0].severity, 'error');
    assert.deepEqual(check('1.20', '1.22', t), []);
  });

  it('tag values that read node or bare filter-state names stop working in 1.24 (telemetry-cel.yaml, istio/proxy#5825)', () => {
    const t =
      'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata: {name: t, namespace: ns}\nspec:\n  metrics:\n  - overrides:\n    - tagOverrides:\n        ns: {value: "node.metadata[\'NAMESPACE\']"}';
    assert.deepEqual(summary(check('1.22', '1.24', t)), ['ML1003 Telemetry ns/t']);
    // A variable a comprehension binds is not an attribute: nothing changes for it.
    const bound = t.replace(`"node.metadata['NAMESPACE']"`, `"request.headers.exists(h, h == 'x-a') ? 'y' : 'n'"`);
    assert.notEqual(bound, t);
    assert.deepEqual(check('1.22', '1.24', bound), []);
  });

  it('a cluster patch by the pre-1.23 name InboundPassthroughClusterIpv4 stops applying (istio/istio#51503)', () => {
    const cluster = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: passthrough, namespace: ns}
spec:
  configPatches:
  - applyTo: CLUSTER
    match: {context: SIDECAR_INBOUND, cluster: {name: InboundPassthroughClusterIpv4}}
    patch: {operation: MERGE, value: {connect_timeout: 5s}}`;
    const r = check('1.22', '1.24', APP, cluster).filter((f) => f.code === 'ML1001');
    assert.equal(r.length, 1);
    assert.match(
      r[0].message,
      /Applies under Istio 1\.22 \(InboundPassthroughClusterIpv4\) but no longer under 1\.24: no cluster matches name InboundPassthroughClusterIpv4\./,
    );
    assert.deepEqual(r[0].workloads, ['ns/app']);
    assert.deepEqual(check('1.24', '1.31', APP, cluster), []);
  });

  it('deprecated filter names matched nothing before 1.20 already: no difference to report', () => {
    // istiod never translates envoy.router; ML0325 says so under every version.
    assert.deepEqual(check('1.20', '1.31', APP, EF('old', 'ns', 10, 'INSERT_BEFORE', 'envoy.router')), []);
  });

  it('meshlens upgrade-check: exit codes and the JSON shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshlens-upgrade-'));
    writeFileSync(
      join(dir, 'ws.yaml'),
      [
        APP,
        EF(
          'pinned',
          'ns',
          10,
          'INSERT_BEFORE',
          'envoy.filters.http.router',
          '      proxy: {proxyVersion: "^1\\\\.28.*"}\n',
        ),
      ].join('\n---\n'),
    );
    const cli = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [cli, 'upgrade-check', ...args], { encoding: 'utf8' });
    const json = run(dir, '--from', '1.28', '--to', '1.29', '--format', 'json');
    assert.equal(json.status, 0); // a warning, and --fail-on error
    const [f] = JSON.parse(json.stdout);
    assert.deepEqual(Object.keys(f), [
      'file',
      'range',
      'severity',
      'code',
      'message',
      'resource',
      'patchIndex',
      'workloads',
    ]);
    assert.deepEqual(
      [f.code, f.resource, f.patchIndex, f.workloads],
      ['ML1001', { kind: 'EnvoyFilter', namespace: 'ns', name: 'pinned' }, 0, ['ns/app']],
    );
    assert.equal(run(dir, '--from', '1.28', '--to', '1.29', '--fail-on', 'warning').status, 1);
    assert.match(run(dir, '--from', '1.29', '--to', '1.29').stdout, /No differences/);
    assert.equal(run(dir, '--from', '1.28').status, 2);
    assert.equal(run(dir, '--from', '1.28', '--to', '2.5').status, 2);
  });
});

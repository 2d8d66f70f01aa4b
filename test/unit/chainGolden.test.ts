// Golden tests for the filter-chain engine, built from Istio's own tests:
// listener_test.go (TestInboundListenerConfig "wasm, stats, authz", TestInboundHTTPListenerConfig, TestOutboundFilters),
// gateway_test.go (TestBuildGatewayListenersFilters), push_context_test.go (TestEnvoyFilterOrderAcrossNamespaces),
// extensionfilter_test.go (TestMixedWasmLuaPriorityOrdering), ecds_test.go (filter names) and the listener patch tests.
// Inputs are YAML as users write them; expected chains are data.
import { strict as assert } from 'node:assert';
import { analyzeFile, Workspace, renderChain, workloadTelemetry } from '../../server/src/core';

function workspace(...docs: string[]): Workspace {
  const ws = new Workspace();
  ws.setFile('ws.yaml', analyzeFile(docs.join('\n---\n'), { istioVersion: '1.31' }));
  return ws;
}
const names = (ws: Workspace, w: string, dir: 'inbound' | 'outbound' | 'gateway', port: number, v = '1.31') =>
  renderChain(ws, w, dir, port, v).httpFilters.map((f) => f.name);

const MESH = `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
    defaultProviders:
      metrics: [prometheus]`;
// The test mesh of listener_test.go has an ext_authz provider whose service exists in the registry.
const MESH_WITH_EXTAUTHZ = `${MESH}
    extensionProviders:
    - name: extauthz
      envoyExtAuthzHttp: {service: extauthz.ns.svc.cluster.local, port: 8000}`;
const EXTAUTHZ_SERVICE = `apiVersion: v1
kind: Service
metadata: {name: extauthz, namespace: ns}
spec: {ports: [{port: 8000}]}`;
const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: ns}
spec:
  template:
    metadata: {labels: {app: app}}
    spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}`;
const INGRESS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  template:
    metadata: {labels: {istio: ingressgateway}}
    spec: {containers: [{name: istio-proxy, ports: [{containerPort: 8080}]}]}`;
const extension = (
  name: string,
  phase: string,
  kind: 'wasm' | 'lua',
  created: string,
  extra = '',
) => `apiVersion: extensions.istio.io/v1alpha1
kind: TrafficExtension
metadata: {name: ${name}, namespace: istio-system, creationTimestamp: "${created}"}
spec:
  phase: ${phase}
${kind === 'wasm' ? '  wasm: {url: oci://example/ext:1}' : '  lua: {inlineCode: "function envoy_on_request(h) end"}'}
${extra}`;
const policy = (name: string, action: string, extra = '') => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ${name}, namespace: istio-system}
spec:
  action: ${action}
${extra}`;

describe('chain rendering (golden, from Istio tests)', () => {
  it('default chains with the prometheus provider (listener_test.go, a default install with prometheus)', () => {
    const ws = workspace(MESH, APP, INGRESS);
    const common = ['envoy.filters.http.fault', 'envoy.filters.http.cors', 'istio.stats', 'envoy.filters.http.router'];
    assert.deepEqual(names(ws, 'ns/app', 'inbound', 8080), [
      'istio.metadata_exchange',
      'envoy.filters.http.grpc_stats',
      ...common,
    ]);
    assert.deepEqual(names(ws, 'ns/app', 'outbound', 9080), [
      'istio.metadata_exchange',
      'envoy.filters.http.grpc_stats',
      'istio.alpn',
      ...common,
    ]);
    assert.deepEqual(names(ws, 'istio-system/istio-ingressgateway', 'gateway', 8080), [
      'istio.metadata_exchange',
      'envoy.filters.http.grpc_stats',
      'istio.alpn',
      ...common,
    ]);
    assert.deepEqual(
      renderChain(ws, 'ns/app', 'inbound', 8080, '1.31').networkFilters.map((f) => f.name),
      ['istio.metadata_exchange', 'envoy.filters.network.http_connection_manager'],
    );
  });

  it('no istio.stats without a metrics provider (TestInboundHTTPListenerConfig: no default providers)', () => {
    const ws = workspace(
      APP,
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n  mesh: "{}"`,
    );
    assert.ok(!names(ws, 'ns/app', 'inbound', 8080).includes('istio.stats'));
  });

  it('TestInboundListenerConfig "wasm, stats, authz": extensions in every phase, CUSTOM and ALLOW authz', () => {
    const ws = workspace(
      MESH_WITH_EXTAUTHZ,
      APP,
      EXTAUTHZ_SERVICE,
      extension('extension-wasm-authn', 'AUTHN', 'wasm', '2024-01-01T00:00:00Z'),
      extension('extension-lua-authn', 'AUTHN', 'lua', '2024-01-01T00:00:01Z'),
      extension('extension-wasm-authz', 'AUTHZ', 'wasm', '2024-01-01T00:00:02Z'),
      extension('extension-lua-authz', 'AUTHZ', 'lua', '2024-01-01T00:00:03Z'),
      extension('extension-wasm-stats', 'STATS', 'wasm', '2024-01-01T00:00:04Z'),
      policy('allow-nothing', 'ALLOW'),
      policy('ext-authz', 'CUSTOM', '  provider: {name: extauthz}\n  rules: [{}]'),
    );
    assert.deepEqual(names(ws, 'ns/app', 'inbound', 8080), [
      'istio.metadata_exchange',
      'envoy.filters.http.rbac',
      'envoy.filters.http.ext_authz',
      'extensions.istio.io/trafficextension/istio-system.extension-wasm-authn',
      'extensions.istio.io/trafficextension/istio-system.extension-lua-authn',
      'extensions.istio.io/trafficextension/istio-system.extension-wasm-authz',
      'extensions.istio.io/trafficextension/istio-system.extension-lua-authz',
      'envoy.filters.http.rbac',
      'extensions.istio.io/trafficextension/istio-system.extension-wasm-stats',
      'envoy.filters.http.grpc_stats',
      'envoy.filters.http.fault',
      'envoy.filters.http.cors',
      'istio.stats',
      'envoy.filters.http.router',
    ]);
    // TestOutboundFilters: no authz outbound, istio.alpn added.
    const outbound = names(ws, 'ns/app', 'outbound', 9080);
    assert.ok(!outbound.includes('envoy.filters.http.rbac') && !outbound.includes('envoy.filters.http.ext_authz'));
    assert.equal(outbound[outbound.indexOf('envoy.filters.http.grpc_stats') + 1], 'istio.alpn');
  });

  it('phase ordering: priority descending, no priority last, Lua and Wasm mixed (TestMixedWasmLuaPriorityOrdering)', () => {
    const ws = workspace(
      MESH,
      APP,
      extension('low', 'AUTHN', 'wasm', '2024-01-01T00:00:00Z', '  priority: -5'),
      extension('none', 'AUTHN', 'lua', '2024-01-01T00:00:00Z'),
      extension('high', 'AUTHN', 'lua', '2024-01-01T00:00:09Z', '  priority: 100'),
      extension('mid', 'AUTHN', 'wasm', '2024-01-01T00:00:05Z', '  priority: 10'),
    );
    const authn = names(ws, 'ns/app', 'inbound', 8080)
      .filter((n) => n.startsWith('extensions.istio.io'))
      .map((n) => n.split('.').pop());
    assert.deepEqual(authn, ['high', 'mid', 'low', 'none']);
  });

  it('WasmPlugin filter names by Istio version (TestECDSGenerate)', () => {
    const wasm = `apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata: {name: plugin, namespace: ns}\nspec:\n  url: oci://example/p:1\n  phase: AUTHZ`;
    const ws = workspace(MESH, APP, wasm);
    const pick = (v: string) => names(ws, 'ns/app', 'inbound', 8080, v).find((n) => n.includes('plugin'));
    assert.equal(pick('1.20'), 'ns.plugin');
    assert.equal(pick('1.24'), 'extenstions.istio.io/wasmplugin/ns.plugin');
    assert.equal(pick('1.28'), 'extensions.istio.io/wasmplugin/ns.plugin');
    assert.equal(pick('1.31'), 'extensions.istio.io/trafficextension/ns.plugin~istio-translated-wasmplugin');
  });

  it('extension selection: selector, match mode and ports, targetRefs ignored on sidecars', () => {
    const ws = workspace(
      MESH,
      APP,
      `apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata: {name: server-only, namespace: ns}\nspec:\n  url: oci://a/b\n  selector: {matchLabels: {app: app}}\n  match: [{mode: SERVER, ports: [{number: 8080}]}]`,
      `apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata: {name: other-app, namespace: ns}\nspec:\n  url: oci://a/b\n  selector: {matchLabels: {app: other}}`,
      `apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata: {name: by-ref, namespace: ns}\nspec:\n  url: oci://a/b\n  targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: gw}]`,
    );
    const has = (dir: 'inbound' | 'outbound', port: number) =>
      names(ws, 'ns/app', dir, port)
        .filter((n) => n.includes('wasmplugin'))
        .map((n) => n.split('/').pop());
    assert.deepEqual(has('inbound', 8080), ['ns.server-only~istio-translated-wasmplugin']);
    assert.deepEqual(has('inbound', 9090), []);
    assert.deepEqual(has('outbound', 8080), []);
  });
});

const EF = (name: string, ns: string, priority: number | undefined, ...patches: string[]) =>
  `apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${priority === undefined ? '' : `  priority: ${priority}\n`}  configPatches:\n${patches.join('\n')}`;
const httpPatch = (op: string, sub?: string, value = 'x', extraMatch = '') =>
  `  - applyTo: HTTP_FILTER\n    match:\n${extraMatch}      listener:\n        filterChain:\n          filter:\n            name: envoy.filters.network.http_connection_manager\n${sub ? `            subFilter: {name: ${sub}}\n` : ''}    patch:\n      operation: ${op}\n      value: {name: ${value}, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}`;

describe('EnvoyFilter patches on the chain (golden)', () => {
  it('INSERT_BEFORE the router, ADD after it (Envoy would reject), REMOVE, REPLACE', () => {
    const ws = workspace(
      MESH,
      APP,
      EF(
        'ops',
        'ns',
        10,
        httpPatch('INSERT_BEFORE', 'envoy.filters.http.router', 'before-router'),
        httpPatch('ADD', undefined, 'added'),
        httpPatch('REMOVE', 'envoy.filters.http.cors'),
        httpPatch('REPLACE', 'envoy.filters.http.fault', 'my-fault'),
      ),
    );
    const r = renderChain(ws, 'ns/app', 'inbound', 8080, '1.31');
    assert.deepEqual(
      r.httpFilters.map((f) => f.name),
      [
        'istio.metadata_exchange',
        'envoy.filters.http.grpc_stats',
        'my-fault',
        'istio.stats',
        'before-router',
        'envoy.filters.http.router',
        'added',
      ],
    );
    assert.ok(
      r.patches.every((p) => p.applied),
      JSON.stringify(r.patches),
    );
    assert.deepEqual(r.httpFilters[4].origin, {
      kind: 'EnvoyFilter',
      namespace: 'ns',
      name: 'ops',
      uri: 'ws.yaml',
      docIndex: 2,
    });
    assert.match(r.warnings.join(), /router must be the last HTTP filter; added comes after it/);
  });

  it('says why a patch matched nothing', () => {
    const ws = workspace(
      MESH,
      APP,
      EF(
        'miss',
        'ns',
        1,
        httpPatch('INSERT_BEFORE', 'envoy.filters.http.routr', 'x'),
        httpPatch('INSERT_FIRST', undefined, 'y', '      context: SIDECAR_OUTBOUND\n'),
        httpPatch('INSERT_FIRST', undefined, 'z', '      proxy: {proxyVersion: "^1\\\\.19.*"}\n'),
        `  - applyTo: HTTP_FILTER\n    match:\n      listener:\n        portNumber: 9999\n    patch: {operation: INSERT_FIRST, value: {name: w}}`,
        `  - applyTo: CLUSTER\n    patch: {operation: MERGE, value: {connect_timeout: 1s}}`,
      ),
    );
    const reasons = renderChain(ws, 'ns/app', 'inbound', 8080, '1.31').patches.map((p) => [p.applied, p.reason]);
    assert.deepEqual(reasons, [
      [false, 'subFilter envoy.filters.http.routr not found in SIDECAR_INBOUND port 8080'],
      [false, 'context SIDECAR_OUTBOUND does not match SIDECAR_INBOUND'],
      [false, 'proxyVersion ^1\\.19.* does not match 1.31.0 (the target Istio version)'],
      [false, "listener portNumber 9999 does not match the chain's destination port 8080 (virtualInbound)"],
      [
        false,
        'applyTo CLUSTER patches clusters, outside the filter chain: its outcome is in the whole proxy config (meshlens config)',
      ],
    ]);
  });

  it('MERGE runs after structural operations and renames; a different @type aborts the rest', () => {
    const merge = `  - applyTo: HTTP_FILTER\n    match:\n      listener:\n        filterChain:\n          filter:\n            name: envoy.filters.network.http_connection_manager\n            subFilter: {name: inserted}\n    patch:\n      operation: MERGE\n      value: {name: renamed}`;
    const ws = workspace(MESH, APP, EF('a', 'ns', 1, merge, httpPatch('INSERT_FIRST', undefined, 'inserted')));
    const r = renderChain(ws, 'ns/app', 'inbound', 8080, '1.31');
    assert.equal(r.httpFilters[0].name, 'renamed');
    assert.deepEqual(r.httpFilters[0].patchedBy, [{ envoyFilter: 'ns/a', index: 0, operation: 'MERGE' }]);
    const bad = `  - applyTo: HTTP_FILTER\n    match:\n      listener:\n        filterChain:\n          filter:\n            name: envoy.filters.network.http_connection_manager\n            subFilter: {name: envoy.filters.http.cors}\n    patch:\n      operation: MERGE\n      value: {typed_config: {"@type": type.googleapis.com/udpa.type.v1.TypedStruct}}`;
    const r2 = renderChain(workspace(MESH, APP, EF('b', 'ns', 1, bad)), 'ns/app', 'inbound', 8080, '1.31');
    assert.match(r2.patches[0].reason, /the types differ, istiod panics/);
  });

  it('order across namespaces (TestEnvoyFilterOrderAcrossNamespaces) and root-first ties since 1.22', () => {
    const root = (p: number) => EF('root', 'istio-system', p, httpPatch('INSERT_FIRST', undefined, 'from-root'));
    const local = (p: number) => EF('local', 'ns', p, httpPatch('INSERT_FIRST', undefined, 'from-local'));
    // INSERT_FIRST: the later patch ends up first.
    assert.deepEqual(names(workspace(MESH, APP, root(-1), local(-5)), 'ns/app', 'inbound', 8080).slice(0, 2), [
      'from-root',
      'from-local',
    ]);
    assert.deepEqual(names(workspace(MESH, APP, root(0), local(0)), 'ns/app', 'inbound', 8080, '1.22').slice(0, 2), [
      'from-local',
      'from-root',
    ]);
    // Before 1.22 every root-namespace EnvoyFilter came first, whatever the priorities (commit 5a82b8899d5, #49681,
    // which made the list one by priority in 1.22): the root one is applied first, so the local INSERT_FIRST wins.
    assert.deepEqual(names(workspace(MESH, APP, root(-1), local(-5)), 'ns/app', 'inbound', 8080, '1.20').slice(0, 2), [
      'from-local',
      'from-root',
    ]);
    assert.deepEqual(names(workspace(MESH, APP, root(5), local(-5)), 'ns/app', 'inbound', 8080, '1.20').slice(0, 2), [
      'from-local',
      'from-root',
    ]);
    assert.deepEqual(names(workspace(MESH, APP, root(5), local(-5)), 'ns/app', 'inbound', 8080, '1.22').slice(0, 2), [
      'from-root',
      'from-local',
    ]);
  });

  it('a NETWORK_FILTER patch on the inbound chain', () => {
    const net = `  - applyTo: NETWORK_FILTER\n    match:\n      listener:\n        filterChain:\n          filter: {name: envoy.filters.network.http_connection_manager}\n    patch:\n      operation: INSERT_BEFORE\n      value: {name: my.network, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.network.local_ratelimit.v3.LocalRateLimit}}`;
    const r = renderChain(workspace(MESH, APP, EF('n', 'ns', 1, net)), 'ns/app', 'inbound', 8080, '1.31');
    assert.deepEqual(
      r.networkFilters.map((f) => f.name),
      ['istio.metadata_exchange', 'my.network', 'envoy.filters.network.http_connection_manager'],
    );
  });
});

describe('effective telemetry (golden, model/telemetry.go)', () => {
  const T = (name: string, ns: string, body: string) =>
    `apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${body}`;
  it('mesh, namespace and workload levels stack; disabling SERVER metrics drops inbound istio.stats only', () => {
    const ws = workspace(
      MESH,
      APP,
      T('mesh', 'istio-system', '  tracing: [{randomSamplingPercentage: 5}]'),
      T(
        'ns-wide',
        'ns',
        '  metrics:\n  - overrides:\n    - match: {metric: REQUEST_COUNT}\n      tagOverrides: {team: {value: "\'a\'"}}',
      ),
      T(
        'workload',
        'ns',
        '  selector: {matchLabels: {app: app}}\n  metrics:\n  - overrides:\n    - match: {mode: SERVER}\n      disabled: true',
      ),
    );
    const t = workloadTelemetry(ws, 'ns/app', '1.31');
    assert.deepEqual(
      t.applied.map((a) => `${a.level}:${a.origin.name}`),
      ['mesh:mesh', 'namespace:ns-wide', 'workload:workload'],
    );
    assert.equal(t.metrics[0].modes.SERVER.disabled?.source?.name, 'workload');
    assert.equal(
      t.metrics[0].modes.CLIENT.overrides.find((o) => o.metric === 'REQUEST_COUNT')?.tags.team.source?.name,
      'ns-wide',
    );
    assert.equal(t.tracing.SERVER.randomSamplingPercentage?.value, 5);
    assert.ok(!names(ws, 'ns/app', 'inbound', 8080).includes('istio.stats'));
    assert.ok(names(ws, 'ns/app', 'outbound', 9080).includes('istio.stats'));
  });

  it('only the oldest namespace-wide Telemetry applies', () => {
    const ws = workspace(
      MESH,
      APP,
      T('b-newer', 'ns', '  tracing: [{randomSamplingPercentage: 1}]'),
      T('a-older', 'ns', '  tracing: [{randomSamplingPercentage: 2}]'),
    );
    const t = workloadTelemetry(ws, 'ns/app', '1.31');
    assert.deepEqual(
      t.applied.map((a) => a.origin.name),
      ['a-older'],
    );
    assert.deepEqual(
      t.ignored.map((i) => i.origin.name),
      ['b-newer'],
    );
  });
});

describe('chain fidelity (issue: trust)', () => {
  const customPolicy = (name: string, provider: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ${name}, namespace: ns}
spec:
  action: CUSTOM
  provider: {name: ${provider}}
  rules: [{to: [{operation: {paths: ["/${name}"]}}]}]`;
  const meshWith = (...providers: string[]) =>
    `${MESH}\n    extensionProviders:\n${providers.map((p) => `    - ${p}`).join('\n')}`;
  const DEFAULT_PROVIDER =
    'name: default\n      envoyExtAuthzGrpc: {service: extauthz.ns.svc.cluster.local, port: 9000}';
  const authz = (ws: Workspace, v = '1.31') =>
    renderChain(ws, 'ns/app', 'inbound', 8080, v).httpFilters.filter(
      (f) => f.name.includes('authz') || f.name.includes('rbac'),
    );

  it('CUSTOM with a provider istiod resolves: rbac (shadow rules) then ext_authz', () => {
    const filters = authz(
      workspace(meshWith(DEFAULT_PROVIDER), APP, EXTAUTHZ_SERVICE, customPolicy('httpbin-1', 'default')),
    );
    assert.deepEqual(
      filters.map((f) => f.name),
      ['envoy.filters.http.rbac', 'envoy.filters.http.ext_authz'],
    );
  });

  it('CUSTOM with a provider not in extensionProviders: one DENY rbac filter, no ext_authz (builder custom-bad-*)', () => {
    const filters = authz(workspace(MESH, APP, EXTAUTHZ_SERVICE, customPolicy('httpbin-1', 'default')));
    assert.deepEqual(
      filters.map((f) => f.name),
      ['envoy.filters.http.rbac'],
    );
    assert.match(
      filters[0].reason!,
      /^deny due to bad CUSTOM action: provider "default" is not an envoyExtAuthzHttp\/envoyExtAuthzGrpc provider/,
    );
  });

  it('CUSTOM whose provider service is not in the registry, or has no valid port: deny', () => {
    const noService = authz(workspace(meshWith(DEFAULT_PROVIDER), APP, customPolicy('httpbin-1', 'default')));
    assert.deepEqual(
      noService.map((f) => f.name),
      ['envoy.filters.http.rbac'],
    );
    assert.match(noService[0].reason!, /could not find service extauthz\.ns\.svc\.cluster\.local/);
    const badPort = authz(
      workspace(
        meshWith('name: default\n      envoyExtAuthzHttp: {service: extauthz.ns.svc.cluster.local, port: 999999}'),
        APP,
        EXTAUTHZ_SERVICE,
        customPolicy('httpbin-1', 'default'),
      ),
    );
    assert.match(badPort[0].reason!, /port number 999999 must be in the range 1\.\.65535/);
  });

  it('two CUSTOM providers without PILOT_ENABLE_MULTIPLE_CUSTOM_AUTHZ_PROVIDERS: a deny filter per provider from 1.30, one before', () => {
    // custom-bad-multiple-providers-in.yaml: providers default and another; out1 is "another", out2 "default".
    const ws = workspace(
      meshWith(DEFAULT_PROVIDER),
      APP,
      EXTAUTHZ_SERVICE,
      customPolicy('httpbin-1', 'default'),
      customPolicy('httpbin-2', 'another'),
    );
    const now = authz(ws, '1.31');
    assert.deepEqual(
      now.map((f) => f.name),
      ['envoy.filters.http.rbac', 'envoy.filters.http.rbac'],
    );
    assert.match(now[0].reason!, /; provider another;/);
    assert.match(now[1].reason!, /; provider default;/);
    assert.deepEqual(
      authz(ws, '1.29').map((f) => f.name),
      ['envoy.filters.http.rbac'],
    );
  });

  it('MERGE skips Wasm filters served through ECDS (they have no typed_config in the listener)', () => {
    const wasm = `apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata: {name: w, namespace: ns}\nspec:\n  url: oci://a/b\n  selector: {matchLabels: {app: app}}`;
    const name = 'extensions.istio.io/trafficextension/ns.w~istio-translated-wasmplugin';
    const merge = `  - applyTo: HTTP_FILTER\n    match:\n      listener:\n        filterChain:\n          filter:\n            name: envoy.filters.network.http_connection_manager\n            subFilter: {name: "${name}"}\n    patch:\n      operation: MERGE\n      value: {name: renamed}`;
    const r = renderChain(workspace(MESH, APP, wasm, EF('m', 'ns', 1, merge)), 'ns/app', 'inbound', 8080, '1.31');
    assert.ok(r.httpFilters.some((f) => f.name === name) && !r.httpFilters.some((f) => f.name === 'renamed'));
    assert.equal(r.patches[0].applied, false);
    assert.match(r.patches[0].reason, /has no typed_config \(served through ECDS\), so MERGE skips it/);
  });

  it('near misses: EnvoyFilters of the namespace, the root namespace and istio-system that do not select the workload', () => {
    const meshRoot = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n  mesh: |\n    rootNamespace: mesh-root`;
    const selector = (labels: string) =>
      EF('sel', 'ns', 1, httpPatch('INSERT_FIRST', undefined, 'x')).replace(
        'spec:\n',
        `spec:\n  workloadSelector: {labels: {${labels}}}\n`,
      );
    const refs = EF('refs', 'ns', 1, httpPatch('INSERT_FIRST', undefined, 'y')).replace(
      'spec:\n',
      'spec:\n  targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: gw}]\n',
    );
    const inIstioSystem = EF('legacy-root', 'istio-system', 1, httpPatch('INSERT_FIRST', undefined, 'z'));
    const elsewhere = EF('elsewhere', 'other', 1, httpPatch('INSERT_FIRST', undefined, 'w'));
    const r = renderChain(
      workspace(meshRoot, APP, selector('app: web, version: v2'), refs, inIstioSystem, elsewhere),
      'ns/app',
      'inbound',
      8080,
      '1.31',
    );
    const missed = Object.fromEntries(r.patches.map((p) => [p.envoyFilter, [p.applied, p.selected, p.reason]]));
    assert.deepEqual(Object.keys(missed).sort(), ['istio-system/legacy-root', 'ns/refs', 'ns/sel']);
    assert.deepEqual(missed['ns/sel'], [
      false,
      false,
      'not selected: workloadSelector labels app=web (the workload has app=app), version=v2 (the workload has no version label) do not match',
    ]);
    assert.match(String(missed['ns/refs'][2]), /targetRefs attach only to Gateway API gateways and waypoints/);
    assert.match(
      String(missed['istio-system/legacy-root'][2]),
      /only in ns and mesh-root \(the root namespace is mesh-root\), not in istio-system/,
    );
  });

  it('equal priority and namespace: creation time first, then name (sortEnvoyFilters)', () => {
    const at = (name: string, created: string) =>
      EF(name, 'ns', 0, httpPatch('INSERT_FIRST', undefined, `from-${name}`)).replace(
        `name: ${name}, namespace: ns}`,
        `name: ${name}, namespace: ns, creationTimestamp: "${created}"}`,
      );
    // INSERT_FIRST: the later patch ends up first, so the first filter shows which EnvoyFilter istiod applied last.
    assert.deepEqual(
      names(
        workspace(MESH, APP, at('a', '2024-01-02T00:00:00Z'), at('b', '2024-01-01T00:00:00Z')),
        'ns/app',
        'inbound',
        8080,
      ).slice(0, 2),
      ['from-a', 'from-b'],
    );
    assert.deepEqual(
      names(
        workspace(MESH, APP, at('b', '2024-01-01T00:00:00Z'), at('a', '2024-01-01T00:00:00Z')),
        'ns/app',
        'inbound',
        8080,
      ).slice(0, 2),
      ['from-b', 'from-a'],
    );
  });

  it('INSERT_AFTER a named filter, and a selector with several labels or an empty label map', () => {
    const after = EF('after', 'ns', 1, httpPatch('INSERT_AFTER', 'envoy.filters.http.fault', 'after-fault'));
    const seq = names(workspace(MESH, APP, after), 'ns/app', 'inbound', 8080);
    assert.equal(seq[seq.indexOf('envoy.filters.http.fault') + 1], 'after-fault');
    const labelled = (labels: string) => after.replace('spec:\n', `spec:\n  workloadSelector: {labels: ${labels}}\n`);
    const app2 = APP.replace('{app: app}', '{app: app, tier: web}');
    assert.ok(
      names(workspace(MESH, app2, labelled('{app: app, tier: web}')), 'ns/app', 'inbound', 8080).includes(
        'after-fault',
      ),
    );
    assert.ok(
      !names(workspace(MESH, app2, labelled('{app: app, tier: db}')), 'ns/app', 'inbound', 8080).includes(
        'after-fault',
      ),
    );
    assert.ok(names(workspace(MESH, app2, labelled('{}')), 'ns/app', 'inbound', 8080).includes('after-fault'));
  });
});

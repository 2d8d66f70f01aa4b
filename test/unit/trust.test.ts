// Behaviours users see on real repositories: what is noise, what is a false alarm, what must not be missed. Expected
// values come from istiod's and Envoy's sources and tests (cited per case), not from Meshlens's output.
import { strict as assert } from 'node:assert';
import { analyzeFile, Workspace, fileFindings, LineIndex } from '../../server/src/core';
import { analyzeLua } from '../../server/src/core/lua/analyzeLua';
import { analyze, yaml } from '../helpers/analyze';

const ef = (...spec: string[]) =>
  yaml(
    'apiVersion: networking.istio.io/v1alpha3',
    'kind: EnvoyFilter',
    'metadata:',
    '  name: f',
    '  namespace: ns',
    'spec:',
    ...spec,
  );
const HCM = '            name: envoy.filters.network.http_connection_manager';
/** One HTTP_FILTER patch; `sub` is the subFilter name (none when undefined). */
const httpPatch = (op: string, sub?: string, name = 'my.lua', context = 'SIDECAR_INBOUND') => [
  '  - applyTo: HTTP_FILTER',
  '    match:',
  `      context: ${context}`,
  '      listener:',
  '        filterChain:',
  '          filter:',
  HCM,
  ...(sub ? [`            subFilter: {name: ${sub}}`] : []),
  '    patch:',
  `      operation: ${op}`,
  `      value: {name: ${name}, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua, inline_code: "function envoy_on_request(h) end"}}`,
];
/** An EnvoyFilter inserting an inline Wasm filter whose `vm_config` has these lines (under `config:`). */
const inlineWasm = (...vmConfig: string[]) =>
  ef(
    '  priority: 1',
    '  configPatches:',
    '  - applyTo: HTTP_FILTER',
    '    match: {context: SIDECAR_INBOUND}',
    '    patch:',
    '      operation: INSERT_FIRST',
    '      value:',
    '        name: my-wasm',
    '        typed_config:',
    '          "@type": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm',
    '          config:',
    ...vmConfig,
  );
const found = (text: string, code: string, v = '1.31') => analyze(text, v, ['ML0320']).filter((f) => f.code === code);

describe('noise', () => {
  it("ML0320, istiod's warning on every EnvoyFilter, is information", () => {
    const f = found(
      ef('  priority: 1', '  configPatches:', ...httpPatch('INSERT_BEFORE', 'envoy.filters.http.router')),
      'ML0320',
    );
    assert.deepEqual(
      f.map((x) => x.severity),
      ['info'],
    );
  });

  it('IST0151 is information when the order of EnvoyFilters cannot change the outcome, and says why', () => {
    const router = found(ef('  configPatches:', ...httpPatch('INSERT_BEFORE', 'envoy.filters.http.router')), 'IST0151');
    assert.equal(router[0].severity, 'info');
    assert.match(
      router[0].message,
      /envoy\.filters\.http\.router is a filter istiod itself generates \(SIDECAR_INBOUND\)/,
    );
    // istio.alpn exists on outbound and gateway chains only: on an inbound patch it is not istiod's.
    assert.equal(
      found(ef('  configPatches:', ...httpPatch('INSERT_BEFORE', 'istio.alpn')), 'IST0151')[0].severity,
      'warning',
    );
    assert.equal(
      found(ef('  configPatches:', ...httpPatch('INSERT_BEFORE', 'istio.alpn', 'x', 'SIDECAR_OUTBOUND')), 'IST0151')[0]
        .severity,
      'info',
    );
    const sameFilter = found(
      ef(
        '  configPatches:',
        ...httpPatch('INSERT_FIRST', undefined, 'mine'),
        ...httpPatch('INSERT_AFTER', 'mine', 'second'),
      ),
      'IST0151',
    );
    assert.deepEqual(
      sameFilter.map((x) => x.severity),
      ['info'],
    );
    assert.match(sameFilter[0].message, /mine is added by patch 0 of this same EnvoyFilter/);
    const noSub = found(ef('  configPatches:', ...httpPatch('INSERT_BEFORE', undefined)), 'IST0151');
    assert.match(noSub[0].message, /with no subFilter match istiod inserts the filter first/);
    assert.equal(noSub[0].severity, 'info');
  });

  it('IST0151 stays a warning where another EnvoyFilter, a WasmPlugin or a TrafficExtension adds the anchor', () => {
    const other = found(ef('  configPatches:', ...httpPatch('INSERT_AFTER', 'acme.authn')), 'IST0151');
    assert.equal(other[0].severity, 'warning');
    assert.match(other[0].message, /anchored on acme\.authn, which istiod does not generate/);
    const wasm = found(
      ef('  configPatches:', ...httpPatch('INSERT_BEFORE', 'extensions.istio.io/wasmplugin/ns.auth')),
      'IST0151',
    );
    assert.equal(wasm[0].severity, 'warning');
    assert.match(wasm[0].message, /a WasmPlugin or TrafficExtension filter/);
    // A deprecated anchor name matches nothing istiod generates: ML0325 says so, and the order is moot.
    const deprecated = found(ef('  configPatches:', ...httpPatch('INSERT_BEFORE', 'envoy.router')), 'IST0151');
    assert.equal(deprecated[0].severity, 'info');
    assert.match(deprecated[0].message, /envoy\.router is a deprecated name .*\(it names envoy\.filters\.http\.router/);
    // A priority silences it, as in istioctl.
    assert.deepEqual(
      found(ef('  priority: 5', '  configPatches:', ...httpPatch('INSERT_AFTER', 'acme.authn')), 'IST0151'),
      [],
    );
  });
});

describe('false alarms', () => {
  const deployment = (name: string, ns: string, labels: string) =>
    yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      `metadata: {name: ${name}, namespace: ${ns}}`,
      'spec:',
      '  template:',
      `    metadata: {labels: {${labels}}}`,
      '    spec: {containers: [{name: c}]}',
    );
  const check = (files: Record<string, string>) => {
    const ws = new Workspace();
    for (const [uri, text] of Object.entries(files)) ws.setFile(uri, analyzeFile(text, { istioVersion: '1.31' }));
    return Object.keys(files).flatMap((uri) =>
      fileFindings(ws, uri)
        .filter((f) => f.code !== 'ML0320')
        .map((f) => ({ uri, ...f, text: files[uri].slice(f.start, f.end) })),
    );
  };
  const gatewayFilter = yaml(
    'apiVersion: networking.istio.io/v1alpha3',
    'kind: EnvoyFilter',
    'metadata: {name: gw, namespace: istio-system}',
    'spec:',
    '  workloadSelector:',
    '    labels: {istio: ingressgateway}',
    '  configPatches:',
    ...httpPatch('INSERT_BEFORE', 'envoy.filters.http.router', 'x', 'GATEWAY'),
  );

  it('a gateway EnvoyFilter beside app Deployments: no finding, the gateway is installed by Istio', () => {
    const r = check({ 'gw.yaml': gatewayFilter, 'app.yaml': deployment('web', 'shop', 'app: web') });
    assert.deepEqual(
      r.filter((f) => f.code === 'IST0101' || f.code === 'ML0802'),
      [],
    );
  });

  it('EnvoyFilter, WasmPlugin and TrafficExtension selectors that match nothing: ML0802 warning, never IST0101', () => {
    const r = check({ 'gw.yaml': gatewayFilter, 'istio.yaml': deployment('istiod', 'istio-system', 'app: istiod') });
    assert.deepEqual(
      r.filter((f) => f.code === 'ML0802' || f.code === 'IST0101').map((f) => [f.code, f.severity, f.text]),
      [['ML0802', 'warning', 'workloadSelector']],
    );
    const wasm = yaml(
      'apiVersion: extensions.istio.io/v1alpha1',
      'kind: WasmPlugin',
      'metadata: {name: w, namespace: shop}',
      'spec:',
      '  url: oci://a/b',
      '  selector: {matchLabels: {app: gone}}',
    );
    assert.deepEqual(
      check({ 'w.yaml': wasm, 'app.yaml': deployment('web', 'shop', 'app: web') }).map((f) => f.code),
      ['ML0802'],
    );
    const telemetry = yaml(
      'apiVersion: telemetry.istio.io/v1',
      'kind: Telemetry',
      'metadata: {name: t, namespace: shop}',
      'spec:',
      '  selector: {matchLabels: {app: gone}}',
      '  tracing: [{randomSamplingPercentage: 1}]',
    );
    assert.deepEqual(
      check({ 't.yaml': telemetry, 'app.yaml': deployment('web', 'shop', 'app: web') }).map((f) => [
        f.code,
        f.severity,
      ]),
      [['IST0101', 'error']],
    );
  });

  it('IST0166: skipped for a resource attached by targetRef (analyzer test k8sgateway-selector, telemetry-effective)', () => {
    const gatewayPod = deployment('edge-istio', 'gw', 'gateway.networking.k8s.io/gateway-name: edge');
    const selectorOnly = yaml(
      'apiVersion: telemetry.istio.io/v1',
      'kind: Telemetry',
      'metadata: {name: t, namespace: gw}',
      'spec:',
      '  selector: {matchLabels: {gateway.networking.k8s.io/gateway-name: edge}}',
      '  tracing: [{randomSamplingPercentage: 1}]',
    );
    assert.deepEqual(
      check({ 't.yaml': selectorOnly, 'g.yaml': gatewayPod }).map((f) => f.code),
      ['IST0166'],
    );
    const withRef = selectorOnly.replace(
      'spec:\n',
      'spec:\n  targetRef: {kind: Gateway, group: gateway.networking.k8s.io, name: edge}\n',
    );
    assert.ok(!check({ 't.yaml': withRef, 'g.yaml': gatewayPod }).some((f) => f.code === 'IST0166'));
  });

  it('Lua: table constructor keys, self in methods and callbacks defined by assignment', () => {
    const codes = (code: string) =>
      analyzeLua(code, '1.31').findings.map((f) => `${f.code} ${code.slice(f.start, f.end)}`);
    assert.deepEqual(
      codes(
        'function envoy_on_request(h)\n  local opts = {timeout_ms = 200, x = 1}\n  h:httpCall("c", {[":method"] = "GET"}, "", opts.timeout_ms)\nend',
      ),
      [],
    );
    assert.deepEqual(
      codes('local M = {}\nfunction M:f() return self.x end\nfunction envoy_on_request(h) M:f() end'),
      [],
    );
    // The assigned callback gets the stream handle: its methods are checked.
    assert.deepEqual(codes('envoy_on_request = function(h)\n  h:headers():add("x", "1")\n  h:headerz()\nend'), [
      'ML0903 headerz',
    ]);
    assert.deepEqual(codes('envoy_on_response = function(h) h:respond({}, "") end'), ['ML0906 respond']);
  });

  it('TypedStruct: a Duration object is accepted, an unknown enum name is dropped, not rejected', () => {
    const ts = (body: string[]) =>
      ef(
        '  priority: 1',
        '  configPatches:',
        '  - applyTo: HTTP_FILTER',
        '    match: {context: SIDECAR_INBOUND}',
        '    patch:',
        '      operation: INSERT_FIRST',
        '      value:',
        '        name: envoy.filters.http.ext_authz',
        '        typed_config:',
        '          "@type": type.googleapis.com/udpa.type.v1.TypedStruct',
        '          type_url: type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz',
        '          value:',
        ...body,
      );
    const envoyFindings = (text: string) => analyze(text).filter((f) => f.code.startsWith('ML06'));
    assert.deepEqual(
      envoyFindings(ts(['            grpc_service: {envoy_grpc: {cluster_name: c}, timeout: {seconds: 10}}'])),
      [],
    );
    const enumName = envoyFindings(
      ts(['            grpc_service: {envoy_grpc: {cluster_name: c}}', '            transport_api_version: V9']),
    );
    assert.equal(enumName.length, 1);
    assert.doesNotMatch(enumName[0].message, /reject/);
    assert.match(enumName[0].message, /Envoy drops it with a warning in its log/);
    const unknown = envoyFindings(
      ts(['            grpc_service: {envoy_grpc: {cluster_name: c}}', '            not_a_field: 1']),
    );
    assert.equal(unknown[0].code, 'ML0605');
    assert.doesNotMatch(unknown[0].message, /reject/);
    // A wrong type is rejected by Envoy's JSON parser: that stays "Envoy will reject".
    assert.match(
      envoyFindings(
        ts(['            grpc_service: {envoy_grpc: {cluster_name: c}}', '            failure_mode_allow: [1]']),
      )[0].message,
      /Envoy will reject/,
    );
  });

  it('remote Wasm code: fine in an EXTENSION_CONFIG patch (the agent fetches it), needs a cluster inline', () => {
    const code = [
      '              code:',
      '                remote:',
      '                  http_uri: {uri: "https://example.com/f.wasm", timeout: 10s}',
      '                  sha256: ""',
    ];
    const extension = ef(
      '  configPatches:',
      '  - applyTo: EXTENSION_CONFIG',
      '    patch:',
      '      operation: ADD',
      '      value:',
      '        name: my-wasm',
      '        typed_config:',
      '          "@type": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm',
      '          config:',
      '            vm_config:',
      '              runtime: envoy.wasm.runtime.v8',
      ...code,
    );
    assert.deepEqual(
      analyze(extension).filter((f) => f.code === 'ML0607'),
      [],
    );
    const inline = inlineWasm('            vm_config:', '              runtime: envoy.wasm.runtime.v8', ...code);
    assert.match(
      analyze(inline)
        .filter((f) => f.code === 'ML0607')
        .map((f) => f.message)
        .join(),
      /cluster/,
    );
  });
});

describe('silent misses', () => {
  it('ML0327: HTTP_FILTER ADD, INSERT_AFTER without subFilter, INSERT_AFTER the router land after the router', () => {
    for (const patch of [
      httpPatch('ADD'),
      httpPatch('ADD', 'envoy.filters.http.cors'),
      httpPatch('INSERT_AFTER'),
      httpPatch('INSERT_AFTER', 'envoy.filters.http.router'),
    ]) {
      const f = found(ef('  priority: 1', '  configPatches:', ...patch), 'ML0327');
      assert.deepEqual(
        f.map((x) => [x.severity, x.text]),
        [['error', patch.find((l) => l.includes('operation:'))!.split(': ')[1]]],
      );
      assert.match(
        f[0].message,
        /terminal filter named envoy\.filters\.http\.router .* must be the last filter in a http filter chain/,
      );
    }
    assert.deepEqual(
      found(ef('  priority: 1', '  configPatches:', ...httpPatch('INSERT_AFTER', 'envoy.filters.http.cors')), 'ML0327'),
      [],
    );
    assert.deepEqual(
      found(
        ef('  priority: 1', '  configPatches:', ...httpPatch('INSERT_BEFORE', 'envoy.filters.http.router')),
        'ML0327',
      ),
      [],
    );
    // Removing the router in the same EnvoyFilter: something else may end the chain.
    assert.deepEqual(
      found(
        ef(
          '  priority: 1',
          '  configPatches:',
          ...httpPatch('REMOVE', 'envoy.filters.http.router'),
          ...httpPatch('ADD'),
        ),
        'ML0327',
      ),
      [],
    );
  });

  it('ML0328: REPLACE without subFilter, and HTTP filters looked for in tcp_proxy', () => {
    const replace = found(ef('  priority: 1', '  configPatches:', ...httpPatch('REPLACE')), 'ML0328');
    assert.deepEqual(
      replace.map((f) => [f.severity, f.text]),
      [['warning', 'REPLACE']],
    );
    const tcp = ef(
      '  priority: 1',
      '  configPatches:',
      ...httpPatch('INSERT_FIRST').map((l) =>
        l.replace('envoy.filters.network.http_connection_manager', 'envoy.filters.network.tcp_proxy'),
      ),
    );
    assert.deepEqual(
      found(tcp, 'ML0328').map((f) => f.text),
      ['envoy.filters.network.tcp_proxy'],
    );
  });

  it('ML0607: a Wasm filter whose vm_config has no code', () => {
    const text = inlineWasm('            vm_config: {runtime: envoy.wasm.runtime.v8}');
    assert.deepEqual(
      found(text, 'ML0607').map((f) => f.text),
      ['vm_config'],
    );
  });

  it("ML0908: require of a module Envoy's LuaJIT does not have", () => {
    const codes = (code: string) =>
      analyzeLua(code, '1.31').findings.map((f) => `${f.code} ${code.slice(f.start, f.end)}`);
    assert.deepEqual(
      codes(
        'local json = require("cjson")\nlocal b = require "bit"\nfunction envoy_on_request(h) h:logInfo(json.encode({}) .. b.tohex(1)) end',
      ),
      ['ML0908 "cjson"'],
    );
    assert.deepEqual(
      codes(
        'local ffi = require("ffi")\nlocal buf = require("string.buffer")\nfunction envoy_on_request(h) h:logInfo(tostring(ffi) .. tostring(buf)) end',
      ),
      [],
    );
  });

  it("Lua API versions from Envoy's changelogs; downstreamRequestHeaders is no method", () => {
    const codes = (code: string, v: string) =>
      analyzeLua(code, v).findings.map((f) => `${f.code} ${code.slice(f.start, f.end)}`);
    const routeName = 'function envoy_on_request(h) h:logInfo(h:streamInfo():routeName()) end';
    assert.deepEqual(codes(routeName, '1.24'), ['ML0907 routeName']); // Envoy 1.33 (changelogs/1.33.0.yaml)
    assert.deepEqual(codes(routeName, '1.26'), []);
    assert.deepEqual(codes('function envoy_on_request(h) h:connectionStreamInfo() end', '1.20'), [
      'ML0907 connectionStreamInfo',
    ]); // Envoy 1.30
    assert.deepEqual(codes('function envoy_on_request(h) h:connectionStreamInfo() end', '1.22'), []);
    assert.deepEqual(codes('function envoy_on_request(h) h:clearRouteCache() end', '1.24'), ['ML0907 clearRouteCache']); // Envoy 1.34
    assert.deepEqual(codes('function envoy_on_request(h) h:filterContext() end', '1.26'), ['ML0907 filterContext']); // Envoy 1.35
    assert.deepEqual(
      codes('function envoy_on_request(h) h:downstreamRequestHeaders() end', '1.31').map((c) => c.split(' ')[0]),
      ['ML0903'],
    );
  });

  it('ML0315: access log filters that do not parse as CEL, marked where the parser stopped', () => {
    const telemetry = (expr: string) =>
      yaml(
        'apiVersion: telemetry.istio.io/v1',
        'kind: Telemetry',
        'metadata: {name: t, namespace: ns}',
        'spec:',
        '  accessLogging:',
        '  - providers: [{name: envoy}]',
        '    filter:',
        `      expression: ${expr}`,
      );
    const at = (expr: string) => {
      const text = telemetry(expr);
      const f = analyzeFile(text, { istioVersion: '1.31' }).findings.filter((x) => x.code === 'ML0315');
      return f.map((x) => ({
        severity: x.severity,
        column: new LineIndex(text).positionAt(x.start).character - '      expression: '.length,
        message: x.message,
      }));
    };
    assert.deepEqual(at(`"response.code >= 400"`), []);
    assert.deepEqual(at(`"request.headers['x-b3'].matches('^[0-9a-f]+$') && has(request.headers.foo)"`), []);
    // As the YAML is written: `expression: ')++++'` is the expression )++++.
    const plus = at(`')++++'`);
    assert.equal(plus.length, 1);
    assert.equal(plus[0].severity, 'error');
    assert.match(plus[0].message, /^must be a valid CEL expression/);
    const bracket = at(`"request.headers['x-foo'"`);
    assert.equal(bracket.length, 1);
    assert.equal(bracket[0].column, 24); // at the end of the input, where the ] is missing, as cel-go reports it
    assert.match(bracket[0].message, /at 1:24 of the expression/);
    assert.equal(plus[0].column, 1);
    // Accepted by a lenient parser, rejected by cel-go: a bad escape.
    assert.equal(at(`'"\\q" == "a"'`).length, 1);
  });

  it("tagOverrides with an empty tag name: istiod's warning", () => {
    const text = yaml(
      'apiVersion: telemetry.istio.io/v1',
      'kind: Telemetry',
      'metadata: {name: t, namespace: ns}',
      'spec:',
      '  metrics:',
      '  - overrides:',
      '    - tagOverrides:',
      '        "": {value: "1"}',
    );
    assert.deepEqual(
      analyze(text)
        .filter((f) => f.code === 'ML0316')
        .map((f) => [f.severity, f.message]),
      [['warning', 'tagOverrides.name may not be empty']],
    );
  });
});

describe('tests that bite', () => {
  it('ML0323: a filter match on LISTENER or FILTER_CHAIN has no effect', () => {
    const text = ef(
      '  priority: 1',
      '  configPatches:',
      '  - applyTo: FILTER_CHAIN',
      '    match:',
      '      listener:',
      '        filterChain:',
      '          filter: {name: envoy.filters.network.tcp_proxy}',
      '    patch: {operation: MERGE, value: {}}',
    );
    assert.deepEqual(
      found(text, 'ML0323').map((f) => [f.severity, f.text]),
      [['warning', 'filter']],
    );
    assert.deepEqual(found(text.replace('FILTER_CHAIN', 'NETWORK_FILTER'), 'ML0323'), []);
  });

  it('ML0321: proxyVersion is RE2: lookaround and backreferences are rejected, plain regexes pass', () => {
    const pv = (re: string) =>
      found(
        ef(
          '  priority: 1',
          '  configPatches:',
          '  - applyTo: CLUSTER',
          '    match:',
          `      proxy: {proxyVersion: '${re}'}`,
          '    patch: {operation: MERGE, value: {}}',
        ),
        'ML0321',
      ).map((f) => f.severity);
    assert.deepEqual(pv('^1\\.2[0-9].*'), []);
    assert.deepEqual(pv('^1\\.(?!19)'), ['error']);
    assert.deepEqual(pv('^(1)\\.\\1'), ['error']);
    assert.deepEqual(pv('^1\\.(?<=1)'), ['error']);
    assert.deepEqual(pv('x'.repeat(1025)), ['warning']);
  });
});

describe('the test runner', () => {
  // Runs from out/test/unit: the project root is three levels up.
  const root = require('node:path').join(__dirname, '..', '..', '..');
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  it('exits 2 on an unknown layer name', () => {
    const r = spawnSync(process.execPath, ['scripts/test.mjs', 'unitt'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown test layer unitt/);
  });
  it('fails a suite with a stray .only (forbidOnly)', () => {
    const { mkdtempSync, writeFileSync, mkdirSync } = require('node:fs') as typeof import('node:fs');
    const { join, relative } = require('node:path') as typeof import('node:path');
    const dir = mkdtempSync(join(require('node:os').tmpdir(), 'meshlens-only-'));
    mkdirSync(join(dir, 'suite'));
    writeFileSync(join(dir, 'suite', 'a.test.js'), "it.only('x', () => {}); it('y', () => {});\n");
    const r = spawnSync(
      process.execPath,
      ['scripts/run-mocha.mjs', relative(join(root, 'out', 'test'), join(dir, 'suite'))],
      { cwd: root, encoding: 'utf8' },
    );
    assert.notEqual(r.status, 0);
    assert.match(r.stdout + r.stderr, /forbid|\.only/i);
  });
});

describe('one check registry', () => {
  const { CHECKS, PASS_CODES } = require('../../server/src/core/checks/registry');
  const { WORKSPACE_CHECKS } = require('../../server/src/core/workspaceChecks/registry');
  const { allCodes } = require('../../server/src/core');
  it('every code of the catalogue has an owner, and every declared code is in the catalogue', () => {
    const declared = new Set<string>(
      [...CHECKS, ...WORKSPACE_CHECKS]
        .flatMap((c: { codes: string[] }) => c.codes)
        .concat(Object.values(PASS_CODES).flat() as string[]),
    );
    const catalogue = allCodes().map((c: { code: string }) => c.code);
    assert.deepEqual(
      catalogue.filter((c: string) => !declared.has(c)),
      [],
    );
    assert.deepEqual(
      [...declared].filter((c) => !catalogue.includes(c)),
      [],
    );
  });
  it('a check that reports a code it does not declare shows an internal error instead', () => {
    const original = CHECKS[0].codes;
    CHECKS[0].codes = [];
    try {
      const text = yaml(
        'apiVersion: extensions.istio.io/v1alpha1',
        'kind: WasmPlugin',
        'metadata: {name: w, namespace: ns}',
        'spec:',
        '  url: oci://a/b',
        '  selector: {matchLabels: {app: a}}',
        '  targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: g}]',
      );
      const f = analyze(text).filter((x) => x.code === 'ML0208');
      assert.match(f[0].message, /reported ML0301, which it does not declare/);
    } finally {
      CHECKS[0].codes = original;
    }
  });
});

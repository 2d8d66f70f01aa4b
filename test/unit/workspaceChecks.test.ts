import { strict as assert } from 'node:assert';
import { analyzeFile, Workspace, fileFindings, parseMeshConfigFile, LineIndex } from '../../server/src/core';
import { yaml } from '../helpers/analyze';

function check(files: Record<string, string>, meshConfig?: string) {
  const ws = new Workspace();
  if (meshConfig) ws.meshConfigOverride = parseMeshConfigFile(meshConfig, 'mesh.yaml');
  for (const [uri, text] of Object.entries(files)) ws.setFile(uri, analyzeFile(text, { istioVersion: '1.31' }));
  const out: Array<{ file: string; code: string; line: number; text: string; message: string }> = [];
  for (const [uri, text] of Object.entries(files)) {
    const lines = new LineIndex(text);
    for (const f of fileFindings(ws, uri).filter((x) => x.code !== 'ML0320'))
      out.push({
        file: uri,
        code: f.code,
        line: lines.positionAt(f.start).line + 1,
        text: text.slice(f.start, f.end),
        message: f.message,
      });
  }
  return out;
}
const codesOf = (r: ReturnType<typeof check>, prefix = 'IST') =>
  r.filter((f) => f.code.startsWith(prefix)).map((f) => `${f.file}:${f.code}`);

const telemetry = (name: string, ns: string, ...spec: string[]) =>
  yaml(
    'apiVersion: telemetry.istio.io/v1',
    'kind: Telemetry',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    'spec:',
    ...(spec.length ? spec : ['  tracing:', '  - randomSamplingPercentage: 1']),
  );
const deployment = (name: string, ns: string, labels: Record<string, string>) =>
  yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    'spec:',
    '  template:',
    '    metadata:',
    '      labels:',
    ...Object.entries(labels).map(([k, v]) => `        ${k}: ${v}`),
    '    spec:',
    '      containers:',
    '      - name: c',
    '        ports:',
    '        - containerPort: 8080',
  );

describe('workspace checks (istioctl analyze parity and beyond)', () => {
  it('IST0160: two selector-less Telemetry in one namespace, across files', () => {
    const r = check({
      'a.yaml': telemetry('a', 'ns1'),
      'b.yaml': telemetry('b', 'ns1'),
      'c.yaml': telemetry('c', 'ns2'),
    });
    assert.deepEqual(codesOf(r), ['a.yaml:IST0160', 'b.yaml:IST0160']);
    assert.match(r[0].message, /a, b in namespace "ns1"/);
    assert.equal(r.find((f) => f.code === 'IST0160')!.text, 'a');
  });

  it('IST0159: two Telemetry selecting the same workload', () => {
    const sel = (app: string) => ['  selector:', '    matchLabels:', `      app: ${app}`];
    const r = check({
      't.yaml':
        telemetry('t1', 'ns', ...sel('web')) +
        '---\n' +
        telemetry('t2', 'ns', ...sel('web')) +
        '---\n' +
        telemetry('t3', 'ns', ...sel('db')),
      'd.yaml': deployment('web', 'ns', { app: 'web' }) + '---\n' + deployment('db', 'ns', { app: 'db' }),
    });
    assert.deepEqual(codesOf(r), ['t.yaml:IST0159', 't.yaml:IST0159']);
  });

  it('IST0101: a selector that matches no workload, only where the workspace has workloads', () => {
    const sel = ['  selector:', '    matchLabels:', '      app: gone'];
    const withWorkloads = check({
      't.yaml': telemetry('t', 'ns', ...sel),
      'd.yaml': deployment('web', 'ns', { app: 'web' }),
    });
    assert.deepEqual(codesOf(withWorkloads), ['t.yaml:IST0101']);
    assert.equal(withWorkloads.find((f) => f.code === 'IST0101')!.text, 'selector');
    assert.deepEqual(codesOf(check({ 't.yaml': telemetry('t', 'ns', ...sel) })), []);
    assert.deepEqual(
      codesOf(check({ 't.yaml': telemetry('t', 'ns', ...sel), 'd.yaml': deployment('web', 'other', { app: 'web' }) })),
      [],
    );
  });

  it('IST0166: a selector on a Gateway API gateway pod', () => {
    const wasm = yaml(
      'apiVersion: extensions.istio.io/v1alpha1',
      'kind: WasmPlugin',
      'metadata:',
      '  name: w',
      '  namespace: gw',
      'spec:',
      '  url: oci://a/b',
      '  selector:',
      '    matchLabels:',
      '      gateway.networking.k8s.io/gateway-name: edge',
    );
    const gateway = yaml(
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: Gateway',
      'metadata:',
      '  name: edge',
      '  namespace: gw',
      'spec:',
      '  gatewayClassName: istio',
      '  listeners:',
      '  - {name: http, port: 80, protocol: HTTP}',
    );
    assert.deepEqual(codesOf(check({ 'w.yaml': wasm, 'g.yaml': gateway })), ['w.yaml:IST0166']);
  });

  it('IST0157 and ML0701: providers against the mesh config', () => {
    const t = telemetry(
      't',
      'ns',
      '  accessLogging:',
      '  - match: {mode: CLIENT}',
      '  tracing:',
      '  - providers:',
      '    - name: zipkin-typo',
    );
    assert.deepEqual(codesOf(check({ 't.yaml': t })), ['t.yaml:IST0157']);
    const mesh =
      'defaultProviders:\n  accessLogging: [envoy]\nextensionProviders:\n- name: zipkin\n  zipkin: {service: z, port: 9411}\n';
    const r = check({ 't.yaml': t }, mesh);
    assert.deepEqual(
      r.filter((f) => f.code !== 'ML0319').map((f) => [f.code, f.text]),
      [['ML0701', 'zipkin-typo']],
    );
  });

  it('IST0002: Lightstep providers', () => {
    const mesh = 'extensionProviders:\n- name: ls\n  lightstep: {address: x:1, accessToken: t}\n';
    const t = telemetry('t', 'ns', '  tracing:', '  - providers:', '    - name: ls');
    assert.deepEqual(codesOf(check({ 't.yaml': t }, mesh)), ['t.yaml:IST0002']);
  });

  it('IST0155 replaces IST0151 for a filter another patch matches by proxyVersion', () => {
    const ef = (name: string, ...patch: string[]) =>
      yaml(
        'apiVersion: networking.istio.io/v1alpha3',
        'kind: EnvoyFilter',
        'metadata:',
        `  name: ${name}`,
        '  namespace: ns',
        'spec:',
        '  configPatches:',
        ...patch,
      );
    const versioned = ef(
      'a-versioned',
      '  - applyTo: HTTP_FILTER',
      '    match:',
      '      proxy: {proxyVersion: "^1\\\\.20.*"}',
      '    patch:',
      '      operation: ADD',
      '      value: {name: my.filter, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}',
    );
    const relative = ef(
      'b-relative',
      '  - applyTo: HTTP_FILTER',
      '    match:',
      '      listener:',
      '        filterChain:',
      '          filter:',
      '            name: envoy.filters.network.http_connection_manager',
      '            subFilter: {name: my.filter}',
      '    patch:',
      '      operation: INSERT_BEFORE',
      '      value: {name: my.filter, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}',
    );
    assert.deepEqual(codesOf(check({ 'a.yaml': versioned, 'b.yaml': relative })), ['b.yaml:IST0155']);
    assert.deepEqual(codesOf(check({ 'b.yaml': relative })), ['b.yaml:IST0151']);
  });

  it('reads the mesh config from the istio ConfigMap in the workspace', () => {
    const cm = yaml(
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: istio',
      '  namespace: istio-system',
      'data:',
      '  mesh: |',
      '    extensionProviders:',
      '    - name: otel',
      '      opentelemetry: {service: o, port: 4317}',
    );
    const t = telemetry('t', 'ns', '  tracing:', '  - providers:', '    - name: otel', '    - name: nope');
    const r = check({ 'cm.yaml': cm, 't.yaml': t });
    assert.deepEqual(
      r.filter((f) => f.code === 'ML0701').map((f) => f.text),
      ['nope'],
    );
  });
});

describe('suppression', () => {
  const bad = (...extra: string[]) =>
    yaml(
      'apiVersion: networking.istio.io/v1alpha3',
      'kind: EnvoyFilter',
      'metadata:',
      '  name: f',
      ...extra,
      'spec:',
      '  # meshlens-disable ML0320',
      '  priorty: 1',
      '  workloadSelector: {}',
    );
  it('meshlens-disable-next-line silences the listed codes on the next line only', () => {
    const text = bad().replace('  priorty: 1', '  # meshlens-disable-next-line ML0201\n  priorty: 1\n  priortee: 2');
    assert.deepEqual(
      check({ 'f.yaml': text }).map((f) => [f.code, f.text]),
      [
        ['ML0201', 'priortee'],
        ['ML0304', 'workloadSelector'],
      ],
    );
  });
  it('meshlens-disable silences a code from its line to the end of the document', () => {
    const text = bad() + '---\n' + bad();
    const r = check({ 'f.yaml': text }).map((f) => f.code);
    assert.ok(!r.includes('ML0320'));
    assert.deepEqual(r, ['ML0201', 'ML0304', 'ML0201', 'ML0304']);
  });
  it('galley.istio.io/analyze-suppress on the resource', () => {
    const text = bad('  annotations:', '    galley.istio.io/analyze-suppress: "ML0201,ML0304"');
    assert.deepEqual(
      check({ 'f.yaml': text }).map((f) => f.code),
      [],
    );
    assert.deepEqual(check({ 'f.yaml': bad('  annotations:', '    galley.istio.io/analyze-suppress: "*"') }), []);
  });
});

describe('ML0801: EnvoyFilter patches that apply nowhere', () => {
  const app = yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web, namespace: shop}',
    'spec:',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}',
  );
  const ef = (sub: string, context = 'SIDECAR_INBOUND') =>
    yaml(
      'apiVersion: networking.istio.io/v1alpha3',
      'kind: EnvoyFilter',
      'metadata: {name: f, namespace: shop}',
      'spec:',
      '  priority: 1',
      '  workloadSelector: {labels: {app: web}}',
      '  configPatches:',
      '  - applyTo: HTTP_FILTER',
      '    match:',
      `      context: ${context}`,
      '      listener:',
      '        filterChain:',
      '          filter:',
      '            name: envoy.filters.network.http_connection_manager',
      `            subFilter: {name: ${sub}}`,
      '    patch:',
      '      operation: INSERT_BEFORE',
      '      value: {name: x, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}',
    );

  it('warns on the match of a patch whose subFilter is in no chain, with the reason', () => {
    const r = check({ 'app.yaml': app, 'ef.yaml': ef('envoy.filters.http.routr') }).filter((f) => f.code === 'ML0801');
    assert.equal(r.length, 1);
    assert.equal(r[0].text, 'match');
    assert.match(
      r[0].message,
      /changes no chain of the 1 workload it selects in the workspace: subFilter envoy\.filters\.http\.routr not found in SIDECAR_INBOUND port 8080 \(shop\/web\)/,
    );
  });

  it('is quiet when the patch applies, and when its chains are not in the workspace', () => {
    assert.deepEqual(
      check({ 'app.yaml': app, 'ef.yaml': ef('envoy.filters.http.router') }).filter((f) => f.code === 'ML0801'),
      [],
    );
    // Outbound chains come from Services; with none in the workspace the outbound patch is undecided.
    assert.deepEqual(
      check({ 'app.yaml': app, 'ef.yaml': ef('envoy.filters.http.routr', 'SIDECAR_OUTBOUND') }).filter(
        (f) => f.code === 'ML0801',
      ),
      [],
    );
    // Without the selected workload nothing can be said.
    assert.deepEqual(
      check({ 'ef.yaml': ef('envoy.filters.http.routr') }).filter((f) => f.code === 'ML0801'),
      [],
    );
  });
});

describe('ML0801 on clusters, routes and listeners', () => {
  const files = (cluster: string, extra: Record<string, string> = {}) => ({
    'app.yaml': yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web, namespace: shop}',
      'spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c}]}}}',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: cart, namespace: shop}',
      'spec: {ports: [{name: http, port: 80}]}',
    ),
    'ef.yaml': yaml(
      'apiVersion: networking.istio.io/v1alpha3',
      'kind: EnvoyFilter',
      'metadata: {name: lb, namespace: shop}',
      'spec:',
      '  workloadSelector: {labels: {app: web}}',
      '  configPatches:',
      '  - applyTo: CLUSTER',
      `    match: {context: SIDECAR_OUTBOUND, cluster: ${cluster}}`,
      '    patch: {operation: MERGE, value: {lb_policy: RING_HASH}}',
    ),
    ...extra,
  });
  const ml0801 = (f: Record<string, string>) => check(f).filter((x) => x.code === 'ML0801');

  it('warns on a cluster patch whose port the service of the workspace does not have, with the reason', () => {
    const r = ml0801(files('{service: cart.shop.svc.cluster.local, portNumber: 8080}'));
    assert.equal(r.length, 1);
    assert.match(
      r[0].message,
      /changes nothing in the proxy config of the 1 workload it selects in the workspace: no cluster matches service cart\.shop\.svc\.cluster\.local, portNumber 8080 \(shop\/web\)/,
    );
  });

  it('is quiet when the cluster is there, and when the service is not one the workspace holds', () => {
    assert.deepEqual(ml0801(files('{service: cart.shop.svc.cluster.local, portNumber: 80}')), []);
    assert.deepEqual(ml0801(files('{service: payments.other.svc.cluster.local}')), []);
    assert.deepEqual(ml0801(files('{name: "outbound|443||api.example.com"}')), []);
  });
});

// The chain engine's entry points beyond the chain itself: the workload list the preview offers, "applies to N
// workloads", the errors a wrong request gets, and the assumptions a rendered chain lists.
import { strict as assert } from 'node:assert';
import {
  analyzeFile,
  Workspace,
  renderChain,
  listWorkloads,
  workloadsSelectedBy,
  workloadTelemetry,
  ChainError,
} from '../../server/src/core';

function workspace(...docs: string[]): Workspace {
  const ws = new Workspace();
  ws.setFile('ws.yaml', analyzeFile(docs.join('\n---\n'), { istioVersion: '1.31' }));
  return ws;
}
const deployment = (name: string, ns: string, labels: string, port?: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec: {template: {metadata: {labels: ${labels}}, spec: {containers: [{name: c${port ? `, ports: [{containerPort: ${port}}, {name: admin, containerPort: 7070}]` : ''}}]}}}`;
const service = (name: string, ns: string, selector: string, ports: string) => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec: {selector: ${selector}, ports: [${ports}]}`;
const telemetry = (name: string, ns: string, selector = '') => `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: ${name}, namespace: ${ns}}
spec:
${selector ? `  selector: {matchLabels: ${selector}}\n` : ''}  tracing: [{randomSamplingPercentage: 5}]`;

const WS = () =>
  workspace(
    deployment('web', 'shop', '{app: web}', 8080),
    deployment('db', 'data', '{app: db}'),
    deployment('ingress', 'istio-system', '{istio: ingressgateway}', 8443),
    service(
      'web',
      'shop',
      '{app: web}',
      '{port: 80, targetPort: 9090}, {port: 81, targetPort: http}, {port: 82, targetPort: admin}',
    ),
    service('db', 'data', '{app: db}', '{port: 5432}'),
    telemetry('mesh', 'istio-system'),
    telemetry('mesh-selected', 'istio-system', '{app: web}'),
    telemetry('shop', 'shop'),
  );

describe('chain engine API', () => {
  it('lists workloads with inbound ports (container ports, Service target ports by number or name), outbound Service ports, gateway ports', () => {
    const list = listWorkloads(WS());
    assert.deepEqual(
      list.map((w) => [w.id, w.kind, w.gateway, w.ports]),
      [
        ['data/db', 'Deployment', false, { inbound: [5432], outbound: [80, 81, 82, 5432] }],
        ['istio-system/ingress', 'Deployment', true, { gateway: [7070, 8443] }],
        ['shop/web', 'Deployment', false, { inbound: [7070, 8080, 9090], outbound: [80, 81, 82, 5432] }],
      ],
    );
    assert.deepEqual(list[2].labels, { app: 'web' });
    assert.equal(list[2].source.uri, 'ws.yaml');
  });

  it('"applies to N workloads": mesh-wide root resources reach every namespace, a root Telemetry with a selector only its own', () => {
    const ws = WS();
    const byName = (name: string) => ws.resources.find((r) => r.name === name)!;
    assert.deepEqual(workloadsSelectedBy(ws, byName('mesh'), '1.31'), ['data/db', 'istio-system/ingress', 'shop/web']);
    assert.deepEqual(workloadsSelectedBy(ws, byName('mesh-selected'), '1.31'), []);
    assert.deepEqual(workloadsSelectedBy(ws, byName('shop'), '1.31'), ['shop/web']);
  });

  it('wrong requests get a ChainError that says what would be right', () => {
    const ws = WS();
    const fails = (f: () => unknown, pattern: RegExp) =>
      assert.throws(f, (e: unknown) => e instanceof ChainError && pattern.test((e as Error).message));
    fails(
      () => renderChain(ws, 'shop/nope', 'inbound', 80, '1.31'),
      /workload shop\/nope not found; the workspace has data\/db, istio-system\/ingress, shop\/web/,
    );
    fails(() => renderChain(ws, 'web', 'inbound', 80, '1.31'), /workload default\/web not found/);
    fails(() => renderChain(ws, 'istio-system/ingress', 'inbound', 80, '1.31'), /is a gateway: use direction gateway/);
    fails(
      () => renderChain(ws, 'shop/web', 'gateway', 80, '1.31'),
      /is not a gateway: use direction inbound or outbound/,
    );
    for (const port of [0, 65536, 1.5])
      fails(() => renderChain(ws, 'shop/web', 'inbound', port, '1.31'), /port must be between 1 and 65535/);
    fails(
      () => renderChain(new Workspace(), 'a/b', 'inbound', 80, '1.31'),
      /the workspace has no workloads \(Deployments/,
    );
  });

  it('lists its assumptions: the mesh config, the proxy version, undated resources, the inbound variants', () => {
    const r = renderChain(WS(), 'shop/web', 'inbound', 9090, '1.29');
    assert.ok(r.assumptions.some((a) => /No mesh config in the workspace: root namespace istio-system/.test(a)));
    assert.ok(
      r.assumptions.includes(
        'The proxy reports ISTIO_VERSION 1.29.0 (the target Istio version) for proxyVersion matches.',
      ),
    );
    assert.ok(r.assumptions.some((a) => /mTLS and the plaintext chain/.test(a)));
    assert.equal(r.listener, 'virtualInbound');
    assert.equal(r.filterChain, '0.0.0.0_9090');
    const out = renderChain(WS(), 'shop/web', 'outbound', 80, '1.31');
    assert.ok(!out.assumptions.some((a) => /mTLS and the plaintext chain/.test(a)));
    assert.equal(out.listener, '0.0.0.0_80');
  });

  it('effective telemetry: the workload namespace wins over the root namespace', () => {
    const t = workloadTelemetry(WS(), 'shop/web', '1.31');
    assert.deepEqual(
      t.applied.map((a) => [a.level, a.origin.name]),
      [
        ['mesh', 'mesh'],
        ['namespace', 'shop'],
      ],
    );
  });
});

// Bad input and real input for the whole proxy config: every EnvoyFilter, WasmPlugin, TrafficExtension and Telemetry
// of the corpus of real-world documents (valid and invalid), beside a sidecar, a gateway and a waypoint, renders
// without an exception, and every selected patch gets an outcome with a reason.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile, Workspace, renderProxyConfig } from '../../server/src/core';
import { describeWithShared } from '../helpers/sharedData';

const CORPUS = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'corpus');
const PROXIES = `apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: NS}
spec: {template: {metadata: {labels: {app: app}}, spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress, namespace: NS}
spec: {template: {metadata: {labels: {istio: ingressgateway}}, spec: {containers: [{name: istio-proxy}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: app, namespace: NS}
spec: {selector: {app: app}, ports: [{name: http, port: 80, targetPort: 8080}, {name: tcp, port: 5432}, {port: 9000}]}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: NS}
spec:
  selector: {istio: ingressgateway}
  servers:
  - {port: {number: 443, name: https, protocol: HTTPS}, hosts: ["*"], tls: {mode: SIMPLE, credentialName: c}}
  - {port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: waypoint, namespace: NS}
spec: {gatewayClassName: istio-waypoint, listeners: [{name: mesh, port: 15008, protocol: HBONE}]}`;

describeWithShared(CORPUS)('whole proxy config on the corpus', () => {
  it('renders a sidecar, a gateway and a waypoint beside every corpus document without an exception', function () {
    this.timeout(120_000);
    let rendered = 0;
    let outcomes = 0;
    for (const set of ['valid', 'invalid']) {
      for (const file of readdirSync(join(CORPUS, set)).filter((f) => f.endsWith('.yaml'))) {
        const text = readFileSync(join(CORPUS, set, file), 'utf8');
        const ns = /namespace:\s*([a-z0-9-]+)/.exec(text)?.[1] ?? 'default';
        const ws = new Workspace();
        ws.setFile(file, analyzeFile(text, { istioVersion: '1.31' }));
        ws.setFile('proxies.yaml', analyzeFile(PROXIES.replaceAll('NS', ns), { istioVersion: '1.31' }));
        for (const workload of [`${ns}/app`, `${ns}/ingress`, `${ns}/waypoint`]) {
          for (const version of ['1.22', '1.31']) {
            const c = renderProxyConfig(ws, workload, version);
            rendered++;
            for (const p of c.patches) {
              outcomes++;
              assert.ok(p.reason, `${file} ${workload} ${p.envoyFilter}#${p.index}: an outcome without a reason`);
              assert.equal(p.applied, p.targets.length > 0, `${file} ${p.envoyFilter}#${p.index}: applied iff targets`);
            }
          }
        }
      }
    }
    assert.ok(rendered > 2000, `rendered ${rendered}`);
    assert.ok(outcomes > 500, `outcomes ${outcomes}`);
  });
});

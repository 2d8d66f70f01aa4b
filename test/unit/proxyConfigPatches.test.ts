// EnvoyFilter patches on the whole proxy config, from Istio's patch tests: cluster_patch_test.go (Test_clusterMatch,
// TestClusterPatching), rc_patch_test.go (Test_routeConfigurationMatch, TestMergeAndReplaceListVhost, the HTTP_ROUTE
// cases), listener_patch_test.go (LISTENER, FILTER_CHAIN, LISTENER_FILTER) and xds/waypoint_test.go for waypoints.
import { strict as assert } from 'node:assert';
import { analyzeFile, Workspace, renderProxyConfig, ProxyConfig } from '../../server/src/core';

function workspace(...docs: string[]): Workspace {
  const ws = new Workspace();
  ws.setFile('ws.yaml', analyzeFile(docs.join('\n---\n'), { istioVersion: '1.31' }));
  return ws;
}
const patch = (c: ProxyConfig, ef: string, index = 0) => {
  const p = c.patches.find((x) => x.envoyFilter === ef && x.index === index);
  assert.ok(p, `patch ${ef}#${index}`);
  return p;
};
const envoyFilter = (name: string, patches: string, ns = 'ns') => `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: ${name}, namespace: ${ns}}
spec:
  configPatches:
${patches}`;

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: ns}
spec:
  template:
    metadata: {labels: {app: app}}
    spec: {containers: [{name: c}]}`;
const FOO = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: foo, namespace: ns}
spec: {hosts: [foo.bar], ports: [{number: 80, name: http, protocol: HTTP}, {number: 90, name: http-90, protocol: HTTP}], resolution: DNS}`;
const FOO_SUBSETS = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: foo, namespace: ns}
spec: {host: foo.bar, subsets: [{name: v1}, {name: v2}]}`;
const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: app, namespace: ns}
spec: {selector: {app: app}, ports: [{name: http, port: 80, targetPort: 9999}]}`;

describe('whole proxy config: CLUSTER patches (cluster_patch_test.go)', () => {
  it('Test_clusterMatch "full match" and the mismatches: only outbound|80|v1|foo.bar is merged', () => {
    const c = renderProxyConfig(
      workspace(
        APP,
        FOO,
        FOO_SUBSETS,
        envoyFilter(
          'lb',
          `  - applyTo: CLUSTER
    match: {context: SIDECAR_OUTBOUND, cluster: {portNumber: 80, service: foo.bar, subset: v1}}
    patch: {operation: MERGE, value: {lb_policy: RING_HASH}}`,
        ),
      ),
      'ns/app',
      '1.31',
    );
    const p = patch(c, 'ns/lb');
    assert.equal(p.applied, true);
    assert.deepEqual(p.targets, ['outbound|80|v1|foo.bar']);
    const merged = c.clusters.find((x) => x.name === 'outbound|80|v1|foo.bar')!;
    assert.equal(merged.config.lb_policy, 'RING_HASH');
    assert.deepEqual(merged.patches, [{ envoyFilter: 'ns/lb', index: 0, operation: 'MERGE' }]);
    for (const other of ['outbound|80|v2|foo.bar', 'outbound|90|v1|foo.bar', 'outbound|80||foo.bar'])
      assert.equal(c.clusters.find((x) => x.name === other)!.config.lb_policy, undefined, other);
  });

  it('TestClusterPatching "sidecar inbound cluster patch": REMOVE by portNumber drops inbound|9999||; ADDs of another context are not added', () => {
    const c = renderProxyConfig(
      workspace(
        APP,
        SERVICE,
        envoyFilter(
          'in',
          `  - applyTo: CLUSTER
    match: {context: SIDECAR_INBOUND, cluster: {portNumber: 9999}}
    patch: {operation: REMOVE}
  - applyTo: CLUSTER
    match: {context: SIDECAR_OUTBOUND}
    patch: {operation: ADD, value: {name: new-cluster1}}`,
        ),
      ),
      'ns/app',
      '1.31',
    );
    assert.deepEqual(patch(c, 'ns/in', 0).targets, ['inbound|9999||']);
    assert.ok(!c.clusters.some((x) => x.name === 'inbound|9999||'));
    const added = c.clusters.findIndex((x) => x.name === 'new-cluster1');
    // Added after the outbound clusters (and the fixed ones), before the inbound group.
    assert.ok(added > c.clusters.findIndex((x) => x.name === 'PassthroughCluster'));
    assert.ok(added < c.clusters.findIndex((x) => x.name === 'InboundPassthroughCluster'));
  });

  it('Test_clusterMatch "service name match for inbound cluster": service matches the Service of inbound|PORT||', () => {
    const c = renderProxyConfig(
      workspace(
        APP,
        SERVICE,
        envoyFilter(
          'in',
          `  - applyTo: CLUSTER
    match: {context: SIDECAR_INBOUND, cluster: {service: app.ns.svc.cluster.local}}
    patch: {operation: MERGE, value: {type: EDS}}`,
        ),
      ),
      'ns/app',
      '1.31',
    );
    assert.deepEqual(patch(c, 'ns/in').targets, ['inbound|9999||']);
  });

  it('a cluster name that matches nothing: not applied, with the name it probably meant', () => {
    const c = renderProxyConfig(
      workspace(
        APP,
        FOO,
        envoyFilter(
          'typo',
          `  - applyTo: CLUSTER
    match: {cluster: {name: "outbound|80||foo.baz"}}
    patch: {operation: MERGE, value: {lb_policy: RING_HASH}}`,
        ),
      ),
      'ns/app',
      '1.31',
    );
    const p = patch(c, 'ns/typo');
    assert.equal(p.applied, false);
    assert.match(p.reason, /did you mean outbound\|80\|\|foo\.bar/);
  });
});

describe('whole proxy config: route patches (rc_patch_test.go)', () => {
  const REVIEWS = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: ns}
spec: {ports: [{name: http, port: 80}]}`;

  it('Test_routeConfigurationMatch "sidecar port match" and "sidecar port mismatch"', () => {
    const c = renderProxyConfig(
      workspace(
        APP,
        REVIEWS,
        envoyFilter(
          'rc',
          `  - applyTo: ROUTE_CONFIGURATION
    match: {context: SIDECAR_OUTBOUND, routeConfiguration: {portNumber: 80}}
    patch: {operation: MERGE, value: {request_headers_to_remove: [x-debug]}}
  - applyTo: ROUTE_CONFIGURATION
    match: {context: SIDECAR_OUTBOUND, routeConfiguration: {portNumber: 90}}
    patch: {operation: MERGE, value: {request_headers_to_remove: [x-debug]}}`,
        ),
      ),
      'ns/app',
      '1.31',
    );
    assert.deepEqual(patch(c, 'ns/rc', 0).targets, ['80']);
    assert.equal(patch(c, 'ns/rc', 1).applied, false);
    assert.match(patch(c, 'ns/rc', 1).reason, /portNumber 90/);
  });

  it('TestMergeAndReplaceListVhost: MERGE appends domains, MERGE_AND_REPLACE_LIST replaces them (1.31)', () => {
    const run = (op: string) =>
      renderProxyConfig(
        workspace(
          APP,
          REVIEWS,
          envoyFilter(
            'vh',
            `  - applyTo: VIRTUAL_HOST
    match: {context: SIDECAR_OUTBOUND, routeConfiguration: {vhost: {name: "reviews.ns.svc.cluster.local:80"}}}
    patch: {operation: ${op}, value: {domains: [patched.com]}}`,
          ),
        ),
        'ns/app',
        '1.31',
      ).routeConfigurations.find((r) => r.name === '80')!.virtualHosts[0];
    assert.deepEqual(run('MERGE').domains, [
      'reviews.ns.svc.cluster.local',
      'reviews',
      'reviews.ns.svc',
      'reviews.ns',
      'patched.com',
    ]);
    assert.deepEqual(run('MERGE_AND_REPLACE_LIST').domains, ['patched.com']);
  });

  it('gateway route configurations: portNumber through the port map, gateway as namespace/name', () => {
    const c = renderProxyConfig(
      workspace(
        `apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress, namespace: istio-system}
spec: {template: {metadata: {labels: {istio: ingressgateway}}, spec: {containers: [{name: p}]}}}`,
        `apiVersion: v1
kind: Service
metadata: {name: ingress, namespace: istio-system}
spec: {selector: {istio: ingressgateway}, ports: [{name: http, port: 80, targetPort: 8080}]}`,
        `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw1, namespace: ns1}
spec:
  selector: {istio: ingressgateway}
  servers:
  - {port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}
  - {port: {number: 443, name: app1, protocol: HTTPS}, hosts: ["*"], tls: {mode: SIMPLE, credentialName: c}}`,
        envoyFilter(
          'gw',
          `  - applyTo: ROUTE_CONFIGURATION
    match: {context: GATEWAY, routeConfiguration: {portNumber: 80}}
    patch: {operation: MERGE, value: {}}
  - applyTo: ROUTE_CONFIGURATION
    match: {context: GATEWAY, routeConfiguration: {portNumber: 443, portName: app1, gateway: ns1/gw1}}
    patch: {operation: MERGE, value: {}}
  - applyTo: ROUTE_CONFIGURATION
    match: {context: GATEWAY, routeConfiguration: {gateway: ns1/other}}
    patch: {operation: MERGE, value: {}}`,
          'istio-system',
        ),
      ),
      'istio-system/ingress',
      '1.31',
    );
    assert.deepEqual(patch(c, 'istio-system/gw', 0).targets, ['http.8080']);
    assert.deepEqual(patch(c, 'istio-system/gw', 1).targets, ['https.443.app1.gw1.ns1']);
    assert.equal(patch(c, 'istio-system/gw', 2).applied, false);
  });

  it('HTTP_ROUTE: INSERT_BEFORE a named route, and REMOVE of a route that is not there', () => {
    const c = renderProxyConfig(
      workspace(
        APP,
        REVIEWS,
        envoyFilter(
          'routes',
          `  - applyTo: HTTP_ROUTE
    match: {context: SIDECAR_OUTBOUND, routeConfiguration: {vhost: {name: "reviews.ns.svc.cluster.local:80", route: {name: default}}}}
    patch: {operation: INSERT_BEFORE, value: {name: health, match: {path: /healthz}, direct_response: {status: 200}}}
  - applyTo: HTTP_ROUTE
    match: {context: SIDECAR_OUTBOUND, routeConfiguration: {vhost: {route: {name: nope}}}}
    patch: {operation: REMOVE}`,
        ),
      ),
      'ns/app',
      '1.31',
    );
    const vh = c.routeConfigurations.find((r) => r.name === '80')!.virtualHosts[0];
    assert.deepEqual(
      vh.routes.map((r) => r.name),
      ['health', 'default'],
    );
    assert.deepEqual(patch(c, 'ns/routes', 0).targets, ['80/reviews.ns.svc.cluster.local:80/health']);
    assert.equal(patch(c, 'ns/routes', 1).applied, false);
    assert.match(patch(c, 'ns/routes', 1).reason, /route name nope matches no route/);
  });
});

describe('whole proxy config: listener patches (listener_patch_test.go)', () => {
  it('LISTENER MERGE by name, FILTER_CHAIN REMOVE by sni on a gateway, LISTENER_FILTER INSERT_FIRST', () => {
    const c = renderProxyConfig(
      workspace(
        `apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress, namespace: istio-system}
spec: {template: {metadata: {labels: {istio: ingressgateway}}, spec: {containers: [{name: p}]}}}`,
        `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - {port: {number: 443, name: a, protocol: HTTPS}, hosts: [a.example.com], tls: {mode: SIMPLE, credentialName: a}}
  - {port: {number: 443, name: b, protocol: HTTPS}, hosts: [b.example.com], tls: {mode: SIMPLE, credentialName: b}}`,
        envoyFilter(
          'l',
          `  - applyTo: LISTENER
    match: {context: GATEWAY, listener: {name: 0.0.0.0_443}}
    patch: {operation: MERGE, value: {per_connection_buffer_limit_bytes: 32768}}
  - applyTo: FILTER_CHAIN
    match: {context: GATEWAY, listener: {portNumber: 443, filterChain: {sni: b.example.com}}}
    patch: {operation: REMOVE}
  - applyTo: LISTENER_FILTER
    match: {context: GATEWAY, listener: {portNumber: 443}}
    patch: {operation: INSERT_FIRST, value: {name: envoy.filters.listener.proxy_protocol}}
  - applyTo: NETWORK_FILTER
    match: {context: GATEWAY, listener: {filterChain: {sni: a.example.com, filter: {name: envoy.filters.network.http_connection_manager}}}}
    patch: {operation: MERGE, value: {typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager, server_name: shop}}}`,
          'istio-system',
        ),
      ),
      'istio-system/ingress',
      '1.31',
    );
    const l = c.listeners.find((x) => x.name === '0.0.0.0_443')!;
    assert.deepEqual(patch(c, 'istio-system/l', 0).targets, ['0.0.0.0_443']);
    assert.deepEqual(patch(c, 'istio-system/l', 1).targets, ['0.0.0.0_443/#1']);
    assert.deepEqual(
      l.filterChains.map((f) => f.match.serverNames),
      [['a.example.com']],
    );
    assert.deepEqual(
      l.listenerFilters.map((f) => f.name),
      ['envoy.filters.listener.proxy_protocol', 'envoy.filters.listener.tls_inspector'],
    );
    assert.deepEqual(patch(c, 'istio-system/l', 3).targets, [
      '0.0.0.0_443/#0/envoy.filters.network.http_connection_manager',
    ]);
  });

  it('context WAYPOINT is accepted by the API and applied nowhere by istiod', () => {
    const c = renderProxyConfig(
      workspace(
        APP,
        envoyFilter(
          'wp',
          `  - applyTo: HTTP_FILTER
    match: {context: WAYPOINT}
    patch: {operation: INSERT_FIRST, value: {name: x}}`,
        ),
      ),
      'ns/app',
      '1.31',
    );
    assert.equal(patch(c, 'ns/wp').applied, false);
    assert.match(patch(c, 'ns/wp').reason, /context WAYPOINT/);
  });
});

describe('whole proxy config: waypoints (xds/waypoint_test.go)', () => {
  const WAYPOINT = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: waypoint, namespace: default}
spec:
  gatewayClassName: istio-waypoint
  listeners: [{name: mesh, port: 15008, protocol: HBONE}]`;
  const APP_SE = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: app, namespace: default, labels: {istio.io/use-waypoint: waypoint}}
spec:
  hosts: [app.com]
  addresses: [1.2.3.4]
  ports: [{number: 80, name: http, protocol: HTTP}, {number: 90, name: tcp, protocol: TCP}]
  resolution: STATIC`;

  it('TestWaypointPeerMetadataFilters: listeners, chains named like their clusters (1.24+), the filters of each', () => {
    const c = renderProxyConfig(workspace(WAYPOINT, APP_SE), 'default/waypoint', '1.31');
    assert.equal(c.proxy, 'waypoint');
    assert.deepEqual(
      c.listeners.map((l) => l.name),
      ['connect_terminate', 'main_internal', 'connect_originate'],
    );
    const main = c.listeners.find((l) => l.name === 'main_internal')!;
    assert.deepEqual(
      main.filterChains.map((f) => f.name),
      ['inbound-vip|80|http|app.com', 'inbound-vip|90|tcp|app.com', 'direct-tcp', 'direct-http'],
    );
    assert.ok(main.filterChains[0].httpFilters.some((f) => f.name === 'waypoint_upstream_peer_metadata'));
    assert.ok(c.listeners[0].filterChains[0].httpFilters.some((f) => f.name === 'waypoint_downstream_peer_metadata'));
    assert.deepEqual(
      c.listeners[2].filterChains[0].networkFilters.map((f) => f.name),
      ['envoy.filters.network.tcp_proxy'],
    );
    assert.deepEqual(
      c.clusters.map((x) => x.name),
      ['main_internal', 'encap', 'inbound-vip|80|http|app.com', 'inbound-vip|90|tcp|app.com', 'connect_originate'],
    );
    const old = renderProxyConfig(workspace(WAYPOINT, APP_SE), 'default/waypoint', '1.23');
    assert.equal(old.listeners[1].filterChains[0].name, 'inbound-vip|80||app.com-http');
  });

  it('TestWaypointTelemetry / TrafficExtension by targetRef: only the chain of the referenced service gets it', () => {
    const c = renderProxyConfig(
      workspace(
        WAYPOINT,
        APP_SE,
        APP_SE.replace('name: app,', 'name: other,').replace('app.com', 'other.com').replace('1.2.3.4', '1.2.3.5'),
        `apiVersion: extensions.istio.io/v1alpha1
kind: TrafficExtension
metadata: {name: auth, namespace: default}
spec:
  targetRefs: [{kind: ServiceEntry, group: networking.istio.io, name: app}]
  phase: AUTHN
  lua: {inlineCode: "function envoy_on_request(h) end"}`,
      ),
      'default/waypoint',
      '1.31',
    );
    const chain = (n: string) => c.listeners[1].filterChains.find((f) => f.name === n)!.httpFilters.map((f) => f.name);
    assert.ok(chain('inbound-vip|80|http|app.com').includes('extensions.istio.io/trafficextension/default.auth'));
    assert.ok(!chain('inbound-vip|80|http|other.com').includes('extensions.istio.io/trafficextension/default.auth'));
  });
});

// Golden tests for the whole proxy config (`meshlens config`), built from Istio's own tests: gateway_test.go
// (TestBuildGatewayListeners, TestGatewayHTTPRouteConfig, TestBuildGatewayListenersFilters), gateway_simulation_test.go
// (TestTargetPort, httpsRedirect on https), listener_builder_test.go (TestVirtualInboundHasPassthroughClusters,
// TestInboundListenerFilters), cluster_patch_test.go (Test_clusterMatch, TestClusterPatching), rc_patch_test.go
// (Test_routeConfigurationMatch, TestMergeAndReplaceListVhost) and xds/waypoint_test.go. Inputs are YAML as users
// write them; expected names are data, each with the test it comes from.
import { strict as assert } from 'node:assert';
import { analyzeFile, Workspace, renderProxyConfig, ProxyConfig } from '../../server/src/core';

function workspace(...docs: string[]): Workspace {
  const ws = new Workspace();
  ws.setFile('ws.yaml', analyzeFile(docs.join('\n---\n'), { istioVersion: '1.31' }));
  return ws;
}
const render = (ws: Workspace, w: string, v = '1.31'): ProxyConfig => renderProxyConfig(ws, w, v);
const listenerNames = (c: ProxyConfig) => c.listeners.map((l) => l.name);
const listener = (c: ProxyConfig, name: string) => {
  const l = c.listeners.find((x) => x.name === name);
  assert.ok(l, `listener ${name} in ${listenerNames(c).join(', ')}`);
  return l;
};
const rc = (c: ProxyConfig, name: string) => {
  const r = c.routeConfigurations.find((x) => x.name === name);
  assert.ok(r, `route configuration ${name} in ${c.routeConfigurations.map((x) => x.name).join(', ')}`);
  return r;
};
const vhosts = (c: ProxyConfig, name: string) =>
  Object.fromEntries(rc(c, name).virtualHosts.map((v) => [v.name, { domains: v.domains, routes: v.routes.length }]));

const INGRESS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress, namespace: istio-system}
spec:
  template:
    metadata: {labels: {istio: ingressgateway}}
    spec: {containers: [{name: istio-proxy}]}`;
const gateway = (servers: string, name = 'gateway', ns = 'default') => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {istio: ingressgateway}
  servers:
${servers}`;
// The test mesh of gateway_test.go has no default metrics provider (so no istio.stats without a Telemetry).
const NO_METRICS = `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
    defaultProviders: {}`;
const vs = (name: string, body: string, ns = 'default') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${ns}}
spec:
${body}`;

describe('whole proxy config: gateways (gateway_test.go, gateway_simulation_test.go)', () => {
  it('TestBuildGatewayListeners "targetPort overrides service port" and TestTargetPort: listener on the target port, vhost on the server port', () => {
    const c = render(
      workspace(
        INGRESS,
        `apiVersion: v1
kind: Service
metadata: {name: ingress, namespace: istio-system}
spec: {selector: {istio: ingressgateway}, ports: [{name: http, port: 80, targetPort: 8080}]}`,
        gateway('  - {port: {number: 80, name: http, protocol: HTTP}, hosts: [example.com]}'),
        vs('a', '  hosts: [example.com]\n  gateways: [gateway]\n  http: [{route: [{destination: {host: b}}]}]'),
      ),
      'istio-system/ingress',
    );
    assert.equal(c.proxy, 'gateway');
    assert.deepEqual(listenerNames(c), ['0.0.0.0_8080']);
    assert.equal(listener(c, '0.0.0.0_8080').filterChains[0].routeConfiguration, 'http.8080');
    assert.deepEqual(vhosts(c, 'http.8080'), { 'example.com:80': { domains: ['example.com'], routes: 1 } });
  });

  it('"multiple ports": without a Service the server ports are the listener ports', () => {
    const c = render(
      workspace(
        INGRESS,
        gateway(
          '  - {port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}\n  - {port: {number: 801, name: http-801, protocol: HTTP}, hosts: ["*"]}',
        ),
      ),
      'istio-system/ingress',
    );
    assert.deepEqual(listenerNames(c), ['0.0.0.0_80', '0.0.0.0_801']);
  });

  it('"gateway with bind": one listener and one http route configuration per bind', () => {
    const c = render(
      workspace(
        INGRESS,
        gateway(
          [
            '  - {port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}',
            '  - {port: {number: 8080, name: http2, protocol: HTTP}, hosts: [externalgatewayclient.com]}',
            '  - {port: {number: 8080, name: http3, protocol: HTTP}, bind: 127.0.0.1, hosts: [internalmesh.svc.cluster.local]}',
          ].join('\n'),
        ),
      ),
      'istio-system/ingress',
    );
    assert.deepEqual(listenerNames(c), ['0.0.0.0_80', '0.0.0.0_8080', '127.0.0.1_8080']);
    assert.deepEqual(
      c.routeConfigurations.map((r) => r.name),
      ['http.80', 'http.8080', 'http.8080.127.0.0.1'],
    );
  });

  it('"gateway with simple and passthrough": HTTPS chain by SNI, passthrough chain per tls route', () => {
    const c = render(
      workspace(
        INGRESS,
        gateway(
          [
            '  - {port: {number: 443, name: https, protocol: HTTPS}, hosts: ["*.example.com"], tls: {mode: SIMPLE, credentialName: cert}}',
            '  - {port: {number: 80, name: http, protocol: HTTP}, hosts: ["*.example.com"]}',
            '  - {port: {number: 9443, name: tls, protocol: TLS}, hosts: [barone.example.com], tls: {mode: PASSTHROUGH}}',
          ].join('\n'),
        ),
        vs(
          'passthrough',
          '  hosts: [barone.example.com]\n  gateways: [gateway]\n  tls:\n  - match: [{port: 9443, sniHosts: [barone.example.com]}]\n    route: [{destination: {host: foo.com}}]',
        ),
      ),
      'istio-system/ingress',
    );
    assert.deepEqual(listenerNames(c), ['0.0.0.0_443', '0.0.0.0_80', '0.0.0.0_9443']);
    const https = listener(c, '0.0.0.0_443');
    assert.deepEqual(https.filterChains[0].match.serverNames, ['*.example.com']);
    assert.equal(https.filterChains[0].routeConfiguration, 'https.443.https.gateway.default');
    assert.deepEqual(
      https.listenerFilters.map((f) => f.name),
      ['envoy.filters.listener.tls_inspector'],
    );
    const pass = listener(c, '0.0.0.0_9443').filterChains;
    assert.equal(pass.length, 1);
    assert.deepEqual(pass[0].match.serverNames, ['barone.example.com']);
    assert.equal(pass[0].cluster, 'outbound|9443||foo.com');
    assert.deepEqual(listener(c, '0.0.0.0_80').listenerFilters, []);
  });

  it('"gateway TCP server with VS TCP empty route": no route, no chain, no listener', () => {
    const c = render(
      workspace(
        INGRESS,
        gateway('  - {port: {number: 9000, name: tcp, protocol: TCP}, hosts: ["*"]}'),
        vs('empty', '  hosts: ["*"]\n  gateways: [gateway]\n  tcp: []'),
      ),
      'istio-system/ingress',
    );
    assert.deepEqual(listenerNames(c), []);
    assert.match(c.warnings.join('\n'), /no VirtualService tcp route binds to it/);
  });

  it('TestGatewayHTTPRouteConfig: blackhole vhost, a VirtualService, a wildcard, tls redirect', () => {
    const server = (hosts: string, extra = '') =>
      gateway(`  - {port: {number: 80, name: http, protocol: HTTP}, hosts: [${hosts}]${extra}}`);
    const none = render(workspace(INGRESS, server('example.org')), 'istio-system/ingress');
    assert.deepEqual(vhosts(none, 'http.80'), { 'blackhole:80': { domains: ['*'], routes: 0 } });
    const one = render(
      workspace(
        INGRESS,
        server('example.org'),
        vs('v', '  hosts: [example.org]\n  gateways: [gateway]\n  http: [{route: [{destination: {host: b}}]}]'),
      ),
      'istio-system/ingress',
    );
    assert.deepEqual(vhosts(one, 'http.80'), { 'example.org:80': { domains: ['example.org'], routes: 1 } });
    const wildcard = render(
      workspace(
        INGRESS,
        server('"*"'),
        vs('v', '  hosts: ["*.org"]\n  gateways: [gateway]\n  http: [{route: [{destination: {host: b}}]}]'),
      ),
      'istio-system/ingress',
    );
    assert.deepEqual(vhosts(wildcard, 'http.80'), { '*.org:80': { domains: ['*.org'], routes: 1 } });
    const redirect = render(
      workspace(INGRESS, server('example.org', ', tls: {httpsRedirect: true}')),
      'istio-system/ingress',
    );
    assert.deepEqual(vhosts(redirect, 'http.80'), { 'example.org:80': { domains: ['example.org'], routes: 0 } });
  });

  it('"http redirection not working when virtualservice not match http port": https and http route configurations', () => {
    const c = render(
      workspace(
        INGRESS,
        gateway(
          [
            '  - {port: {number: 80, name: http, protocol: HTTP}, hosts: [example.org], tls: {httpsRedirect: true}}',
            '  - {port: {number: 443, name: https, protocol: HTTPS}, hosts: [example.org], tls: {mode: SIMPLE, credentialName: c}}',
          ].join('\n'),
          'gateway-https',
        ),
        vs(
          'v',
          '  hosts: [example.org]\n  gateways: [gateway-https]\n  http: [{match: [{port: 443}], route: [{destination: {host: b}}]}]',
        ),
      ),
      'istio-system/ingress',
    );
    assert.deepEqual(vhosts(c, 'https.443.https.gateway-https.default'), {
      'example.org:443': { domains: ['example.org'], routes: 1 },
    });
    assert.ok(vhosts(c, 'http.80')['example.org:80']);
  });

  it('TestBuildGatewayListenersFilters: passthrough and ISTIO_MUTUAL TCP chains', () => {
    const c = render(
      workspace(
        INGRESS,
        NO_METRICS,
        gateway(
          [
            '  - {port: {number: 9443, name: tls, protocol: TLS}, hosts: ["*"], tls: {mode: PASSTHROUGH}}',
            '  - {port: {number: 15443, name: mtls, protocol: TLS}, hosts: ["*"], tls: {mode: ISTIO_MUTUAL}}',
          ].join('\n'),
        ),
        vs(
          'routes',
          [
            '  hosts: ["*"]',
            '  gateways: [gateway]',
            '  tls: [{match: [{port: 9443, sniHosts: [a.example.com]}], route: [{destination: {host: a.example.com}}]}]',
            '  tcp: [{match: [{port: 15443}], route: [{destination: {host: b.example.com, port: {number: 15443}}}]}]',
          ].join('\n'),
        ),
      ),
      'istio-system/ingress',
    );
    const net = (l: string) => listener(c, l).filterChains[0].networkFilters.map((f) => f.name);
    assert.deepEqual(net('0.0.0.0_9443'), ['envoy.filters.network.tcp_proxy']);
    assert.deepEqual(net('0.0.0.0_15443'), ['istio.metadata_exchange', 'envoy.filters.network.tcp_proxy']);
  });

  it('Gateway API: one generated Istio Gateway per listener, named with ~ from 1.28 and - before', () => {
    const docs = [
      `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: apps}
spec:
  gatewayClassName: istio
  listeners:
  - {name: web, port: 80, protocol: HTTP}
  - name: secure
    port: 443
    protocol: HTTPS
    hostname: shop.example.com
    tls: {mode: Terminate, certificateRefs: [{name: cert}]}`,
      `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: apps}
spec:
  parentRefs: [{name: gw}]
  hostnames: [shop.example.com]
  rules: [{backendRefs: [{name: shop, port: 8080}]}]`,
    ];
    const now = render(workspace(...docs), 'apps/gw', '1.31');
    assert.deepEqual(listenerNames(now), ['0.0.0.0_443', '0.0.0.0_80']);
    assert.deepEqual(now.routeConfigurations.map((r) => r.name).sort(), [
      'http.80',
      'https.443.default.gw~istio-autogenerated-k8s-gateway~secure.apps',
    ]);
    assert.deepEqual(vhosts(now, 'http.80'), { 'shop.example.com:80': { domains: ['shop.example.com'], routes: 1 } });
    assert.equal(rc(now, 'http.80').virtualHosts[0].routes[0].name, 'apps.shop.0');
    const before = render(workspace(...docs), 'apps/gw', '1.27');
    assert.ok(
      before.routeConfigurations.some(
        (r) => r.name === 'https.443.default.gw-istio-autogenerated-k8s-gateway-secure.apps',
      ),
    );
  });
});

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: ns}
spec:
  template:
    metadata: {labels: {app: app}}
    spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}`;
const appService = (ports: string) => `apiVersion: v1
kind: Service
metadata: {name: app, namespace: ns}
spec: {selector: {app: app}, ports: [${ports}]}`;

describe('whole proxy config: sidecars (listener_builder_test.go, listener_test.go)', () => {
  it('TestVirtualInboundHasPassthroughClusters: the chains of virtualInbound for an HTTP port, PERMISSIVE', () => {
    const c = render(workspace(APP, appService('{name: http, port: 80, targetPort: 8080}')), 'ns/app');
    const inbound = listener(c, 'virtualInbound');
    assert.deepEqual(
      inbound.filterChains.map((f) => f.name),
      [
        'virtualInbound-blackhole',
        'virtualInbound-catchall-http',
        'virtualInbound-catchall-http',
        'virtualInbound',
        'virtualInbound',
        'virtualInbound',
        '0.0.0.0_8080',
        '0.0.0.0_8080',
      ],
    );
    assert.deepEqual(
      inbound.listenerFilters.map((f) => f.name),
      [
        'envoy.filters.listener.original_dst',
        'envoy.filters.listener.tls_inspector',
        'envoy.filters.listener.http_inspector',
      ],
    );
    const http = inbound.filterChains.filter((f) => f.name === '0.0.0.0_8080');
    assert.deepEqual(
      http.map((f) => [f.match.destinationPort, f.match.transportProtocol]),
      [
        [8080, 'tls'],
        [8080, 'raw_buffer'],
      ],
    );
    // The inline route configuration is named after the target port, its virtual host after the service port.
    assert.deepEqual(vhosts(c, 'inbound|8080||'), { 'inbound|http|80': { domains: ['*'], routes: 1 } });
    assert.ok(c.clusters.some((x) => x.name === 'inbound|8080||'));
    assert.ok(c.clusters.some((x) => x.name === 'InboundPassthroughCluster'));
    assert.ok(
      render(workspace(APP), 'ns/app', '1.22').clusters.some((x) => x.name === 'InboundPassthroughClusterIpv4'),
    );
  });

  it('TestInboundListenerFilters: STRICT has no http_inspector; the TCP port gets three chains in PERMISSIVE', () => {
    const strict = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: ns}
spec: {mtls: {mode: STRICT}}`;
    const c = render(workspace(APP, appService('{name: http, port: 80}'), strict), 'ns/app');
    assert.deepEqual(
      listener(c, 'virtualInbound').listenerFilters.map((f) => f.name),
      ['envoy.filters.listener.original_dst', 'envoy.filters.listener.tls_inspector'],
    );
    const tcp = render(workspace(APP, appService('{name: tcp-db, port: 82}')), 'ns/app');
    assert.deepEqual(
      listener(tcp, 'virtualInbound')
        .filterChains.filter((f) => f.name === '0.0.0.0_82')
        .map((f) => [f.match.transportProtocol, f.protocol]),
      [
        ['tls', 'tcp'],
        ['tls', 'tcp'],
        ['raw_buffer', 'tcp'],
      ],
    );
  });

  it('outbound: HTTP on 0.0.0.0_PORT with PassthroughFilterChain, TCP on the service address, virtualOutbound', () => {
    const c = render(
      workspace(
        APP,
        `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: ns}
spec: {clusterIP: 10.0.0.5, ports: [{name: http, port: 9080}, {name: tcp-db, port: 3306}]}`,
      ),
      'ns/app',
    );
    assert.deepEqual(listenerNames(c).slice(0, 3), ['0.0.0.0_9080', '10.0.0.5_3306', 'virtualOutbound']);
    const http = listener(c, '0.0.0.0_9080');
    assert.deepEqual(
      http.filterChains.map((f) => [f.name, !!f.default]),
      [
        ['', false],
        ['PassthroughFilterChain', true],
      ],
    );
    assert.deepEqual(http.filterChains[0].match.applicationProtocols, ['http/1.1', 'h2c']);
    assert.deepEqual(Object.keys(vhosts(c, '9080')), ['reviews.ns.svc.cluster.local:9080', 'allow_any']);
    assert.deepEqual(vhosts(c, '9080')['reviews.ns.svc.cluster.local:9080'].domains, [
      'reviews.ns.svc.cluster.local',
      'reviews',
      'reviews.ns.svc',
      'reviews.ns',
      '10.0.0.5',
    ]);
    assert.equal(listener(c, '10.0.0.5_3306').filterChains[0].cluster, 'outbound|3306||reviews.ns.svc.cluster.local');
    assert.deepEqual(
      listener(c, 'virtualOutbound').filterChains.map((f) => f.name),
      ['virtualOutbound-blackhole', 'virtualOutbound-catchall-tcp'],
    );
  });
});

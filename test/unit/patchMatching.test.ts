// What one EnvoyFilter patch does to one chain, case by case: each condition of istiod's listener, filter chain and
// proxy matches (listener_patch.go) with the reason it fails, and each operation on a filter list. Table-driven: the
// patch's match and operation in, the outcome and the chain's filters out.
import { strict as assert } from 'node:assert';
import { analyzeFile, Workspace, renderChain, renderProxyConfig } from '../../server/src/core';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: ns}
spec: {template: {metadata: {labels: {app: app}}, spec: {containers: [{name: c}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: app, namespace: ns}
spec: {selector: {app: app}, ports: [{name: http, port: 80, targetPort: 8080}]}`;

function outcome(patch: string, direction: 'inbound' | 'outbound' = 'inbound', port = 8080) {
  const ws = new Workspace();
  ws.setFile(
    'ws.yaml',
    analyzeFile(
      `${APP}\n---\napiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata: {name: ef, namespace: ns}\nspec:\n  configPatches:\n${patch}`,
      { istioVersion: '1.31' },
    ),
  );
  const chain = renderChain(ws, 'ns/app', direction, port, '1.31');
  const p = chain.patches.find((x) => x.envoyFilter === 'ns/ef')!;
  return { applied: p.applied, reason: p.reason, http: chain.httpFilters.map((f) => f.name), ws };
}
const lua = (name: string) =>
  `{name: ${name}, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}`;
const httpPatch = (match: string, op: string, value = lua('x')) =>
  `  - applyTo: HTTP_FILTER\n    match: ${match}\n    patch: {operation: ${op}, value: ${value}}`;
const hcm = (sub?: string) =>
  `{listener: {filterChain: {filter: {name: envoy.filters.network.http_connection_manager${sub ? `, subFilter: {name: ${sub}}` : ''}}}}}`;

describe('patch matching on one chain (listener_patch.go)', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['{context: SIDECAR_OUTBOUND}', 'INSERT_FIRST', /^context SIDECAR_OUTBOUND does not match SIDECAR_INBOUND$/],
    ['{proxy: {proxyVersion: "^1\\\\.9.*"}}', 'INSERT_FIRST', /^proxyVersion \^1\\\.9\.\* does not match 1\.31\.0/],
    ['{proxy: {proxyVersion: "(unclosed"}}', 'INSERT_FIRST', /is not a valid regular expression$/],
    [`{proxy: {proxyVersion: "${'1'.repeat(1025)}"}}`, 'INSERT_FIRST', /over 1024 characters/],
    ['{proxy: {metadata: {ISTIO_VERSION: x}}}', 'INSERT_FIRST', /node metadata.*assumed not to match/],
    ['{cluster: {service: a}}', 'INSERT_FIRST', /^the match is not a listener match$/],
    ['{listener: {name: other}}', 'INSERT_FIRST', /^listener name other does not match virtualInbound$/],
    ['{listener: {portNumber: 9999}}', 'INSERT_FIRST', /destination port 8080 \(virtualInbound\)$/],
    [
      '{listener: {filterChain: {name: other}}}',
      'INSERT_FIRST',
      /^filterChain name other does not match 0\.0\.0\.0_8080$/,
    ],
    [
      '{listener: {filterChain: {sni: a.example.com}}}',
      'INSERT_FIRST',
      /^filterChain sni a\.example\.com: this chain has no server names$/,
    ],
    [
      '{listener: {filterChain: {transportProtocol: quic}}}',
      'INSERT_FIRST',
      /^filterChain transportProtocol quic matches none of tls, raw_buffer$/,
    ],
    [
      '{listener: {filterChain: {applicationProtocols: "h3"}}}',
      'INSERT_FIRST',
      /^filterChain applicationProtocols h3 are not all offered/,
    ],
    [
      '{listener: {filterChain: {destinationPort: 9090}}}',
      'INSERT_FIRST',
      /^filterChain destinationPort 9090 does not match 8080$/,
    ],
  ];
  for (const [match, op, reason] of cases)
    it(`a ${op} with match ${match.slice(0, 60)} does not apply, and says why`, () => {
      const r = outcome(httpPatch(match, op));
      assert.equal(r.applied, false);
      assert.match(r.reason, reason);
      assert.ok(!r.http.includes('x'));
    });

  it('a matching transport protocol, ALPN list and destination port apply', () => {
    const r = outcome(
      httpPatch(
        '{listener: {portNumber: 8080, filterChain: {name: 0.0.0.0_8080, transportProtocol: tls, applicationProtocols: "istio-http/1.1, istio-h2", destinationPort: 8080}}}',
        'INSERT_FIRST',
      ),
    );
    assert.equal(r.applied, true, r.reason);
    assert.equal(r.http[0], 'x');
  });

  it('on an outbound listener portNumber is the listener port', () => {
    assert.equal(outcome(httpPatch('{listener: {portNumber: 80}}', 'INSERT_FIRST'), 'outbound', 80).applied, true);
    assert.match(
      outcome(httpPatch('{listener: {portNumber: 81}}', 'INSERT_FIRST'), 'outbound', 80).reason,
      /^listener portNumber 81 does not match listener 0\.0\.0\.0_80 \(port 80\)$/,
    );
  });
});

describe('patch operations on a filter list (listener_patch.go patchHTTPFilters)', () => {
  const ROUTER = 'envoy.filters.http.router';
  it('INSERT_BEFORE and INSERT_AFTER without a subFilter insert first and last', () => {
    const before = outcome(httpPatch(hcm(), 'INSERT_BEFORE'));
    assert.deepEqual([before.applied, before.http[0]], [true, 'x']);
    assert.match(before.reason, /^inserted x first \(no subFilter match\)$/);
    const after = outcome(httpPatch(hcm(), 'INSERT_AFTER'));
    assert.deepEqual([after.applied, after.http.at(-1)], [true, 'x']);
    assert.match(after.reason, /^inserted x last \(no subFilter match\)$/);
  });

  it('INSERT_AFTER an anchor puts the filter right after it; a missing anchor inserts nothing', () => {
    const r = outcome(httpPatch(hcm('envoy.filters.http.fault'), 'INSERT_AFTER'));
    assert.equal(r.http[r.http.indexOf('envoy.filters.http.fault') + 1], 'x');
    assert.match(r.reason, /^inserted x after envoy\.filters\.http\.fault$/);
    const missing = outcome(httpPatch(hcm('nope'), 'INSERT_BEFORE'));
    assert.deepEqual(
      [missing.applied, missing.reason],
      [false, 'subFilter nope not found in SIDECAR_INBOUND port 8080'],
    );
  });

  it('REPLACE needs a subFilter, replaces the first of that name and takes the new name', () => {
    assert.match(
      outcome(httpPatch(hcm(), 'REPLACE')).reason,
      /^REPLACE needs a subFilter match naming the filter to replace$/,
    );
    assert.match(outcome(httpPatch(hcm('nope'), 'REPLACE')).reason, /^subFilter nope not found/);
    const r = outcome(httpPatch(hcm('envoy.filters.http.cors'), 'REPLACE', lua('my-cors')));
    assert.equal(r.applied, true);
    assert.ok(r.http.includes('my-cors') && !r.http.includes('envoy.filters.http.cors'));
    assert.match(r.reason, /^replaced envoy\.filters\.http\.cors with my-cors$/);
  });

  it('REMOVE needs a subFilter and removes every filter of that name', () => {
    assert.match(
      outcome(httpPatch(hcm(), 'REMOVE')).reason,
      /^REMOVE needs a subFilter match naming the filter to remove$/,
    );
    const r = outcome(httpPatch(hcm('envoy.filters.http.fault'), 'REMOVE'));
    assert.deepEqual([r.applied, r.reason], [true, 'removed 1 × envoy.filters.http.fault']);
    assert.ok(!r.http.includes('envoy.filters.http.fault'));
    assert.match(outcome(httpPatch(hcm('nope'), 'REMOVE')).reason, /^subFilter nope not found/);
  });

  it('ADD appends after the router; MERGE_AND_REPLACE_LIST does nothing to a filter', () => {
    const add = outcome(httpPatch(hcm(ROUTER), 'ADD'));
    assert.deepEqual([add.applied, add.http.at(-1), add.http.at(-2)], [true, 'x', ROUTER]);
    const mrl = outcome(httpPatch(hcm(ROUTER), 'MERGE_AND_REPLACE_LIST'));
    assert.deepEqual([mrl.applied, mrl.reason], [false, 'MERGE_AND_REPLACE_LIST is ignored for HTTP_FILTER']);
  });

  it('MERGE into a named filter renames it and merges its config; on the whole config its target is the new name', () => {
    const patch = httpPatch(
      hcm(ROUTER),
      'MERGE',
      '{name: my-router, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router, suppress_envoy_headers: true}}',
    );
    const r = outcome(patch);
    assert.equal(r.applied, true);
    assert.match(r.reason, /^merged into envoy\.filters\.http\.router \(renamed my-router\)$/);
    const config = renderProxyConfig(r.ws, 'ns/app', '1.31');
    const p = config.patches.find((x) => x.envoyFilter === 'ns/ef')!;
    assert.ok(p.targets.includes('virtualInbound/0.0.0.0_8080/my-router'), p.targets.join(', '));
    const chain = config.listeners
      .find((l) => l.name === 'virtualInbound')!
      .filterChains.find((c) => c.name === '0.0.0.0_8080')!;
    assert.deepEqual(chain.httpFilters.find((f) => f.name === 'my-router')!.config, {
      name: 'my-router',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
        suppress_envoy_headers: true,
      },
    });
  });
});

// Istio's own validation test table for EnvoyFilter (istio/istio pkg/config/validation/envoyfilter/envoyfilter_test.go,
// TestValidateEnvoyFilter), each case written as the YAML a user would write, with Istio's expected error or warning.
// Left out: "invalid patch value" (a bool where Envoy's Cluster wants a string: it needs the Envoy message schemas,
// which Meshlens does not check yet) and the waypoint cases of newer Istio (our notes: istiod skips WAYPOINT patches).
import { strict as assert } from 'node:assert';
import { analyzeFile } from '../../server/src/core';

interface Case {
  name: string;
  spec: string;
  error?: RegExp;
  warning?: RegExp;
}

const listenerRemove = (match: string) =>
  `configPatches:\n- applyTo: LISTENER\n  match:\n${match}\n  patch: {operation: REMOVE}`;

const CASES: Case[] = [
  { name: 'empty filters', spec: '{}' },
  {
    name: 'labels not defined in workload selector',
    spec: 'workloadSelector: {}',
    warning: /Envoy filter: workload selector specified without labels, will be applied to all services in namespace/,
  },
  { name: 'invalid applyTo', spec: 'configPatches:\n- applyTo: INVALID', error: /Envoy filter: missing applyTo/ },
  { name: 'nil patch', spec: 'configPatches:\n- applyTo: LISTENER', error: /Envoy filter: missing patch/ },
  {
    name: 'invalid patch operation',
    spec: 'configPatches:\n- applyTo: LISTENER\n  patch: {}',
    error: /Envoy filter: missing patch operation/,
  },
  {
    name: 'nil patch value',
    spec: 'configPatches:\n- applyTo: LISTENER\n  patch: {operation: ADD}',
    error: /Envoy filter: missing patch value for non-remove operation/,
  },
  {
    name: 'match with invalid regex',
    spec: listenerRemove('    proxy: {proxyVersion: "%#@~++==`24c234`"}'),
    error: /Envoy filter: invalid regex for proxy version/,
  },
  { name: 'match with valid regex', spec: listenerRemove('    proxy: {proxyVersion: "release-1\\\\.2-23434"}') },
  {
    name: 'listener with invalid match',
    spec: listenerRemove('    cluster: {}'),
    error: /Envoy filter: applyTo for listener class objects cannot have non listener match/,
  },
  {
    name: 'listener with invalid filter match',
    spec: 'configPatches:\n- applyTo: NETWORK_FILTER\n  match:\n    listener:\n      filterChain: {sni: "124", filter: {}}\n  patch: {operation: REMOVE}',
    error: /Envoy filter: filter match has no name to match on/,
  },
  {
    name: 'listener with sub filter match and invalid applyTo',
    spec: 'configPatches:\n- applyTo: NETWORK_FILTER\n  match:\n    listener:\n      filterChain: {filter: {name: random, subFilter: {}}}\n  patch: {operation: REMOVE}',
    error: /Envoy filter: subfilter match can be used with applyTo HTTP_FILTER only/,
  },
  {
    name: 'listener with sub filter match and invalid filter name',
    spec: 'configPatches:\n- applyTo: HTTP_FILTER\n  match:\n    listener:\n      filterChain: {filter: {name: random, subFilter: {}}}\n  patch: {operation: REMOVE}',
    error: /Envoy filter: subfilter match requires filter match with envoy\.filters\.network\.http_connection_manager/,
  },
  {
    name: 'listener with sub filter match and no sub filter name',
    spec: 'configPatches:\n- applyTo: HTTP_FILTER\n  match:\n    listener:\n      filterChain: {filter: {name: envoy.filters.network.http_connection_manager, subFilter: {}}}\n  patch: {operation: REMOVE}',
    error: /Envoy filter: subfilter match has no name to match on/,
  },
  {
    name: 'route configuration with invalid match',
    spec: 'configPatches:\n- applyTo: VIRTUAL_HOST\n  match: {cluster: {}}\n  patch: {operation: REMOVE}',
    error: /Envoy filter: applyTo for http route class objects cannot have non route configuration match/,
  },
  {
    name: 'cluster with invalid match',
    spec: 'configPatches:\n- applyTo: CLUSTER\n  match: {listener: {}}\n  patch: {operation: REMOVE}',
    error: /Envoy filter: applyTo for cluster class objects cannot have non cluster match/,
  },
  {
    name: 'happy config',
    spec: 'configPatches:\n- applyTo: CLUSTER\n  match: {cluster: {}}\n  patch: {operation: ADD, value: {lb_policy: RING_HASH}}\n- applyTo: NETWORK_FILTER\n  match: {listener: {filterChain: {name: envoy.tcp_proxy}}}\n  patch:\n    operation: INSERT_BEFORE\n    value: {typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz}}\n- applyTo: NETWORK_FILTER\n  match: {listener: {filterChain: {name: envoy.tcp_proxy}}}\n  patch:\n    operation: INSERT_FIRST\n    value: {typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz}}',
  },
  {
    name: 'deprecated config',
    spec: 'configPatches:\n- applyTo: NETWORK_FILTER\n  match: {listener: {filterChain: {name: envoy.tcp_proxy}}}\n  patch:\n    operation: INSERT_FIRST\n    value: {typed_config: {"@type": type.googleapis.com/envoy.config.filter.network.ext_authz.v2.ExtAuthz}}',
    error: /referenced type unknown \(hint: try using the v3 XDS API\)/,
  },
  {
    name: 'deprecated type',
    spec: 'configPatches:\n- applyTo: HTTP_FILTER\n  match: {listener: {filterChain: {filter: {name: envoy.http_connection_manager}}}}\n  patch: {operation: INSERT_FIRST, value: {}}',
    warning: /using deprecated filter name/,
  },
  {
    name: 'duration marshal',
    spec: 'configPatches:\n- applyTo: CLUSTER\n  patch: {operation: ADD, value: {dns_refresh_rate: 500ms}}',
  },
];

describe("Istio's EnvoyFilter validation table (TestValidateEnvoyFilter)", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const text = `apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata:\n  name: t\nspec:\n${c.spec
        .split('\n')
        .map((l) => '  ' + l)
        .join('\n')}\n`;
      const findings = analyzeFile(text, { istioVersion: '1.31' }).findings;
      const errors = findings.filter((f) => f.severity === 'error').map((f) => f.message);
      // ML0320 is the warning istiod gives every EnvoyFilter; the table's warnings are the others.
      const warnings = findings
        .filter((f) => f.severity === 'warning' && f.code !== 'ML0320' && !f.code.startsWith('IST'))
        .map((f) => f.message);
      if (c.error)
        assert.ok(
          errors.some((m) => c.error!.test(m)),
          `errors: ${JSON.stringify(errors)}`,
        );
      else assert.deepEqual(errors, []);
      if (c.warning)
        assert.ok(
          warnings.some((m) => c.warning!.test(m)),
          `warnings: ${JSON.stringify(warnings)}`,
        );
      else assert.deepEqual(warnings, []);
    });
  }
});

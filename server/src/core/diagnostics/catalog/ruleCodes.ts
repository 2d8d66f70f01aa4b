// Diagnostic codes: Istio's CRD CEL rules and admission webhook, and Meshlens's own resource rules: ML03xx.
import type { CodeInfo } from '../codes';

export const RULE_CODES: CodeInfo[] = [
  // --- CRD CEL rules and Istio's admission webhook (ML03xx)
  {
    code: 'ML0301',
    name: 'selector-and-target-ref',
    severity: 'error',
    title: 'Both a selector and targetRefs',
    explanation:
      'Only one of `selector` (`workloadSelector` for EnvoyFilter), `targetRef` and `targetRefs` can be set. Use targetRefs for Gateway API gateways and waypoints, a selector for sidecars and Istio gateways. The CRD rule and the webhook both reject this.',
  },
  {
    code: 'ML0302',
    name: 'selector-wildcard',
    severity: 'error',
    title: 'Wildcard in a selector',
    explanation:
      'Label selectors match exact keys and values; `*` is not supported in either and the CRD rejects it. To select every workload in the namespace, leave the selector out.',
  },
  {
    code: 'ML0303',
    name: 'selector-empty-key',
    severity: 'error',
    title: 'Empty label key in a selector',
    explanation: 'A selector label key must not be empty.',
  },
  {
    code: 'ML0304',
    name: 'selector-without-labels',
    severity: 'warning',
    title: 'Selector without labels',
    explanation:
      'A selector is present but names no labels, so it selects every workload in the namespace (in the root namespace: the whole mesh). Istio admits this with a warning. Remove the selector if that is intended.',
  },
  {
    code: 'ML0305',
    name: 'target-ref-namespace',
    severity: 'error',
    title: 'Cross-namespace targetRef',
    explanation: 'A targetRef may not set `namespace`: policies attach only within their own namespace.',
  },
  {
    code: 'ML0306',
    name: 'target-ref-kind',
    severity: 'error',
    title: 'Unsupported targetRef kind',
    explanation:
      "A targetRef must name a core Service, a networking.istio.io ServiceEntry, a gateway.networking.k8s.io Gateway or GatewayClass, and must name it (`name`). Istio's webhook rejects anything else.",
  },
  {
    code: 'ML0307',
    name: 'wasm-url',
    severity: 'error',
    title: 'Bad Wasm module URL',
    explanation:
      'The Wasm module `url` must be set and use one of the schemes `oci://`, `http://`, `https://` or `file://` (no scheme means `oci://`).',
  },
  {
    code: 'ML0308',
    name: 'tag-override-value',
    severity: 'error',
    title: 'Tag override value rule',
    explanation:
      'A `tagOverrides` entry with operation UPSERT (the default) needs a non-empty `value` (a CEL expression); one with REMOVE must not have a value.',
  },
  {
    code: 'ML0309',
    name: 'waypoint-match-context',
    severity: 'error',
    title: 'Waypoint match outside WAYPOINT context',
    explanation:
      'An EnvoyFilter `match.waypoint` is only allowed with `context: WAYPOINT`, and `context: WAYPOINT` requires `match.waypoint`.',
  },
  {
    code: 'ML0310',
    name: 'port-range',
    severity: 'error',
    title: 'Port out of range',
    explanation: 'A port number must be between 1 and 65535.',
  },
  {
    code: 'ML0311',
    name: 'duration',
    severity: 'error',
    title: 'Invalid duration',
    explanation:
      'Durations are written like `10s`, `1m30s` or `500ms`, and `reportingInterval` must be longer than 1ms.',
  },
  {
    code: 'ML0312',
    name: 'wasm-or-lua',
    severity: 'error',
    title: 'Exactly one of wasm or lua',
    explanation: 'A TrafficExtension carries either a `wasm` module or `lua` code, never both and never neither.',
  },
  {
    code: 'ML0313',
    name: 'env-value-from',
    severity: 'error',
    title: 'Env value with valueFrom HOST',
    explanation:
      "A `vmConfig.env` entry may only set `value` when `valueFrom` is INLINE (the default); with HOST the value is read from the proxy's environment. Names must be non-empty and unique.",
  },
  {
    code: 'ML0314',
    name: 'missing-patch',
    severity: 'error',
    title: 'Incomplete EnvoyFilter patch',
    explanation:
      "Every entry of `configPatches` needs `applyTo`, a `patch` with an `operation`, and a `patch.value` unless the operation is REMOVE. istiod's webhook rejects the resource otherwise.",
  },
  {
    code: 'ML0315',
    name: 'access-log-filter-cel',
    severity: 'error',
    title: 'Access log filter is not valid CEL',
    explanation:
      'istiod parses `accessLogging[].filter.expression` as a CEL expression and rejects the Telemetry when it does not parse ("must be a valid CEL expression"). Only the syntax is checked, as istiod does: attribute names and types are not. The error is marked where the parser stopped.',
  },
  {
    code: 'ML0316',
    name: 'empty-name',
    severity: 'error',
    title: 'Empty name',
    explanation: 'A provider, custom tag, header or environment name may not be empty.',
  },
  {
    code: 'ML0318',
    name: 'lua-code-size',
    severity: 'error',
    title: 'Lua code empty or too large',
    explanation:
      "A TrafficExtension's `lua.inlineCode` must be non-empty and at most 64 KiB; istiod rejects or drops it otherwise.",
  },
  {
    code: 'ML0319',
    name: 'multiple-tracing',
    severity: 'warning',
    title: 'More than one tracing entry or provider',
    explanation:
      'Istio supports one `tracing` entry with one provider per Telemetry; it warns and uses only the first.',
  },

  {
    code: 'ML0320',
    name: 'envoyfilter-internals',
    severity: 'info',
    title: 'EnvoyFilter is an internal API',
    explanation:
      'istiod admits every EnvoyFilter with this warning: "EnvoyFilter exposes internal implementation details that may change at any time. Prefer other APIs if possible, and exercise extreme caution, especially around upgrades." It says nothing about the resource at hand, so Meshlens shows it as information; `meshlens check` still lists it, and `--fail-on` is unaffected. Turn it off per project with `rules: {ML0320: off}` or `# meshlens-disable ML0320`.',
  },
  {
    code: 'ML0321',
    name: 'proxy-version',
    severity: 'error',
    title: 'Bad proxyVersion match',
    explanation:
      "`match.proxy.proxyVersion` is a Go (RE2) regular expression matched against the proxy's ISTIO_VERSION. An invalid expression (or one using features RE2 lacks, like lookaround or backreferences) is rejected; one over 1024 characters is admitted with a warning and then matches no proxy.",
  },
  {
    code: 'ML0322',
    name: 'match-class',
    severity: 'error',
    title: 'Match does not fit applyTo',
    explanation:
      'Listener-class patches (LISTENER, FILTER_CHAIN, NETWORK_FILTER, HTTP_FILTER) can only match `listener`; route-class patches (ROUTE_CONFIGURATION, VIRTUAL_HOST, HTTP_ROUTE) only `routeConfiguration`; CLUSTER only `cluster`. istiod rejects other combinations.',
  },
  {
    code: 'ML0323',
    name: 'filter-match-no-effect',
    severity: 'warning',
    title: 'Filter match has no effect',
    explanation:
      'A `filterChain.filter` match is ignored for applyTo LISTENER and FILTER_CHAIN, which patch the listener or the whole chain. istiod admits it with a warning.',
  },
  {
    code: 'ML0324',
    name: 'filter-match-name',
    severity: 'error',
    title: 'Filter or subFilter match without a valid name',
    explanation:
      'A `filter` or `subFilter` match must name the filter. `subFilter` only works with applyTo HTTP_FILTER and inside the HTTP connection manager (`filter.name: envoy.filters.network.http_connection_manager`).',
  },
  {
    code: 'ML0325',
    name: 'deprecated-filter-name',
    severity: 'warning',
    title: 'Deprecated Envoy filter name',
    explanation:
      'The filter name is a deprecated alias (for example `envoy.router` for `envoy.filters.http.router`). istiod warns, and never translates it: a match on a deprecated name finds nothing, because istiod generates the canonical names.',
  },

  {
    code: 'ML0329',
    name: 'tag-value-unknown',
    severity: 'warning',
    title: 'Tag value the proxy cannot evaluate',
    explanation:
      'Metric tag override values are CEL expressions the proxy\'s stats filter evaluates; istiod does not check them, and where one does not parse or cannot be evaluated the label is "unknown". A fixed value must be a quoted CEL string (`"\'v1\'"`, not `v1`). Through Istio 1.23 it also knew `node` and read any other bare name X as the filter state `wasm.X` (for example `upstream_peer`); from 1.24 those resolve to nothing and the label is "unknown" (istio/proxy#5825, upgrade note telemetry-cel.yaml). Start from request, response, connection, upstream, source, destination, metadata, filter_state, upstream_filter_state or xds.',
  },
  {
    code: 'ML0326',
    name: 'deprecated-target-ref',
    severity: 'info',
    title: 'targetRef is deprecated',
    explanation:
      'The singular `targetRef` is deprecated in favour of `targetRefs`, a list. istiod reads `targetRef` only when `targetRefs` is empty. A quick fix turns one into the other.',
  },
  {
    code: 'ML0327',
    name: 'http-filter-after-router',
    severity: 'error',
    title: 'HTTP filter lands after the router',
    explanation:
      'An HTTP_FILTER `ADD` appends the filter at the end of the chain whatever its subFilter says, and `INSERT_AFTER` without a subFilter match (or after the router) does the same: the filter lands after `envoy.filters.http.router`. Envoy rejects the whole listener ("terminal filter named envoy.filters.http.router ... must be the last filter in a http filter chain"), and the proxy keeps its old listeners. Use `INSERT_BEFORE` with `subFilter: {name: envoy.filters.http.router}`.',
  },
  {
    code: 'ML0328',
    name: 'patch-never-applies',
    severity: 'warning',
    title: 'Patch that can never apply',
    explanation:
      'istiod skips this patch on every proxy: an HTTP_FILTER `REPLACE` or `REMOVE` without a subFilter naming the filter, or an HTTP_FILTER patch whose `filterChain.filter.name` is a network filter other than the HTTP connection manager (HTTP filters live only in `envoy.filters.network.http_connection_manager`).',
  },
];

// Diagnostic codes: the EnvoyFilter rules of Istio's webhook and istioctl, and Meshlens's own EnvoyFilter placement
// rules (ML0320-ML0329).
import type { CodeInfo } from '../codes';

export const ENVOY_FILTER_RULE_CODES: CodeInfo[] = [
  {
    code: 'ML0320',
    name: 'envoyfilter-internals',
    severity: 'info',
    title: 'EnvoyFilter is an internal API',
    explanation:
      'istiod admits every EnvoyFilter with this warning: "EnvoyFilter exposes internal implementation details that may change at any time. Prefer other APIs if possible, and exercise extreme caution, especially around upgrades." It says nothing about the resource at hand, so Meshlens shows it as information; `meshlens check` still lists it, and `--fail-on` is unaffected. Turn it off per project with `rules: {ML0320: off}` or `# meshlens-disable ML0320`.',
    message:
      'EnvoyFilter exposes internal implementation details that may change at any time. Prefer other APIs if possible, and exercise extreme caution, especially around upgrades.',
  },
  {
    code: 'ML0321',
    name: 'proxy-version',
    severity: 'error',
    title: 'Bad proxyVersion match',
    explanation:
      "`match.proxy.proxyVersion` is a Go (RE2) regular expression matched against the proxy's ISTIO_VERSION. An invalid expression (or one using features RE2 lacks, like lookaround or backreferences) is rejected; one over 1024 characters is admitted with a warning and then matches no proxy.",
    message: {
      tooLong: 'Envoy filter: proxyVersion match exceeds 1024 characters and will be ignored',
      invalid: 'Envoy filter: invalid regex for proxy version, [{error}]',
    },
  },
  {
    code: 'ML0322',
    name: 'match-class',
    severity: 'error',
    title: 'Match does not fit applyTo',
    explanation:
      'Listener-class patches (LISTENER, FILTER_CHAIN, NETWORK_FILTER, HTTP_FILTER) can only match `listener`; route-class patches (ROUTE_CONFIGURATION, VIRTUAL_HOST, HTTP_ROUTE) only `routeConfiguration`; CLUSTER only `cluster`. istiod rejects other combinations.',
    message: 'Envoy filter: applyTo for {class} class objects cannot have non {match} match',
  },
  {
    code: 'ML0323',
    name: 'filter-match-no-effect',
    severity: 'warning',
    title: 'Filter match has no effect',
    explanation:
      'A `filterChain.filter` match is ignored for applyTo LISTENER and FILTER_CHAIN, which patch the listener or the whole chain. istiod admits it with a warning.',
    message: 'Envoy filter: filter match has no effect when used with {applyTo}',
  },
  {
    code: 'ML0324',
    name: 'filter-match-name',
    severity: 'error',
    title: 'Filter or subFilter match without a valid name',
    explanation:
      'A `filter` or `subFilter` match must name the filter. `subFilter` only works with applyTo HTTP_FILTER and inside the HTTP connection manager (`filter.name: envoy.filters.network.http_connection_manager`).',
    message: {
      noFilterName: 'Envoy filter: filter match has no name to match on',
      subFilterApplyTo: 'Envoy filter: subfilter match can be used with applyTo HTTP_FILTER only',
      subFilterNeedsHcm:
        'Envoy filter: subfilter match requires filter match with envoy.filters.network.http_connection_manager',
      noSubFilterName: 'Envoy filter: subfilter match has no name to match on',
    },
  },
  {
    code: 'ML0325',
    name: 'deprecated-filter-name',
    severity: 'warning',
    title: 'Deprecated Envoy filter name',
    explanation:
      'The filter name is a deprecated alias (for example `envoy.router` for `envoy.filters.http.router`). istiod warns, and never translates it: a match on a deprecated name finds nothing, because istiod generates the canonical names.',
    message: 'using deprecated filter name "{name}"; use "{canonical}" instead',
  },

  {
    code: 'ML0329',
    name: 'tag-value-unknown',
    severity: 'warning',
    title: 'Tag value the proxy cannot evaluate',
    explanation:
      'Metric tag override values are CEL expressions the proxy\'s stats filter evaluates; istiod does not check them, and where one does not parse or cannot be evaluated the label is "unknown". A fixed value must be a quoted CEL string (`"\'v1\'"`, not `v1`). Through Istio 1.23 it also knew `node` and read any other bare name X as the filter state `wasm.X` (for example `upstream_peer`); from 1.24 those resolve to nothing and the label is "unknown" (istio/proxy#5825, upgrade note telemetry-cel.yaml). Start from request, response, connection, upstream, source, destination, metadata, filter_state, upstream_filter_state or xds.',
    message: {
      notCel:
        'The value of tag `{tag}` is not a CEL expression ({error}); the proxy sets the label to "unknown".{hint}',
      noAttribute:
        '`{name}` is not an attribute of Istio {version}\'s proxies: {why}, so the tag `{tag}` gets the value "unknown".{hint}',
    },
  },
  {
    code: 'ML0326',
    name: 'deprecated-target-ref',
    severity: 'info',
    title: 'targetRef is deprecated',
    explanation:
      'The singular `targetRef` is deprecated in favour of `targetRefs`, a list. istiod reads `targetRef` only when `targetRefs` is empty. A quick fix turns one into the other.',
    message: '`targetRef` is deprecated; use `targetRefs`, a list.',
  },
  {
    code: 'ML0327',
    name: 'http-filter-after-router',
    severity: 'error',
    title: 'HTTP filter lands after the router',
    explanation:
      'An HTTP_FILTER `ADD` appends the filter at the end of the chain whatever its subFilter says, and `INSERT_AFTER` without a subFilter match (or after the router) does the same: the filter lands after `envoy.filters.http.router`. Envoy rejects the whole listener ("terminal filter named envoy.filters.http.router ... must be the last filter in a http filter chain"), and the proxy keeps its old listeners. Use `INSERT_BEFORE` with `subFilter: {name: envoy.filters.http.router}`.',
    message:
      '{how}. Envoy rejects the listener: "terminal filter named {router} of type {router} must be the last filter in a http filter chain". Use INSERT_BEFORE with subFilter {router}.',
  },
  {
    code: 'ML0328',
    name: 'patch-never-applies',
    severity: 'warning',
    title: 'Patch that can never apply',
    explanation:
      'istiod skips this patch on every proxy: an HTTP_FILTER `REPLACE` or `REMOVE` without a subFilter naming the filter, or an HTTP_FILTER patch whose `filterChain.filter.name` is a network filter other than the HTTP connection manager (HTTP filters live only in `envoy.filters.network.http_connection_manager`).',
    message: {
      notHcm:
        'HTTP filters live only inside {hcm}; istiod never looks for them in {filter}, so this HTTP_FILTER patch can never apply.',
      noSubFilter:
        '{op} of an HTTP filter needs match.listener.filterChain.filter.subFilter.name naming the filter; without it istiod skips the patch.',
    },
  },
];

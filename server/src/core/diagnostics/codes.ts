// The catalogue of every finding Meshlens reports: one stable code, its default severity, a short title and the
// paragraph the README shows. Codes never change meaning; a retired check keeps its number unused.
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface CodeInfo {
  code: string;
  name: string;
  severity: Severity;
  title: string;
  explanation: string;
}

const CODES: CodeInfo[] = [
  // --- YAML and input (ML00xx)
  { code: 'ML0001', name: 'yaml-syntax', severity: 'error', title: 'YAML syntax error',
    explanation: 'The text is not valid YAML at this place (for example a bad indentation, an unclosed quote or a tab used for indentation). Kubernetes cannot read the document, so no other check runs on it.' },
  { code: 'ML0002', name: 'yaml-duplicate-key', severity: 'error', title: 'Duplicate key',
    explanation: 'A mapping names the same key twice. kubectl rejects such documents ("mapping key already defined"); with other clients the last value silently wins. Remove one of them.' },
  { code: 'ML0003', name: 'input-limit', severity: 'warning', title: 'Input over a limit',
    explanation: 'The document is larger or deeper than Meshlens analyses: a single `---` document over 5 MB is not checked at all (hover and completion still work in it, from its indentation); nesting over 500 levels or an alias expansion over the YAML library\'s limit is syntax-checked only. The editor stays responsive either way.' },
  { code: 'ML0004', name: 'invalid-utf8', severity: 'error', title: 'Invalid UTF-8',
    explanation: 'The file contains bytes that are not valid UTF-8. Kubernetes requires UTF-8 manifests. The first bad byte is marked; the rest of the file is still checked with the bad bytes replaced.' },
  { code: 'ML0005', name: 'template-syntax', severity: 'info', title: 'Template not checked',
    explanation: 'The file contains template syntax such as Helm\'s `{{ }}`. It is not a Kubernetes manifest until rendered, so Meshlens does not check it. Render it (`helm template`) and check the output.' },
  { code: 'ML0006', name: 'not-a-resource', severity: 'error', title: 'Not a resource object',
    explanation: 'A document that names one of the Istio kinds Meshlens knows must be a mapping with `apiVersion`, `kind` and `spec`.' },

  { code: 'ML0007', name: 'project-config', severity: 'error', title: 'Bad .meshlens.yaml',
    explanation: 'The project configuration file has a key, value or code Meshlens does not know (the message says which, with a suggestion). The parts that are valid still apply; the rest is ignored until it is fixed. Its JSON Schema ships as `schemas/meshlens-config.schema.json`.' },
  // --- Resource identity (ML01xx)
  { code: 'ML0101', name: 'unserved-api-version', severity: 'error', title: 'API version not served',
    explanation: 'The kind is known but the Istio CRD does not serve this `apiVersion`, so the apiserver rejects the document ("no matches for kind"). The message names the versions that are served.' },
  { code: 'ML0102', name: 'version-unavailable-kind', severity: 'error', title: 'Kind or API version not in the target Istio version',
    explanation: 'The kind or API version exists in newer Istio releases only (for example TrafficExtension before 1.30, or telemetry.istio.io/v1 before 1.22). Set `meshlens.istioVersion` to the version your cluster runs.' },
  { code: 'ML0103', name: 'version-unavailable-field', severity: 'error', title: 'Field not in the target Istio version',
    explanation: 'The field is in the newest CRD but not in the CRD of the Istio version selected by `meshlens.istioVersion`, so that cluster rejects or drops it. The message says in which version it was added.' },
  { code: 'ML0104', name: 'version-unavailable-value', severity: 'error', title: 'Enum value not in the target Istio version',
    explanation: 'The value is valid in newer Istio releases only (for example `context: WAYPOINT` before 1.29, `failStrategy: FAIL_RELOAD` before 1.28, `operation: MERGE_AND_REPLACE_LIST` before 1.31).' },

  // --- Schema (ML02xx)
  { code: 'ML0201', name: 'unknown-field', severity: 'error', title: 'Unknown field',
    explanation: 'The CRD does not define this field. The apiserver rejects it under strict field validation (the kubectl default) and drops it otherwise, so it never takes effect. Often a typo or a field from another version of the API.' },
  { code: 'ML0202', name: 'wrong-type', severity: 'error', title: 'Wrong type',
    explanation: 'The value has the wrong type for this field, for example a string where the CRD wants an integer or a list where it wants an object. Quote numbers that must be strings and unquote ones that must be numbers.' },
  { code: 'ML0203', name: 'invalid-enum', severity: 'error', title: 'Value not allowed',
    explanation: 'The field only accepts the listed values. Enum values are case-sensitive.' },
  { code: 'ML0204', name: 'missing-required', severity: 'error', title: 'Missing required field',
    explanation: 'The CRD requires this field. The apiserver rejects the document without it.' },
  { code: 'ML0205', name: 'out-of-range', severity: 'error', title: 'Value out of range',
    explanation: 'The value is outside the bounds the CRD sets: a number under its minimum or over its maximum, a string or list too short or too long.' },
  { code: 'ML0206', name: 'pattern-mismatch', severity: 'error', title: 'Value does not match the pattern',
    explanation: 'The string does not match the pattern the CRD requires (for example a lowercase 64-character hex sha256, or a DNS-1123 name).' },
  { code: 'ML0207', name: 'exclusive-fields', severity: 'error', title: 'Fields that exclude each other',
    explanation: 'At most one of the named fields may be set, for example one of `listener`, `routeConfiguration`, `cluster` or `waypoint` in an EnvoyFilter match.' },
  { code: 'ML0208', name: 'invalid-value', severity: 'error', title: 'Invalid value',
    explanation: 'The value breaks a schema rule not covered by a more specific code.' },

  // --- CRD CEL rules and Istio's admission webhook (ML03xx)
  { code: 'ML0301', name: 'selector-and-target-ref', severity: 'error', title: 'Both a selector and targetRefs',
    explanation: 'Only one of `selector` (`workloadSelector` for EnvoyFilter), `targetRef` and `targetRefs` can be set. Use targetRefs for Gateway API gateways and waypoints, a selector for sidecars and Istio gateways. The CRD rule and the webhook both reject this.' },
  { code: 'ML0302', name: 'selector-wildcard', severity: 'error', title: 'Wildcard in a selector',
    explanation: 'Label selectors match exact keys and values; `*` is not supported in either and the CRD rejects it. To select every workload in the namespace, leave the selector out.' },
  { code: 'ML0303', name: 'selector-empty-key', severity: 'error', title: 'Empty label key in a selector',
    explanation: 'A selector label key must not be empty.' },
  { code: 'ML0304', name: 'selector-without-labels', severity: 'warning', title: 'Selector without labels',
    explanation: 'A selector is present but names no labels, so it selects every workload in the namespace (in the root namespace: the whole mesh). Istio admits this with a warning. Remove the selector if that is intended.' },
  { code: 'ML0305', name: 'target-ref-namespace', severity: 'error', title: 'Cross-namespace targetRef',
    explanation: 'A targetRef may not set `namespace`: policies attach only within their own namespace.' },
  { code: 'ML0306', name: 'target-ref-kind', severity: 'error', title: 'Unsupported targetRef kind',
    explanation: 'A targetRef must name a core Service, a networking.istio.io ServiceEntry, a gateway.networking.k8s.io Gateway or GatewayClass, and must name it (`name`). Istio\'s webhook rejects anything else.' },
  { code: 'ML0307', name: 'wasm-url', severity: 'error', title: 'Bad Wasm module URL',
    explanation: 'The Wasm module `url` must be set and use one of the schemes `oci://`, `http://`, `https://` or `file://` (no scheme means `oci://`).' },
  { code: 'ML0308', name: 'tag-override-value', severity: 'error', title: 'Tag override value rule',
    explanation: 'A `tagOverrides` entry with operation UPSERT (the default) needs a non-empty `value` (a CEL expression); one with REMOVE must not have a value.' },
  { code: 'ML0309', name: 'waypoint-match-context', severity: 'error', title: 'Waypoint match outside WAYPOINT context',
    explanation: 'An EnvoyFilter `match.waypoint` is only allowed with `context: WAYPOINT`, and `context: WAYPOINT` requires `match.waypoint`.' },
  { code: 'ML0310', name: 'port-range', severity: 'error', title: 'Port out of range',
    explanation: 'A port number must be between 1 and 65535.' },
  { code: 'ML0311', name: 'duration', severity: 'error', title: 'Invalid duration',
    explanation: 'Durations are written like `10s`, `1m30s` or `500ms`, and `reportingInterval` must be longer than 1ms.' },
  { code: 'ML0312', name: 'wasm-or-lua', severity: 'error', title: 'Exactly one of wasm or lua',
    explanation: 'A TrafficExtension carries either a `wasm` module or `lua` code, never both and never neither.' },
  { code: 'ML0313', name: 'env-value-from', severity: 'error', title: 'Env value with valueFrom HOST',
    explanation: 'A `vmConfig.env` entry may only set `value` when `valueFrom` is INLINE (the default); with HOST the value is read from the proxy\'s environment. Names must be non-empty and unique.' },
  { code: 'ML0314', name: 'missing-patch', severity: 'error', title: 'Incomplete EnvoyFilter patch',
    explanation: 'Every entry of `configPatches` needs `applyTo`, a `patch` with an `operation`, and a `patch.value` unless the operation is REMOVE. istiod\'s webhook rejects the resource otherwise.' },
  { code: 'ML0315', name: 'access-log-filter-cel', severity: 'error', title: 'Access log filter is not valid CEL',
    explanation: 'istiod parses `accessLogging[].filter.expression` as a CEL expression and rejects the Telemetry when it does not parse ("must be a valid CEL expression"). Only the syntax is checked, as istiod does: attribute names and types are not. The error is marked where the parser stopped.' },
  { code: 'ML0316', name: 'empty-name', severity: 'error', title: 'Empty name',
    explanation: 'A provider, custom tag, header or environment name may not be empty.' },
  { code: 'ML0318', name: 'lua-code-size', severity: 'error', title: 'Lua code empty or too large',
    explanation: 'A TrafficExtension\'s `lua.inlineCode` must be non-empty and at most 64 KiB; istiod rejects or drops it otherwise.' },
  { code: 'ML0319', name: 'multiple-tracing', severity: 'warning', title: 'More than one tracing entry or provider',
    explanation: 'Istio supports one `tracing` entry with one provider per Telemetry; it warns and uses only the first.' },

  { code: 'ML0320', name: 'envoyfilter-internals', severity: 'info', title: 'EnvoyFilter is an internal API',
    explanation: 'istiod admits every EnvoyFilter with this warning: "EnvoyFilter exposes internal implementation details that may change at any time. Prefer other APIs if possible, and exercise extreme caution, especially around upgrades." It says nothing about the resource at hand, so Meshlens shows it as information; `meshlens check` still lists it, and `--fail-on` is unaffected. Turn it off per project with `rules: {ML0320: off}` or `# meshlens-disable ML0320`.' },
  { code: 'ML0321', name: 'proxy-version', severity: 'error', title: 'Bad proxyVersion match',
    explanation: '`match.proxy.proxyVersion` is a Go (RE2) regular expression matched against the proxy\'s ISTIO_VERSION. An invalid expression (or one using features RE2 lacks, like lookaround or backreferences) is rejected; one over 1024 characters is admitted with a warning and then matches no proxy.' },
  { code: 'ML0322', name: 'match-class', severity: 'error', title: 'Match does not fit applyTo',
    explanation: 'Listener-class patches (LISTENER, FILTER_CHAIN, NETWORK_FILTER, HTTP_FILTER) can only match `listener`; route-class patches (ROUTE_CONFIGURATION, VIRTUAL_HOST, HTTP_ROUTE) only `routeConfiguration`; CLUSTER only `cluster`. istiod rejects other combinations.' },
  { code: 'ML0323', name: 'filter-match-no-effect', severity: 'warning', title: 'Filter match has no effect',
    explanation: 'A `filterChain.filter` match is ignored for applyTo LISTENER and FILTER_CHAIN, which patch the listener or the whole chain. istiod admits it with a warning.' },
  { code: 'ML0324', name: 'filter-match-name', severity: 'error', title: 'Filter or subFilter match without a valid name',
    explanation: 'A `filter` or `subFilter` match must name the filter. `subFilter` only works with applyTo HTTP_FILTER and inside the HTTP connection manager (`filter.name: envoy.filters.network.http_connection_manager`).' },
  { code: 'ML0325', name: 'deprecated-filter-name', severity: 'warning', title: 'Deprecated Envoy filter name',
    explanation: 'The filter name is a deprecated alias (for example `envoy.router` for `envoy.filters.http.router`). istiod warns, and never translates it: a match on a deprecated name finds nothing, because istiod generates the canonical names.' },

  { code: 'ML0329', name: 'tag-value-unknown', severity: 'warning', title: 'Tag value the proxy cannot evaluate',
    explanation: 'Metric tag override values are CEL expressions the proxy\'s stats filter evaluates; istiod does not check them, and where one does not parse or cannot be evaluated the label is "unknown". A fixed value must be a quoted CEL string (`"\'v1\'"`, not `v1`). Through Istio 1.23 it also knew `node` and read any other bare name X as the filter state `wasm.X` (for example `upstream_peer`); from 1.24 those resolve to nothing and the label is "unknown" (istio/proxy#5825, upgrade note telemetry-cel.yaml). Start from request, response, connection, upstream, source, destination, metadata, filter_state, upstream_filter_state or xds.' },
  { code: 'ML0326', name: 'deprecated-target-ref', severity: 'info', title: 'targetRef is deprecated',
    explanation: 'The singular `targetRef` is deprecated in favour of `targetRefs`, a list. istiod reads `targetRef` only when `targetRefs` is empty. A quick fix turns one into the other.' },
  { code: 'ML0327', name: 'http-filter-after-router', severity: 'error', title: 'HTTP filter lands after the router',
    explanation: 'An HTTP_FILTER `ADD` appends the filter at the end of the chain whatever its subFilter says, and `INSERT_AFTER` without a subFilter match (or after the router) does the same: the filter lands after `envoy.filters.http.router`. Envoy rejects the whole listener ("terminal filter named envoy.filters.http.router ... must be the last filter in a http filter chain"), and the proxy keeps its old listeners. Use `INSERT_BEFORE` with `subFilter: {name: envoy.filters.http.router}`.' },
  { code: 'ML0328', name: 'patch-never-applies', severity: 'warning', title: 'Patch that can never apply',
    explanation: 'istiod skips this patch on every proxy: an HTTP_FILTER `REPLACE` or `REMOVE` without a subFilter naming the filter, or an HTTP_FILTER patch whose `filterChain.filter.name` is a network filter other than the HTTP connection manager (HTTP filters live only in `envoy.filters.network.http_connection_manager`).' },

  // --- Envoy config inside EnvoyFilter patches (ML06xx)
  { code: 'ML0601', name: 'v2-type-url', severity: 'error', title: 'Envoy v2 type URL',
    explanation: 'The `@type` names an Envoy v2 API message. Envoy and istiod no longer know v2 types, and istiod rejects the EnvoyFilter ("referenced type unknown (hint: try using the v3 XDS API)"). Use the v3 type URL.' },
  { code: 'ML0602', name: 'unknown-type-url', severity: 'error', title: 'Unknown @type',
    explanation: 'istiod decodes every `@type` in `patch.value` and rejects the EnvoyFilter when it cannot resolve the type ("referenced type unknown"). The type URL is not an Envoy v3 message, a well-known protobuf type or a type of Istio\'s proxy. Check the spelling against the filter\'s documentation.' },
  { code: 'ML0603', name: 'filter-type-mismatch', severity: 'warning', title: 'Filter name and @type disagree',
    explanation: 'The filter `name` is a known Envoy filter but its `typed_config` names the configuration type of another filter. Envoy picks the filter implementation by the type, so the name is misleading at best.' },
  { code: 'ML0604', name: 'missing-typed-config', severity: 'warning', title: 'Filter without typed_config',
    explanation: 'A filter given by name only, without `typed_config` or `config_discovery`, relies on the deprecated lookup of filters by name. istiod warns ("using deprecated types by name without typed_config") and current Envoy rejects most such filters.' },
  { code: 'ML0605', name: 'envoy-unknown-field', severity: 'warning', title: 'Field Envoy\'s message does not have',
    explanation: 'istiod decodes `patch.value` into the Envoy message its `applyTo` implies (HTTP_FILTER: HttpFilter, CLUSTER: Cluster, ...) and every `typed_config` into the message its `@type` names. Fields that message does not have are silently dropped by istiod\'s lenient decoding, so they never reach Envoy: usually a typo, the other spelling of a nested field, or a value written for another applyTo. Inside a TypedStruct, which istiod passes through, Envoy itself rejects them.' },
  { code: 'ML0606', name: 'envoy-invalid-value', severity: 'error', title: 'Value Envoy\'s message cannot hold',
    explanation: 'The value has the wrong type for the Envoy field, is not one of its enum values, or sets two fields of the same oneof. istiod cannot decode the patch and rejects the EnvoyFilter (inside a TypedStruct: Envoy rejects it when the config is pushed, so this is a warning there).' },
  { code: 'ML0607', name: 'envoy-validation-rule', severity: 'warning', title: 'Envoy will reject this when istiod pushes it',
    explanation: 'Envoy\'s own validation rules (required fields, bounds, lengths) are not checked by istiod, which admits the EnvoyFilter; Envoy rejects the configuration when istiod pushes it, and the proxy keeps its old config. MERGE patches are partial messages, so required fields are not demanded there.' },

  { code: 'ML0701', name: 'unknown-telemetry-provider', severity: 'warning', title: 'Provider not in the mesh config',
    explanation: 'A Telemetry names a provider that the mesh config in the workspace (or given with --mesh-config) does not define in `extensionProviders`, and that is not one of the built-in `prometheus`, `stackdriver` and `envoy`. istiod skips unknown providers without a word, so the telemetry silently does not happen. Only checked when a mesh config is known.' },

  { code: 'ML0802', name: 'selector-matches-no-workload', severity: 'warning', title: 'Selector matches no workload in the workspace',
    explanation: 'The workload selector of an EnvoyFilter, WasmPlugin or TrafficExtension matches none of the workloads the workspace holds in the namespace it searches (istioctl analyze has no check for these kinds). Only reported when the workspace holds workloads of that namespace, so a gateway EnvoyFilter in a repository that does not hold the gateway\'s Deployment is not flagged.' },
  { code: 'ML0801', name: 'patch-matches-nothing', severity: 'warning', title: 'EnvoyFilter patch applies nowhere',
    explanation: 'Meshlens rendered the filter chains of every workload in the workspace that this EnvoyFilter selects (inbound on their ports, outbound on the Services\' ports, gateways on theirs) and this HTTP_FILTER or NETWORK_FILTER patch changed none of them; istiod would skip it without a word. The message says why, for example a subFilter name that is not in the chain or a port no listener has. Open "Meshlens: Preview Envoy Filter Chain" to see the chain.' },

  // --- Upgrade check (ML10xx): `meshlens upgrade-check` and "Meshlens: Check Upgrade to Istio…"
  { code: 'ML1001', name: 'upgrade-patch-outcome', severity: 'warning', title: 'EnvoyFilter patch applies differently after the upgrade',
    explanation: 'Rendered under both Istio versions, this patch applies to a workload\'s chain under one and not under the other: the filter it is anchored on was renamed or removed (Wasm filter names changed in 1.21, 1.26 and 1.30; `istio_authn` is gone since 1.21), its `proxyVersion` regex no longer matches the new proxies, or the order of EnvoyFilters changed. The message says why, for which port, and the finding lists the workloads.' },
  { code: 'ML1002', name: 'upgrade-filter-order', severity: 'warning', title: 'A resource\'s filter moves or appears after the upgrade',
    explanation: 'The filter a WasmPlugin, TrafficExtension or EnvoyFilter contributes sits elsewhere in a workload\'s chain under the target version, or only there: for example root-namespace EnvoyFilters were all applied first before Istio 1.22 and are ordered by priority with the others since. Filters run in chain order, so a moved authentication or rate-limit filter changes behaviour.' },
  { code: 'ML1003', name: 'upgrade-new-finding', severity: 'warning', title: 'A finding the target version adds',
    explanation: 'A check whose verdict depends on the Istio version reports this under the target version and not under the current one: a field, enum value, kind or API version the target lacks, a Lua method its Envoy does not have, a CEL attribute its proxies no longer provide, and so on. The message carries the original code and text; the severity is the original one.' },

  // --- Embedded Lua (ML09xx)
  { code: 'ML0901', name: 'lua-syntax', severity: 'error', title: 'Lua syntax error',
    explanation: 'The Lua code does not parse as LuaJIT (Lua 5.1 with goto and LuaJIT\'s number literals) reads it. Envoy fails to load the filter when istiod pushes it, and the listener is rejected.' },
  { code: 'ML0902', name: 'lua-no-callback', severity: 'warning', title: 'No Envoy callback',
    explanation: 'Envoy calls `envoy_on_request(request_handle)` and `envoy_on_response(response_handle)` if the script defines them as global functions. A script with neither never runs.' },
  { code: 'ML0903', name: 'lua-unknown-method', severity: 'error', title: 'No such method',
    explanation: 'The object (the stream handle, a header map, a buffer, stream info, ...) has no method of that name in Envoy\'s Lua API, so the call fails at run time with "attempt to call a nil value".' },
  { code: 'ML0904', name: 'lua-unknown-global', severity: 'warning', title: 'Undefined global',
    explanation: 'The name is neither a local, nor a global the script defines, nor one Envoy\'s LuaJIT provides (the Lua 5.1 standard library, bit, jit). Usually a typo or a missing `local`.' },
  { code: 'ML0905', name: 'lua-unused-local', severity: 'hint', title: 'Unused local',
    explanation: 'The local is never read. Prefix it with `_` if that is intended.' },
  { code: 'ML0906', name: 'lua-respond-in-response', severity: 'error', title: 'respond() on the response path',
    explanation: '`respond()` sends a local reply and is only allowed in `envoy_on_request`. Called in `envoy_on_response` it raises a script error.' },
  { code: 'ML0907', name: 'lua-method-too-new', severity: 'warning', title: 'Method newer than the target Envoy',
    explanation: 'The method was added to Envoy\'s Lua API after the Envoy version that the target Istio version (`meshlens.istioVersion`) ships, so the call fails on that proxy.' },
  { code: 'ML0908', name: 'lua-require-missing', severity: 'warning', title: 'require of a module Envoy does not have',
    explanation: 'Envoy\'s LuaJIT has its built-in libraries (string, table, math, os, io, debug, package, coroutine, bit, jit, ffi) and nothing else: no LuaRocks modules such as cjson or resty.*, and no Lua files on package.path. `require` of any other module raises "module not found": at the top level of the script when Envoy loads it (the filter configuration is rejected), inside a callback on every request it handles.' },

  // --- istioctl analyze messages, under Istio's own codes
  { code: 'IST0151', name: 'envoy-filter-uses-relative-operation', severity: 'warning', title: 'Relative patch operation without priority',
    explanation: 'istioctl analyze: a patch with a relative operation (INSERT_BEFORE, INSERT_AFTER, REPLACE, REMOVE) in an EnvoyFilter without `priority` may depend on the order in which istiod applies EnvoyFilters. It does when the filter it is anchored on is added by another EnvoyFilter, a WasmPlugin or a TrafficExtension: then it is a warning; set a priority, or use INSERT_FIRST or ADD. When the anchor is a filter istiod generates itself (the router, for one), a filter an earlier patch of the same EnvoyFilter adds, or there is no anchor, the order cannot change the outcome, and Meshlens says so at information level. (Istio\'s message text says "INSERT_FIRST of ADD"; it means "or".)' },
  { code: 'IST0152', name: 'envoy-filter-uses-replace-operation-incorrectly', severity: 'error', title: 'REPLACE where it is ignored',
    explanation: 'istioctl analyze: REPLACE only works for applyTo HTTP_FILTER, NETWORK_FILTER and VIRTUAL_HOST (Istio\'s message names the first two only; its code also allows VIRTUAL_HOST). Elsewhere the patch does nothing.' },
  { code: 'IST0153', name: 'envoy-filter-uses-add-operation-incorrectly', severity: 'error', title: 'ADD where it is ignored',
    explanation: 'istioctl analyze: ADD is ignored for applyTo ROUTE_CONFIGURATION and HTTP_ROUTE.' },
  { code: 'IST0154', name: 'envoy-filter-uses-remove-operation-incorrectly', severity: 'error', title: 'REMOVE where it is ignored',
    explanation: 'istioctl analyze: REMOVE is ignored for applyTo ROUTE_CONFIGURATION and HTTP_ROUTE.' },
  { code: 'IST0155', name: 'envoy-filter-uses-relative-operation-with-proxy-version', severity: 'warning', title: 'Relative operation on a filter another patch matches by proxy version',
    explanation: 'istioctl analyze: a relative operation without priority on a filter that another EnvoyFilter patch (earlier in the analysis) adds for a specific `proxyVersion` may not apply during an upgrade, when proxies of both versions run. Set a priority. (Istio\'s text misspells INSERT_BEFORE; the check covers INSERT_BEFORE, INSERT_AFTER, REPLACE and REMOVE, not MERGE.)' },
  { code: 'IST0157', name: 'invalid-telemetry-provider', severity: 'warning', title: 'Telemetry access logging without a provider',
    explanation: 'istioctl analyze: an `accessLogging` entry names no provider and is not disabled, and the mesh config has no `defaultProviders.accessLogging`, so the entry is ignored. Meshlens also flags provider names that the mesh config does not define (when the workspace holds a mesh config), which istiod skips silently.' },
  { code: 'IST0159', name: 'conflicting-telemetry-workload-selectors', severity: 'error', title: 'Two Telemetry select the same workload',
    explanation: 'istioctl analyze: more than one Telemetry with a selector selects the same workload in a namespace. istiod applies all of them in creation order, which is rarely what was meant. Checked against the workloads in the workspace.' },
  { code: 'IST0160', name: 'multiple-telemetries-without-workload-selectors', severity: 'error', title: 'Several namespace-wide Telemetry',
    explanation: 'istioctl analyze: a namespace has more than one Telemetry without a selector or targetRefs. istiod uses the oldest and silently ignores the rest.' },
  { code: 'IST0101', name: 'referenced-resource-not-found', severity: 'error', title: 'Telemetry selector matches no workload',
    explanation: 'istioctl analyze (telemetry/selector.go): the selector of a Telemetry matches no pod in its namespace. Meshlens checks it against the Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, ReplicaSets and Pods in the workspace, and only when the workspace holds workloads of that namespace: a workspace is part of a cluster, not all of it.' },
  { code: 'IST0166', name: 'ineffective-selector', severity: 'warning', title: 'Selector on a Gateway API gateway',
    explanation: 'istioctl analyze: a Telemetry or WasmPlugin selector matches the pods of a Kubernetes Gateway API gateway (label `gateway.networking.k8s.io/gateway-name`). Attach to the gateway with `targetRefs` instead.' },
  { code: 'IST0002', name: 'deprecated', severity: 'warning', title: 'Deprecated provider',
    explanation: 'istioctl analyze: the Telemetry names a Lightstep provider, which is deprecated; migrate to an OpenTelemetry provider. istiod treats Lightstep tracing as unsupported.' },
];

const byCode = new Map(CODES.map((c) => [c.code, c]));

export function codeInfo(code: string): CodeInfo {
  const info = byCode.get(code);
  if (!info) throw new Error(`unknown diagnostic code ${code}`);
  return info;
}

export function allCodes(): readonly CodeInfo[] {
  return CODES;
}

// Diagnostic codes: Embedded Lua (ML09xx) and istioctl analyze's messages under Istio's own codes.
import type { CodeInfo } from '../codes';

export const LUA_AND_ISTIOCTL_CODES: CodeInfo[] = [
  // --- Embedded Lua (ML09xx)
  {
    code: 'ML0901',
    name: 'lua-syntax',
    severity: 'error',
    title: 'Lua syntax error',
    explanation:
      "The Lua code does not parse as LuaJIT (Lua 5.1 with goto and LuaJIT's number literals) reads it. Envoy fails to load the filter when istiod pushes it, and the listener is rejected.",
    message: {
      unparsable: 'Lua could not be parsed: {error}',
      syntax: 'Lua syntax error: {error}',
    },
  },
  {
    code: 'ML0902',
    name: 'lua-no-callback',
    severity: 'warning',
    title: 'No Envoy callback',
    explanation:
      'Envoy calls `envoy_on_request(request_handle)` and `envoy_on_response(response_handle)` if the script defines them as global functions. A script with neither never runs.',
    message: 'The script defines neither envoy_on_request nor envoy_on_response, so Envoy never runs it.',
  },
  {
    code: 'ML0903',
    name: 'lua-unknown-method',
    severity: 'error',
    title: 'No such method',
    explanation:
      'The object (the stream handle, a header map, a buffer, stream info, ...) has no method of that name in Envoy\'s Lua API, so the call fails at run time with "attempt to call a nil value".',
    message: '{type} has no method `{method}`.{hint}',
  },
  {
    code: 'ML0904',
    name: 'lua-unknown-global',
    severity: 'warning',
    title: 'Undefined global',
    explanation:
      "The name is neither a local, nor a global the script defines, nor one Envoy's LuaJIT provides (the Lua 5.1 standard library, bit, jit). Usually a typo or a missing `local`.",
    message:
      "`{name}` is not defined: Envoy's Lua has the Lua 5.1 standard library and LuaJIT's bit and jit, and no global of that name.",
  },
  {
    code: 'ML0905',
    name: 'lua-unused-local',
    severity: 'hint',
    title: 'Unused local',
    explanation: 'The local is never read. Prefix it with `_` if that is intended.',
    message: 'Unused local `{name}`.',
  },
  {
    code: 'ML0906',
    name: 'lua-respond-in-response',
    severity: 'error',
    title: 'respond() on the response path',
    explanation:
      '`respond()` sends a local reply and is only allowed in `envoy_on_request`. Called in `envoy_on_response` it raises a script error.',
    message: 'respond() is only allowed in envoy_on_request; on the response path Envoy raises a script error.',
  },
  {
    code: 'ML0907',
    name: 'lua-method-too-new',
    severity: 'warning',
    title: 'Method newer than the target Envoy',
    explanation:
      "The method was added to Envoy's Lua API after the Envoy version that the target Istio version (`meshlens.istioVersion`) ships, so the call fails on that proxy.",
    message: '{type}:{method}() needs Envoy {since}; Istio {version} ships Envoy {envoy}.',
  },
  {
    code: 'ML0908',
    name: 'lua-require-missing',
    severity: 'warning',
    title: 'require of a module Envoy does not have',
    explanation:
      'Envoy\'s LuaJIT has its built-in libraries (string, table, math, os, io, debug, package, coroutine, bit, jit, ffi) and nothing else: no LuaRocks modules such as cjson or resty.*, and no Lua files on package.path. `require` of any other module raises "module not found": at the top level of the script when Envoy loads it (the filter configuration is rejected), inside a callback on every request it handles.',
    message:
      "module '{module}' not found: Envoy's LuaJIT has only its built-in libraries ({builtin}) and no Lua files on package.path, so require fails when the script loads.",
  },

  // --- istioctl analyze messages, under Istio's own codes
  {
    code: 'IST0151',
    name: 'envoy-filter-uses-relative-operation',
    severity: 'warning',
    title: 'Relative patch operation without priority',
    explanation:
      'istioctl analyze: a patch with a relative operation (INSERT_BEFORE, INSERT_AFTER, REPLACE, REMOVE) in an EnvoyFilter without `priority` may depend on the order in which istiod applies EnvoyFilters. It does when the filter it is anchored on is added by another EnvoyFilter, a WasmPlugin or a TrafficExtension: then it is a warning; set a priority, or use INSERT_FIRST or ADD. When the anchor is a filter istiod generates itself (the router, for one), a filter an earlier patch of the same EnvoyFilter adds, or there is no anchor, the order cannot change the outcome, and Meshlens says so at information level. (Istio\'s message text says "INSERT_FIRST of ADD"; it means "or".)',
    message: {
      independent:
        'istioctl analyze flags {op} in an EnvoyFilter without priority, but here the order of EnvoyFilters cannot change the outcome: {reason}.',
      extensionAnchor:
        'The {op} operation is anchored on {anchor}, a WasmPlugin or TrafficExtension filter: it is there only where that extension applies, its name changes between Istio versions, and this EnvoyFilter has no priority. Set spec.priority, or use INSERT_FIRST or ADD.',
      otherAnchor:
        'The {op} operation is anchored on {anchor}, which istiod does not generate: another EnvoyFilter, a WasmPlugin or a TrafficExtension adds it, and this EnvoyFilter has no priority, so whether it applies depends on the order of EnvoyFilters. Set spec.priority, or use INSERT_FIRST or ADD.',
      noAnchor:
        'The {op} operation is relative to other filters, and this EnvoyFilter has no priority: whether it applies depends on the order of EnvoyFilters. Use INSERT_FIRST or ADD, or set spec.priority.',
    },
  },
  {
    code: 'IST0152',
    name: 'envoy-filter-uses-replace-operation-incorrectly',
    severity: 'error',
    title: 'REPLACE where it is ignored',
    explanation:
      "istioctl analyze: REPLACE only works for applyTo HTTP_FILTER, NETWORK_FILTER and VIRTUAL_HOST (Istio's message names the first two only; its code also allows VIRTUAL_HOST). Elsewhere the patch does nothing.",
    message:
      'REPLACE is ignored for applyTo {applyTo}; it only works for HTTP_FILTER, NETWORK_FILTER and VIRTUAL_HOST.',
  },
  {
    code: 'IST0153',
    name: 'envoy-filter-uses-add-operation-incorrectly',
    severity: 'error',
    title: 'ADD where it is ignored',
    explanation: 'istioctl analyze: ADD is ignored for applyTo ROUTE_CONFIGURATION and HTTP_ROUTE.',
    message: 'ADD is ignored for applyTo {applyTo}.',
  },
  {
    code: 'IST0154',
    name: 'envoy-filter-uses-remove-operation-incorrectly',
    severity: 'error',
    title: 'REMOVE where it is ignored',
    explanation: 'istioctl analyze: REMOVE is ignored for applyTo ROUTE_CONFIGURATION and HTTP_ROUTE.',
    message: 'REMOVE is ignored for applyTo {applyTo}.',
  },
  {
    code: 'IST0155',
    name: 'envoy-filter-uses-relative-operation-with-proxy-version',
    severity: 'warning',
    title: 'Relative operation on a filter another patch matches by proxy version',
    explanation:
      "istioctl analyze: a relative operation without priority on a filter that another EnvoyFilter patch (earlier in the analysis) adds for a specific `proxyVersion` may not apply during an upgrade, when proxies of both versions run. Set a priority. (Istio's text misspells INSERT_BEFORE; the check covers INSERT_BEFORE, INSERT_AFTER, REPLACE and REMOVE, not MERGE.)",
    message:
      'The {operation} operation on {name} has no priority, and a patch for {name} matches a proxyVersion: during an upgrade, when proxies of both versions run, it may not apply. Set spec.priority.',
  },
  {
    code: 'IST0157',
    name: 'invalid-telemetry-provider',
    severity: 'warning',
    title: 'Telemetry access logging without a provider',
    explanation:
      'istioctl analyze: an `accessLogging` entry names no provider and is not disabled, and the mesh config has no `defaultProviders.accessLogging`, so the entry is ignored. Meshlens also flags provider names that the mesh config does not define (when the workspace holds a mesh config), which istiod skips silently.',
    message:
      'accessLogging[{index}] names no provider, and the mesh config ({meshConfig}) has no defaultProviders.accessLogging: it is ignored.',
  },
  {
    code: 'IST0159',
    name: 'conflicting-telemetry-workload-selectors',
    severity: 'error',
    title: 'Two Telemetry select the same workload',
    explanation:
      'istioctl analyze: more than one Telemetry with a selector selects the same workload in a namespace. istiod applies all of them in creation order, which is rarely what was meant. Checked against the workloads in the workspace.',
    message:
      'The Telemetries {names} in namespace "{namespace}" all select {kind} {name}; istiod applies them all in creation order.',
  },
  {
    code: 'IST0160',
    name: 'multiple-telemetries-without-workload-selectors',
    severity: 'error',
    title: 'Several namespace-wide Telemetry',
    explanation:
      'istioctl analyze: a namespace has more than one Telemetry without a selector or targetRefs. istiod uses the oldest and silently ignores the rest.',
    message:
      'The Telemetries {names} in namespace "{namespace}" are not used because they specify no selector or targetRefs; istiod uses only the oldest.',
  },
  {
    code: 'IST0101',
    name: 'referenced-resource-not-found',
    severity: 'error',
    title: 'Telemetry selector matches no workload',
    explanation:
      'istioctl analyze (telemetry/selector.go): the selector of a Telemetry matches no pod in its namespace. Meshlens checks it against the Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, ReplicaSets and Pods in the workspace, and only when the workspace holds workloads of that namespace: a workspace is part of a cluster, not all of it.',
    message: 'Referenced selector not found: "{selector}" matches no workload in {where} ({count}).',
  },
  {
    code: 'IST0166',
    name: 'ineffective-selector',
    severity: 'warning',
    title: 'Selector on a Gateway API gateway',
    explanation:
      'istioctl analyze: a Telemetry or WasmPlugin selector matches the pods of a Kubernetes Gateway API gateway (label `gateway.networking.k8s.io/gateway-name`). Attach to the gateway with `targetRefs` instead.',
    message:
      'The selector matches the pods of Gateway API gateway {gateway}; use targetRefs to attach to it (kind: Gateway, group: gateway.networking.k8s.io, name: {gateway}).',
  },
  {
    code: 'IST0002',
    name: 'deprecated',
    severity: 'warning',
    title: 'Deprecated provider',
    explanation:
      'istioctl analyze: the Telemetry names a Lightstep provider, which is deprecated; migrate to an OpenTelemetry provider. istiod treats Lightstep tracing as unsupported.',
    message: 'The Lightstep provider {name} is deprecated, please migrate to OpenTelemetry provider.',
  },
];

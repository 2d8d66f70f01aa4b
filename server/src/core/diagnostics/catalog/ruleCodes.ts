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
    message: 'Only one of {field}, targetRef or targetRefs can be set; this resource sets {set}.',
  },
  {
    code: 'ML0302',
    name: 'selector-wildcard',
    severity: 'error',
    title: 'Wildcard in a selector',
    explanation:
      'Label selectors match exact keys and values; `*` is not supported in either and the CRD rejects it. To select every workload in the namespace, leave the selector out.',
    message: 'Wildcard is not supported in a selector {part}: "{text}".',
  },
  {
    code: 'ML0303',
    name: 'selector-empty-key',
    severity: 'error',
    title: 'Empty label key in a selector',
    explanation: 'A selector label key must not be empty.',
    message: 'Label key must not be empty.',
  },
  {
    code: 'ML0304',
    name: 'selector-without-labels',
    severity: 'warning',
    title: 'Selector without labels',
    explanation:
      'A selector is present but names no labels, so it selects every workload in the namespace (in the root namespace: the whole mesh). Istio admits this with a warning. Remove the selector if that is intended.',
    message: {
      envoyFilter:
        'Envoy filter: workload selector specified without labels, will be applied to all services in namespace',
      other:
        'workload selector specified without labels: `{field}` selects every workload in the namespace (the whole mesh in the root namespace).',
    },
  },
  {
    code: 'ML0305',
    name: 'target-ref-namespace',
    severity: 'error',
    title: 'Cross-namespace targetRef',
    explanation: 'A targetRef may not set `namespace`: policies attach only within their own namespace.',
    message:
      "Cross-namespace referencing is not supported: remove `namespace` and put the resource in the target's namespace.",
  },
  {
    code: 'ML0306',
    name: 'target-ref-kind',
    severity: 'error',
    title: 'Unsupported targetRef kind',
    explanation:
      "A targetRef must name a core Service, a networking.istio.io ServiceEntry, a gateway.networking.k8s.io Gateway or GatewayClass, and must name it (`name`). Istio's webhook rejects anything else.",
    message: {
      name: 'targetRef name must be set.',
      kind: 'targetRef must be to one of {allowed} but was {actual}.',
    },
  },
  {
    code: 'ML0307',
    name: 'wasm-url',
    severity: 'error',
    title: 'Bad Wasm module URL',
    explanation:
      'The Wasm module `url` must be set and use one of the schemes `oci://`, `http://`, `https://` or `file://` (no scheme means `oci://`).',
    message: {
      scheme:
        'url contains unsupported scheme: {scheme}. Use oci://, https://, http:// or file:// (no scheme means oci://).',
      unparsable: 'failed to parse url: {url}',
    },
  },
  {
    code: 'ML0308',
    name: 'tag-override-value',
    severity: 'error',
    title: 'Tag override value rule',
    explanation:
      'A `tagOverrides` entry with operation UPSERT (the default) needs a non-empty `value` (a CEL expression); one with REMOVE must not have a value.',
    message: {
      missing: 'tagOverrides.value must be set when operation is UPSERT (tag `{tag}`).',
      notAllowed: 'tagOverrides.value may only be set when operation is UPSERT (tag `{tag}` is removed).',
    },
  },
  {
    code: 'ML0309',
    name: 'waypoint-match-context',
    severity: 'error',
    title: 'Waypoint match outside WAYPOINT context',
    explanation:
      'An EnvoyFilter `match.waypoint` is only allowed with `context: WAYPOINT`, and `context: WAYPOINT` requires `match.waypoint`.',
    message: {
      needsWaypoint: 'context WAYPOINT requires a match.waypoint.',
      onlyWaypoint: 'match.waypoint is only supported when context is WAYPOINT.',
    },
  },
  {
    code: 'ML0310',
    name: 'port-range',
    severity: 'error',
    title: 'Port out of range',
    explanation: 'A port number must be between 1 and 65535.',
    message: 'port must be between 1-65535, got {port}.',
  },
  {
    code: 'ML0311',
    name: 'duration',
    severity: 'error',
    title: 'Invalid duration',
    explanation:
      'Durations are written like `10s`, `1m30s` or `500ms`, and `reportingInterval` must be longer than 1ms.',
    message: {
      notDuration: '"{value}" is not a duration; write it like 10s, 1m or 500ms.',
      tooShort: 'reportingInterval must be a valid duration greater than 1ms.',
    },
  },
  {
    code: 'ML0312',
    name: 'wasm-or-lua',
    severity: 'error',
    title: 'Exactly one of wasm or lua',
    explanation: 'A TrafficExtension carries either a `wasm` module or `lua` code, never both and never neither.',
    message: 'Exactly one of wasm or lua must be set; this sets {which}.',
  },
  {
    code: 'ML0313',
    name: 'env-value-from',
    severity: 'error',
    title: 'Env value with valueFrom HOST',
    explanation:
      "A `vmConfig.env` entry may only set `value` when `valueFrom` is INLINE (the default); with HOST the value is read from the proxy's environment. Names must be non-empty and unique.",
    message: {
      duplicate: 'duplicate env: {name}',
      valueWithHost: 'value may only be set when valueFrom is INLINE.',
    },
  },
  {
    code: 'ML0314',
    name: 'missing-patch',
    severity: 'error',
    title: 'Incomplete EnvoyFilter patch',
    explanation:
      "Every entry of `configPatches` needs `applyTo`, a `patch` with an `operation`, and a `patch.value` unless the operation is REMOVE. istiod's webhook rejects the resource otherwise.",
    message: {
      nullPatch: 'Envoy filter: null config patch.',
      applyTo: 'Envoy filter: missing applyTo.',
      patch: 'Envoy filter: missing patch.',
      operation: 'Envoy filter: missing patch operation.',
      value: 'Envoy filter: missing patch value for non-remove operation {operation}.',
    },
  },
  {
    code: 'ML0315',
    name: 'access-log-filter-cel',
    severity: 'error',
    title: 'Access log filter is not valid CEL',
    explanation:
      'istiod parses `accessLogging[].filter.expression` as a CEL expression and rejects the Telemetry when it does not parse ("must be a valid CEL expression"). Only the syntax is checked, as istiod does: attribute names and types are not. The error is marked where the parser stopped.',
    message: 'must be a valid CEL expression: {error} (at {line}:{column} of the expression)',
  },
  {
    code: 'ML0316',
    name: 'empty-name',
    severity: 'error',
    title: 'Empty name',
    explanation: 'A provider, custom tag, header or environment name may not be empty.',
    message: {
      tagOverrideName: 'tagOverrides.name may not be empty',
      providerName: 'providers.name may not be empty.',
      tagName: 'tag name may not be empty.',
      nilTag: "tag '{name}' may not have a nil value.",
      literal: 'literal tag value may not be empty.',
      header: 'header tag name may not be empty.',
      environment: 'environment tag name may not be empty.',
    },
  },
  {
    code: 'ML0318',
    name: 'lua-code-size',
    severity: 'error',
    title: 'Lua code empty or too large',
    explanation:
      "A TrafficExtension's `lua.inlineCode` must be non-empty and at most 64 KiB; istiod rejects or drops it otherwise.",
    message: {
      empty: 'Lua inlineCode must not be empty.',
      tooLarge: 'Lua inlineCode is {bytes} bytes; istiod accepts at most 65536.',
    },
  },
  {
    code: 'ML0319',
    name: 'multiple-tracing',
    severity: 'warning',
    title: 'More than one tracing entry or provider',
    explanation:
      'Istio supports one `tracing` entry with one provider per Telemetry; it warns and uses only the first.',
    message: {
      tracing: 'multiple tracing is not currently supported; Istio uses the first entry.',
      providers: 'multiple providers is not currently supported; Istio uses the first.',
    },
  },
];

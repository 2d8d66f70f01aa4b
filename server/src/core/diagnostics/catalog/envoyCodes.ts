// Diagnostic codes: Envoy config inside patches, mesh config, workspace rendering and the upgrade check: ML06xx-ML08xx, ML10xx.
import type { CodeInfo } from '../codes';

export const ENVOY_CODES: CodeInfo[] = [
  // --- Envoy config inside EnvoyFilter patches (ML06xx)
  {
    code: 'ML0601',
    name: 'v2-type-url',
    severity: 'error',
    title: 'Envoy v2 type URL',
    explanation:
      'The `@type` names an Envoy v2 API message. Envoy and istiod no longer know v2 types, and istiod rejects the EnvoyFilter ("referenced type unknown (hint: try using the v3 XDS API)"). Use the v3 type URL.',
    message: 'referenced type unknown (hint: try using the v3 XDS API): {type}{hint}',
  },
  {
    code: 'ML0602',
    name: 'unknown-type-url',
    severity: 'error',
    title: 'Unknown @type',
    explanation:
      'istiod decodes every `@type` in `patch.value` and rejects the EnvoyFilter when it cannot resolve the type ("referenced type unknown"). The type URL is not an Envoy v3 message, a well-known protobuf type or a type of Istio\'s proxy. Check the spelling against the filter\'s documentation.',
    message: {
      pushed: 'Envoy will reject this when istiod pushes it: unknown type {type}.',
      unknown: 'referenced type unknown: {type}',
      notUrl: '"{type}" is not a type URL: write type.googleapis.com/<package>.<Message>.',
    },
  },
  {
    code: 'ML0603',
    name: 'filter-type-mismatch',
    severity: 'warning',
    title: 'Filter name and @type disagree',
    explanation:
      'The filter `name` is a known Envoy filter but its `typed_config` names the configuration type of another filter. Envoy picks the filter implementation by the type, so the name is misleading at best.',
    message: 'Filter `{name}` is configured with the type of `{owner}` ({type}); Envoy runs the filter the type names.',
  },
  {
    code: 'ML0604',
    name: 'missing-typed-config',
    severity: 'warning',
    title: 'Filter without typed_config',
    explanation:
      'A filter given by name only, without `typed_config` or `config_discovery`, relies on the deprecated lookup of filters by name. istiod warns ("using deprecated types by name without typed_config") and current Envoy rejects most such filters.',
    message: 'using deprecated types by name without typed_config; {name}',
  },
  {
    code: 'ML0605',
    name: 'envoy-unknown-field',
    severity: 'warning',
    title: "Field Envoy's message does not have",
    explanation:
      "istiod decodes `patch.value` into the Envoy message its `applyTo` implies (HTTP_FILTER: HttpFilter, CLUSTER: Cluster, ...) and every `typed_config` into the message its `@type` names. Fields that message does not have are silently dropped by istiod's lenient decoding, so they never reach Envoy: usually a typo, the other spelling of a nested field, or a value written for another applyTo. Inside a TypedStruct, which istiod passes through, Envoy itself rejects them.",
    message: {
      typedStruct:
        '`{field}` is not a field of {message}: inside a TypedStruct Envoy drops it with a warning in its log (unknown fields are ignored for dynamic config), so it never takes effect.',
      decoded:
        "`{field}` is not a field of this {message} value; istiod's decoding drops it, so it never reaches Envoy.",
    },
  },
  {
    code: 'ML0606',
    name: 'envoy-invalid-value',
    severity: 'error',
    title: "Value Envoy's message cannot hold",
    explanation:
      'The value has the wrong type for the Envoy field, is not one of its enum values, or sets two fields of the same oneof. istiod cannot decode the patch and rejects the EnvoyFilter (inside a TypedStruct: Envoy rejects it when the config is pushed, so this is a warning there).',
    message: {
      enumDropped:
        '`{value}` is not a value of `{field}` (allowed: {allowed}): inside a TypedStruct Envoy drops it with a warning in its log (unknown fields are ignored for dynamic config), so it never takes effect, and the field keeps its default.',
      enum: '`{value}` is not a value of `{field}`. Allowed: {allowed}.{inTypedStruct}',
      wrongType: '`{field}` has the wrong type: expected {expected}.{inTypedStruct}',
      type: '`{field}` must be {expected}, not {actual}; istiod cannot decode it.{inTypedStruct}',
      notAllowedDropped:
        '`{value}` is not allowed for `{field}`: inside a TypedStruct Envoy drops it with a warning in its log (unknown fields are ignored for dynamic config), so it never takes effect, and the field keeps its default.',
      notAllowed: '`{value}` is not allowed for `{field}`.{inTypedStruct}',
      oneof: '`{first}` and `{second}` belong to the same oneof: set only one.{inTypedStruct}',
      notHere: '`{field}` is not allowed here.{inTypedStruct}',
      pattern: '`{value}` is not a valid value for `{field}` (expected {expected}).{inTypedStruct}',
    },
  },
  {
    code: 'ML0607',
    name: 'envoy-validation-rule',
    severity: 'warning',
    title: 'Envoy will reject this when istiod pushes it',
    explanation:
      "Envoy's own validation rules (required fields, bounds, lengths) are not checked by istiod, which admits the EnvoyFilter; Envoy rejects the configuration when istiod pushes it, and the proxy keeps its old config. MERGE patches are partial messages, so required fields are not demanded there.",
    message: {
      required: '`{field}` is required: Envoy will reject this when istiod pushes it.',
      requirement: '{requirement} Envoy will reject this when istiod pushes it.',
      range: '`{field}` must be {comparison} {limit}: Envoy will reject this when istiod pushes it.',
      length: '`{field}` is {shortOrLong} ({keyword} {limit}): Envoy will reject this when istiod pushes it.',
      other: '`{field}`: {detail}: Envoy will reject this when istiod pushes it.',
      wasmWithoutCode:
        'vm_config has no `code`: Envoy cannot load a Wasm module from nowhere and rejects the filter when istiod pushes it.',
    },
  },

  {
    code: 'ML0701',
    name: 'unknown-telemetry-provider',
    severity: 'warning',
    title: 'Provider not in the mesh config',
    explanation:
      'A Telemetry names a provider that the mesh config in the workspace (or given with --mesh-config) does not define in `extensionProviders`, and that is not one of the built-in `prometheus`, `stackdriver` and `envoy`. istiod skips unknown providers without a word, so the telemetry silently does not happen. Only checked when a mesh config is known.',
    message:
      'Provider "{name}" is not defined in the mesh config ({meshConfig}); istiod skips it silently. Defined: {defined}.',
  },

  {
    code: 'ML0802',
    name: 'selector-matches-no-workload',
    severity: 'warning',
    title: 'Selector matches no workload in the workspace',
    explanation:
      "The workload selector of an EnvoyFilter, WasmPlugin or TrafficExtension matches none of the workloads the workspace holds in the namespace it searches (istioctl analyze has no check for these kinds). Only reported when the workspace holds workloads of that namespace, so a gateway EnvoyFilter in a repository that does not hold the gateway's Deployment is not flagged.",
    message: 'The {field} "{selector}" matches no workload in {where} ({count}), so this {kind} applies nowhere there.',
  },
  {
    code: 'ML0801',
    name: 'patch-matches-nothing',
    severity: 'warning',
    title: 'EnvoyFilter patch applies nowhere',
    explanation:
      'Meshlens rendered the config of every workload in the workspace that this EnvoyFilter selects (for filter patches the chains of their ports and of the Services\' ports; for the other kinds the whole config: listeners, filter chains, listener filters, clusters, route configurations, virtual hosts and routes) and this patch changed none of it; istiod would skip it without a word. The message says why, for example a subFilter or cluster name that is not there, or a port no listener has. It is only reported where the match names things the workspace holds (a cluster of a service defined elsewhere is not claimed to be missing). Open "Meshlens: Preview Envoy Filter Chain" to see the config.',
    message: {
      chains: 'This patch changes no chain of the {count} workload{plural} it selects in the workspace: {reason}.',
      config:
        'This patch changes nothing in the proxy config of the {count} workload{plural} it selects in the workspace: {reason}.',
    },
  },

  // --- Upgrade check (ML10xx): `meshlens upgrade-check` and "Meshlens: Check Upgrade to Istio..."
  {
    code: 'ML1001',
    name: 'upgrade-patch-outcome',
    severity: 'warning',
    title: 'EnvoyFilter patch applies differently after the upgrade',
    explanation:
      "Rendered under both Istio versions, this patch applies to a workload's chain under one and not under the other: the filter it is anchored on was renamed or removed (Wasm filter names changed in 1.21, 1.26 and 1.30; `istio_authn` is gone since 1.21), its `proxyVersion` regex no longer matches the new proxies, or the order of EnvoyFilters changed. The message says why, for which port, and the finding lists the workloads.",
    message: {
      starts: 'Applies under Istio {to} but not under {from} ({where}): {reason}.',
      stops: 'Applies under Istio {from} but no longer under {to} ({where}): {reason}.',
      startsConfig: 'Applies under Istio {to} but not under {from} ({targets}): under {from}, {reason}.',
      stopsConfig: 'Applies under Istio {from} ({targets}) but no longer under {to}: {reason}.',
    },
  },
  {
    code: 'ML1002',
    name: 'upgrade-filter-order',
    severity: 'warning',
    title: "A resource's filter moves or appears after the upgrade",
    explanation:
      "The filter a WasmPlugin, TrafficExtension or EnvoyFilter contributes sits elsewhere in a workload's chain under the target version, or only there: for example root-namespace EnvoyFilters were all applied first before Istio 1.22 and are ordered by priority with the others since. Filters run in chain order, so a moved authentication or rate-limit filter changes behaviour.",
    message: {
      appears: 'Istio {to} adds its filter {filter} to the {where} chain, where {from} did not.',
      moves:
        'Its filter {filter} moves in the {where} chain: under {from} between {before}, under {to} between {after}.',
      disappears: 'Istio {to} no longer puts its filter on the {where} chain ({from} did, as {filter}).',
    },
  },
  {
    code: 'ML1003',
    name: 'upgrade-new-finding',
    severity: 'warning',
    title: 'A finding the target version adds',
    explanation:
      'A check whose verdict depends on the Istio version reports this under the target version and not under the current one: a field, enum value, kind or API version the target lacks, a Lua method its Envoy does not have, a CEL attribute its proxies no longer provide, and so on. The message carries the original code and text; the severity is the original one.',
    message: 'Istio {to}: {message} [{code}; not reported for {from}]',
  },
];

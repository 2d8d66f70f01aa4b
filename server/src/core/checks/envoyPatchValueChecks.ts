// What istiod checks of `patch.value` by decoding it (pkg/config/xds): every `@type` must resolve; v2-era types do
// not; fields the applyTo message lacks are dropped. Plus the filter catalogue: names that disagree with their type.
import { Check, isObject, asArray, Report } from './check';
import { typeStatus, isTypedStruct, filterByName, filterByType, v3Successor } from '../envoy/catalog';
import type { PathSegment } from '../yaml/parseSlice';
import { walk } from './envoyFilterChecks';

/** Top-level fields of the messages HTTP_FILTER, NETWORK_FILTER and LISTENER_FILTER values decode into. */
const FILTER_FIELDS: Record<string, string[]> = {
  HTTP_FILTER: ['name', 'typed_config', 'typedConfig', 'config_discovery', 'configDiscovery', 'is_optional', 'isOptional', 'disabled'],
  NETWORK_FILTER: ['name', 'typed_config', 'typedConfig', 'config_discovery', 'configDiscovery'],
  LISTENER_FILTER: ['name', 'typed_config', 'typedConfig', 'config_discovery', 'configDiscovery', 'filter_disabled', 'filterDisabled'],
};

export const patchValueTypes: Check = {
  kinds: ['EnvoyFilter'],
  run(res, report) {
    asArray(res.spec.configPatches).forEach((cp, i) => {
      if (!isObject(cp) || !isObject(cp.patch) || cp.patch.value === undefined) return;
      if (isObject(cp.match) && cp.match.context === 'WAYPOINT') return;
      const base: PathSegment[] = ['spec', 'configPatches', i, 'patch', 'value'];
      walk(cp.patch.value, base, (value, path) => {
        if (!isObject(value)) return;
        const type = value['@type'];
        if (typeof type === 'string') checkType(type, [...path, '@type'], report, 'any');
        if (typeof type === 'string' && isTypedStruct(type)) {
          for (const key of ['type_url', 'typeUrl']) {
            if (typeof value[key] === 'string') checkType(value[key] as string, [...path, key], report, 'typed-struct');
          }
        }
      });
      const op = cp.patch.operation;
      const applyTo = String(cp.applyTo ?? '');
      const fields = FILTER_FIELDS[applyTo];
      if (fields && isObject(cp.patch.value) && op !== 'REMOVE') checkFilterValue(cp.patch.value, applyTo, String(op), fields, base, report);
    });
  },
};

function checkType(typeUrl: string, path: PathSegment[], report: Report, where: 'any' | 'typed-struct'): void {
  const status = typeStatus(typeUrl);
  if (status === 'v2') {
    const successor = v3Successor(typeUrl);
    report('ML0601', path, `referenced type unknown (hint: try using the v3 XDS API): ${typeUrl}` + (successor ? `. The v3 type is ${successor}.` : ''), { data: successor ? { replacement: successor } : undefined });
  } else if (status === 'unknown' && /^type\.googleapis\.com\/[\w.]+$/.test(typeUrl)) {
    // Inside a TypedStruct istiod passes the type through; Envoy rejects it when the config is pushed.
    if (where === 'typed-struct') report('ML0602', path, `Envoy will reject this when istiod pushes it: unknown type ${typeUrl}.`, { severity: 'warning' });
    else report('ML0602', path, `referenced type unknown: ${typeUrl}`);
  } else if (status === 'unknown') {
    report('ML0602', path, `"${typeUrl}" is not a type URL: write type.googleapis.com/<package>.<Message>.`);
  }
}

function checkFilterValue(value: Record<string, unknown>, applyTo: string, op: string, fields: string[], base: PathSegment[], report: Report): void {
  for (const key of Object.keys(value)) {
    if (!fields.includes(key)) {
      report('ML0605', [...base, key], `istiod decodes an ${applyTo} value as ${applyTo === 'HTTP_FILTER' ? 'an HttpFilter' : applyTo === 'NETWORK_FILTER' ? 'a listener Filter' : 'a ListenerFilter'}, which has no field \`${key}\`; it is dropped.`, { on: 'key' });
    }
  }
  const typed = value.typed_config ?? value.typedConfig;
  const discovery = value.config_discovery ?? value.configDiscovery;
  const name = typeof value.name === 'string' ? value.name : undefined;
  // A MERGE value is partial: it may rename a filter without repeating its config.
  if (op !== 'MERGE' && name && typed === undefined && discovery === undefined) {
    report('ML0604', [...base, 'name'], `using deprecated types by name without typed_config; ${name}`);
  }
  if (!name || !isObject(typed) || typeof typed['@type'] !== 'string') return;
  const type = typed['@type'];
  const named = filterByName(name);
  if (!named || isTypedStruct(type)) return;
  const owner = filterByType(type);
  if (owner && owner.name !== named.name && !named.types.some((t) => type.endsWith('/' + t))) {
    report('ML0603', [...base, typed === value.typed_config ? 'typed_config' : 'typedConfig', '@type'], `Filter \`${name}\` is configured with the type of \`${owner.name}\` (${type}); Envoy runs the filter the type names.`);
  }
}

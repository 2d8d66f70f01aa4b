// What istiod checks of `patch.value` by decoding it (pkg/config/xds): every `@type` must resolve; v2-era types do
// not; fields the applyTo message lacks are dropped. Plus the filter catalogue: names that disagree with their type.
import { Check, Report } from '../check';
import { configPatches } from '../../resources/configPatches';
import { replaceWithSuggestion } from '../../fixes/fixers';
import { isObject, walkObjects } from '../../util/values';
import { typeStatus, isTypedStruct, filterByName, filterByType, v3Successor } from '../../envoy/catalog';
import type { PathSegment } from '../../yaml/parseSlice';

import { v3TypeFor } from '../../envoy/envoySchemas';

/** Values that are filters, which name their configuration type. */
const FILTER_APPLY_TO = ['HTTP_FILTER', 'NETWORK_FILTER', 'LISTENER_FILTER'];

export const patchValueTypes: Check = {
  codes: ['ML0601', 'ML0602', 'ML0603', 'ML0604', 'ML0607'],
  fixes: { ML0601: [replaceWithSuggestion] },
  kinds: ['EnvoyFilter'],
  run(res, report) {
    configPatches(res.spec).forEach(({ patch: cp, index: i }) => {
      if (!isObject(cp) || !isObject(cp.patch) || cp.patch.value === undefined) return;
      if (isObject(cp.match) && cp.match.context === 'WAYPOINT') return;
      const base: PathSegment[] = ['spec', 'configPatches', i, 'patch', 'value'];
      const partial = cp.patch.operation === 'MERGE' || cp.patch.operation === 'MERGE_AND_REPLACE_LIST';
      walkObjects(cp.patch.value, base, (value, path) => {
        if (!isObject(value)) return;
        const type = value['@type'];
        if (typeof type === 'string') checkType(type, [...path, '@type'], report, 'any');
        if (typeof type === 'string' && WASM_FILTER.test(type) && !partial) checkWasmCode(value, path, report);
        if (typeof type === 'string' && isTypedStruct(type)) {
          for (const key of ['type_url', 'typeUrl']) {
            if (typeof value[key] === 'string') checkType(value[key] as string, [...path, key], report, 'typed-struct');
          }
        }
      });
      const op = cp.patch.operation;
      const applyTo = String(cp.applyTo ?? '');
      if (FILTER_APPLY_TO.includes(applyTo) && isObject(cp.patch.value) && op !== 'REMOVE')
        checkFilterValue(cp.patch.value, String(op), base, report);
    });
  },
};

const WASM_FILTER = /\.filters\.(?:http|network)\.wasm\.v3\.Wasm$/;

/** Envoy cannot create a Wasm VM without code: it rejects the filter when the config is pushed. */
function checkWasmCode(wasm: Record<string, unknown>, path: PathSegment[], report: Report): void {
  const config = wasm.config;
  if (!isObject(config)) return;
  const vmKey = config.vm_config !== undefined ? 'vm_config' : 'vmConfig';
  const vm = config[vmKey];
  if (isObject(vm) && vm.code === undefined)
    report('ML0607', [...path, 'config', vmKey], {}, { on: 'key', variant: 'wasmWithoutCode' });
}

function checkType(typeUrl: string, path: PathSegment[], report: Report, where: 'any' | 'typed-struct'): void {
  const status = typeStatus(typeUrl);
  if (status === 'v2') {
    const successor = v3TypeFor(typeUrl) ?? v3Successor(typeUrl);
    report(
      'ML0601',
      path,
      { type: typeUrl, hint: successor ? `. The v3 type is ${successor}.` : '' },
      { data: successor ? { replacement: successor } : undefined },
    );
  } else if (status === 'unknown' && /^type\.googleapis\.com\/[\w.]+$/.test(typeUrl)) {
    // Inside a TypedStruct istiod passes the type through; Envoy rejects it when the config is pushed.
    if (where === 'typed-struct') report('ML0602', path, { type: typeUrl }, { severity: 'warning', variant: 'pushed' });
    else report('ML0602', path, { type: typeUrl }, { variant: 'unknown' });
  } else if (status === 'unknown') {
    report('ML0602', path, { type: typeUrl }, { variant: 'notUrl' });
  }
}

function checkFilterValue(value: Record<string, unknown>, op: string, base: PathSegment[], report: Report): void {
  const typed = value.typed_config ?? value.typedConfig;
  const discovery = value.config_discovery ?? value.configDiscovery;
  const name = typeof value.name === 'string' ? value.name : undefined;
  // A MERGE value is partial: it may rename a filter without repeating its config.
  if (op !== 'MERGE' && name && typed === undefined && discovery === undefined) {
    report('ML0604', [...base, 'name'], { name });
  }
  if (!name || !isObject(typed) || typeof typed['@type'] !== 'string') return;
  const type = typed['@type'];
  const named = filterByName(name);
  if (!named || isTypedStruct(type)) return;
  const owner = filterByType(type);
  if (owner && owner.name !== named.name && !named.types.some((t) => type.endsWith('/' + t))) {
    report('ML0603', [...base, typed === value.typed_config ? 'typed_config' : 'typedConfig', '@type'], {
      name,
      owner: owner.name,
      type,
    });
  }
}

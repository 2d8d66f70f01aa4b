// Workload selector and targetRef rules shared by every kind (CRD CEL rules and istiod's webhook helpers).
import { Check, Report } from './check';
import { removeConflicting, targetRefToTargetRefs } from '../fixes/fixers';
import { isObject, asArray } from '../util/values';
import { SELECTOR_FIELDS } from '../resources/selectors';

const TARGET_KINDS = [
  'Service',
  'networking.istio.io/ServiceEntry',
  'gateway.networking.k8s.io/Gateway',
  'gateway.networking.k8s.io/GatewayClass',
];

export const selectorExclusive: Check = {
  codes: ['ML0301'],
  fixes: { ML0301: [removeConflicting, targetRefToTargetRefs] },
  kinds: Object.keys(SELECTOR_FIELDS),
  run(res, report) {
    const { field } = SELECTOR_FIELDS[res.kind];
    const set = [field, 'targetRef', 'targetRefs'].filter((f) => res.spec[f] !== undefined && res.spec[f] !== null);
    if (set.length <= 1) return;
    // Mark every field after the first, so each mark sits on a field the user may want to remove.
    for (const f of set.slice(1)) {
      report(
        'ML0301',
        ['spec', f],
        { field, set: set.join(' and ') },
        {
          on: 'key',
          data: { conflicting: set },
        },
      );
    }
  },
};

export const selectorLabels: Check = {
  codes: ['ML0302', 'ML0303', 'ML0304'],
  kinds: Object.keys(SELECTOR_FIELDS),
  run(res, report) {
    const { field, labels } = SELECTOR_FIELDS[res.kind];
    const selector = res.spec[field];
    if (selector === undefined || selector === null) return;
    const map = isObject(selector) ? selector[labels] : undefined;
    if (!isObject(map) || Object.keys(map).length === 0) {
      // istiod's words for EnvoyFilter; the others get the shared helper's.
      report(
        'ML0304',
        ['spec', field],
        { field },
        { on: 'key', variant: res.kind === 'EnvoyFilter' ? 'envoyFilter' : 'other' },
      );
      return;
    }
    for (const [key, value] of Object.entries(map)) {
      if (key === '') report('ML0303', ['spec', field, labels, key], {}, { on: 'key' });
      else if (key.includes('*'))
        report('ML0302', ['spec', field, labels, key], { part: 'key', text: key }, { on: 'key' });
      if (typeof value === 'string' && value.includes('*')) {
        report('ML0302', ['spec', field, labels, key], { part: 'value', text: value });
      }
    }
  },
};

export const targetRefs: Check = {
  codes: ['ML0305', 'ML0306', 'ML0326'],
  fixes: { ML0326: [targetRefToTargetRefs] },
  kinds: Object.keys(SELECTOR_FIELDS),
  run(res, report) {
    if (isObject(res.spec.targetRef)) {
      report('ML0326', ['spec', 'targetRef'], {}, { on: 'key', data: { toTargetRefs: true } });
      checkRef(res.spec.targetRef, ['spec', 'targetRef'], res.kind, report);
    }
    asArray(res.spec.targetRefs).forEach((ref, i) => {
      if (isObject(ref)) checkRef(ref, ['spec', 'targetRefs', i], res.kind, report);
    });
  },
};

function checkRef(ref: Record<string, unknown>, path: (string | number)[], kind: string, report: Report): void {
  if (typeof ref.namespace === 'string' && ref.namespace !== '') {
    report('ML0305', [...path, 'namespace'], {}, { on: 'key' });
  }
  // EnvoyFilter's targetRefs get only the CRD rules; the kind and name rules are the Telemetry/WasmPlugin webhook's.
  if (kind === 'EnvoyFilter') return;
  if (typeof ref.name !== 'string' || ref.name === '') {
    report('ML0306', path, {}, { on: 'key', variant: 'name' });
  }
  if (typeof ref.kind === 'string') {
    const group = typeof ref.group === 'string' && ref.group !== 'core' ? ref.group : '';
    const gk = group ? `${group}/${ref.kind}` : ref.kind;
    if (!TARGET_KINDS.includes(gk)) {
      report(
        'ML0306',
        [...path, 'kind'],
        { allowed: TARGET_KINDS.join(', '), actual: `${group}/${ref.kind}` },
        { variant: 'kind' },
      );
    }
  }
}

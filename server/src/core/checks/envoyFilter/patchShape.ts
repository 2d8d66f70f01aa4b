// EnvoyFilter rules: waypoint match context, patch completeness (CRD CEL rules + istiod's webhook).
import { Check } from '../check';
import { configPatches } from '../../resources/configPatches';
import { addValue } from '../../fixes/fixers';
import { isObject } from '../../util/values';
import type { PathSegment } from '../../yaml/parseSlice';

export const waypointMatch: Check = {
  codes: ['ML0309', 'ML0310'],
  kinds: ['EnvoyFilter'],
  run(res, report) {
    configPatches(res.spec).forEach(({ patch: patch, index: i }) => {
      if (!isObject(patch) || !isObject(patch.match)) return;
      const match = patch.match;
      const base = ['spec', 'configPatches', i, 'match'];
      const hasWaypoint = match.waypoint !== undefined;
      if (match.context === 'WAYPOINT' && !hasWaypoint) {
        report('ML0309', [...base, 'context'], {}, { variant: 'needsWaypoint' });
      } else if (match.context !== 'WAYPOINT' && hasWaypoint) {
        report('ML0309', [...base, 'waypoint'], {}, { on: 'key', variant: 'onlyWaypoint' });
      }
      const port = isObject(match.waypoint) ? match.waypoint.portNumber : undefined;
      if (typeof port === 'number' && (port <= 0 || port > 65535)) {
        report('ML0310', [...base, 'waypoint', 'portNumber'], { port });
      }
    });
  },
};

export const patchCompleteness: Check = {
  codes: ['ML0314'],
  fixes: { ML0314: [addValue] },
  kinds: ['EnvoyFilter'],
  run(res, report) {
    configPatches(res.spec).forEach(({ patch: patch, index: i }) => {
      const path: PathSegment[] = ['spec', 'configPatches', i];
      if (patch === null) return report('ML0314', path, {}, { variant: 'nullPatch' });
      if (!isObject(patch)) return;
      // The webhook skips every other check for WAYPOINT patches.
      if (isObject(patch.match) && patch.match.context === 'WAYPOINT') return;
      if (patch.applyTo === undefined || patch.applyTo === 'INVALID')
        report('ML0314', path, {}, { on: 'value', variant: 'applyTo' });
      if (!isObject(patch.patch)) return report('ML0314', path, {}, { on: 'value', variant: 'patch' });
      const op = patch.patch.operation;
      if (op === undefined || op === 'INVALID')
        report('ML0314', [...path, 'patch'], {}, { on: 'key', variant: 'operation' });
      if (op !== undefined && op !== 'REMOVE' && op !== 'INVALID' && patch.patch.value === undefined) {
        report(
          'ML0314',
          [...path, 'patch'],
          { operation: String(op) },
          { on: 'key', data: { addValue: true }, variant: 'value' },
        );
      }
    });
  },
};

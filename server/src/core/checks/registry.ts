// The one list of Istio rule checks, and the codes of the passes every document gets. Adding a check is adding a
// file and a line here; each check declares the codes it reports, and a test holds the catalogue to them.
import type { Check } from './check';
import { replaceWithSuggestion, Fixer } from '../fixes/fixers';
import { selectorExclusive, selectorLabels, targetRefs } from './selectorChecks';
import { wasmModule, trafficExtensionShape } from './wasmChecks';
import { tagOverrides, providerNames, tracingRules } from './telemetryChecks';
import { waypointMatch, patchCompleteness } from './envoyFilter/patchShape';
import { envoyFilterInternals, envoyFilterMatches } from './envoyFilter/matches';
import { patchValueTypes } from './envoyFilter/valueTypes';
import { envoyFilterOperations } from './envoyFilter/operations';
import { httpFilterPlacement } from './envoyFilter/httpFilterPlacement';
import { envoyValueSchema } from './envoyFilter/valueSchema';
import { versionAvailability } from './versionChecks';

export const CHECKS: readonly Check[] = [
  selectorExclusive,
  selectorLabels,
  targetRefs,
  wasmModule,
  trafficExtensionShape,
  tagOverrides,
  providerNames,
  tracingRules,
  waypointMatch,
  patchCompleteness,
  envoyFilterInternals,
  envoyFilterMatches,
  patchValueTypes,
  envoyFilterOperations,
  httpFilterPlacement,
  envoyValueSchema,
  versionAvailability,
];

/** Codes of the passes that are not rule checks: YAML and input, identity and version, the CRD schema, embedded Lua, CEL, `.meshlens.yaml` and the upgrade check. */
export const PASS_CODES: Record<string, readonly string[]> = {
  yaml: ['ML0001', 'ML0002', 'ML0003', 'ML0004', 'ML0005', 'ML0006'],
  projectFile: ['ML0007'],
  identity: ['ML0101', 'ML0102'],
  schema: ['ML0201', 'ML0202', 'ML0203', 'ML0204', 'ML0205', 'ML0206', 'ML0207', 'ML0208'],
  lua: ['ML0901', 'ML0902', 'ML0903', 'ML0904', 'ML0905', 'ML0906', 'ML0907', 'ML0908'],
  accessLogCel: ['ML0315'],
  upgrade: ['ML1001', 'ML1002', 'ML1003'],
};

/** Quick fixes for codes of the passes: "did you mean" for unknown fields and enum values. */
export const PASS_FIXES: Partial<Record<string, Fixer[]>> = {
  ML0201: [replaceWithSuggestion],
  ML0203: [replaceWithSuggestion],
};

// The one list of Istio rule checks. Adding a check is adding a file and a line here.
import type { Check } from './check';
import { selectorExclusive, selectorLabels, targetRefs } from './selectorChecks';
import { wasmModule, trafficExtensionShape } from './wasmChecks';
import { tagOverrides, providerNames, tracingRules } from './telemetryChecks';
import { waypointMatch, patchCompleteness } from './envoyFilterChecks';
import { envoyFilterInternals, envoyFilterMatches } from './envoyFilterMatchChecks';
import { patchValueTypes } from './envoyPatchValueChecks';
import { envoyFilterOperations } from './envoyFilterAnalyzer';
import { httpFilterPlacement } from './envoyFilterPlacement';
import { envoyValueSchema } from './envoyValueSchema';
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

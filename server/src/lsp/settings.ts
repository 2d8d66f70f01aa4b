// The server's settings, from initializationOptions or the client's `meshlens` configuration section. A
// `.meshlens.yaml` above a file wins over them for that file (see projectFiles.ts).
import { normalizeVersion, NEWEST_VERSION, RULE_LEVELS, RuleLevel, allCodes } from '../core';

export interface MeshlensSettings {
  istioVersion: string;
  /** `meshlens.rules`: severity per diagnostic code. */
  rules: Record<string, RuleLevel>;
}

export const DEFAULT_SETTINGS: MeshlensSettings = { istioVersion: NEWEST_VERSION, rules: {} };

/** Reads raw settings; an unknown Istio version falls back to the newest, bad rules are skipped, each with a message for the log. */
export function readSettings(raw: unknown, warn: (message: string) => void): MeshlensSettings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const requested = typeof section.istioVersion === 'string' ? section.istioVersion : undefined;
  let version = normalizeVersion(requested);
  if (!version) {
    warn(`Meshlens: unknown meshlens.istioVersion "${requested}"; using ${NEWEST_VERSION}.`);
    version = NEWEST_VERSION;
  }
  const rules: Record<string, RuleLevel> = {};
  const rawRules = section.rules && typeof section.rules === 'object' ? (section.rules as Record<string, unknown>) : {};
  for (const [code, level] of Object.entries(rawRules)) {
    if (!allCodes().some((c) => c.code === code)) warn(`Meshlens: meshlens.rules names unknown code ${code}; ignored.`);
    else if (!RULE_LEVELS.includes(level as RuleLevel))
      warn(`Meshlens: meshlens.rules.${code} must be one of ${RULE_LEVELS.join(', ')}; ignored.`);
    else rules[code] = level as RuleLevel;
  }
  return { istioVersion: version, rules };
}

export function sameSettings(a: MeshlensSettings, b: MeshlensSettings): boolean {
  return a.istioVersion === b.istioVersion && JSON.stringify(a.rules) === JSON.stringify(b.rules);
}

// The catalogue of every finding Meshlens reports: one stable code, its default severity, a short title and the
// paragraph the README shows. Codes never change meaning; a retired check keeps its number unused.
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface CodeInfo {
  code: string;
  name: string;
  severity: Severity;
  title: string;
  explanation: string;
  /**
   * The message template, `{name}` standing for a value the check passes; or named variants where the code says
   * different things in different cases (the first is the default).
   */
  message: string | Record<string, string>;
}

import { INPUT_CODES } from './catalog/inputCodes';
import { RULE_CODES } from './catalog/ruleCodes';
import { ENVOY_FILTER_RULE_CODES } from './catalog/envoyFilterRuleCodes';
import { ENVOY_CODES } from './catalog/envoyCodes';
import { LUA_AND_ISTIOCTL_CODES } from './catalog/luaAndIstioctlCodes';

const CODES: CodeInfo[] = [
  ...INPUT_CODES,
  ...RULE_CODES,
  ...ENVOY_FILTER_RULE_CODES,
  ...ENVOY_CODES,
  ...LUA_AND_ISTIOCTL_CODES,
];

const byCode = new Map(CODES.map((c) => [c.code, c]));

export function codeInfo(code: string): CodeInfo {
  const info = byCode.get(code);
  if (!info) throw new Error(`unknown diagnostic code ${code}`);
  return info;
}

export function allCodes(): readonly CodeInfo[] {
  return CODES;
}

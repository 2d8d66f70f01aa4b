// `.meshlens.yaml`: a team's Meshlens settings, kept in the repository. The nearest file above a manifest applies to
// it. This module parses and validates one file (pure: the callers read files); bad content becomes findings located
// in that file, and the parts that are good still apply.
import { formatMessage } from '../diagnostics/messages';
import { allCodes, Severity } from '../diagnostics/codes';
import { KNOWN_VERSIONS, normalizeVersion } from '../versions/istioVersions';
import { parseSlice, rangeAt, PathSegment } from '../yaml/parseSlice';
import { validateAgainstSchema } from '../schema/validateSchema';
import type { JsonSchema } from '../schema/schemaStore';
import type { Finding } from '../diagnostics/finding';
import { isObject } from '../util/values';
import { closestName } from '../text/closestName';

export const PROJECT_CONFIG_NAME = '.meshlens.yaml';
export type RuleLevel = Severity | 'off';
export const RULE_LEVELS: RuleLevel[] = ['off', 'hint', 'info', 'warning', 'error'];

export interface ProjectConfig {
  /** Where the file is (a path or URI, as the caller named it) and the folder its relative paths start from. */
  file: string;
  istioVersion?: string;
  /** As written: relative to the file's folder. */
  meshConfig?: string;
  rules: Record<string, RuleLevel>;
  ignore: string[];
  findings: Finding[];
}

/** The JSON Schema of `.meshlens.yaml`, from the code catalogue and the version list (shipped in schemas/). */
export function projectConfigSchema(): JsonSchema {
  const codes = allCodes().map((c) => c.code);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Meshlens project configuration (.meshlens.yaml)',
    description:
      'Read by the Meshlens editor extension and by `meshlens check`, `chain` and `telemetry` for every file below the folder that holds it; the nearest file above a manifest wins.',
    type: 'object',
    additionalProperties: false,
    properties: {
      istioVersion: {
        type: 'string',
        enum: [...KNOWN_VERSIONS],
        description:
          'The Istio version your cluster runs. Overrides the `meshlens.istioVersion` setting and the default of `--istio-version`; the command-line flag wins over it.',
      },
      meshConfig: {
        type: 'string',
        minLength: 1,
        description:
          'A mesh config file (a MeshConfig, the istio ConfigMap or an IstioOperator), relative to this file. `--mesh-config` wins over it.',
      },
      rules: {
        type: 'object',
        description:
          'Severity per diagnostic code: off, hint, info, warning or error. Overrides the `meshlens.rules` setting.',
        propertyNames: { enum: codes },
        additionalProperties: { type: 'string', enum: RULE_LEVELS },
      },
      ignore: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Globs, relative to this file, of files Meshlens does not check (for example "charts/**").',
      },
    },
  } as JsonSchema;
}

let schema: JsonSchema | undefined;

export function parseProjectConfig(text: string, file: string): ProjectConfig {
  const config: ProjectConfig = { file, rules: {}, ignore: [], findings: [] };
  const parsed = parseSlice(text);
  const mark = (path: PathSegment[], message: string, on: 'key' | 'value' = 'value') => {
    const [start, end] = rangeAt(parsed, path, on) ?? [0, Math.min(1, text.length)];
    config.findings.push({ code: 'ML0007', severity: 'error', message, start, end });
  };
  config.findings.push(...parsed.findings);
  if (!parsed.analysable) return config;
  const value = parsed.value ?? {};
  if (!isObject(value)) {
    mark([], formatMessage('ML0007', { file: PROJECT_CONFIG_NAME }, 'notMapping'));
    return config;
  }
  schema ??= projectConfigSchema();
  // `rules` is checked entry by entry below, with words for the two usual mistakes.
  for (const p of validateAgainstSchema(schema, value))
    if (p.path[0] !== 'rules' || (p.path.length === 1 && !isObject(value.rules)))
      mark(p.path, formatMessage('ML0007', { problem: p.message }, 'schema'), p.on);
  if (isObject(value.rules)) {
    const codes = allCodes().map((c) => c.code);
    for (const [code, level] of Object.entries(value.rules)) {
      if (!codes.includes(code)) {
        const near = closestName(code, codes);
        mark(
          ['rules', code],
          formatMessage('ML0007', { code, hint: near ? ` Did you mean ${near}?` : '' }, 'unknownCode'),
          'key',
        );
      } else if (!RULE_LEVELS.includes(level as RuleLevel)) {
        mark(
          ['rules', code],
          formatMessage('ML0007', { code, level: String(level), levels: RULE_LEVELS.join(', ') }, 'level'),
        );
      }
    }
  }
  if (typeof value.istioVersion === 'string' && normalizeVersion(value.istioVersion))
    config.istioVersion = normalizeVersion(value.istioVersion);
  if (typeof value.meshConfig === 'string' && value.meshConfig) config.meshConfig = value.meshConfig;
  if (isObject(value.rules)) {
    for (const [code, level] of Object.entries(value.rules)) {
      if (RULE_LEVELS.includes(level as RuleLevel) && allCodes().some((c) => c.code === code))
        config.rules[code] = level as RuleLevel;
    }
  }
  if (Array.isArray(value.ignore))
    config.ignore = value.ignore.filter((g): g is string => typeof g === 'string' && g !== '');
  return config;
}

/** Rules applied to findings: `off` drops them, a level replaces their severity. Later rule sets win. */
export function applyRules<F extends { code: string; severity: Severity }>(
  findings: F[],
  ...ruleSets: Array<Record<string, RuleLevel> | undefined>
): F[] {
  const merged: Record<string, RuleLevel> = Object.assign({}, ...ruleSets.filter(Boolean));
  if (!Object.keys(merged).length) return findings;
  const out: F[] = [];
  for (const f of findings) {
    const level = merged[f.code];
    if (level === 'off') continue;
    out.push(level ? { ...f, severity: level } : f);
  }
  return out;
}

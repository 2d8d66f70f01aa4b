// Telemetry rules: tag overrides, durations, provider and tag names, tracing count (CRD CEL rules + webhook).
import { Check, Report } from './check';
import { addValue } from '../fixes/fixers';
import type { PathSegment } from '../yaml/parseSlice';
import { celParseError } from '../telemetry/celSyntax';
import { isObject, asArray } from '../util/values';
import { parseDuration } from '../text/duration';
import { rootNames, ATTRIBUTE_ROOTS } from '../telemetry/tagExpressionRoots';
import { atLeast, VERSION_FACTS } from '../versions/versionFacts';

export const tagOverrides: Check = {
  codes: ['ML0308', 'ML0311', 'ML0316', 'ML0329'],
  fixes: { ML0308: [addValue] },
  kinds: ['Telemetry'],
  run(res, report) {
    asArray(res.spec.metrics).forEach((metric, m) => {
      if (!isObject(metric)) return;
      asArray(metric.overrides).forEach((override, o) => {
        if (!isObject(override) || !isObject(override.tagOverrides)) return;
        for (const [tag, spec] of Object.entries(override.tagOverrides)) {
          const path = ['spec', 'metrics', m, 'overrides', o, 'tagOverrides', tag];
          // istiod admits it with a warning (validateTelemetryMetrics).
          if (tag === '') report('ML0316', path, {}, { on: 'key', severity: 'warning', variant: 'tagOverrideName' });
          if (!isObject(spec)) continue;
          const op = spec.operation ?? 'UPSERT';
          const value = spec.value;
          if (op !== 'REMOVE' && typeof value === 'string' && value.trim())
            checkTagValue(value, tag, [...path, 'value'], res.istioVersion, report);
          if (op === 'UPSERT' && (value === undefined || value === null || value === '')) {
            report('ML0308', path, { tag }, { on: 'key', data: { addValue: true }, variant: 'missing' });
          } else if (op === 'REMOVE' && value !== undefined) {
            report('ML0308', [...path, 'value'], { tag }, { on: 'key', variant: 'notAllowed' });
          }
        }
      });
      if (typeof metric.reportingInterval === 'string') {
        const ms = parseDuration(metric.reportingInterval);
        const path = ['spec', 'metrics', m, 'reportingInterval'];
        if (ms === undefined) report('ML0311', path, { value: metric.reportingInterval }, { variant: 'notDuration' });
        else if (ms < 1) report('ML0311', path, {}, { variant: 'tooShort' });
      }
    });
  },
};

export const providerNames: Check = {
  codes: ['ML0316'],
  kinds: ['Telemetry'],
  run(res, report) {
    for (const section of ['metrics', 'tracing', 'accessLogging']) {
      asArray(res.spec[section]).forEach((entry, i) => {
        if (!isObject(entry)) return;
        asArray(entry.providers).forEach((p, j) => {
          if (p === null || (isObject(p) && (p.name === undefined || p.name === ''))) {
            report('ML0316', ['spec', section, i, 'providers', j], {}, { on: 'value', variant: 'providerName' });
          }
        });
      });
    }
  },
};

export const tracingRules: Check = {
  codes: ['ML0316', 'ML0319'],
  kinds: ['Telemetry'],
  run(res, report) {
    const tracing = asArray(res.spec.tracing);
    if (tracing.length > 1) report('ML0319', ['spec', 'tracing', 1], {}, { on: 'value', variant: 'tracing' });
    tracing.forEach((t, i) => {
      if (!isObject(t)) return;
      if (asArray(t.providers).length > 1)
        report('ML0319', ['spec', 'tracing', i, 'providers', 1], {}, { variant: 'providers' });
      if (!isObject(t.customTags)) return;
      for (const [name, tag] of Object.entries(t.customTags)) {
        const path = ['spec', 'tracing', i, 'customTags', name];
        if (name === '') report('ML0316', path, {}, { on: 'key', variant: 'tagName' });
        if (tag === null || tag === undefined) {
          report('ML0316', path, { name }, { on: 'key', variant: 'nilTag' });
          continue;
        }
        if (!isObject(tag)) continue;
        if (isObject(tag.literal) && !tag.literal.value)
          report('ML0316', [...path, 'literal'], {}, { on: 'key', variant: 'literal' });
        if (isObject(tag.header) && !tag.header.name)
          report('ML0316', [...path, 'header'], {}, { on: 'key', variant: 'header' });
        if (isObject(tag.environment) && !tag.environment.name)
          report('ML0316', [...path, 'environment'], {}, { on: 'key', variant: 'environment' });
      }
    });
  },
};

/** What the proxy's stats filter makes of a tag value: a CEL expression it parses, over attributes it has. */
function checkTagValue(value: string, tag: string, path: PathSegment[], istioVersion: string, report: Report): void {
  const quoted = /^[\w.-]+$/.test(value.trim())
    ? ` To set a fixed value, quote it as a CEL string: "'${value.trim()}'".`
    : '';
  const syntax = celParseError(value);
  if (syntax) {
    report('ML0329', path, { tag, error: syntax.message, hint: quoted }, { variant: 'notCel' });
    return;
  }
  if (!atLeast(istioVersion, VERSION_FACTS.celNodeAndFilterStateFallbackRemoved)) return;
  const gone = rootNames(value).find((r) => !ATTRIBUTE_ROOTS.has(r.name));
  if (!gone) return;
  const why =
    gone.name === 'node'
      ? 'the stats filter has no `node` attribute since Istio 1.24'
      : `since Istio 1.24 the stats filter no longer reads a bare name as the filter state \`wasm.${gone.name}\``;
  const hint =
    quoted ||
    ' Start from request, response, connection, upstream, source, destination, metadata, filter_state, upstream_filter_state or xds.';
  report('ML0329', path, { name: gone.name, version: istioVersion, why, tag, hint }, { variant: 'noAttribute' });
}

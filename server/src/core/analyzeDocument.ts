// Analyses one `---` document: YAML syntax, resource identity, CRD schema, then Istio's rules.
// Pure: knows nothing of editors; offsets in the result are relative to the document's start.
import { parseSlice, rangeAt, withoutTree, releaseTree, ParsedSlice, PathSegment } from './yaml/parseSlice';
import { classify, knownKinds } from './resources/kinds';
import { getSchema } from './schema/schemaStore';
import { validateAgainstSchema } from './schema/validateSchema';
import { CHECKS } from './checks/registry';
import { ResourceView, ReportOptions } from './checks/check';
import { isObject } from './util/values';
import { codeInfo } from './diagnostics/codes';
import { formatMessage } from './diagnostics/messages';
import type { Finding } from './diagnostics/finding';
import { apiVersionAddedIn, compareVersions, kindAddedIn } from './versions/istioVersions';
import { luaRegions, LuaRegion } from './lua/luaRegions';
import { analyzeLua } from './lua/analyzeLua';
import { accessLogFilterProblems } from './telemetry/celSyntax';

export interface AnalysisOptions {
  /** Target Istio minor version, e.g. "1.28" (see versions/istioVersions.normalizeVersion). */
  istioVersion: string;
  /**
   * `index`: only what the cross-resource checks and the preview read (identity, spec, workloads), for files no one
   * has open; no schema, rule, Lua or CEL checks and no syntax tree kept. `full` (the default): everything.
   */
  depth?: 'full' | 'index';
}

export interface ResourceIdentity {
  kind: string;
  apiVersion: string;
  name?: string;
  namespace?: string;
  /** True for the kinds and served versions Meshlens checks. */
  ours: boolean;
}

export interface DocumentAnalysis {
  parsed: ParsedSlice;
  resource?: ResourceIdentity;
  /** Lua code embedded in the resource, with the map from Lua offsets to document offsets. */
  luaRegions?: LuaRegion[];
  /** The document's data as the apiserver sees it (null entries pruned), when it is a mapping. */
  value?: Record<string, unknown>;
  findings: Finding[];
}

const TEMPLATE_MARKER =
  /\{\{-?\s*(?:\.|\$|if\b|else\b|end\b|include\b|range\b|with\b|template\b|define\b|toYaml\b|tpl\b|printf\b|quote\b|default\b|required\b)/;

const OUR_KIND_LINE = new RegExp(
  `^\\s*kind:\\s*["']?(?:${knownKinds()
    .map((k) => k.kind)
    .join('|')})\\b`,
  'm',
);

/** One of our kinds on a line of its own or as a list item's key (a document that is a list of resources). */
const OUR_KIND_ITEM = new RegExp(OUR_KIND_LINE.source.replace('^\\s*', '^[\\s-]*'), 'm');

export function analyzeDocument(text: string, options: AnalysisOptions): DocumentAnalysis {
  const result = analyze(text, options);
  releaseTree(result.parsed);
  return result;
}

function analyze(text: string, options: AnalysisOptions): DocumentAnalysis {
  const templateAt = text.includes('{{') ? text.search(TEMPLATE_MARKER) : -1;
  if (templateAt >= 0) {
    return {
      parsed: { doc: undefined, tree: undefined, value: undefined, findings: [], analysable: false },
      findings: [finding('ML0005', formatMessage('ML0005'), templateAt, templateAt + 2)],
    };
  }
  const parsed = parseSlice(text);
  // Syntax problems are ours to report only in documents that are (or try to be) one of our kinds.
  const findings = parsed.findings.length && OUR_KIND_LINE.test(text) ? [...parsed.findings] : [];
  const result: DocumentAnalysis = { parsed, findings };
  if (!parsed.analysable) return result;
  if (!isObject(parsed.value)) {
    // A document that names one of our kinds but is a list or a scalar: the apiserver has nothing to read.
    const kind = OUR_KIND_ITEM.exec(text);
    if (kind && parsed.value !== undefined && parsed.value !== null) {
      const at = kind.index + kind[0].indexOf('kind');
      const actual = Array.isArray(parsed.value) ? 'a list' : `a ${typeof parsed.value}`;
      const name = kind[0].replace(/^[\s-]*kind:\s*["']?/, '');
      findings.push(finding('ML0006', formatMessage('ML0006', { kind: name, actual }, 'notMapping'), at, at + 4));
    }
    return result;
  }
  const value = withoutNulls(parsed.value);
  result.value = value;
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const identity = classify(value.apiVersion, value.kind);
  const known = knownKinds().find((k) => k.kind === value.kind);
  if (known && value.apiVersion === undefined) {
    const range = rangeAt(parsed, ['kind'], 'key') ?? [0, 1];
    const served = known.versions.map((v) => `${known.group}/${v}`).join(', ');
    findings.push(
      finding('ML0006', formatMessage('ML0006', { kind: known.kind, served }, 'noApiVersion'), range[0], range[1]),
    );
  }
  if (identity.status === 'other') {
    if (typeof value.kind === 'string' && typeof value.apiVersion === 'string') {
      result.resource = {
        kind: value.kind,
        apiVersion: value.apiVersion,
        name: str(metadata.name),
        namespace: str(metadata.namespace),
        ours: false,
      };
    }
    // Other kinds are read for their data only (workloads, services, mesh config); their syntax tree is dropped to
    // keep the memory of large workspaces down.
    result.parsed = withoutTree(parsed);
    return result;
  }
  result.resource = {
    kind: identity.kind,
    apiVersion: `${identity.group}/${identity.version}`,
    name: str(metadata.name),
    namespace: str(metadata.namespace),
    ours: identity.status === 'ours',
  };
  if (options.depth === 'index') {
    result.parsed = withoutTree(parsed);
    return result;
  }
  const mark = (code: string, path: readonly PathSegment[], message: string, opts: ReportOptions = {}) => {
    const range = rangeAt(parsed, path, opts.on) ?? [0, 1];
    const f = finding(code, message, range[0], range[1]);
    if (opts.data) f.data = opts.data;
    if (opts.severity) f.severity = opts.severity;
    findings.push(f);
  };
  if (identity.status === 'unserved') {
    mark(
      'ML0101',
      ['apiVersion'],
      formatMessage('ML0101', {
        kind: identity.kind,
        apiVersion: `${identity.group}/${identity.version}`,
        served: identity.served.map((v) => `${identity.group}/${v}`).join(', '),
      }),
      { data: { replacements: identity.served.map((v) => `${identity.group}/${v}`) } },
    );
    return result;
  }
  const since = kindAddedIn(identity.kind);
  if (since && compareVersions(options.istioVersion, since) < 0) {
    mark(
      'ML0102',
      ['kind'],
      formatMessage('ML0102', { kind: identity.kind, version: options.istioVersion, added: since }, 'kind'),
    );
    return result;
  }
  const gvSince = apiVersionAddedIn(`${identity.group}/${identity.version}`);
  if (gvSince && compareVersions(options.istioVersion, gvSince) < 0) {
    mark(
      'ML0102',
      ['apiVersion'],
      formatMessage(
        'ML0102',
        { apiVersion: `${identity.group}/${identity.version}`, version: options.istioVersion, added: gvSince },
        'apiVersion',
      ),
    );
    return result;
  }

  const schema = getSchema(identity.kind, identity.version)!;
  for (const p of validateAgainstSchema(schema, value)) mark(p.code, p.path, p.message, { on: p.on, data: p.data });

  const view: ResourceView = {
    kind: identity.kind,
    group: identity.group,
    version: identity.version,
    value,
    spec: isObject(value.spec) ? value.spec : {},
    istioVersion: options.istioVersion,
  };
  for (const check of CHECKS) {
    if (!check.kinds.includes(identity.kind)) continue;
    try {
      check.run(view, (code, path, params, opts) => {
        if (check.codes.includes(code)) mark(code, path, formatMessage(code, params, opts?.variant), opts);
        else mark('ML0208', path, formatMessage('ML0208', { code }, 'undeclaredCode'));
      });
    } catch (e) {
      // A check must never take the others down; report its failure where the user can see it.
      mark('ML0208', [], formatMessage('ML0208', { error: (e as Error).message }, 'checkFailed'));
    }
  }
  if ((identity.kind === 'EnvoyFilter' || identity.kind === 'TrafficExtension') && parsed.tree) {
    result.luaRegions = luaRegions(parsed.tree, text, identity.kind, value);
    for (const region of result.luaRegions) {
      for (const lf of analyzeLua(region.value, options.istioVersion).findings) {
        const start = region.offsets[Math.min(lf.start, region.value.length)];
        const end = Math.max(region.offsets[Math.min(lf.end, region.value.length)], start + 1);
        const f = finding(lf.code, lf.message, start, end);
        if (lf.severity) f.severity = lf.severity;
        findings.push(f);
      }
    }
  }
  if (identity.kind === 'Telemetry' && parsed.tree) {
    for (const p of accessLogFilterProblems(parsed.tree, text, view.spec))
      findings.push(finding('ML0315', p.message, p.start, p.end));
  }
  return result;
}

function finding(code: string, message: string, start: number, end: number): Finding {
  return { code, severity: codeInfo(code).severity, message, start, end };
}

/**
 * The apiserver prunes `key: null` entries of CRD objects before validation (non-nullable fields), so do we. The
 * value is copied only where it holds a null (most documents hold none).
 */
function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  return hasNullEntry(value) ? prunedCopy(value) : value;
}

function hasNullEntry(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasNullEntry);
  if (!isObject(v)) return false;
  for (const k in v) if (v[k] === null || hasNullEntry(v[k])) return true;
  return false;
}

function prunedCopy(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null) continue;
    out[k] = isObject(v) ? prunedCopy(v) : Array.isArray(v) ? v.map((x) => (isObject(x) ? prunedCopy(x) : x)) : v;
  }
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

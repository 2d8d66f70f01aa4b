// The one list of workspace checks, and how their results join each file's own findings.
import type { WorkspaceCheck } from './workspaceCheck';
import type { Workspace } from '../workspace/workspace';
import type { Finding } from '../diagnostics/finding';
import type { FileAnalysis } from '../analyzeFile';
import { telemetryNamespaceDefaults, telemetrySelectorConflicts, telemetryProviders } from './telemetryChecks';
import { selectorTargets } from './selectorChecks';
import { relativeOperationWithProxyVersion } from './envoyFilterProxyVersion';
import { patchesMatchingNothing } from './patchesMatchingNothing';
import { configPatchesMatchingNothing } from './configPatchesMatchingNothing';
import { rangeAt } from '../yaml/parseSlice';
import { codeInfo } from '../diagnostics/codes';
import { formatMessage } from '../diagnostics/messages';
import { withoutSuppressed } from '../suppression';
import { compareText } from '../util/compareText';

export const WORKSPACE_CHECKS: WorkspaceCheck[] = [
  telemetryNamespaceDefaults,
  telemetrySelectorConflicts,
  telemetryProviders,
  selectorTargets,
  relativeOperationWithProxyVersion,
  patchesMatchingNothing,
  configPatchesMatchingNothing,
];

const results = new WeakMap<Workspace, { version: number; byUri: Map<string, Finding[]> }>();

/** Findings of the workspace checks per file URI, computed once per workspace version. */
export function workspaceFindings(ws: Workspace): Map<string, Finding[]> {
  const cached = results.get(ws);
  if (cached && cached.version === ws.version) return cached.byUri;
  const byUri = new Map<string, Finding[]>();
  for (const check of WORKSPACE_CHECKS) {
    check.run(ws, (record, reported, path, params, opts = {}) => {
      // A code the check does not declare is an internal error, shown where it happened.
      const code = check.codes.includes(reported) ? reported : 'ML0208';
      const message =
        code === reported
          ? formatMessage(code, params, opts.variant)
          : formatMessage('ML0208', { code: reported }, 'undeclaredWorkspaceCode');
      const doc = record.document;
      const [start, end] = rangeAt(doc.parsed, path, opts.on) ?? [0, 1];
      const f: Finding = {
        code,
        severity: opts.severity ?? codeInfo(code).severity,
        message,
        start: start + doc.slice.start,
        end: end + doc.slice.start,
      };
      if (opts.data) f.data = opts.data;
      byUri.set(record.uri, [...(byUri.get(record.uri) ?? []), f]);
    });
  }
  results.set(ws, { version: ws.version, byUri });
  return byUri;
}

/** A file's own findings only (no workspace checks), less suppressed ones: what can be shown before indexing ends. */
export function ownFindings(ws: Workspace, uri: string): Finding[] {
  const analysis = ws.fileAnalysis(uri);
  return analysis
    ? withoutSuppressed(
        analysis.documents,
        [...analysis.findings].sort((a, b) => a.start - b.start || compareText(a.code, b.code)),
      )
    : [];
}

/** Everything to report for one file: its own findings and the workspace's, less superseded and suppressed ones. */
export function fileFindings(ws: Workspace, uri: string): Finding[] {
  const analysis = ws.fileAnalysis(uri);
  return analysis ? combined(analysis, workspaceFindings(ws).get(uri) ?? []) : [];
}

/**
 * The workspace checks' findings on a file, per document (keyed by its text, in order of occurrence) with offsets
 * relative to it: what can be shown again, moved with its document, while the checks re-run after an edit.
 */
export type CarriedFindings = Map<string, Finding[][]>;

export function workspaceFindingsByDocument(ws: Workspace, uri: string): CarriedFindings {
  const out: CarriedFindings = new Map();
  const analysis = ws.fileAnalysis(uri);
  if (!analysis) return out;
  const extra = workspaceFindings(ws).get(uri) ?? [];
  for (const doc of analysis.documents) {
    const inDoc = extra
      .filter((f) => f.start >= doc.slice.start && (f.start < doc.slice.end || doc.slice.end === doc.slice.start))
      .map((f) => ({ ...f, start: f.start - doc.slice.start, end: f.end - doc.slice.start }));
    out.set(doc.text, [...(out.get(doc.text) ?? []), inDoc]);
  }
  return out;
}

/**
 * A file's own findings as they are now, with the workspace checks' findings carried over from an earlier workspace
 * for the documents whose text did not change (a changed document's wait for the checks to run again).
 */
export function fileFindingsCarriedOver(ws: Workspace, uri: string, carried: CarriedFindings): Finding[] {
  const analysis = ws.fileAnalysis(uri);
  if (!analysis) return [];
  const seen = new Map<string, number>();
  const extra: Finding[] = [];
  for (const doc of analysis.documents) {
    const occurrence = seen.get(doc.text) ?? 0;
    seen.set(doc.text, occurrence + 1);
    for (const f of carried.get(doc.text)?.[occurrence] ?? [])
      extra.push({ ...f, start: f.start + doc.slice.start, end: f.end + doc.slice.start });
  }
  return combined(analysis, extra);
}

function combined(analysis: FileAnalysis, extra: Finding[]): Finding[] {
  const superseded = new Set(extra.filter((f) => f.data?.supersedes).map((f) => `${f.data!.supersedes}@${f.start}`));
  const all = [...analysis.findings.filter((f) => !superseded.has(`${f.code}@${f.start}`)), ...extra];
  all.sort((a, b) => a.start - b.start || compareText(a.code, b.code));
  return withoutSuppressed(analysis.documents, all);
}

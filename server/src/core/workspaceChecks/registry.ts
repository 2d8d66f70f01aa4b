// The one list of workspace checks, and how their results join each file's own findings.
import type { WorkspaceCheck } from './workspaceCheck';
import type { Workspace } from '../workspace/workspace';
import type { Finding } from '../diagnostics/finding';
import { telemetryNamespaceDefaults, telemetrySelectorConflicts, telemetryProviders } from './telemetryChecks';
import { selectorTargets } from './selectorChecks';
import { relativeOperationWithProxyVersion } from './envoyFilterProxyVersion';
import { patchesMatchingNothing } from './patchesMatchingNothing';
import { configPatchesMatchingNothing } from './configPatchesMatchingNothing';
import { rangeAt } from '../yaml/parseSlice';
import { codeInfo } from '../diagnostics/codes';
import { formatMessage } from '../diagnostics/messages';
import { withoutSuppressed } from '../suppression';

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
        [...analysis.findings].sort((a, b) => a.start - b.start || a.code.localeCompare(b.code)),
      )
    : [];
}

/** Everything to report for one file: its own findings and the workspace's, less superseded and suppressed ones. */
export function fileFindings(ws: Workspace, uri: string): Finding[] {
  const analysis = ws.fileAnalysis(uri);
  if (!analysis) return [];
  const extra = workspaceFindings(ws).get(uri) ?? [];
  const superseded = new Set(extra.filter((f) => f.data?.supersedes).map((f) => `${f.data!.supersedes}@${f.start}`));
  const all = [...analysis.findings.filter((f) => !superseded.has(`${f.code}@${f.start}`)), ...extra];
  all.sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
  return withoutSuppressed(analysis.documents, all);
}

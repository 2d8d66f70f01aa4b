// `meshlens check`: the editor's exact checks over files, with findings as located, printable records.
import { analyzeFile, LineIndex, Finding, Workspace, fileFindings, MeshConfigInfo, applyRules } from '../core';
import type { Input } from './readInputs';
import type { Severity } from '../core/diagnostics/codes';
import { compareText } from '../core/util/compareText';

export interface Position1 {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units (what editors count). */
  column: number;
}

export interface Result {
  file: string;
  range: { start: Position1; end: Position1 };
  severity: Severity;
  code: string;
  message: string;
}

/** Checks the inputs together, as one workspace: cross-resource checks see every file given. */
export function checkInputs(inputs: Input[], istioVersion: string, meshConfig?: MeshConfigInfo): Result[] {
  const workspace = new Workspace();
  workspace.meshConfigOverride = meshConfig;
  workspace.istioVersion = istioVersion;
  inputs.forEach((input, i) =>
    workspace.setFile(
      workspaceKey(input, i),
      analyzeFile(input.text, { istioVersion: input.istioVersion ?? istioVersion }),
    ),
  );
  const results: Result[] = [];
  inputs.forEach((input, i) => {
    const lines = new LineIndex(input.text);
    const findings: Finding[] = applyRules(
      [...input.findings, ...fileFindings(workspace, workspaceKey(input, i))],
      input.rules,
    );
    findings.sort((a, b) => a.start - b.start || compareText(a.code, b.code));
    for (const f of findings) {
      results.push({
        file: input.file,
        range: { start: toPos(lines, f.start), end: toPos(lines, f.end) },
        severity: f.severity,
        code: f.code,
        message: f.message,
      });
    }
  });
  return results;
}

/** The same file may be given twice; each input is its own file in the workspace. */
function workspaceKey(input: Input, i: number): string {
  return `${input.file}\u0000${i}`;
}

/** A finding's offsets as the 1-based range the CLI prints. */
export function range1(lines: LineIndex, start: number, end: number): Result['range'] {
  return { start: toPos(lines, start), end: toPos(lines, end) };
}

function toPos(lines: LineIndex, offset: number): Position1 {
  const p = lines.positionAt(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export function atOrAbove(severity: Severity, threshold: 'error' | 'warning'): boolean {
  return RANK[severity] >= RANK[threshold];
}

// Quick fixes: for a finding, the edits that make the document pass the check that reported it. The fixes live
// beside the checks (their `fixes`); this finds the owner of the finding's code. Pure: the LSP layer turns them into
// code actions, tests apply them and check again.
import type { Finding } from '../diagnostics/finding';
import type { AnalyzedDocument } from '../analyzeFile';
import type { QuickFix, Fixer } from './fixers';
import { CHECKS, PASS_FIXES } from '../checks/registry';
import { WORKSPACE_CHECKS } from '../workspaceChecks/registry';

export type { QuickFix };

function fixersFor(code: string): Fixer[] {
  const owners = [...CHECKS, ...WORKSPACE_CHECKS].filter((c) => c.codes.includes(code));
  return [...owners.flatMap((c) => c.fixes?.[code] ?? []), ...(PASS_FIXES[code] ?? [])];
}

/** The quick fixes for one finding in a file (`text`), given the analysed `---` document it is in. */
export function quickFixesFor(text: string, document: AnalyzedDocument, finding: Finding): QuickFix[] {
  if (!document.parsed.doc) return [];
  return fixersFor(finding.code).flatMap((fix) => fix({ text, document, finding }));
}

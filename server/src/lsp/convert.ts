// Translates core findings into LSP diagnostics. The LSP layer only translates; it decides nothing.
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeInfo, Finding } from '../core';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

// Codes link to their paragraph in the README that ships beside the server bundle, so the link works offline.
export const README_URL = pathToFileURL(join(__dirname, '..', 'README.md')).toString();

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(document: TextDocument, f: Finding): Diagnostic {
  const info = codeInfo(f.code);
  return {
    range: { start: document.positionAt(f.start), end: document.positionAt(f.end) },
    severity: SEVERITY[f.severity],
    source: 'meshlens',
    code: f.code,
    codeDescription: { href: `${README_URL}#${f.code.toLowerCase()}-${info.name}` },
    message: f.message,
    data: f.data,
  };
}

// Test helper: analyse YAML text with the core and get findings with 1-based line:column positions.
import { analyzeFile, LineIndex } from '../../server/src/core';

export interface LocatedFinding {
  code: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  /** The exact text the finding marks. */
  text: string;
}

/**
 * Findings of the core for one text. ML0320, the warning istiod gives every EnvoyFilter, is left out unless asked
 * for: it would be in every EnvoyFilter test's expectations (it has its own test).
 */
export function analyze(text: string, istioVersion = '1.31', keep: string[] = []): LocatedFinding[] {
  const lines = new LineIndex(text);
  return analyzeFile(text, { istioVersion })
    .findings.filter((f) => f.code !== 'ML0320' || keep.includes('ML0320'))
    .map((f) => {
      const p = lines.positionAt(f.start);
      return {
        code: f.code,
        severity: f.severity,
        message: f.message,
        line: p.line + 1,
        column: p.character + 1,
        text: text.slice(f.start, f.end),
      };
    });
}

export function codes(text: string, istioVersion = '1.31'): string[] {
  return analyze(text, istioVersion).map((f) => f.code);
}

/** Joins lines with \n, so fixtures read like the YAML they are. */
export function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

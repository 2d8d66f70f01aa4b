import type { Result } from '../checkFiles';

/** `file:line:col: severity CODE message`, one line per finding. */
export function formatText(results: Result[]): string {
  return (
    results
      .map((r) => `${r.file}:${r.range.start.line}:${r.range.start.column}: ${r.severity} ${r.code} ${r.message}`)
      .join('\n') + (results.length ? '\n' : '')
  );
}

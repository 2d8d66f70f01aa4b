import type { Result } from '../checkFiles';

/** An array of {file, range, severity, code, message}; lines and columns are 1-based. */
export function formatJson(results: Result[]): string {
  return JSON.stringify(results, null, 2) + '\n';
}

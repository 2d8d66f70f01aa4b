// GitLab Code Quality (a subset of the Code Climate format): one issue per finding, with a fingerprint that stays
// the same while the finding does, even when lines above it move.
import { createHash } from 'node:crypto';
import type { Result } from '../checkFiles';

const SEVERITY: Record<Result['severity'], string> = {
  error: 'critical',
  warning: 'major',
  info: 'minor',
  hint: 'info',
};

export function formatCodeClimate(results: Result[]): string {
  const seen = new Map<string, number>();
  const issues = results.map((r) => {
    const key = `${r.file}\u0000${r.code}\u0000${r.message}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return {
      type: 'issue',
      check_name: r.code,
      description: r.message,
      categories: ['Bug Risk'],
      fingerprint: createHash('md5').update(`${key}\u0000${n}`).digest('hex'),
      severity: SEVERITY[r.severity],
      location: { path: r.file.replace(/\\/g, '/'), lines: { begin: r.range.start.line, end: r.range.end.line } },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}

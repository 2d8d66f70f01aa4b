// Suppressing findings on purpose: `# meshlens-disable-next-line CODE[,CODE]` for the next line,
// `# meshlens-disable CODE[,CODE]` from there to the end of the `---` document (no codes: every code), and Istio's
// own annotation galley.istio.io/analyze-suppress: "CODE,CODE" (or "*") on the resource.
import type { Finding } from './diagnostics/finding';
import type { AnalyzedDocument } from './analyzeFile';
import { LineIndex } from './text/lineIndex';
import { isObject } from './util/values';

export const SUPPRESS_ANNOTATION = 'galley.istio.io/analyze-suppress';

interface Rule {
  codes: Set<string> | 'all';
  fromLine: number;
  toLine: number;
}

const DIRECTIVE = /#\s*meshlens-disable(-next-line)?(?![\w-])[ \t]*([A-Za-z0-9_, \t]*)/g;

function rulesOf(document: AnalyzedDocument): { rules: Rule[]; lines?: LineIndex } {
  const rules: Rule[] = [];
  const annotations =
    isObject(document.value?.metadata) && isObject(document.value!.metadata.annotations)
      ? document.value!.metadata.annotations
      : undefined;
  const annotated = annotations?.[SUPPRESS_ANNOTATION];
  if (typeof annotated === 'string' && annotated.trim())
    rules.push({ codes: codeSet(annotated), fromLine: 0, toLine: Infinity });
  if (!document.text.includes('meshlens-disable')) return { rules };
  const lines = new LineIndex(document.text);
  for (const m of document.text.matchAll(DIRECTIVE)) {
    const line = lines.positionAt(m.index!).line;
    const codes = codeSet(m[2]);
    rules.push(m[1] ? { codes, fromLine: line + 1, toLine: line + 1 } : { codes, fromLine: line, toLine: Infinity });
  }
  return { rules, lines };
}

function codeSet(text: string): Set<string> | 'all' {
  const codes = text
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return codes.length === 0 || codes.includes('*') ? 'all' : new Set(codes);
}

/** Drops the findings (offsets in the file) that a directive or annotation in their document suppresses. */
export function withoutSuppressed(documents: readonly AnalyzedDocument[], findings: Finding[]): Finding[] {
  const byDoc = documents.map(rulesOf);
  if (byDoc.every((d) => d.rules.length === 0)) return findings;
  return findings.filter((f) => {
    const i = documentIndexAt(documents, f.start);
    const { rules, lines } = byDoc[i];
    if (!rules.length) return true;
    const line = lines ? lines.positionAt(f.start - documents[i].slice.start).line : 0;
    return !rules.some((r) => line >= r.fromLine && line <= r.toLine && (r.codes === 'all' || r.codes.has(f.code)));
  });
}

export function documentIndexAt(documents: readonly AnalyzedDocument[], offset: number): number {
  let lo = 0;
  let hi = documents.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (documents[mid].slice.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

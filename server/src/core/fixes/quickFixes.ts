// Quick fixes: for a finding, the edits that make the document pass the check that reported it. Pure: the LSP layer
// turns them into code actions, tests apply them and check again.
import { isMap, isPair, Pair, Node, YAMLMap } from 'yaml';
import type { Finding } from '../diagnostics/finding';
import type { AnalyzedDocument } from '../analyzeFile';
import { locate, findPair } from '../yaml/parseSlice';
import { pathAtOffset } from '../yaml/pathAt';
import { TextEdit, lineStartOf, lineEndOf, columnOf, eol } from './textEdit';

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The fix users most likely want, for "fix all" and for the lightbulb's default. */
  preferred?: boolean;
}

/** The quick fixes for one finding in a file (`text`), given the analysed `---` document it is in. */
export function quickFixesFor(text: string, document: AnalyzedDocument, finding: Finding): QuickFix[] {
  const doc = document.parsed.doc;
  if (!doc) return [];
  const base = document.slice.start;
  const data = finding.data ?? {};
  const fixes: QuickFix[] = [];
  const replacement = typeof data.replacement === 'string' ? data.replacement : undefined;
  const at = pathAtOffset(doc, finding.start - base);

  if (replacement && ['ML0201', 'ML0203', 'ML0325', 'ML0601'].includes(finding.code)) {
    const quote = /^["']/.test(text.slice(finding.start, finding.end)) ? text[finding.start] : '';
    fixes.push({
      title: `Change to \`${replacement}\``,
      edits: [{ start: finding.start, end: finding.end, newText: quote + replacement + quote }],
      preferred: true,
    });
  }
  if (data.setPriority && doc.contents && isMap(doc.contents)) {
    const spec = findPair(doc.contents, 'spec');
    if (spec && isMap(spec.value)) {
      const existing = findPair(spec.value, 'priority');
      const value = existing?.value as Node | undefined;
      if (value?.range)
        fixes.push({
          title: 'Set spec.priority to 10',
          edits: [{ start: base + value.range[0], end: base + value.range[1], newText: '10' }],
          preferred: true,
        });
      else
        fixes.push({
          title: 'Set spec.priority to 10',
          edits: insertKey(text, base, spec.value, 'priority', '10'),
          preferred: true,
        });
    }
  }
  if (data.addValue && at) {
    const pair = pairAt(doc, at.path);
    if (pair && isMap(pair.value)) {
      const isTag = finding.code === 'ML0308';
      fixes.push({
        title: isTag ? 'Add a value (a CEL expression)' : 'Add an empty patch value',
        edits: insertKey(text, base, pair.value, 'value', isTag ? '"request.host"' : '{}'),
        preferred: true,
      });
    }
  }
  if (finding.code === 'ML0301' && Array.isArray(data.conflicting) && at) {
    const field = String(at.path[at.path.length - 1]);
    const pair = pairAt(doc, at.path);
    if (pair) fixes.push({ title: `Remove \`${field}\``, edits: [removePair(text, base, pair)] });
    const other = (data.conflicting as string[]).find((f) => f !== field);
    const otherPair = other && pairAt(doc, ['spec', other]);
    if (otherPair && other) fixes.push({ title: `Remove \`${other}\``, edits: [removePair(text, base, otherPair)] });
  }
  if ((finding.code === 'ML0326' || finding.code === 'ML0301') && doc.contents && isMap(doc.contents)) {
    const spec = findPair(doc.contents, 'spec');
    const targetRef = spec && isMap(spec.value) ? findPair(spec.value, 'targetRef') : undefined;
    const hasRefs = spec && isMap(spec.value) ? findPair(spec.value, 'targetRefs') : undefined;
    if (targetRef && !hasRefs)
      fixes.push({
        title: 'Turn targetRef into targetRefs',
        edits: toTargetRefs(text, base, targetRef),
        preferred: finding.code === 'ML0326',
      });
  }
  return fixes;
}

function pairAt(
  doc: NonNullable<AnalyzedDocument['parsed']['doc']>,
  path: readonly (string | number)[],
): Pair | undefined {
  const loc = locate(doc, path);
  return loc?.pair;
}

/** Inserts `key: value` as a new entry of a mapping, in its style (block or flow). */
function insertKey(text: string, base: number, map: YAMLMap, key: string, value: string): TextEdit[] {
  const range = (map as Node).range!;
  if (map.flow || map.items.length === 0) {
    const start = base + range[0];
    const end = base + range[1];
    const inner = text
      .slice(start, end)
      .trim()
      .replace(/^\{|\}$/g, '')
      .trim();
    return [{ start, end, newText: `{${inner ? inner + ', ' : ''}${key}: ${value}}` }];
  }
  const first = map.items[0].key as Node;
  const keyStart = base + first.range![0];
  const indent = ' '.repeat(columnOf(text, keyStart));
  const at = lineStartOf(text, keyStart);
  return [{ start: at, end: at, newText: `${indent}${key}: ${value}${eol(text)}` }];
}

/** Removes a key and its value, whole lines for block style. */
function removePair(text: string, base: number, pair: Pair): TextEdit {
  const keyStart = base + (pair.key as Node).range![0];
  const valueEnd = base + ((pair.value as Node | null)?.range?.[2] ?? (pair.key as Node).range![2]);
  const start = lineStartOf(text, keyStart);
  const onlyOnLine = text.slice(start, keyStart).trim() === '' || text.slice(start, keyStart).trim() === '-';
  if (!onlyOnLine) return { start: keyStart, end: valueEnd, newText: '' };
  let end = valueEnd;
  if (text[end - 1] !== '\n') end = Math.min(text.length, lineEndOf(text, end) + 1);
  return { start, end, newText: '' };
}

/** `targetRef: {...}` → `targetRefs: [{...}]`, keeping the mapping's lines. */
function toTargetRefs(text: string, base: number, pair: Pair): TextEdit[] {
  const key = pair.key as Node;
  const value = pair.value as Node;
  const edits: TextEdit[] = [{ start: base + key.range![0], end: base + key.range![1], newText: 'targetRefs' }];
  if (isMap(value) && !value.flow && value.items.length) {
    // Block mapping: put "- " before the first entry and indent the others to match.
    value.items.forEach((item, i) => {
      if (!isPair(item)) return;
      const k = item.key as Node;
      const ks = base + k.range![0];
      edits.push({ start: ks, end: ks, newText: i === 0 ? '- ' : '  ' });
    });
    const firstStart = base + (value.items[0].key as Node).range![0];
    const keyLineStart = lineStartOf(text, base + key.range![0]);
    if (lineStartOf(text, firstStart) === keyLineStart) return edits; // unusual layout: leave as is
  } else if (value?.range) {
    edits.push(
      { start: base + value.range[0], end: base + value.range[0], newText: '[' },
      { start: base + value.range[1], end: base + value.range[1], newText: ']' },
    );
  }
  return edits;
}

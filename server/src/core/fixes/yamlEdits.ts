// Edits on YAML text that keep its style: insert a key into a mapping (block or flow), remove a key with its lines,
// turn a `targetRef` mapping into a one-item `targetRefs` list.
import { isMap, isPair, Pair, Node, YAMLMap } from 'yaml';
import type { AnalyzedDocument } from '../analyzeFile';
import { locate } from '../yaml/parseSlice';
import { TextEdit, lineStartOf, lineEndOf, columnOf, eol } from './textEdit';

export function pairAt(
  doc: NonNullable<AnalyzedDocument['parsed']['doc']>,
  path: readonly (string | number)[],
): Pair | undefined {
  const loc = locate(doc, path);
  return loc?.pair;
}

/** Inserts `key: value` as a new entry of a mapping, in its style (block or flow). */
export function insertKey(text: string, base: number, map: YAMLMap, key: string, value: string): TextEdit[] {
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
export function removePair(text: string, base: number, pair: Pair): TextEdit {
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
export function toTargetRefs(text: string, base: number, pair: Pair): TextEdit[] {
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

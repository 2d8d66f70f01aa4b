// Which key or value of a YAML document an offset is on, as a data path: the basis of hover and context checks.
import { Document, isMap, isSeq, isPair, isScalar, Node, Pair } from 'yaml';
import type { PathSegment } from './parseSlice';

export interface PathAtOffset {
  path: PathSegment[];
  /** True when the offset is on a key (the path then ends with that key). */
  onKey: boolean;
  /** The scalar under the offset, if any. */
  scalar?: { value: unknown; start: number; end: number };
}

export function pathAtOffset(doc: Document.Parsed, offset: number): PathAtOffset | undefined {
  const path: PathSegment[] = [];
  let node: unknown = doc.contents;
  for (let depth = 0; depth < 1000 && node; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => pairContains(p as Pair, offset)) as Pair | undefined;
      if (!pair) return { path, onKey: false };
      const key = isScalar(pair.key) ? pair.key.value : String(pair.key);
      path.push(key as PathSegment);
      const k = pair.key as Node | null;
      if (k?.range && offset >= k.range[0] && offset <= k.range[1]) {
        return { path, onKey: true, scalar: { value: key, start: k.range[0], end: k.range[1] } };
      }
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item as Node, offset));
      if (index < 0) return { path, onKey: false };
      path.push(index);
      node = node.items[index];
    } else if (isScalar(node)) {
      const r = node.range!;
      return { path, onKey: false, scalar: { value: node.value, start: r[0], end: r[1] } };
    } else return { path, onKey: false };
  }
  return { path, onKey: false };
}

function pairContains(pair: Pair, offset: number): boolean {
  const k = pair.key as Node | null;
  const v = pair.value as Node | null;
  const start = k?.range?.[0] ?? v?.range?.[0];
  const end = v?.range?.[1] ?? k?.range?.[1];
  if (start === undefined || end === undefined) return false;
  return offset >= start && offset <= Math.max(end, (k?.range?.[1] ?? 0) + 1);
}

function contains(node: Node | null, offset: number): boolean {
  if (!node || isPair(node) || !node.range) return false;
  return offset >= node.range[0] && offset <= node.range[1];
}

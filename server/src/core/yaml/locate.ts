// Where a data path (keys and list indexes) is written in a document: the node, its key, and the offsets to mark.
import { Document, isMap, isSeq, isScalar, isAlias, Node, YAMLMap, Pair } from 'yaml';
import type { ParsedSlice } from './parseSlice';

/** The nodes of a document, for finding where a data path is written: the library's document or the fast reader's. */
export interface YamlTree {
  contents: unknown;
}

export type PathSegment = string | number;

export interface Located {
  pair?: Pair;
  key?: Node;
  node?: Node;
}

/** Finds the YAML nodes at a data path (keys and list indexes), following aliases. */
export function locate(doc: YamlTree, path: readonly PathSegment[]): Located | undefined {
  let node: unknown = doc.contents;
  let found: Located = { node: node as Node };
  for (const seg of path) {
    node = resolveAlias(doc, node);
    if (isMap(node)) {
      const pair = findPair(node, seg);
      if (!pair) return undefined;
      found = { pair, key: pair.key as Node, node: pair.value as Node };
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return undefined;
      found = { node: item as Node };
      node = item;
    } else return undefined;
  }
  return found;
}

function resolveAlias(doc: YamlTree, node: unknown): unknown {
  // Aliases only occur in the library's documents.
  for (let i = 0; i < 100 && isAlias(node); i++) node = node.resolve(doc as Document.Parsed);
  return node;
}

export function findPair(map: YAMLMap, key: PathSegment): Pair | undefined {
  for (const item of map.items) {
    const k = item.key;
    const kv = isScalar(k) ? k.value : k;
    if (kv === key || String(kv) === String(key)) return item as Pair;
  }
  return undefined;
}

/** The located node for a path, or for its nearest existing ancestor (for example the parent of a missing field). */
export function locateNearest(doc: YamlTree | undefined, path: readonly PathSegment[]): Located | undefined {
  if (!doc) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const loc = locate(doc, path.slice(0, n));
    if (loc && (loc.key || loc.node)) return loc;
  }
  return undefined;
}

/** The offsets [start, end) to mark for a located node: the key for collections, else the value. */
export function rangeOf(loc: Located | undefined, prefer: 'key' | 'value' = 'value'): [number, number] | undefined {
  if (!loc) return undefined;
  const key = loc.key?.range;
  const val = loc.node?.range;
  if (prefer === 'key' && key) return [key[0], key[1]];
  if (val && (isScalar(loc.node) || isAlias(loc.node) || !key)) {
    return val[1] > val[0] ? [val[0], val[1]] : key ? [key[0], key[1]] : [val[0], val[0] + 1];
  }
  if (key) return [key[0], key[1]];
  return val ? [val[0], val[1]] : undefined;
}

/**
 * The offsets to mark for a data path (rangeOf of its nearest node). The fast reader's collections end where its
 * last item does, while the library's also take trailing comment lines; a collection marked as a whole (no key to
 * mark) is therefore located in the library's document, so both readers mark the same text.
 */
export function rangeAt(
  parsed: ParsedSlice,
  path: readonly PathSegment[],
  prefer: 'key' | 'value' = 'value',
): [number, number] | undefined {
  const loc = locateNearest(parsed.tree, path);
  if (parsed.fast && loc && !loc.key && (isMap(loc.node) || isSeq(loc.node)))
    return rangeOf(locateNearest(parsed.doc, path), prefer);
  return rangeOf(loc, prefer);
}

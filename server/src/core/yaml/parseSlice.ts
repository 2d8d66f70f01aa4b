import {
  parseAllDocuments,
  Document,
  isMap,
  isSeq,
  isScalar,
  isAlias,
  isPair,
  Node,
  YAMLMap,
  Pair,
  YAMLError,
} from 'yaml';
import { formatMessage } from '../diagnostics/messages';
import type { Finding } from '../diagnostics/finding';
import { codeInfo } from '../diagnostics/codes';

/** Documents over this size are syntax-checked only (README: "Limits"). */
export const MAX_ANALYSED_DOCUMENT_CHARS = 5_000_000;
/** Nesting deeper than this is syntax-checked only. */
export const MAX_NESTING_DEPTH = 500;

export interface ParsedSlice {
  /** The parsed YAML document; offsets in its nodes are relative to the slice start. */
  doc: Document.Parsed | undefined;
  /** The document as plain data, or undefined when it could not be built. */
  value: unknown;
  /** Syntax and limit problems, with offsets relative to the slice start. */
  findings: Finding[];
  /** False when the document is too large or too deep for schema and Istio checks. */
  analysable: boolean;
}

export function parseSlice(text: string): ParsedSlice {
  const findings: Finding[] = [];
  if (text.length > MAX_ANALYSED_DOCUMENT_CHARS) {
    // Parsing such a document takes seconds and hundreds of MB for a tree nobody uses: hover and completion work
    // from indentation there. The limit is documented and said on the document's first line.
    findings.push(
      finding(
        'ML0003',
        formatMessage(
          'ML0003',
          { size: (text.length / 1e6).toFixed(1), limit: MAX_ANALYSED_DOCUMENT_CHARS / 1e6 },
          'tooLarge',
        ),
        0,
        firstLineEnd(text),
      ),
    );
    return { doc: undefined, value: undefined, findings, analysable: false };
  }
  let docs: Document.Parsed[];
  try {
    // merge: Kubernetes' YAML reader (go-yaml) honours `<<` merge keys.
    // uniqueKeys off: the library's check is quadratic in a map's size (minutes on a 5 MB map); we check in one pass.
    docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, merge: true }) as Document.Parsed[];
  } catch (e) {
    findings.push(
      finding(
        'ML0001',
        formatMessage('ML0001', { error: (e as Error).message }, 'unparsable'),
        0,
        Math.min(text.length, 1),
      ),
    );
    return { doc: undefined, value: undefined, findings, analysable: false };
  }
  if (!Array.isArray(docs)) docs = []; // an empty stream yields an EmptyStream object
  const doc = docs.find((d) => d.contents !== null) ?? docs[0];
  for (const d of docs) {
    for (const err of [...d.errors, ...d.warnings]) findings.push(fromYamlError(err, text, d.errors.includes(err)));
  }
  if (!doc || doc.errors.length > 0) return { doc, value: undefined, findings, analysable: false };
  const duplicates = duplicateKeys(doc.contents);
  for (const key of duplicates)
    findings.push(
      finding(
        'ML0002',
        formatMessage('ML0002', { key: String(isScalar(key) ? key.value : key) }, 'again'),
        key.range![0],
        key.range![1],
      ),
    );
  if (duplicates.length) return { doc, value: undefined, findings, analysable: false };

  const depth = nestingDepth(doc.contents);
  if (depth.tooDeep) {
    findings.push(
      finding('ML0003', formatMessage('ML0003', { depth: MAX_NESTING_DEPTH }, 'tooDeep'), depth.at, depth.at + 1),
    );
    return { doc, value: undefined, findings, analysable: false };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    findings.push(
      finding('ML0003', formatMessage('ML0003', { error: (e as Error).message }, 'notExpanded'), 0, firstLineEnd(text)),
    );
    return { doc, value: undefined, findings, analysable: false };
  }
  return { doc, value, findings, analysable: true };
}

function fromYamlError(err: YAMLError, text: string, isError: boolean): Finding {
  const [start, end] = err.pos;
  let code = err.code === 'DUPLICATE_KEY' ? 'ML0002' : 'ML0001';
  const error = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  let message = formatMessage(code, { error }, 'syntax');
  if (/call stack/i.test(error)) {
    // The YAML library recurses per nesting level and gives up on pathological depth; that is a limit, not a typo.
    code = 'ML0003';
    message = formatMessage('ML0003', { depth: MAX_NESTING_DEPTH }, 'tooDeepToParse');
  }
  if (err.code === 'TAB_AS_INDENT') message = formatMessage('ML0001', {}, 'tabs');
  const f = finding(code, message, start, Math.max(end, Math.min(start + 1, text.length)));
  if (!isError && code === 'ML0001') f.severity = 'warning';
  return f;
}

function finding(code: string, message: string, start: number, end: number): Finding {
  return { code, severity: codeInfo(code).severity, message, start, end };
}

function firstLineEnd(text: string): number {
  const nl = text.indexOf('\n');
  return nl < 0 ? Math.min(text.length, 200) : nl;
}

/** Keys defined twice in one mapping (the second and later ones), found in one iterative pass. */
function duplicateKeys(root: unknown): Node[] {
  const out: Node[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && key.range) {
          if (key.value === '<<') continue; // merge keys may repeat
          if (seen.has(key.value)) out.push(key);
          seen.add(key.value);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
  return out.sort((a, b) => a.range![0] - b.range![0]);
}

/** Measures nesting without recursion, so that a pathological document cannot overflow the stack. */
function nestingDepth(root: unknown): { tooDeep: boolean; at: number } {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_NESTING_DEPTH) return { tooDeep: true, at: (node as Node)?.range?.[0] ?? 0 };
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          stack.push([item.key, depth + 1]);
          stack.push([item.value, depth + 1]);
        } else stack.push([item, depth + 1]);
      }
    }
  }
  return { tooDeep: false, at: 0 };
}

export type PathSegment = string | number;

export interface Located {
  pair?: Pair;
  key?: Node;
  node?: Node;
}

/** Finds the YAML nodes at a data path (keys and list indexes), following aliases. */
export function locate(doc: Document.Parsed, path: readonly PathSegment[]): Located | undefined {
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

function resolveAlias(doc: Document.Parsed, node: unknown): unknown {
  for (let i = 0; i < 100 && isAlias(node); i++) node = node.resolve(doc);
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
export function locateNearest(doc: Document.Parsed | undefined, path: readonly PathSegment[]): Located | undefined {
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

// Scalars and one-line flow collections for the fast parser (fastParse.ts): the same values, node types and offsets
// as the `yaml` library gives, or a bail-out for anything the fast parser leaves to the library.
import type { Scalar, ParsedNode } from 'yaml';

/** Thrown when the text leaves the subset the fast parser reads exactly; the caller then uses the library. */
export const BAIL = new Error('outside the fast YAML subset');

export interface Built {
  node: ParsedNode;
  value: unknown;
}

/** A plain scalar's value under YAML 1.2's core schema, as the `yaml` library resolves it. */
export function resolvePlain(s: string): unknown {
  if (s === '') return null;
  const c = s.charCodeAt(0);
  // Only strings start with anything but a digit, a sign, a dot, or the letters of null/true/false/~.
  if (!(c <= 57 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) return s;
  if (s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s)) return parseFloat(s);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) {
    if (s.endsWith('nan') || s.endsWith('NaN') || s.endsWith('NAN')) return NaN;
    return s.startsWith('-') ? -Infinity : Infinity;
  }
  return s;
}

// The nodes the fast reader builds. The library's isScalar/isMap/isSeq/isPair test a node-type symbol (Symbol.for,
// part of its identity API), which these carry on their prototypes: the library's own constructors define it on
// every node with defineProperty, a third of the reading time for thousands of nodes.
const NODE_TYPE = Symbol.for('yaml.node.type');

class FastScalar {
  constructor(
    public value: unknown,
    public type: Scalar.Type,
    public range: [number, number, number],
    public source: string,
  ) {}
}
class FastMap {
  items: FastPair[] = [];
  flow = false;
  range: [number, number, number] = [0, 0, 0];
}
class FastSeq {
  items: ParsedNode[] = [];
  flow = false;
  range: [number, number, number] = [0, 0, 0];
}
class FastPair {
  constructor(
    public key: ParsedNode,
    public value: ParsedNode,
  ) {}
}
for (const [type, name] of [
  [FastScalar, 'scalar'],
  [FastMap, 'map'],
  [FastSeq, 'seq'],
  [FastPair, 'pair'],
] as const)
  Object.defineProperty(type.prototype, NODE_TYPE, { value: Symbol.for(`yaml.${name}`) });

export type FastCollection = FastMap | FastSeq;

export function scalarNode(value: unknown, type: Scalar.Type, start: number, end: number, source = ''): Scalar.Parsed {
  return new FastScalar(value, type, [start, end, end], source) as unknown as Scalar.Parsed;
}

export function mapNode(): FastMap {
  return new FastMap();
}

export function seqNode(): FastSeq {
  return new FastSeq();
}

export function pairNode(key: ParsedNode, value: ParsedNode): FastPair {
  return new FastPair(key, value);
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** A quoted scalar that closes on its own line; `end` is the line's end. Returns the value and the closing offset. */
export function quoted(text: string, start: number, end: number): { value: string; close: number } {
  const quote = text.charCodeAt(start);
  let value = '';
  let from = start + 1;
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (quote === 39 && c === 39) {
      value += text.slice(from, i);
      if (text.charCodeAt(i + 1) !== 39) return { value, close: i + 1 };
      value += "'";
      from = ++i + 1;
    } else if (quote === 34 && c === 34) {
      return { value: value + text.slice(from, i), close: i + 1 };
    } else if (quote === 34 && c === 92) {
      value += text.slice(from, i);
      const e = text[i + 1];
      if (e in ESCAPES) {
        value += ESCAPES[e];
        i++;
      } else {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        const hex = text.slice(i + 2, i + 2 + len);
        if (!len || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw BAIL;
        value += String.fromCodePoint(parseInt(hex, 16));
        i += 1 + len;
      }
      from = i + 1;
    }
  }
  throw BAIL; // continues on the next line: the library folds it
}

const FLOW_STOP = new Set([44, 91, 93, 123, 125]); // , [ ] { }

/** A flow collection (`[...]`, `{...}`) that closes on its line. */
export function flowCollection(text: string, start: number, end: number, depth: number): Built & { close: number } {
  if (depth > 64) throw BAIL;
  const isMap = text.charCodeAt(start) === 123;
  const node = isMap ? mapNode() : seqNode();
  node.flow = true;
  const value: unknown = isMap ? {} : [];
  let i = skipSpaces(text, start + 1, end);
  const closer = isMap ? 125 : 93;
  if (text.charCodeAt(i) === closer) {
    node.range = [start, i + 1, i + 1];
    return { node: node as unknown as ParsedNode, value, close: i + 1 };
  }
  for (;;) {
    const item = flowItem(text, i, end, depth);
    i = skipSpaces(text, item.end, end);
    if (isMap) {
      const key = item.built;
      if (text.charCodeAt(i) !== 58 || text.charCodeAt(i + 1) !== 32) throw BAIL;
      if (typeof key.value !== 'string' || key.node.range?.[0] === undefined) throw BAIL;
      const k = key.value;
      if (k === '__proto__' || k === '<<' || k in (value as object)) throw BAIL;
      const v = flowItem(text, skipSpaces(text, i + 1, end), end, depth);
      (node as FastMap).items.push(pairNode(key.node, v.built.node));
      (value as Record<string, unknown>)[k] = v.built.value;
      i = skipSpaces(text, v.end, end);
    } else {
      (node as FastSeq).items.push(item.built.node);
      (value as unknown[]).push(item.built.value);
    }
    const c = text.charCodeAt(i);
    if (c === closer) {
      node.range = [start, i + 1, i + 1];
      return { node: node as unknown as ParsedNode, value, close: i + 1 };
    }
    if (c !== 44) throw BAIL;
    i = skipSpaces(text, i + 1, end);
    if (text.charCodeAt(i) === closer) throw BAIL; // a trailing comma: left to the library
  }
}

function flowItem(text: string, i: number, end: number, depth: number): { built: Built; end: number } {
  const c = text.charCodeAt(i);
  if (c === 91 || c === 123) {
    const f = flowCollection(text, i, end, depth + 1);
    return { built: f, end: f.close };
  }
  if (c === 34 || c === 39) {
    const q = quoted(text, i, end);
    const type = c === 34 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
    return { built: { node: scalarNode(q.value, type, i, q.close, q.value), value: q.value }, end: q.close };
  }
  if (i >= end || FLOW_STOP.has(c) || '#&*!|>%@`?:-'.includes(text[i])) throw BAIL;
  let j = i;
  while (j < end && !FLOW_STOP.has(text.charCodeAt(j))) {
    const cj = text.charCodeAt(j);
    if (cj === 58 || cj === 35) break; // `:` ends a key; `#` may start a comment: both left to the caller/library
    j++;
  }
  let k = j;
  while (k > i && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
  if (text.charCodeAt(j) === 35) throw BAIL;
  const raw = text.slice(i, k);
  const value = resolvePlain(raw);
  return { built: { node: scalarNode(value, 'PLAIN', i, k, raw), value }, end: k };
}

export const isSpace = (c: number): boolean => c === 32 || c === 9;

export function skipSpaces(text: string, i: number, end: number): number {
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

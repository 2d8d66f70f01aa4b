// A fast reader for the block YAML that Kubernetes manifests are written in: maps, lists, one-line scalars, literal
// block scalars and one-line flow collections. It builds the value and nodes the library's isMap/isScalar/... know
// (with the offsets the library gives them: exact for scalars and keys) in one pass, several times faster.
// Anything else (anchors, tags, folded or multi-line scalars, complex keys, directives, errors, ...) bails out and
// the library parses the document as before; fastParse.test.ts holds both to the same results on real documents.
import type { Scalar, ParsedNode } from 'yaml';
import {
  BAIL,
  Built,
  FastCollection,
  quoted,
  flowCollection,
  resolvePlain,
  scalarNode,
  mapNode,
  seqNode,
  pairNode,
  skipSpaces,
  isSpace,
} from './fastScalars';
import { literalLines, readLines, Lines } from './fastLines';

export interface FastDocument {
  contents: ParsedNode;
  value: unknown;
}

/** Deeper documents go to the library, whose limits and messages apply there. */
const MAX_FAST_DEPTH = 200;

/** The document's nodes and value, or undefined when it is not in the subset read here. */
export function fastParse(text: string): FastDocument | undefined {
  try {
    return new BlockParser(text).document();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

interface Key {
  node: Scalar.Parsed;
  key: string;
  colon: number;
}

interface Node extends Built {
  /** The line after the node. */
  next: number;
  /** Where the node ends, as the end of its parent's range. */
  end: number;
}

class BlockParser {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly indents: Int32Array;
  private readonly lines: Lines;

  constructor(private readonly text: string) {
    this.lines = readLines(text);
    ({ starts: this.starts, ends: this.ends, indents: this.indents } = this.lines);
  }

  private get count(): number {
    return this.starts.length;
  }

  document(): FastDocument {
    const first = this.nextContent(0);
    if (first >= this.count) throw BAIL; // empty: the library says what it is
    const r = this.node(first, this.indents[first], -1, 0);
    if (this.nextContent(r.next) < this.count) throw BAIL;
    return { contents: r.node, value: r.value };
  }

  private nextContent(k: number): number {
    while (k < this.count && this.indents[k] < 0) k++;
    return k;
  }

  private lineEndOffset(li: number): number {
    return li + 1 < this.count ? this.starts[li + 1] : this.text.length;
  }

  private isDash(li: number, col: number): boolean {
    const p = this.starts[li] + col;
    return this.text.charCodeAt(p) === 45 && (p + 1 >= this.ends[li] || this.text.charCodeAt(p + 1) === 32);
  }

  private node(li: number, col: number, parentIndent: number, depth: number): Node {
    if (depth > MAX_FAST_DEPTH) throw BAIL;
    const pos = this.starts[li] + col;
    if (this.text.charCodeAt(pos) === 9) throw BAIL;
    if (this.isDash(li, col)) return this.seq(li, col, depth);
    const key = this.keyAt(li, pos);
    if (key) return this.map(li, col, depth, key);
    return this.inline(li, pos, parentIndent, depth);
  }

  /** A block map at `col`, whose first key (on line `li`) the caller has read. */
  private map(li: number, col: number, depth: number, first: Key): Node {
    const node = mapNode();
    const value: Record<string, unknown> = {};
    const start = this.starts[li] + col;
    for (let cur = li; ; ) {
      const key = cur === li ? first : this.keyAt(cur, this.starts[cur] + col);
      if (!key) throw BAIL;
      if (key.key === '__proto__' || key.key === '<<' || Object.prototype.hasOwnProperty.call(value, key.key))
        throw BAIL; // merge keys and duplicates: the library's handling and messages
      const p = skipSpaces(this.text, key.colon + 1, this.ends[cur]);
      let r: Node;
      if (p >= this.ends[cur] || this.text.charCodeAt(p) === 35) {
        const nl = this.nextContent(cur + 1);
        if (nl < this.count && this.indents[nl] > col) r = this.node(nl, this.indents[nl], col, depth + 1);
        else if (nl < this.count && this.indents[nl] === col && this.isDash(nl, col)) r = this.seq(nl, col, depth + 1);
        else r = this.empty(p, cur);
      } else r = this.inline(cur, p, col, depth + 1);
      node.items.push(pairNode(key.node, r.node));
      value[key.key] = r.value;
      const nl = this.nextContent(r.next);
      if (nl >= this.count || this.indents[nl] < col) return this.closed(node, value, start, r, nl);
      if (this.indents[nl] > col || this.isDash(nl, col)) throw BAIL;
      cur = nl;
    }
  }

  private seq(li: number, col: number, depth: number): Node {
    const node = seqNode();
    const value: unknown[] = [];
    const start = this.starts[li] + col;
    for (let cur = li; ; ) {
      const p = skipSpaces(this.text, this.starts[cur] + col + 1, this.ends[cur]);
      let r: Node;
      if (p >= this.ends[cur] || this.text.charCodeAt(p) === 35) {
        const nl = this.nextContent(cur + 1);
        if (nl < this.count && this.indents[nl] > col) r = this.node(nl, this.indents[nl], col, depth + 1);
        else r = this.empty(p, cur);
      } else r = this.node(cur, p - this.starts[cur], col, depth + 1);
      node.items.push(r.node);
      value.push(r.value);
      const nl = this.nextContent(r.next);
      if (nl >= this.count || this.indents[nl] < col || (this.indents[nl] === col && !this.isDash(nl, col)))
        return this.closed(node, value, start, r, nl);
      if (this.indents[nl] > col) throw BAIL;
      cur = nl;
    }
  }

  /** A key and its colon at `pos`, or undefined when the line holds a value there. */
  private keyAt(li: number, pos: number): Key | undefined {
    const text = this.text;
    const e = this.ends[li];
    const c = text.charCodeAt(pos);
    if (c === 9) throw BAIL; // a tab where indentation is read
    if (c === 34 || c === 39) {
      const q = quoted(text, pos, e);
      const j = skipSpaces(text, q.close, e);
      if (text.charCodeAt(j) !== 58 || (j + 1 < e && !isSpace(text.charCodeAt(j + 1)))) return undefined;
      const type = c === 34 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
      return { node: scalarNode(q.value, type, pos, q.close, q.value), key: q.value, colon: j };
    }
    if ('[{#&*!|>%@`,]}'.includes(text[pos])) return undefined;
    for (let j = pos; j < e && j - pos <= 1024; j++) {
      const ch = text.charCodeAt(j);
      if (ch === 35 && isSpace(text.charCodeAt(j - 1))) return undefined;
      if (ch === 58 && (j + 1 >= e || isSpace(text.charCodeAt(j + 1)))) {
        let k = j;
        while (k > pos && isSpace(text.charCodeAt(k - 1))) k--;
        const raw = text.slice(pos, k);
        if ((c === 63 || c === 58 || c === 45) && (raw.length === 1 || isSpace(raw.charCodeAt(1)))) throw BAIL;
        if (typeof resolvePlain(raw) !== 'string') throw BAIL;
        return { node: scalarNode(raw, 'PLAIN', pos, k, raw), key: raw, colon: j };
      }
    }
    return undefined;
  }

  /** A value that starts on its key's or dash's line: a scalar, a block scalar or a one-line flow collection. */
  private inline(li: number, pos: number, parentIndent: number, depth: number): Node {
    const text = this.text;
    const e = this.ends[li];
    const c = text.charCodeAt(pos);
    if (c === 124 || c === 62) return this.blockScalar(li, pos, parentIndent);
    let built: Built;
    let valueEnd: number;
    if (c === 91 || c === 123) {
      const f = flowCollection(text, pos, e, depth);
      built = f;
      valueEnd = f.close;
    } else if (c === 34 || c === 39) {
      const q = quoted(text, pos, e);
      const type = c === 34 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
      built = { node: scalarNode(q.value, type, pos, q.close, q.value), value: q.value };
      valueEnd = q.close;
    } else {
      if (
        c === 35 ||
        c === 38 ||
        c === 42 ||
        c === 33 ||
        c === 37 ||
        c === 64 ||
        c === 96 ||
        c === 44 ||
        c === 93 ||
        c === 125
      )
        throw BAIL; // # & * ! % @ ` , ] }: anchors, aliases, tags, reserved and flow indicators
      if ((c === 63 || c === 58 || c === 45) && (pos + 1 >= e || isSpace(text.charCodeAt(pos + 1)))) throw BAIL;
      let j = pos;
      for (; j < e; j++) {
        const ch = text.charCodeAt(j);
        if (ch === 35 && isSpace(text.charCodeAt(j - 1))) break;
        if (ch === 58 && (j + 1 >= e || isSpace(text.charCodeAt(j + 1)))) throw BAIL;
      }
      while (j > pos && isSpace(text.charCodeAt(j - 1))) j--;
      const raw = text.slice(pos, j);
      const value = resolvePlain(raw);
      built = { node: scalarNode(value, 'PLAIN', pos, j, raw), value };
      valueEnd = j;
    }
    const k = skipSpaces(text, valueEnd, e);
    if (k < e && (text.charCodeAt(k) !== 35 || k === valueEnd)) throw BAIL;
    // A more indented line after a one-line value continues it (a multi-line scalar) or is an error.
    const nl = this.nextContent(li + 1);
    if (nl < this.count && this.indents[nl] > parentIndent) throw BAIL;
    const end = this.lineEndOffset(li);
    built.node.range[2] = end;
    return { node: built.node, value: built.value, next: li + 1, end };
  }

  /** `|` and `|-` literal block scalars; folded, kept or explicitly indented ones go to the library. */
  private blockScalar(li: number, pos: number, parentIndent: number): Node {
    const text = this.text;
    let h = pos + 1;
    const strip = text.charCodeAt(h) === 45;
    if (strip) h++;
    if (text.charCodeAt(pos) !== 124) throw BAIL;
    const k = skipSpaces(text, h, this.ends[li]);
    if (k < this.ends[li] && (text.charCodeAt(k) !== 35 || k === h)) throw BAIL;
    let indent = -1;
    let last = -1;
    let leadingBlank = 0; // the longest blank line before the first content line
    for (let k2 = li + 1; k2 < this.count; k2++) {
      const s = this.starts[k2];
      const e = this.ends[k2];
      let sp = s;
      while (sp < e && text.charCodeAt(sp) === 32) sp++;
      if (sp === e) {
        // Spaces beyond the indentation are content, even on the block's last lines.
        if (indent < 0) leadingBlank = Math.max(leadingBlank, e - s);
        else if (e - s > indent) last = k2;
        continue;
      }
      if (text.charCodeAt(sp) === 9 && (indent < 0 || sp - s < indent)) throw BAIL; // tabs where indentation is read
      if (indent < 0) {
        indent = sp - s;
        if (indent <= parentIndent) break;
        if (leadingBlank > indent) throw BAIL;
      }
      if (sp - s < indent) break;
      last = k2;
    }
    if (last < 0) throw BAIL; // empty block scalars: the library's chomping rules
    const nl = this.nextContent(last + 1);
    if (nl < this.count && this.indents[nl] > parentIndent) throw BAIL;
    if (last + 1 >= this.count && !strip) throw BAIL; // no final line break to keep
    const value = literalLines(text, this.lines, li + 1, last, indent) + (strip ? '' : '\n');
    const end = this.starts[last + 1] ?? text.length;
    return { node: scalarNode(value, 'BLOCK_LITERAL', pos, end, value), value, next: last + 1, end };
  }

  /**
   * A collection ends where its last item does; as an item of another it also takes the comment and blank lines up
   * to the next content line (the library's offsets).
   */
  private closed(node: FastCollection, value: unknown, start: number, last: Node, nextContent: number): Node {
    const end = nextContent < this.count ? this.starts[nextContent] : this.text.length;
    node.range = [start, last.end, end];
    return { node: node as unknown as ParsedNode, value, next: last.next, end };
  }

  /** A key or dash with nothing after it: null, placed where the library places it. */
  private empty(at: number, li: number): Node {
    const end = this.text.charCodeAt(at) === 35 ? this.lineEndOffset(li) : at;
    const node = scalarNode(null, 'PLAIN', at, at, '');
    node.range![2] = end;
    return { node, value: null, next: li + 1, end };
  }
}

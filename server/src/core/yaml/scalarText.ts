// The text of a YAML string scalar with, for each of its characters, the offset of the source character it came
// from: the exact map between embedded code (Lua) and the YAML file, for every scalar style (block literal and
// folded with chomping and indentation indicators, plain, single- and double-quoted with escapes and folding).
import { Scalar } from 'yaml';

export interface ScalarText {
  value: string;
  /** offsets[i]: source offset of value[i]; offsets[value.length]: the offset just after the last character. */
  offsets: number[];
  /** False when our decoding disagreed with the YAML library's value; offsets are then only approximate. */
  exact: boolean;
}

export function scalarText(source: string, node: Scalar): ScalarText | undefined {
  if (typeof node.value !== 'string' || !node.range) return undefined;
  const [start, end] = node.range;
  let decoded: { value: string; offsets: number[] } | undefined;
  switch (node.type) {
    case Scalar.BLOCK_LITERAL:
    case Scalar.BLOCK_FOLDED:
      decoded = decodeBlock(source, start, end, node.value, node.type === Scalar.BLOCK_FOLDED);
      break;
    case Scalar.QUOTE_DOUBLE:
      decoded = decodeFlow(source, start + 1, closingQuote(source, start, end, '"'), 'double');
      break;
    case Scalar.QUOTE_SINGLE:
      decoded = decodeFlow(source, start + 1, closingQuote(source, start, end, "'"), 'single');
      break;
    default:
      decoded = decodeFlow(source, start, end, 'plain');
  }
  if (decoded && decoded.value === node.value) return { ...decoded, exact: true };
  // Fall back to a straight map from the start of the content: positions may be off, but never out of range.
  const contentStart =
    node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED ? source.indexOf('\n', start) + 1 : start;
  const offsets = Array.from({ length: node.value.length + 1 }, (_, i) => Math.min(contentStart + i, end));
  return { value: node.value, offsets, exact: false };
}

function closingQuote(source: string, start: number, end: number, quote: string): number {
  return source[end - 1] === quote ? end - 1 : end;
}

/** Block scalars: header, then lines at a fixed indentation; literal keeps line breaks, folded folds them. */
function decodeBlock(
  source: string,
  start: number,
  end: number,
  expected: string,
  folded: boolean,
): { value: string; offsets: number[] } | undefined {
  const headerEnd = source.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return { value: '', offsets: [end] };
  const header = source
    .slice(start, headerEnd)
    .replace(/\s+#.*$/, '')
    .trim();
  const chomp = header.includes('-') ? 'strip' : header.includes('+') ? 'keep' : 'clip';
  const lines: Array<{ start: number; text: string; nl: number }> = [];
  let pos = headerEnd + 1;
  while (pos < end) {
    let nl = source.indexOf('\n', pos);
    if (nl < 0 || nl > end) nl = end;
    let text = source.slice(pos, nl);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    lines.push({ start: pos, text, nl });
    pos = nl + 1;
  }
  const firstContent = lines.find((l) => l.text.trim() !== '');
  const autoIndent = firstContent ? firstContent.text.length - firstContent.text.trimStart().length : 0;
  // An explicit indentation indicator is relative to the parent; try the indents the text allows.
  const candidates = [autoIndent, ...Array.from({ length: autoIndent }, (_, i) => autoIndent - 1 - i)];
  for (const indent of candidates) {
    const d = folded ? foldLines(lines, indent) : literalLines(lines, indent);
    const chomped = applyChomping(d, chomp);
    if (chomped.value === expected) return chomped;
  }
  return undefined;
}

type Decoded = { value: string; offsets: number[]; end: number };

function literalLines(lines: Array<{ start: number; text: string; nl: number }>, indent: number): Decoded {
  let value = '';
  const offsets: number[] = [];
  for (const l of lines) {
    const content = l.text.length > indent ? l.text.slice(indent) : '';
    for (let k = 0; k < content.length; k++) offsets.push(l.start + indent + k);
    value += content + '\n';
    offsets.push(l.start + l.text.length);
  }
  return { value, offsets, end: lines.length ? lines[lines.length - 1].nl : 0 };
}

function foldLines(lines: Array<{ start: number; text: string; nl: number }>, indent: number): Decoded {
  let value = '';
  const offsets: number[] = [];
  let prevKind: 'none' | 'text' | 'more' | 'empty' = 'none';
  let pendingBreak = -1;
  for (const l of lines) {
    const empty = l.text.trim() === '' && l.text.length <= indent;
    const content = l.text.length > indent ? l.text.slice(indent) : '';
    const more = !empty && /^[ \t]/.test(content);
    if (empty) {
      value += '\n';
      offsets.push(l.start + l.text.length);
      if (prevKind === 'text') pendingBreak = -1; // the break before an empty line is dropped
      prevKind = prevKind === 'none' ? 'none' : 'empty';
      continue;
    }
    if (pendingBreak >= 0) {
      // Between two normal lines a break folds to a space; around more-indented lines it stays.
      value += prevKind === 'text' && !more ? ' ' : '\n';
      offsets.push(pendingBreak);
    }
    for (let k = 0; k < content.length; k++) offsets.push(l.start + indent + k);
    value += content;
    pendingBreak = l.start + l.text.length;
    prevKind = more ? 'more' : 'text';
  }
  if (pendingBreak >= 0) {
    value += '\n';
    offsets.push(pendingBreak);
  }
  return { value, offsets, end: lines.length ? lines[lines.length - 1].nl : 0 };
}

function applyChomping(d: Decoded, chomp: 'strip' | 'clip' | 'keep'): { value: string; offsets: number[] } {
  let { value, offsets } = d;
  let n = value.length;
  while (n > 0 && value[n - 1] === '\n') n--;
  if (chomp === 'strip') value = value.slice(0, n);
  else if (chomp === 'clip') value = value.slice(0, n < value.length ? n + 1 : n);
  offsets = offsets.slice(0, value.length);
  offsets.push(value.length ? offsets[value.length - 1] + 1 : d.end);
  return { value, offsets };
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  '\t': '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
  '/': '/',
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  v: '\v',
  ' ': ' ',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

/** Flow scalars: quotes' escapes, and line folding (a break becomes a space, n breaks n-1 newlines). */
function decodeFlow(
  source: string,
  start: number,
  end: number,
  style: 'double' | 'single' | 'plain',
): { value: string; offsets: number[] } | undefined {
  let value = '';
  const offsets: number[] = [];
  let i = start;
  while (i < end) {
    const c = source[i];
    if (c === '\r' || c === '\n') {
      // Trim the whitespace before the break, count the breaks, skip the next line's indentation.
      while (
        value.length &&
        (value[value.length - 1] === ' ' || value[value.length - 1] === '\t') &&
        offsets[offsets.length - 1] >= lineStartOf(source, i)
      ) {
        value = value.slice(0, -1);
        offsets.pop();
      }
      const breakAt = i;
      let breaks = 0;
      while (i < end && /[\s]/.test(source[i])) {
        if (source[i] === '\n') breaks++;
        i++;
      }
      if (breaks <= 1) {
        value += ' ';
        offsets.push(breakAt);
      } else {
        for (let b = 1; b < breaks; b++) {
          value += '\n';
          offsets.push(breakAt);
        }
      }
      continue;
    }
    if (style === 'double' && c === '\\') {
      const n = source[i + 1];
      if (n === '\n' || n === '\r') {
        // An escaped line break joins the lines without a space.
        i += 2;
        if (n === '\r' && source[i] === '\n') i++;
        while (i < end && (source[i] === ' ' || source[i] === '\t')) i++;
        continue;
      }
      const hex = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
      if (hex) {
        const code = parseInt(source.slice(i + 2, i + 2 + hex), 16);
        if (Number.isNaN(code)) return undefined;
        const ch = String.fromCodePoint(code);
        for (let k = 0; k < ch.length; k++) offsets.push(i);
        value += ch;
        i += 2 + hex;
        continue;
      }
      if (!(n in ESCAPES)) return undefined;
      value += ESCAPES[n];
      offsets.push(i);
      i += 2;
      continue;
    }
    if (style === 'single' && c === "'" && source[i + 1] === "'") {
      value += "'";
      offsets.push(i);
      i += 2;
      continue;
    }
    value += c;
    offsets.push(i);
    i++;
  }
  if (style === 'plain') {
    while (value.length && /[ \t]/.test(value[value.length - 1])) {
      value = value.slice(0, -1);
      offsets.pop();
    }
  }
  offsets.push(end);
  return { value, offsets };
}

function lineStartOf(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** The value offset for a source offset (the first character at or after it), for requests at a cursor. */
export function valueOffsetAt(text: ScalarText, sourceOffset: number): number | undefined {
  const { offsets } = text;
  if (sourceOffset < offsets[0] || sourceOffset > offsets[offsets.length - 1]) return undefined;
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] < sourceOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

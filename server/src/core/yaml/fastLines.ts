// The line table of the fast YAML reader: where each line starts and ends and how far its content is indented.
import { BAIL, isSpace, skipSpaces } from './fastScalars';

/** Typed arrays, sized once: a 100,000-line script grew plain arrays through 7 MB of garbage. */
export interface Lines {
  starts: Int32Array;
  /** The offset of each line's end (before `\r\n` or `\n`). */
  ends: Int32Array;
  /** Leading spaces of each line; -1 for blank and comment lines. */
  indents: Int32Array;
}

/** Reads the lines of one `---` document; document markers other than its own leading `---` and directives bail. */
export function readLines(text: string): Lines {
  // A byte order mark, or a lone carriage return (a line break to YAML): left to the library.
  if (text.charCodeAt(0) === 0xfeff || /\r(?!\n)/.test(text)) throw BAIL;
  let count = 1;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) count++;
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  const indents = new Int32Array(count);
  const n = text.length;
  for (let i = 0, li = 0; ; li++) {
    const nl = text.indexOf('\n', i);
    let e = nl < 0 ? n : nl;
    if (e > i && text.charCodeAt(e - 1) === 13) e--;
    let j = i;
    while (j < e && text.charCodeAt(j) === 32) j++;
    let k = j;
    while (k < e && isSpace(text.charCodeAt(k))) k++;
    let indent = k === e || text.charCodeAt(k) === 35 ? -1 : j - i;
    if (j === i && indent >= 0) {
      // Document markers and directives: only the slice's own `---` line, alone, is read here.
      const marker = text.startsWith('---', i) || text.startsWith('...', i);
      if (marker && (i + 3 === e || isSpace(text.charCodeAt(i + 3)))) {
        if (i !== 0 || text.startsWith('...', i)) throw BAIL;
        const rest = skipSpaces(text, i + 3, e);
        if (rest < e && text.charCodeAt(rest) !== 35) throw BAIL;
        indent = -1;
      } else if (text.charCodeAt(i) === 37) throw BAIL;
    }
    starts[li] = i;
    ends[li] = e;
    indents[li] = indent;
    if (nl < 0) break;
    i = nl + 1;
  }
  return { starts, ends, indents };
}

/**
 * Lines `from`..`to` less `indent` leading spaces (blank lines keep what is beyond it), joined by `\n`: a literal block
 * scalar's value. One regular expression replace builds it without a string per line; `^` also matches after `\r` and
 * the Unicode line separators, so text holding them is taken line by line.
 */
export function literalLines(text: string, lines: Lines, from: number, to: number, indent: number): string {
  const region = text.slice(lines.starts[from], lines.ends[to]);
  if (!/[\r\u2028\u2029]/.test(region)) return region.replace(leadingSpaces(indent), '');
  const out: string[] = [];
  for (let k = from; k <= to; k++) {
    const s = lines.starts[k];
    const e = lines.ends[k];
    out.push(e - s > indent ? text.slice(s + indent, e) : '');
  }
  return out.join('\n');
}

const LEADING_SPACES: RegExp[] = [];
/** Up to `n` spaces at the start of each line. */
function leadingSpaces(n: number): RegExp {
  return (LEADING_SPACES[n] ??= new RegExp(`^ {0,${n}}`, 'gm'));
}

// The line table of the fast YAML reader: where each line starts and ends and how far its content is indented.
import { BAIL, isSpace, skipSpaces } from './fastScalars';

export interface Lines {
  starts: number[];
  /** The offset of each line's end (before `\r\n` or `\n`). */
  ends: number[];
  /** Leading spaces of each line; -1 for blank and comment lines. */
  indents: number[];
}

/** Reads the lines of one `---` document; document markers other than its own leading `---` and directives bail. */
export function readLines(text: string): Lines {
  // A byte order mark, or a lone carriage return (a line break to YAML): left to the library.
  if (text.charCodeAt(0) === 0xfeff || /\r(?!\n)/.test(text)) throw BAIL;
  const starts: number[] = [];
  const ends: number[] = [];
  const indents: number[] = [];
  const n = text.length;
  for (let i = 0; ; ) {
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
    starts.push(i);
    ends.push(e);
    indents.push(indent);
    if (nl < 0) break;
    i = nl + 1;
  }
  return { starts, ends, indents };
}

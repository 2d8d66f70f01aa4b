// Cuts a YAML stream into its `---` documents without parsing it, so that each document can be parsed, validated and
// cached on its own. A line starting with `---` (followed by a space, a tab or the line end) always starts a new
// document in YAML, even inside a block scalar, so a line scan is exact.
export interface DocumentSlice {
  /** Position of the document in the file, counting from 0. */
  index: number;
  /** Offset of the slice in the file; the slice includes its own `---` line. */
  start: number;
  end: number;
  /** Zero-based line of `start`. */
  startLine: number;
}

export function splitDocuments(text: string): DocumentSlice[] {
  return text.includes('\r') ? splitByLines(text) : splitAtMarkers(text);
}

/** Text whose only line break is `\n`: the markers and the line count found with indexOf (native scans). */
function splitAtMarkers(text: string): DocumentSlice[] {
  const slices: DocumentSlice[] = [];
  let sliceStart = 0;
  let sliceStartLine = 0;
  let line = 0; // line breaks before `counted`
  let counted = 0;
  for (let nl = text.indexOf('\n---'); nl >= 0; nl = text.indexOf('\n---', nl + 1)) {
    const marker = nl + 1;
    if (!isMarkerEnd(text.charCodeAt(marker + 3))) continue;
    for (let i = text.indexOf('\n', counted); i >= 0 && i < marker; i = text.indexOf('\n', i + 1)) line++;
    counted = marker;
    slices.push({ index: slices.length, start: sliceStart, end: marker, startLine: sliceStartLine });
    sliceStart = marker;
    sliceStartLine = line;
  }
  slices.push({ index: slices.length, start: sliceStart, end: text.length, startLine: sliceStartLine });
  return slices;
}

/** Any line breaks (`\r\n`, and a lone `\r`, which YAML takes as one), line by line. */
export function splitByLines(text: string): DocumentSlice[] {
  const slices: DocumentSlice[] = [];
  let sliceStart = 0;
  let sliceStartLine = 0;
  let line = 0;
  let lineStart = 0;
  const n = text.length;
  while (lineStart <= n) {
    if (
      lineStart > 0 &&
      text.charCodeAt(lineStart) === 45 &&
      text.startsWith('---', lineStart) &&
      isMarkerEnd(text.charCodeAt(lineStart + 3))
    ) {
      slices.push({ index: slices.length, start: sliceStart, end: lineStart, startLine: sliceStartLine });
      sliceStart = lineStart;
      sliceStartLine = line;
    }
    const nl = nextLineStart(text, lineStart);
    if (nl < 0) break;
    lineStart = nl;
    line++;
  }
  slices.push({ index: slices.length, start: sliceStart, end: n, startLine: sliceStartLine });
  return slices;
}

/** Whether the character after a line's `---` ends a document marker (NaN: the end of the text). */
export function isMarkerEnd(c: number): boolean {
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13;
}

function nextLineStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return -1;
}

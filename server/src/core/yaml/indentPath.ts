// A YAML path from indentation alone, for documents too large to keep a syntax tree of: the keys of the lines that
// enclose a position, and a small "skeleton" of the document around it that a completion engine can work on.
import type { PathSegment } from './parseSlice';

interface Line {
  start: number;
  text: string;
  indent: number;
}

function lineAt(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return { start, end };
}

function describe(text: string, start: number, end: number): Line {
  const raw = text.slice(start, end).replace(/\r$/, '');
  return { start, text: raw, indent: raw.length - raw.trimStart().length };
}

/** Lines enclosing `offset`, outermost first: each has a smaller indentation than the next. */
function ancestors(text: string, offset: number): Line[] {
  const here = lineAt(text, offset);
  const current = describe(text, here.start, here.end);
  let limit = current.text.trim() ? current.indent : offset - here.start;
  const out: Line[] = [];
  let pos = here.start;
  let listItemAt = -1;
  while (pos > 0 && limit > 0) {
    const prev = lineAt(text, pos - 1);
    const l = describe(text, prev.start, prev.end);
    pos = prev.start;
    if (!l.text.trim() || l.text.trimStart().startsWith('#')) continue;
    const item = l.text.trimStart().startsWith('- ');
    // A list may sit at its key's own indentation ("key:\n- a"): after an item, a key line at the same indentation
    // still encloses it (another item at that indentation is a sibling, not a parent).
    const encloses = l.indent < limit || (listItemAt === l.indent && !item && l.indent === limit);
    if (encloses) {
      out.unshift(l);
      limit = l.indent;
      listItemAt = item ? l.indent : -1;
    }
  }
  return out;
}

/** The data path of the line at `offset` (list indexes are given as 0: enough to find the schema). */
export function indentPath(text: string, offset: number): { path: PathSegment[]; key?: string; value?: string } {
  const path: PathSegment[] = [];
  for (const l of ancestors(text, offset)) {
    let t = l.text.trimStart();
    while (t.startsWith('- ')) {
      path.push(0);
      t = t.slice(2).trimStart();
    }
    // Only a key whose value is on the following lines encloses them ("- applyTo: X" encloses nothing).
    const m = /^["']?([^"':#]+?)["']?\s*:(?:\s*(#.*)?)?$/.exec(t);
    if (m) path.push(m[1]);
  }
  const here = lineAt(text, offset);
  let t = describe(text, here.start, here.end).text.trimStart();
  while (t.startsWith('- ')) {
    path.push(0);
    t = t.slice(2).trimStart();
  }
  const m = /^["']?([^"':#]+?)["']?\s*:(?:\s+(.*))?$/.exec(t);
  return m ? { path, key: m[1], value: m[2]?.trim() } : { path };
}

/**
 * A small document with the same structure around `offset`: the enclosing lines and the lines near the cursor at its
 * level, so that completion there does not need the whole (huge) document. `lineMap[i]` is the original line of
 * skeleton line i; `cursorLine` is the skeleton line of the cursor.
 */
export function skeleton(
  text: string,
  offset: number,
  radius = 200,
): { text: string; lineMap: number[]; cursorLine: number } {
  const lines = text.split('\n');
  const before = text.slice(0, offset);
  const cursorLine = before.split('\n').length - 1;
  const keep = new Set<number>();
  const lineStarts: number[] = [];
  let acc = 0;
  for (const l of lines) {
    lineStarts.push(acc);
    acc += l.length + 1;
  }
  for (const a of ancestors(text, offset)) keep.add(lineStarts.indexOf(a.start));
  const from = Math.max(0, cursorLine - radius);
  // The window's first lines may sit deeper than the cursor: keep what encloses them too, or the YAML breaks.
  for (const a of ancestors(text, lineStarts[from] + (lines[from].length - lines[from].trimStart().length)))
    keep.add(lineStarts.indexOf(a.start));
  for (let i = from; i <= Math.min(lines.length - 1, cursorLine + radius); i++) keep.add(i);
  // Keep the header (apiVersion, kind) so the document is recognisable.
  for (let i = 0; i < Math.min(lines.length, 10); i++) if (/^(apiVersion|kind):/.test(lines[i])) keep.add(i);
  const lineMap = [...keep].filter((i) => i >= 0).sort((a, b) => a - b);
  return { text: lineMap.map((i) => lines[i]).join('\n'), lineMap, cursorLine: lineMap.indexOf(cursorLine) };
}

// Text edits in file offsets, and the few YAML-aware edits quick fixes need (keep indentation and style).
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

export function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

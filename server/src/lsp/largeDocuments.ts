// Reads a large YAML file for the workspace index without holding its oversized documents: a 4 MB Lua script in a
// file nobody has open cost the server 12 MiB at its peak to index (its text, and its block's value), for a resource
// the apiserver could not store (etcd's default request limit is 1.5 MiB).
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

/** Documents over this many characters, in files nobody has open, are left out of the index (README, Limits). */
export const MAX_INDEXED_DOCUMENT_CHARS = 1_572_864;

export interface IndexText {
  /** The file's text with each oversized document blanked: its `---` line kept, its other lines left empty. */
  text: string;
  /** How many documents were blanked. */
  omitted: number;
}

/**
 * The file read in chunks, `---` document by document (the rule of splitDocuments: a line starting with `---` and a
 * space, a tab or its end starts a document, except at the start of the file). Line numbers stay those of the file,
 * so what the index records of the other documents points at the right lines. Undefined for binary files.
 */
export async function readWithoutLargeDocuments(
  path: string,
  limit = MAX_INDEXED_DOCUMENT_CHARS,
): Promise<IndexText | undefined> {
  const decoder = new StringDecoder('utf8');
  const doc = new DocumentBuffer(limit);
  let atFileStart = true;
  let partial = '';
  const complete = (region: string) => {
    // `region` starts at a line start and ends after a line break (or at the end of the file).
    let from = 0;
    if (!atFileStart && isMarkerAt(region, 0)) doc.end();
    atFileStart = false;
    for (let nl = region.indexOf('\n---'); nl >= 0; nl = region.indexOf('\n---', nl + 1)) {
      if (!isMarkerAt(region, nl + 1)) continue;
      doc.add(region.slice(from, nl + 1));
      doc.end();
      from = nl + 1;
    }
    doc.add(region.slice(from));
  };
  // One buffer, read into again and again: a new one per chunk left megabytes of freed buffers in malloc's heap.
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 16);
    for (let n; (n = (await handle.read(buffer, 0, buffer.length, null)).bytesRead) > 0; ) {
      const text = partial + decoder.write(buffer.subarray(0, n));
      if (text.includes('\0')) return undefined;
      const lastBreak = text.lastIndexOf('\n');
      if (lastBreak >= 0) complete(text.slice(0, lastBreak + 1));
      partial = text.slice(lastBreak + 1);
    }
  } finally {
    await handle.close();
  }
  const rest = partial + decoder.end();
  if (rest.includes('\0')) return undefined;
  if (rest) complete(rest);
  doc.end();
  return { text: doc.kept.join(''), omitted: doc.omitted };
}

/** The document being read: its text while it is under the limit, then only its first line and line count. */
class DocumentBuffer {
  readonly kept: string[] = [];
  omitted = 0;
  private parts: string[] = [];
  private chars = 0;
  private oversized = false;
  private blankLines = 0;

  constructor(private readonly limit: number) {}

  add(text: string): void {
    if (!text) return;
    if (this.oversized) {
      this.blankLines += lineBreaks(text, 0);
      return;
    }
    this.parts.push(text);
    this.chars += text.length;
    if (this.chars <= this.limit) return;
    // Keep the `---` line that starts it, if any (so it stays a document of its own), and count the rest. Parts are
    // whole lines, so the first holds the first line.
    const first = this.parts[0];
    const firstBreak = first.indexOf('\n');
    const keepFirst = isMarkerAt(first, 0) && firstBreak >= 0;
    this.blankLines = lineBreaks(first, keepFirst ? firstBreak + 1 : 0);
    for (let i = 1; i < this.parts.length; i++) this.blankLines += lineBreaks(this.parts[i], 0);
    this.parts = [keepFirst ? first.slice(0, firstBreak + 1) : ''];
    this.oversized = true;
  }

  end(): void {
    if (this.oversized) {
      this.kept.push(this.parts[0] + '\n'.repeat(this.blankLines));
      this.omitted++;
    } else if (this.parts.length) this.kept.push(this.parts.join(''));
    this.parts = [];
    this.chars = 0;
    this.oversized = false;
    this.blankLines = 0;
  }
}

function lineBreaks(text: string, from: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function isMarkerAt(text: string, at: number): boolean {
  if (!text.startsWith('---', at)) return false;
  const c = text.charCodeAt(at + 3);
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13;
}

// Reads a large YAML file for the workspace index without holding its oversized documents: a 4 MB Lua script in a
// file nobody has open cost the server 12 MiB at its peak to index (its text, and its block's value), for a resource
// etcd would refuse (its default limit for an object is 1.5 MiB).
import { open, FileHandle } from 'node:fs/promises';
import { isMarkerEnd } from '../core/yaml/splitDocuments';

/** Documents over this many bytes, in files nobody has open, are left out of the index (README, Limits). */
export const MAX_INDEXED_DOCUMENT_BYTES = 1_572_864;

export interface IndexText {
  /** The file's text with each oversized document blanked: its `---` line kept, its other lines left empty. */
  text: string;
  /** How many documents were blanked. */
  omitted: number;
}

interface DocumentBytes {
  start: number;
  end: number;
  /** Line breaks in the document; of its first line, the end when it is a `---` line. */
  lineBreaks: number;
  markerLineEnd?: number;
}

const CHUNK = 1 << 16;

/**
 * The file's documents found in its bytes first (the rule of splitDocuments: a line starting with `---` and a space,
 * a tab or its end starts a document, except at the start of the file), then the documents under the limit read and
 * decoded. Line numbers stay those of the file, so what the index records of the other documents points at the right
 * lines. Undefined for binary files (a NUL byte).
 */
export async function readWithoutLargeDocuments(
  path: string,
  limit = MAX_INDEXED_DOCUMENT_BYTES,
): Promise<IndexText | undefined> {
  const handle = await open(path, 'r');
  try {
    const documents = await documentsOf(handle);
    if (!documents) return undefined;
    const parts: string[] = [];
    let omitted = 0;
    for (let i = 0; i < documents.length; ) {
      const d = documents[i];
      if (d.end - d.start > limit) {
        const kept = d.markerLineEnd === undefined ? '' : await decode(handle, d.start, d.markerLineEnd);
        parts.push(kept + '\n'.repeat(d.lineBreaks - (kept ? 1 : 0)));
        omitted++;
        i++;
        continue;
      }
      // Consecutive documents under the limit are read together, up to the limit.
      let j = i + 1;
      while (j < documents.length && documents[j].end - d.start <= limit) j++;
      parts.push(await decode(handle, d.start, documents[j - 1].end));
      i = j;
    }
    return { text: parts.join(''), omitted };
  } finally {
    await handle.close();
  }
}

/** The documents' byte ranges and line counts, read through one reused buffer; undefined when a NUL byte is met. */
async function documentsOf(handle: FileHandle): Promise<DocumentBytes[] | undefined> {
  const documents: DocumentBytes[] = [];
  let current: DocumentBytes = { start: 0, end: 0, lineBreaks: 0 };
  // The first bytes of the line being read (enough to tell a `---` line), and where it starts.
  let lineStart = 0;
  const head: number[] = []; // reused: a new array per line was 5 MB of garbage for 100,000 lines
  const buffer = Buffer.allocUnsafe(CHUNK);
  let offset = 0;
  const lineDone = (breakAt: number) => {
    const isMarker = isMarkerHead(head);
    if (isMarker && lineStart > 0) {
      current.end = lineStart;
      documents.push(current);
      current = { start: lineStart, end: 0, lineBreaks: 0 };
    }
    if (isMarker && current.start === lineStart) current.markerLineEnd = breakAt + 1;
    current.lineBreaks++;
    lineStart = breakAt + 1;
    head.length = 0;
  };
  for (let n; (n = (await handle.read(buffer, 0, CHUNK, offset)).bytesRead) > 0; offset += n) {
    if (buffer.subarray(0, n).includes(0)) return undefined;
    for (let i = 0; i < n; ) {
      const nl = buffer.indexOf(10, i);
      const stop: number = nl < 0 || nl >= n ? n : nl;
      for (let k = i; k < stop && head.length < 4; k++) head.push(buffer[k]);
      if (stop === n) break;
      lineDone(offset + stop);
      i = stop + 1;
    }
  }
  // The last line, without a line break.
  if (offset > lineStart && isMarkerHead(head) && lineStart > 0) {
    current.end = lineStart;
    documents.push(current);
    current = { start: lineStart, end: 0, lineBreaks: 0 };
  }
  current.end = offset;
  documents.push(current);
  return documents;
}

/** Whether a line starting with these bytes (the line break not among them) is a `---` line. */
function isMarkerHead(head: number[]): boolean {
  if (head.length < 3 || head[0] !== 45 || head[1] !== 45 || head[2] !== 45) return false;
  return isMarkerEnd(head.length > 3 ? head[3] : NaN);
}

async function decode(handle: FileHandle, start: number, end: number): Promise<string> {
  const bytes = Buffer.allocUnsafe(end - start);
  let read = 0;
  while (read < bytes.length) {
    const { bytesRead } = await handle.read(bytes, read, bytes.length - read, start + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return bytes.subarray(0, read).toString('utf8');
}

// Reads the workspace folders' YAML files so that cross-resource checks and the chain preview see every resource,
// not just the open ones. Runs in small slices so that requests keep being answered while it works.
import { readdir, readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readWithoutLargeDocuments, MAX_INDEXED_DOCUMENT_BYTES } from './largeDocuments';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.tmp']);
const MAX_FILE_BYTES = 10_000_000;
const MAX_FILES = 20_000;

/** The YAML files under a folder, as paths: each is read when its turn comes, not while the one before is analysed. */
export async function* yamlFilesUnder(folderUri: string): AsyncGenerator<string> {
  if (!folderUri.startsWith('file:')) return;
  const stack = [fileURLToPath(folderUri)];
  let count = 0;
  while (stack.length && count < MAX_FILES) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) stack.push(path);
      } else if (e.isFile() && /\.ya?ml$/i.test(e.name) && count < MAX_FILES) {
        count++;
        yield path;
      }
    }
  }
}

/**
 * A file's text for the index; undefined for binary, unreadable and too large files. A file that may hold a document
 * over MAX_INDEXED_DOCUMENT_BYTES is read in chunks, such documents blanked (`omitted` hears how many).
 */
export async function readYaml(path: string, omitted?: (count: number) => void): Promise<string | undefined> {
  try {
    const size = (await stat(path)).size;
    if (size > MAX_FILE_BYTES) return undefined;
    if (size > MAX_INDEXED_DOCUMENT_BYTES) {
      const read = await readWithoutLargeDocuments(path);
      if (read?.omitted) omitted?.(read.omitted);
      return read?.text;
    }
    const bytes = await readFile(path);
    return bytes.includes(0) ? undefined : bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

export function uriToPath(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

/** A file's saved text, read now (a document closed, a project file); undefined for binary or unreadable files. */
export function diskText(uri: string): string | undefined {
  const path = uriToPath(uri);
  if (!path) return undefined;
  try {
    const bytes = readFileSync(path);
    return bytes.includes(0) ? undefined : bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

const INDEX_START_DELAY_MS = 100;

export interface IndexingHost {
  isOpen(uri: string): boolean;
  /** Whether indexing should wait (an open document's diagnostics are pending or being computed, ...). */
  shouldWait(): boolean;
  /** Analyses a file in slices, calling `stillNeeded` between them (it may wait, and stops the file when false). */
  index(uri: string, text: string, stillNeeded: () => Promise<boolean>): Promise<void>;
  failed(uri: string, error: unknown): void;
  /** Documents of a file left out of the index for their size. */
  omitted(uri: string, count: number): void;
}

/** Indexes the folders' YAML files behind the open documents; answers how many files it read. */
export async function indexFolders(folders: Array<{ uri: string }>, host: IndexingHost): Promise<number> {
  let n = 0;
  // The editors open with the window arrive right after `initialized`: let them be read first, since one large file
  // of the folder is analysed in a single step that their diagnostics would wait for.
  await new Promise((r) => setTimeout(r, INDEX_START_DELAY_MS));
  for (const folder of folders) {
    for await (const path of yamlFilesUnder(folder.uri)) {
      const uri = pathToFileURL(path).toString();
      // Open documents first: a file is read in slices, waiting while an open document is validated; a file opened
      // meanwhile is left to its editor (the open text wins over the disk's).
      const stillNeeded = async () => {
        // Messages are written from setImmediate callbacks (a publish just made): two quiet turns in a row, so that
        // one queued in the last turn has started, and nothing left to write, before a large file holds the thread.
        for (let quietTurns = 0; quietTurns < 2; ) {
          await new Promise((r) => setImmediate(r));
          if (host.shouldWait()) {
            quietTurns = 0;
            await new Promise((r) => setTimeout(r, 5));
          } else quietTurns++;
        }
        return !host.isOpen(uri);
      };
      try {
        // Read once the open documents are served: a large file's text would add to their peak memory.
        if (await stillNeeded()) {
          const text = await readYaml(path, (count) => host.omitted(uri, count));
          if (text === undefined) continue; // binary, too large or gone: not a YAML file to count
          if (await stillNeeded()) await host.index(uri, text, stillNeeded);
        }
      } catch (e) {
        host.failed(uri, e);
      }
      n++;
    }
  }
  return n;
}

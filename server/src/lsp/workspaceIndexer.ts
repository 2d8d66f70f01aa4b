// Reads the workspace folders' YAML files so that cross-resource checks and the chain preview see every resource,
// not just the open ones. Runs in small slices so that requests keep being answered while it works.
import { readdir, readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.tmp']);
const MAX_FILE_BYTES = 10_000_000;
const MAX_FILES = 20_000;

export async function* yamlFilesUnder(folderUri: string): AsyncGenerator<{ uri: string; text: string }> {
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
      } else if (e.isFile() && /\.ya?ml$/i.test(e.name)) {
        const text = await readYaml(path);
        if (text === undefined) continue;
        count++;
        yield { uri: pathToFileURL(path).toString(), text };
      }
    }
  }
}

export async function readYaml(path: string): Promise<string | undefined> {
  try {
    if ((await stat(path)).size > MAX_FILE_BYTES) return undefined;
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

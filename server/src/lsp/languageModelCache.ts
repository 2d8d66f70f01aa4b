// Parse (analyse) each open document once per version, keep a bounded number, forget closed ones.
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface LanguageModelCache<T> {
  get(document: TextDocument): T;
  onDocumentRemoved(uri: string): void;
  clear(): void;
}

export function createLanguageModelCache<T>(maxEntries: number, compute: (document: TextDocument, previous: T | undefined) => T): LanguageModelCache<T> {
  const entries = new Map<string, { version: number; model: T }>();
  return {
    get(document) {
      const entry = entries.get(document.uri);
      if (entry && entry.version === document.version) {
        entries.delete(document.uri); // re-insert: Map order is our LRU order
        entries.set(document.uri, entry);
        return entry.model;
      }
      const model = compute(document, entry?.model);
      entries.delete(document.uri);
      entries.set(document.uri, { version: document.version, model });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return model;
    },
    onDocumentRemoved(uri) {
      entries.delete(uri);
    },
    clear() {
      entries.clear();
    },
  };
}

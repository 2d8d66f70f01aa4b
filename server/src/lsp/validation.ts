// Diagnostics are computed per document after a short pause in typing; a newer edit cancels the pending run and
// results for an outdated version are dropped.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Coalesces a burst of keystrokes; far under yaml-language-server's fixed 200 ms. */
export const VALIDATION_DELAY_MS = 10;

/** `own`: the document's own findings; `all`: with the workspace checks' findings on it. */
export type FindingScope = 'own' | 'all';

export function createValidator(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  validate: (document: TextDocument, scope: FindingScope) => import('vscode-languageserver').Diagnostic[],
  prepare?: (document: TextDocument) => Promise<void>,
  workspaceFindingsApply: () => boolean = () => false,
) {
  const pending = new Map<string, NodeJS.Timeout>();
  /** Documents with a publish since they were opened. */
  const published = new Set<string>();
  let running = 0;

  async function run(document: TextDocument): Promise<void> {
    running++;
    try {
      await runOnce(document);
    } finally {
      running--;
    }
  }

  async function runOnce(document: TextDocument): Promise<void> {
    const version = document.version;
    const current = () => documents.get(document.uri)?.version === version;
    try {
      // The slow part runs in slices: requests on other documents are answered in between.
      if (prepare) await prepare(document);
      if (!current()) return; // a newer edit will validate
      // A document just opened shows its own findings at once and the workspace checks' a moment later (nothing is
      // shown yet, so nothing flickers); later runs publish everything at once.
      if (!published.has(document.uri) && workspaceFindingsApply()) {
        void connection.sendDiagnostics({ uri: document.uri, version, diagnostics: validate(document, 'own') });
        published.add(document.uri);
        await new Promise((resolve) => setImmediate(resolve));
        if (!current()) return;
      }
      const diagnostics = validate(document, 'all');
      if (!current()) return;
      void connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
      published.add(document.uri);
    } catch (e) {
      connection.console.error(`Meshlens: validating ${document.uri} failed: ${(e as Error)?.stack ?? e}`);
    }
  }

  return {
    schedule(document: TextDocument, delay = VALIDATION_DELAY_MS): void {
      this.cancel(document.uri);
      pending.set(
        document.uri,
        setTimeout(() => {
          pending.delete(document.uri);
          const latest = documents.get(document.uri);
          if (latest) void run(latest);
        }, delay),
      );
    },
    cancel(uri: string): void {
      const t = pending.get(uri);
      if (t) clearTimeout(t);
      pending.delete(uri);
    },
    /** A document was closed: its next opening starts over. */
    closed(uri: string): void {
      this.cancel(uri);
      published.delete(uri);
    },
    revalidateAll(): void {
      for (const d of documents.all()) this.schedule(d, 0);
    },
    /** Whether an open document's diagnostics are scheduled or being computed (background work should wait). */
    busy(): boolean {
      return pending.size > 0 || running > 0;
    },
  };
}

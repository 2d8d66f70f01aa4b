// Diagnostics are computed per document after a short pause in typing; a newer edit cancels the pending run and
// results for an outdated version are dropped.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Coalesces a burst of keystrokes; far under yaml-language-server's fixed 200 ms. */
export const VALIDATION_DELAY_MS = 10;

/**
 * `all`: the document's own findings and the workspace checks'; `quick`: its own, with the workspace checks' of the
 * last `all` carried over for its unchanged documents.
 */
export type FindingScope = 'quick' | 'all';

export function createValidator(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  validate: (document: TextDocument, scope: FindingScope) => import('vscode-languageserver').Diagnostic[],
  prepare?: (document: TextDocument) => Promise<void>,
  workspaceFindingsApply: () => boolean = () => false,
) {
  const pending = new Map<string, NodeJS.Timeout>();
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
      // Once the workspace is indexed, its checks take a while after each edit: the document's own findings are
      // published at once, with the checks' last findings on its unchanged resources, then the checks' fresh ones.
      // A document just opened has none to carry over: its own findings come first.
      let quick: string | undefined;
      if (workspaceFindingsApply()) {
        const diagnostics = validate(document, 'quick');
        void connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
        quick = JSON.stringify(diagnostics);
        await new Promise((resolve) => setImmediate(resolve));
        if (!current()) return;
      }
      const diagnostics = validate(document, 'all');
      if (!current() || JSON.stringify(diagnostics) === quick) return;
      void connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
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
    revalidateAll(): void {
      for (const d of documents.all()) this.schedule(d, 0);
    },
    /** Whether an open document's diagnostics are scheduled or being computed (background work should wait). */
    busy(): boolean {
      return pending.size > 0 || running > 0;
    },
  };
}

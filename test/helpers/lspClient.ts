// A real LSP client (vscode-languageserver-protocol over stdio) driving a language server process, for tests.
import { spawn, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  ProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification,
  CompletionRequest,
  HoverRequest,
  CodeActionRequest,
  CodeAction,
  Command,
  ShutdownRequest,
  ExitNotification,
  DidChangeConfigurationNotification,
  PublishDiagnosticsParams,
  CompletionList,
  CompletionItem,
  Hover,
  Diagnostic,
  ClientCapabilities,
  ConfigurationRequest,
} from 'vscode-languageserver-protocol/node';

import serverProcess from '../../server/serverProcess.json';

export const SERVER = join(__dirname, '..', '..', '..', 'dist', 'server.js');
/** The server as the VS Code client starts it: with the Node options and environment of server/serverProcess.json. */
export const SERVER_COMMAND = [process.execPath, ...serverProcess.nodeOptions, SERVER, '--stdio'];
export const SERVER_ENV: NodeJS.ProcessEnv = { ...process.env, ...serverProcess.env };

export interface ClientOptions {
  command?: string[];
  /** The server's environment; the client's own (SERVER_ENV) by default. */
  env?: NodeJS.ProcessEnv;
  initializationOptions?: unknown;
  capabilities?: ClientCapabilities;
  /** Answers workspace/configuration requests. */
  configuration?: (section: string | undefined) => unknown;
}

export class TestLspClient {
  readonly connection: ProtocolConnection;
  private readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly history = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: Array<() => void> = [];
  private versions = new Map<string, number>();
  stderr = '';

  constructor(private readonly options: ClientOptions = {}) {
    const [cmd, ...args] = options.command ?? SERVER_COMMAND;
    this.process = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? SERVER_ENV });
    this.process.stderr!.on('data', (d) => (this.stderr += d));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      this.history.set(p.uri, [...(this.history.get(p.uri) ?? []), p]);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) =>
      p.items.map((i) => options.configuration?.(i.section) ?? null),
    );
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: this.options.capabilities ?? {},
      initializationOptions: this.options.initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  async setConfiguration(settings: unknown): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /**
   * Waits for diagnostics of a document, optionally of at least a given version, and satisfying a predicate.
   * ML0320 (istiod's warning on every EnvoyFilter) is left out unless `ignore` says otherwise; it has its own test.
   */
  async diagnosticsFor(
    uri: string,
    until: (d: Diagnostic[]) => boolean = () => true,
    version?: number,
    timeoutMs = 20_000,
    ignore = ['ML0320'],
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = this.diagnostics.get(uri);
      const shown = p?.diagnostics.filter((d) => !ignore.includes(String(d.code)));
      if (p && shown && (version === undefined || (p.version ?? 0) >= version) && until(shown)) return shown;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(p?.diagnostics)}\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Every publish of a document so far, oldest first. */
  publishesOf(uri: string): PublishDiagnosticsParams[] {
    return this.history.get(uri) ?? [];
  }

  async complete(uri: string, line: number, character: number): Promise<CompletionItem[]> {
    const r = await this.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line, character },
    });
    return Array.isArray(r) ? r : ((r as CompletionList | null)?.items ?? []);
  }

  async hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  async codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const r = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    });
    return (r ?? []).filter((a): a is CodeAction => !Command.is(a));
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** The latest diagnostics published for a document, as they are. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.get(uri);
  }

  get alive(): boolean {
    return this.process.exitCode === null;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      /* already gone */
    }
    this.connection.dispose();
    setTimeout(() => this.process.kill(), 500).unref();
  }
}

/** Zero-based position of the first occurrence of `needle` (plus an offset inside it). */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

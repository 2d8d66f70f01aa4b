// The VS Code side of Meshlens: starts the language server and wires VS Code to it. Features live in the server.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import serverProcess from '../../server/serverProcess.json';
import { coexistWithRedHatYaml, isRedHatYamlActive } from './redHatYaml';
import { registerChainPreview, currentPreviewBody } from './preview/chainPreview';
import { registerIstioVersion } from './istioVersion';
import { registerWalkthrough } from './walkthrough';
import { registerUpgradeCheck } from './upgradeCheck';

let client: LanguageClient | undefined;

/** Diagnostics both servers would report: Red Hat's YAML server reports YAML syntax itself. */
const SYNTAX_CODES = new Set(['ML0001', 'ML0002']);

export interface MeshlensApi {
  client: LanguageClient;
  /** Resolves when the language server is up. */
  ready: Promise<void>;
  /** How long activate() took, in ms (the server starts after it returns). */
  activationMs: number;
  /** The open preview's content, for tests. */
  previewBody(): Promise<string | undefined>;
  /** The status-bar item with the target Istio version, for tests. */
  statusItem: vscode.StatusBarItem;
}

export async function activate(context: vscode.ExtensionContext): Promise<MeshlensApi> {
  const started = performance.now();
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: {
      module: serverModule,
      transport: TransportKind.stdio,
      options: { execArgv: serverProcess.nodeOptions, env: serverProcess.env },
    },
    debug: {
      module: serverModule,
      transport: TransportKind.stdio,
      options: { execArgv: [...serverProcess.nodeOptions, '--nolazy', '--inspect=6019'], env: serverProcess.env },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'yaml', scheme: 'file' },
      { language: 'yaml', scheme: 'untitled' },
    ],
    initializationOptions: { settings: vscode.workspace.getConfiguration('meshlens') },
    // Cross-resource checks read the workspace's YAML files; the server hears about changes to closed ones.
    synchronize: {
      configurationSection: 'meshlens',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
    },
    middleware: {
      handleDiagnostics(uri, diagnostics, next) {
        if (isRedHatYamlActive())
          diagnostics = diagnostics.filter(
            (d) => !SYNTAX_CODES.has(String(typeof d.code === 'object' ? d.code.value : d.code)),
          );
        next(uri, diagnostics);
      },
    },
  };
  client = new LanguageClient('meshlens', 'Meshlens', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  registerChainPreview(context, client);
  // The server starts in the background: activation stays quick, and requests wait for it in the client.
  const ready = client.start().then(() => coexistWithRedHatYaml(context));
  registerWalkthrough(context);
  registerUpgradeCheck(context, client);
  const statusItem = registerIstioVersion(context, client, ready);
  const activationMs = Math.round((performance.now() - started) * 10) / 10;
  client.outputChannel.appendLine(`Meshlens activated in ${activationMs} ms`);
  return { client, ready, activationMs, previewBody: () => currentPreviewBody(client!), statusItem };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

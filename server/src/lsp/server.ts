// The Meshlens language server: `node dist/server.js --stdio`. It wires LSP requests to the language modes.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, InitializeResult, DidChangeConfigurationNotification } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS, MeshlensSettings, readSettings } from './settings';
import { DocumentModels } from './documentModels';
import { createLanguageModes } from './modes/languageModes';
import { createYamlMode } from './modes/yamlMode';
import { createValidator } from './validation';
import { runSafe } from './runner';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let settings: MeshlensSettings = DEFAULT_SETTINGS;
let pullConfiguration = false;
const models = new DocumentModels(settings);
const modes = createLanguageModes(createYamlMode(models));
const validator = createValidator(connection, documents, (document) =>
  modes.getAllModes().flatMap((m) => m.doValidation?.(document, settings) ?? []),
);

process.on('uncaughtException', (e) => connection.console.error(`Meshlens: uncaught ${e?.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`Meshlens: unhandled rejection ${(e as Error)?.stack ?? e}`));

connection.onInitialize((params): InitializeResult => {
  settings = readSettings((params.initializationOptions as Record<string, unknown> | undefined)?.settings ?? params.initializationOptions, (m) => connection.console.warn(m));
  models.updateSettings(settings);
  pullConfiguration = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [':', ' ', '-', '"', "'"], resolveProvider: false },
      hoverProvider: true,
    },
    serverInfo: { name: 'meshlens', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (pullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'meshlens' }).catch(() => undefined);
  void refreshSettings();
});

async function refreshSettings(pushed?: unknown): Promise<void> {
  let raw = pushed;
  if (raw === undefined && pullConfiguration) {
    try {
      raw = await connection.workspace.getConfiguration('meshlens');
    } catch {
      return;
    }
  }
  if (raw === undefined || raw === null) return;
  const next = readSettings(raw, (m) => connection.console.warn(m));
  if (next.istioVersion === settings.istioVersion) return;
  settings = next;
  models.updateSettings(settings);
  validator.revalidateAll();
}

connection.onDidChangeConfiguration((change) => {
  const pushed = (change.settings as Record<string, unknown> | undefined)?.meshlens;
  void refreshSettings(pullConfiguration ? undefined : pushed);
});

documents.onDidChangeContent((e) => validator.schedule(e.document));
documents.onDidClose((e) => {
  validator.cancel(e.document.uri);
  modes.onDocumentRemoved(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCompletion((params, token) =>
  runSafe(connection, async () => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const mode = modes.getModeAtPosition(document, params.position);
    return (await mode?.doComplete?.(document, params.position, settings)) ?? null;
  }, null, 'completion', token),
);

connection.onHover((params, token) =>
  runSafe(connection, () => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    return modes.getModeAtPosition(document, params.position)?.doHover?.(document, params.position, settings) ?? null;
  }, null, 'hover', token),
);

documents.listen(connection);
connection.listen();

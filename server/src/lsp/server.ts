// The Meshlens language server: `node dist/server.js --stdio`. It wires LSP requests to the language modes.
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  InitializeResult,
  DidChangeConfigurationNotification,
  FileChangeType,
  WorkspaceFolder,
} from 'vscode-languageserver/node';
import { readYaml, uriToPath, diskText, indexFolders } from './workspaceIndexer';
import { MAX_INDEXED_DOCUMENT_BYTES } from './largeDocuments';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS, MeshlensSettings, readSettings, sameSettings } from './settings';
import { pathToFileURL } from 'node:url';
import { parseMeshConfigFile } from '../core';
import { isProjectFile } from './projectFiles';
import { DocumentModels } from './documentModels';
import { createLanguageModes } from './modes/languageModes';
import { createYamlMode } from './modes/yamlMode';
import { createLuaMode } from './modes/luaMode';
import { createProjectFileMode } from './modes/projectFileMode';
import { createEnvoyValueMode } from './modes/envoyValueMode';
import { createDocumentRegions } from './modes/documentRegions';
import { EmbeddedYamlService } from './yamlLanguageService';
import { createValidator } from './validation';
import { runSafe } from './runner';
import { registerMeshlensRequests } from './meshlensRequests';
import { VERSION } from '../cli/version';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let settings: MeshlensSettings = DEFAULT_SETTINGS;
let pullConfiguration = false;
let codeLensRefresh = false;
/** Project files are read from the open editor if there is one, else from disk. */
const models = new DocumentModels(
  settings,
  (path) => documents.get(pathToFileURL(path).toString())?.getText() ?? diskText(pathToFileURL(path).toString()),
);
const luaMode = createLuaMode(models);
const yamlService = new EmbeddedYamlService();
const modes = createLanguageModes(
  createDocumentRegions(models),
  createYamlMode(models, yamlService),
  { lua: luaMode, 'envoy-value': createEnvoyValueMode(models) },
  [createProjectFileMode(yamlService)],
);
const validator = createValidator(
  connection,
  documents,
  (document, scope) =>
    modes.getAllModes().flatMap((m) => m.doValidation?.(document, models.settingsFor(document.uri), scope) ?? []),
  (document) => models.prepare(document),
  () => models.workspaceReady,
);
let workspaceFolders: WorkspaceFolder[] = [];

/** Cross-resource findings of the other open documents may change with any edit: re-check them a little later. */
function revalidateOthers(except: string): void {
  for (const d of documents.all()) if (d.uri !== except) validator.schedule(d, 150);
}

/** The mesh config named by the workspace's `.meshlens.yaml`, if it names one and it can be read. */
function applyProjectMeshConfig(): void {
  const path = models.projects.meshConfigPath();
  let mesh;
  if (path) {
    const text = diskText(pathToFileURL(path).toString());
    try {
      if (text !== undefined) mesh = parseMeshConfigFile(text, path);
    } catch (e) {
      connection.console.warn(`Meshlens: meshConfig ${path}: ${(e as Error).message}`);
    }
  }
  models.workspace.meshConfigOverride = mesh;
}

/** A `.meshlens.yaml` changed: what applies to every file may have changed. */
function projectFilesChanged(): void {
  models.updateSettings(settings, (uri) => documents.get(uri)?.getText() ?? diskText(uri));
  applyProjectMeshConfig();
  workspaceChanged();
}

/** After the workspace's files change: re-check open documents, and have "applies to N workloads" lenses fetched again. */
function workspaceChanged(): void {
  validator.revalidateAll();
  if (codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
}

function omittedMessage(uri: string, count: number): string {
  const limit = `${(MAX_INDEXED_DOCUMENT_BYTES / 1_048_576).toFixed(1)} MiB`;
  return `Meshlens: ${count} document${count === 1 ? '' : 's'} of ${uri} over ${limit} left out of the workspace (open the file to check ${count === 1 ? 'it' : 'them'})`;
}

async function indexWorkspace(): Promise<void> {
  const n = await indexFolders(workspaceFolders, {
    isOpen: (uri) => !!documents.get(uri),
    // Also while a message is still being written to the editor: a publish larger than the pipe's buffer is sent as
    // the editor reads it, and a large file's analysis would hold back the rest.
    shouldWait: () => validator.busy() || process.stdout.writableLength > 0,
    index: (uri, text, stillNeeded) => models.index(uri, text, stillNeeded),
    failed: (uri, e) => connection.console.error(`Meshlens: indexing ${uri} failed: ${(e as Error).message}`),
    omitted: (uri, count) => connection.console.info(omittedMessage(uri, count)),
  });
  connection.console.info(`Meshlens: indexed ${n} YAML files`);
  models.workspaceReady = true;
  workspaceChanged();
}

process.on('uncaughtException', (e) => connection.console.error(`Meshlens: uncaught ${e?.stack ?? e}`));
process.on('unhandledRejection', (e) =>
  connection.console.error(`Meshlens: unhandled rejection ${(e as Error)?.stack ?? e}`),
);

connection.onInitialize((params): InitializeResult => {
  settings = readSettings(
    (params.initializationOptions as Record<string, unknown> | undefined)?.settings ?? params.initializationOptions,
    (m) => connection.console.warn(m),
  );
  workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  models.projects.rootDir = workspaceFolders[0] ? uriToPath(workspaceFolders[0].uri) : undefined;
  models.updateSettings(settings, diskText);
  applyProjectMeshConfig();
  pullConfiguration = !!params.capabilities.workspace?.configuration;
  codeLensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      // Offsets are JavaScript string offsets, which are UTF-16 code units: the LSP default, stated explicitly.
      positionEncoding: 'utf-16',
      completionProvider: { triggerCharacters: [':', ' ', '-', '"', "'", '('], resolveProvider: false },
      hoverProvider: true,
      signatureHelpProvider: { triggerCharacters: ['(', ','] },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'meshlens', version: VERSION },
  };
});

connection.onInitialized(() => {
  if (pullConfiguration)
    void connection.client
      .register(DidChangeConfigurationNotification.type, { section: 'meshlens' })
      .catch(() => undefined);
  void refreshSettings()
    .then(() => indexWorkspace())
    .catch((e) => {
      connection.console.error(`Meshlens: indexing failed: ${e}`);
      // Show what there is: the workspace checks run on the files indexed so far.
      models.workspaceReady = true;
      workspaceChanged();
    });
});

connection.onDidChangeWatchedFiles(async (change) => {
  if (change.changes.some((e) => isProjectFile(e.uri) && !documents.get(e.uri))) {
    projectFilesChanged();
    return;
  }
  for (const event of change.changes) {
    if (!/\.ya?ml$/i.test(event.uri) || documents.get(event.uri)) continue;
    if (event.type === FileChangeType.Deleted) models.remove(event.uri);
    else {
      const path = uriToPath(event.uri);
      const text = path
        ? await readYaml(path, (count) => connection.console.info(omittedMessage(event.uri, count)))
        : undefined;
      if (text === undefined) models.remove(event.uri);
      else models.setText(event.uri, text);
    }
  }
  workspaceChanged();
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
  if (sameSettings(next, settings)) return;
  settings = next;
  projectFilesChanged();
}

connection.onDidChangeConfiguration((change) => {
  const pushed = (change.settings as Record<string, unknown> | undefined)?.meshlens;
  void refreshSettings(pullConfiguration ? undefined : pushed);
});

// A document just opened is validated at once; edits wait for a pause in typing (VALIDATION_DELAY_MS).
const justOpened = new Set<string>();
documents.onDidOpen((e) => justOpened.add(e.document.uri));
documents.onDidChangeContent((e) => {
  const opened = justOpened.delete(e.document.uri);
  if (isProjectFile(e.document.uri)) {
    projectFilesChanged();
    return;
  }
  validator.schedule(e.document, opened ? 0 : undefined);
  revalidateOthers(e.document.uri);
});
documents.onDidClose(async (e) => {
  const uri = e.document.uri;
  validator.cancel(uri);
  modes.onDocumentRemoved(uri);
  models.closed(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
  // Back to what is saved on disk, read as the indexer reads it (or out of the workspace model if it never was).
  const path = uriToPath(uri);
  const saved = path ? await readYaml(path, (count) => connection.console.info(omittedMessage(uri, count))) : undefined;
  if (documents.get(uri)) return; // opened again meanwhile: the editor's text stands
  if (saved === undefined) models.remove(uri);
  else models.setText(uri, saved);
  revalidateOthers(uri);
});

connection.onCompletion((params, token) =>
  runSafe(
    connection,
    async () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      const mode = modes.getModeAtPosition(document, params.position);
      return (await mode?.doComplete?.(document, params.position, models.settingsFor(document.uri))) ?? null;
    },
    null,
    'completion',
    token,
  ),
);

connection.onHover((params, token) =>
  runSafe(
    connection,
    () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      return (
        modes
          .getModeAtPosition(document, params.position)
          ?.doHover?.(document, params.position, models.settingsFor(document.uri)) ?? null
      );
    },
    null,
    'hover',
    token,
  ),
);

connection.onSignatureHelp((params, token) =>
  runSafe(
    connection,
    () => {
      const document = documents.get(params.textDocument.uri);
      return document
        ? (modes
            .getModeAtPosition(document, params.position)
            ?.doSignatureHelp?.(document, params.position, models.settingsFor(document.uri)) ?? null)
        : null;
    },
    null,
    'signature help',
    token,
  ),
);

connection.onCodeAction((params, token) =>
  runSafe(
    connection,
    () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      return modes
        .getAllModes()
        .flatMap(
          (m) => m.getCodeActions?.(document, params.range, params.context, models.settingsFor(document.uri)) ?? [],
        );
    },
    [],
    'code actions',
    token,
  ),
);

registerMeshlensRequests(connection, documents, models, diskText);

documents.listen(connection);
connection.listen();

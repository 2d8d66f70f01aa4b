// The Meshlens requests beyond LSP (protocol.ts): effective settings, the upgrade check, workloads and chains for
// the preview, and the CodeLens that opens it. Open documents win over what is on disk.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ListWorkloadsRequest,
  RenderChainRequest,
  RenderConfigRequest,
  EffectiveSettingsRequest,
  UpgradeCheckRequest,
} from '../protocol';
import { handleUpgradeCheck } from './upgradeRequest';
import { handleListWorkloads, handleRenderChain, handleRenderConfig, codeLenses } from './previewRequests';
import { runSafe } from './runner';
import type { DocumentModels } from './documentModels';

export function registerMeshlensRequests(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  models: DocumentModels,
  diskText: (uri: string) => string | undefined,
): void {
  connection.onRequest(EffectiveSettingsRequest, (params) => {
    const { istioVersion, istioVersionSource, projectFile } = models.settingsFor(params.uri);
    return { istioVersion, istioVersionSource, projectFile };
  });
  connection.onRequest(UpgradeCheckRequest, (params, token) =>
    runSafe(
      connection,
      () => {
        for (const d of documents.all()) models.get(d);
        return handleUpgradeCheck(models, params, (uri) => documents.get(uri)?.getText() ?? diskText(uri));
      },
      { from: '', to: params.to, findings: [] },
      'the upgrade check',
      token,
    ),
  );
  connection.onRequest(ListWorkloadsRequest, (token) =>
    runSafe(connection, () => handleListWorkloads(models.workspace), [], 'listing workloads', token),
  );
  connection.onRequest(RenderChainRequest, (params, token) =>
    runSafe(
      connection,
      () => {
        // Open documents win over what is on disk.
        for (const d of documents.all()) models.get(d);
        return handleRenderChain(models.workspace, params, models.workspace.istioVersion);
      },
      { error: 'rendering failed; see the Meshlens output' },
      'rendering a chain',
      token,
    ),
  );
  connection.onRequest(RenderConfigRequest, (params, token) =>
    runSafe(
      connection,
      () => {
        for (const d of documents.all()) models.get(d);
        return handleRenderConfig(models.workspace, params, models.workspace.istioVersion);
      },
      { error: 'rendering failed; see the Meshlens output' },
      'rendering a proxy config',
      token,
    ),
  );
  connection.onCodeLens((params, token) =>
    runSafe(
      connection,
      () => {
        const document = documents.get(params.textDocument.uri);
        if (!document) return [];
        models.get(document);
        return codeLenses(models.workspace, document, models.workspace.istioVersion);
      },
      [],
      'code lenses',
      token,
    ),
  );
}

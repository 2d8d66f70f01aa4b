// The target Istio version where users see and change it: a status-bar item for YAML editors, and the command
// "Meshlens: Select Istio Version". The server says which version applies to the file and whether a
// `.meshlens.yaml` sets it (then that file is where to change it).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EffectiveSettingsRequest } from '../../server/src/protocol';
import pkg from '../../package.json';

const VERSIONS: string[] = pkg.contributes.configuration.properties['meshlens.istioVersion'].enum;

export function registerIstioVersion(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  ready: Promise<void>,
): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('meshlens.istioVersion', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Meshlens: Istio version';
  item.command = 'meshlens.selectIstioVersion';
  let projectFile: string | undefined;

  const refresh = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'yaml') {
      item.hide();
      return;
    }
    await ready;
    try {
      const eff = await client.sendRequest(EffectiveSettingsRequest, { uri: editor.document.uri.toString() });
      projectFile = eff.istioVersionSource.kind === 'projectFile' ? eff.istioVersionSource.uri : undefined;
      item.text = `$(layers) Istio ${eff.istioVersion}`;
      item.tooltip = projectFile
        ? `Meshlens checks this file for Istio ${eff.istioVersion}, set by ${vscode.workspace.asRelativePath(vscode.Uri.parse(projectFile))} (it wins over the meshlens.istioVersion setting). Click to change it there.`
        : `Meshlens checks this file for Istio ${eff.istioVersion} (the meshlens.istioVersion setting). Click to change it.`;
      item.show();
    } catch {
      item.hide();
    }
  };

  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    vscode.workspace.onDidChangeConfiguration(
      (e) => e.affectsConfiguration('meshlens') && setTimeout(() => void refresh(), 200),
    ),
    vscode.workspace.onDidSaveTextDocument((d) => d.uri.path.endsWith('/.meshlens.yaml') && void refresh()),
    vscode.workspace.onDidChangeTextDocument(
      (e) => e.document.uri.path.endsWith('/.meshlens.yaml') && setTimeout(() => void refresh(), 300),
    ),
    vscode.commands.registerCommand('meshlens.selectIstioVersion', async () => {
      if (projectFile) {
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(projectFile));
        const line = doc
          .getText()
          .split(/\r?\n/)
          .findIndex((l) => /^istioVersion:/.test(l));
        await vscode.window.showTextDocument(doc, {
          selection: new vscode.Range(Math.max(0, line), 0, Math.max(0, line), 0),
        });
        return;
      }
      const current = vscode.workspace.getConfiguration('meshlens').get<string>('istioVersion');
      const picked = await vscode.window.showQuickPick(
        [...VERSIONS].reverse().map((v) => ({ label: v, description: v === current ? 'current' : undefined })),
        { title: 'The Istio version your cluster runs', placeHolder: current },
      );
      if (!picked) return;
      const target = vscode.workspace.workspaceFolders?.length
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
      await vscode.workspace.getConfiguration('meshlens').update('istioVersion', picked.label, target);
    }),
  );
  void refresh();
  return item;
}

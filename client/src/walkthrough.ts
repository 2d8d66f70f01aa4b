// Commands of the getting-started walkthrough: open the bundled examples as a workspace (a copy the user may edit),
// and show a file of them with problems, next to the Problems view.
import * as vscode from 'vscode';

async function examplesCopy(context: vscode.ExtensionContext): Promise<vscode.Uri> {
  const target = vscode.Uri.joinPath(context.globalStorageUri, 'examples');
  const source = vscode.Uri.joinPath(context.extensionUri, 'examples');
  try {
    await vscode.workspace.fs.stat(target);
  } catch {
    await vscode.workspace.fs.copy(source, target, { overwrite: false });
  }
  return target;
}

export function registerWalkthrough(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('meshlens.openExamples', async () => {
      const folder = await examplesCopy(context);
      await vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: false });
    }),
    vscode.commands.registerCommand('meshlens.showExampleProblem', async () => {
      const inWorkspace = await vscode.workspace.findFiles('**/mistakes.yaml', '**/node_modules/**', 1);
      const file = inWorkspace[0] ?? vscode.Uri.joinPath(await examplesCopy(context), 'mistakes.yaml');
      await vscode.window.showTextDocument(file);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
  );
}

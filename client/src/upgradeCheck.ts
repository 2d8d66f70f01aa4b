// "Meshlens: Check Upgrade to Istio…": asks for the target version, shows what changes as diagnostics of their own
// (cleared with "Meshlens: Clear Upgrade Findings") and as a report grouped by workload.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { UpgradeCheckRequest, UpgradeCheckResult, EffectiveSettingsRequest } from '../../server/src/protocol';
import pkg from '../../package.json';

const VERSIONS: string[] = pkg.contributes.configuration.properties['meshlens.istioVersion'].enum;
const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};
const REPORT = vscode.Uri.parse('meshlens-upgrade:/Upgrade report.md');

/** The report as Markdown: one section per workload, then what concerns no single workload. */
export function upgradeReport(result: UpgradeCheckResult, relative: (uri: string) => string): string {
  const lines = [`# Istio ${result.from} → ${result.to}`, ''];
  if (!result.findings.length) return [...lines, 'Nothing changes for the resources in this workspace.', ''].join('\n');
  const byWorkload = new Map<string, UpgradeCheckResult['findings']>();
  for (const f of result.findings)
    for (const w of f.workloads.length ? f.workloads : ['(not tied to one workload)'])
      byWorkload.set(w, [...(byWorkload.get(w) ?? []), f]);
  const text = (s: string) => s.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
  for (const [workload, findings] of [...byWorkload].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`## ${text(workload)}`, '');
    for (const f of findings) {
      const what = f.resource
        ? `${f.resource.kind} ${f.resource.namespace}/${f.resource.name}${f.patchIndex === null ? '' : ` patch ${f.patchIndex}`}`
        : 'the chain';
      lines.push(
        `- **${f.code}** (${f.severity}) ${text(what)}, ${text(relative(f.uri))}:${f.range.start.line + 1}: ${text(f.message)}`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function registerUpgradeCheck(context: vscode.ExtensionContext, client: LanguageClient): void {
  const collection = vscode.languages.createDiagnosticCollection('meshlens-upgrade');
  let report = '';
  const changed = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    collection,
    changed,
    vscode.workspace.registerTextDocumentContentProvider('meshlens-upgrade', {
      onDidChange: changed.event,
      provideTextDocumentContent: () => report,
    }),
    vscode.commands.registerCommand('meshlens.checkUpgrade', async (target?: string) => {
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      const current = (await client.sendRequest(EffectiveSettingsRequest, { uri })).istioVersion;
      const to =
        target ??
        (await vscode.window.showQuickPick(VERSIONS.filter((v) => v !== current).reverse(), {
          title: `Check the workspace for an upgrade from Istio ${current} to…`,
        }));
      if (!to) return undefined;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Meshlens: checking Istio ${current} → ${to}` },
        () => client.sendRequest(UpgradeCheckRequest, { to }),
      );
      collection.clear();
      const byUri = new Map<string, vscode.Diagnostic[]>();
      for (const f of result.findings) {
        const d = new vscode.Diagnostic(
          new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character),
          f.message,
          SEVERITY[f.severity],
        );
        d.source = `meshlens upgrade ${result.from}→${result.to}`;
        d.code = f.code;
        byUri.set(f.uri, [...(byUri.get(f.uri) ?? []), d]);
      }
      for (const [u, ds] of byUri) collection.set(vscode.Uri.parse(u), ds);
      report = upgradeReport(result, (u) => vscode.workspace.asRelativePath(vscode.Uri.parse(u)));
      changed.fire(REPORT);
      const doc = await vscode.workspace.openTextDocument(REPORT);
      await vscode.window.showTextDocument(doc, {
        viewColumn: vscode.ViewColumn.Beside,
        preview: true,
        preserveFocus: true,
      });
      return result;
    }),
    vscode.commands.registerCommand('meshlens.clearUpgradeFindings', () => {
      collection.clear();
      report = '';
      changed.fire(REPORT);
    }),
  );
}

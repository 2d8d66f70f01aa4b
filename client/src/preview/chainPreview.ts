// "Meshlens: Preview Envoy Filter Chain" asks for a workload, direction and port; "Meshlens: Preview Proxy Config" for a
// workload only. Both show the chain (when one is named) and the workload's whole proxy config beside the editor, and
// follow edits. The server computes everything; this file only asks and shows.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { LanguageClient } from 'vscode-languageclient/node';
import { previewBody, previewPage, escapeHtml } from './previewHtml';
import { configBody } from './configHtml';
import {
  ListWorkloadsRequest,
  RenderChainRequest,
  RenderConfigRequest,
  RenderChainParams,
  WorkloadSummary,
  Direction,
} from '../../../server/src/protocol';

/** A workload, and the chain to show first (none: the whole config only). */
type Target = { workload: string; view: 'chain' | 'config' } & Partial<Omit<RenderChainParams, 'workload'>>;

let panel: vscode.WebviewPanel | undefined;
let target: Target | undefined;

export function registerChainPreview(context: vscode.ExtensionContext, client: LanguageClient): void {
  let refresh: NodeJS.Timeout | undefined;
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'meshlens.previewChain',
      async (workloads?: string | string[], direction?: Direction, port?: number) => {
        const chosen = await pickTarget(client, workloads, direction, port);
        if (!chosen) return;
        target = chosen;
        await show(context, client);
      },
    ),
    vscode.commands.registerCommand('meshlens.previewConfig', async (workloads?: string | string[]) => {
      const chosen = await pickWorkload(client, workloads, 'Preview the proxy config of…');
      if (!chosen) return;
      // Open on the workload's first chain: inbound (or gateway) first port, else outbound.
      const [direction, ports] = (Object.entries(chosen.ports) as Array<[Direction, number[]]>).find(
        ([, p]) => p.length,
      ) ?? [undefined, []];
      target = { workload: chosen.id, view: 'config', direction, port: ports[0] };
      await show(context, client);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!panel || !target || e.document.languageId !== 'yaml') return;
      if (refresh) clearTimeout(refresh);
      refresh = setTimeout(() => void update(client), 300);
    }),
  );
}

async function pickWorkload(
  client: LanguageClient,
  preset: string | string[] | undefined,
  title: string,
): Promise<WorkloadSummary | undefined> {
  const all = await client.sendRequest(ListWorkloadsRequest);
  const ids = typeof preset === 'string' ? [preset] : Array.isArray(preset) ? preset : undefined;
  const candidates = ids ? all.filter((w) => ids.includes(w.id)) : all;
  if (!candidates.length) {
    void vscode.window.showInformationMessage(
      'Meshlens found no workloads (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, Pods or Gateway API Gateways) in the workspace.',
    );
    return undefined;
  }
  if (candidates.length === 1 && ids) return candidates[0];
  return (
    await vscode.window.showQuickPick(
      candidates.map((w) => ({ label: w.id, description: `${w.kind}${w.gateway ? ' · gateway' : ''}`, w })),
      { title },
    )
  )?.w;
}

async function pickTarget(
  client: LanguageClient,
  preset?: string | string[],
  direction?: Direction,
  port?: number,
): Promise<Target | undefined> {
  const workload = await pickWorkload(client, preset, 'Preview the Envoy filter chain of…');
  if (!workload) return undefined;
  const directions = Object.keys(workload.ports) as Direction[];
  const dir =
    direction ??
    (directions.length === 1
      ? directions[0]
      : ((
          await vscode.window.showQuickPick(
            directions.map((d) => ({ label: d })),
            { title: `${workload.id}: which traffic?` },
          )
        )?.label as Direction | undefined));
  if (!dir) return undefined;
  if (port) return { workload: workload.id, view: 'chain', direction: dir, port };
  const ports = workload.ports[dir] ?? [];
  const other = 'Another port…';
  const picked =
    ports.length === 1
      ? String(ports[0])
      : await vscode.window.showQuickPick([...ports.map(String), other], { title: `${workload.id} ${dir}: port` });
  if (!picked) return undefined;
  const value =
    picked === other
      ? await vscode.window.showInputBox({
          prompt: 'Port',
          validateInput: (v) => (/^\d+$/.test(v) && +v > 0 && +v < 65536 ? undefined : 'a port between 1 and 65535'),
        })
      : picked;
  return value ? { workload: workload.id, view: 'chain', direction: dir, port: Number(value) } : undefined;
}

async function render(client: LanguageClient): Promise<string> {
  if (!target) return '';
  const t = target;
  try {
    const [chain, config] = await Promise.all([
      t.direction && t.port
        ? client.sendRequest(RenderChainRequest, { workload: t.workload, direction: t.direction, port: t.port })
        : undefined,
      client.sendRequest(RenderConfigRequest, { workload: t.workload }),
    ]);
    const head = chain ? previewBody(chain) : `<header><h1>${escapeHtml(t.workload)}</h1></header>`;
    if ('error' in config) return chain ? head : previewBody(config);
    const focus =
      chain && !('error' in chain) ? { listener: chain.chain.listener, chain: chain.chain.filterChain } : undefined;
    return head + configBody(config.config, focus);
  } catch (e) {
    return previewBody({ error: `Meshlens could not render the config: ${(e as Error).message}` });
  }
}

function titleOf(t: Target): string {
  return t.view === 'chain' ? `Chain: ${t.workload} ${t.direction} ${t.port}` : `Proxy config: ${t.workload}`;
}

async function show(context: vscode.ExtensionContext, client: LanguageClient): Promise<void> {
  // A new subject gets a new tab: the tab's label always names what it shows.
  if (panel && panel.title !== titleOf(target!)) {
    const old = panel;
    panel = undefined;
    old.dispose();
  }
  if (!panel) {
    const created = vscode.window.createWebviewPanel(
      'meshlens.chainPreview',
      'Envoy filter chain',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [],
        retainContextWhenHidden: false,
      },
    );
    panel = created;
    created.onDidDispose(() => panel === created && (panel = undefined), null, context.subscriptions);
    created.webview.onDidReceiveMessage(
      async (msg: { type?: string; uri?: string; line?: number }) => {
        if (msg?.type !== 'open' || typeof msg.uri !== 'string') return;
        const uri = vscode.Uri.parse(msg.uri);
        if (uri.scheme !== 'file' && uri.scheme !== 'untitled') return;
        const line = Number.isInteger(msg.line) ? Math.max(0, msg.line!) : 0;
        await vscode.window.showTextDocument(uri, {
          selection: new vscode.Range(line, 0, line, 0),
          viewColumn: vscode.ViewColumn.One,
        });
      },
      null,
      context.subscriptions,
    );
  }
  panel.title = titleOf(target!);
  const nonce = randomBytes(16).toString('base64');
  panel.webview.html = previewPage(await render(client), nonce, panel.webview.cspSource);
  panel.reveal(vscode.ViewColumn.Beside, true);
}

async function update(client: LanguageClient): Promise<void> {
  if (!panel) return;
  await panel.webview.postMessage({ type: 'update', body: await render(client) });
}

/** For tests: the preview's current body, as the webview shows it. */
export async function currentPreviewBody(client: LanguageClient): Promise<string | undefined> {
  return panel ? render(client) : undefined;
}

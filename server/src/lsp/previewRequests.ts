// Custom requests the VS Code client (or any LSP client) uses for the filter-chain preview and CodeLens.
import { CodeLens, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  renderChain,
  cachedProxyConfig,
  configPatchesOf,
  rangeAt,
  listWorkloads,
  workloadsSelectedBy,
  workloadTelemetry,
  ChainError,
  WorkloadSummary,
  Workspace,
  ResourceRecord,
} from '../core';
import type { RenderChainParams, RenderChainResponse, RenderConfigParams, RenderConfigResponse } from '../protocol';

/** Adds the zero-based line where each origin's document starts, so the client can open it there. */
function withLines<T>(ws: Workspace, value: T): T {
  return JSON.parse(JSON.stringify(value), (key, v) => {
    if (v && typeof v === 'object' && typeof v.uri === 'string' && typeof v.docIndex === 'number') {
      const doc = ws.fileAnalysis(v.uri)?.documents[v.docIndex];
      return { ...v, line: doc ? firstContentLine(doc.text, doc.slice.startLine) : 0 };
    }
    return v;
  }) as T;
}

export function handleListWorkloads(ws: Workspace): WorkloadSummary[] {
  return withLines(ws, listWorkloads(ws));
}

export function handleRenderChain(ws: Workspace, params: RenderChainParams, istioVersion: string): RenderChainResponse {
  try {
    const chain = renderChain(ws, params.workload, params.direction, params.port, istioVersion);
    const telemetry = workloadTelemetry(ws, params.workload, istioVersion);
    return withLines(ws, { chain, telemetry });
  } catch (e) {
    if (e instanceof ChainError) return { error: e.message };
    throw e;
  }
}

export function handleRenderConfig(
  ws: Workspace,
  params: RenderConfigParams,
  istioVersion: string,
): RenderConfigResponse {
  try {
    return withLines(ws, { config: cachedProxyConfig(ws, params.workload, istioVersion) });
  } catch (e) {
    if (e instanceof ChainError) return { error: e.message };
    throw e;
  }
}

/** How many workloads' configs a CodeLens renders at most (each takes milliseconds; a lens must come quickly). */
const MAX_LENS_WORKLOADS = 25;

const TARGET_WORDS: Record<string, [string, string]> = {
  CLUSTER: ['cluster', 'clusters'],
  ROUTE_CONFIGURATION: ['route configuration', 'route configurations'],
  VIRTUAL_HOST: ['virtual host', 'virtual hosts'],
  HTTP_ROUTE: ['route', 'routes'],
  LISTENER: ['listener', 'listeners'],
  FILTER_CHAIN: ['filter chain', 'filter chains'],
};

/** "applies to N clusters" (routes, listeners, ...) on each such patch of an EnvoyFilter, over the workloads it selects. */
function patchLenses(
  ws: Workspace,
  document: TextDocument,
  record: ResourceRecord,
  ids: string[],
  istioVersion: string,
): CodeLens[] {
  const out: CodeLens[] = [];
  const doc = record.document;
  for (const { patch, index } of configPatchesOf(record.spec)) {
    const words = TARGET_WORDS[String(patch.applyTo)];
    if (!words) continue;
    const targets = new Set<string>();
    // A root-namespace EnvoyFilter can select every workload: count over the first ones, and say so.
    const counted = ids.slice(0, MAX_LENS_WORKLOADS);
    for (const id of counted)
      for (const p of cachedProxyConfig(ws, id, istioVersion).patches)
        if (p.envoyFilter === `${record.namespace}/${record.name}` && p.index === index)
          p.targets.forEach((t) => targets.add(`${id} ${t}`));
    const at = rangeAt(doc.parsed, ['spec', 'configPatches', index, 'applyTo'], 'key');
    if (!at) continue;
    const line = document.positionAt(doc.slice.start + at[0]).line;
    out.push({
      range: Range.create(line, 0, line, 0),
      command: {
        title: `applies to ${targets.size} ${words[targets.size === 1 ? 0 : 1]}${counted.length < ids.length ? ` in the first ${counted.length} of ${ids.length} workloads` : ids.length > 1 ? ` across ${ids.length} workloads` : ''}`,
        command: ids.length ? 'meshlens.previewConfig' : '',
        arguments: ids.length ? [ids] : [],
      },
    });
  }
  return out;
}

/** "Preview filter chain" on workloads; "applies to N workloads" on our resources. */
export function codeLenses(ws: Workspace, document: TextDocument, istioVersion: string): CodeLens[] {
  const analysis = ws.fileAnalysis(document.uri);
  if (!analysis) return [];
  const lenses: CodeLens[] = [];
  const workloads = listWorkloads(ws);
  for (const doc of analysis.documents) {
    const line = firstContentLine(doc.text, doc.slice.startLine);
    const range = Range.create(line, 0, line, 0);
    const own = workloads.find((w) => w.source.uri === document.uri && w.source.docIndex === doc.slice.index);
    if (own) {
      lenses.push(
        {
          range,
          command: { title: 'Meshlens: preview filter chain', command: 'meshlens.previewChain', arguments: [own.id] },
        },
        { range, command: { title: 'proxy config', command: 'meshlens.previewConfig', arguments: [own.id] } },
      );
      continue;
    }
    const record = ws.resources.find((r) => r.uri === document.uri && r.docIndex === doc.slice.index);
    if (!record) continue;
    const ids = workloadsSelectedBy(ws, record, istioVersion);
    if (record.kind === 'EnvoyFilter') lenses.push(...patchLenses(ws, document, record, ids, istioVersion));
    lenses.push({
      range,
      command: {
        title: `applies to ${ids.length} workload${ids.length === 1 ? '' : 's'} in the workspace`,
        command: ids.length ? 'meshlens.previewChain' : '',
        arguments: ids.length ? [ids] : [],
      },
    });
  }
  return lenses;
}

/** The line of a document's apiVersion or kind (past its comments and `---`): where to open it. */
function firstContentLine(text: string, startLine: number): number {
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => /^(apiVersion|kind):/.test(l));
  return startLine + Math.max(0, i);
}

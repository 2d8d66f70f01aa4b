// The Meshlens LSP extensions: request names, parameters and payloads, imported by the server and the VS Code
// client alike, so the compiler checks both ends (rust-analyzer's lsp_ext.ts does the same).
import { RequestType, RequestType0, Range } from 'vscode-languageserver-protocol';
import type { ChainResult, Direction, EffectiveTelemetry, Origin, ProxyConfig, WorkloadSummary } from './core';

/** Where a contributing resource's document starts, added by the server so the client can open it there. */
export type OriginWithLine = Origin & { line?: number };

export type { ChainResult, Direction, EffectiveTelemetry, Origin, ProxyConfig, WorkloadSummary };

export interface RenderChainParams {
  workload: string;
  direction: Direction;
  port: number;
}

export interface PreviewData {
  chain: ChainResult;
  telemetry: EffectiveTelemetry;
}

export type RenderChainResponse = PreviewData | { error: string };

export interface EffectiveSettingsParams {
  /** A document URI; settings are per file when a `.meshlens.yaml` applies. */
  uri?: string;
}

export interface EffectiveSettings {
  istioVersion: string;
  /** Where the Istio version comes from: the `meshlens.istioVersion` setting or a `.meshlens.yaml` (its URI). */
  istioVersionSource: { kind: 'setting' } | { kind: 'projectFile'; uri: string };
  /** The `.meshlens.yaml` that applies to the document, if any. */
  projectFile?: string;
}

export interface RenderConfigParams {
  workload: string;
}

/** A workload's whole proxy config (`meshlens config`) for the preview. */
export type RenderConfigResponse = { config: ProxyConfig } | { error: string };

export const RenderConfigRequest = new RequestType<RenderConfigParams, RenderConfigResponse, void>(
  'meshlens/renderConfig',
);
export const ListWorkloadsRequest = new RequestType0<WorkloadSummary[], void>('meshlens/listWorkloads');
export const RenderChainRequest = new RequestType<RenderChainParams, RenderChainResponse, void>('meshlens/renderChain');
export const EffectiveSettingsRequest = new RequestType<EffectiveSettingsParams, EffectiveSettings, void>(
  'meshlens/effectiveSettings',
);

export interface UpgradeCheckParams {
  /** The version to compare against; the current one is the workspace's (setting or .meshlens.yaml). */
  to: string;
  from?: string;
}

export interface UpgradeCheckFinding {
  uri: string;
  range: Range;
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
  resource: { kind: string; namespace: string; name: string } | null;
  patchIndex: number | null;
  workloads: string[];
}

export interface UpgradeCheckResult {
  from: string;
  to: string;
  findings: UpgradeCheckFinding[];
}

export const UpgradeCheckRequest = new RequestType<UpgradeCheckParams, UpgradeCheckResult, void>(
  'meshlens/upgradeCheck',
);

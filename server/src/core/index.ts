// The pure core's public surface, used by the language server, the CLI and the tests.
export { analyzeFile, DocumentResultCache } from './analyzeFile';
export type { FileAnalysis, AnalyzedDocument } from './analyzeFile';
export { analyzeDocument } from './analyzeDocument';
export type { AnalysisOptions, ResourceIdentity } from './analyzeDocument';
export { allCodes, codeInfo } from './diagnostics/codes';
export type { Finding } from './diagnostics/finding';
export { LineIndex } from './text/lineIndex';
export { KNOWN_VERSIONS, NEWEST_VERSION, normalizeVersion } from './versions/istioVersions';
export { describeField } from './hover/describeField';
export { pathAtOffset } from './yaml/pathAt';
export { splitDocuments } from './yaml/splitDocuments';
export { getSchemaForIstio } from './schema/schemaStore';
export { knownKinds } from './resources/kinds';
export { sniffIdentity } from './resources/sniffIdentity';
export { Workspace } from './workspace/workspace';
export type { ResourceRecord } from './workspace/workspace';
export { parseMeshConfigFile, defaultMeshConfig } from './workspace/meshConfig';
export type { MeshConfigInfo } from './workspace/meshConfig';
export {
  fileFindings,
  workspaceFindings,
  ownFindings,
  fileFindingsCarriedOver,
  workspaceFindingsByDocument,
} from './workspaceChecks/registry';
export type { CarriedFindings } from './workspaceChecks/registry';
export { quickFixesFor } from './fixes/quickFixes';
export type { QuickFix } from './fixes/quickFixes';
export { applyEdits } from './fixes/textEdit';
export type { TextEdit } from './fixes/textEdit';
export { documentIndexAt } from './suppression';
export { renderChain, listWorkloads, workloadTelemetry, workloadsSelectedBy, ChainError } from './chain/renderChain';
export type { WorkloadSummary } from './chain/renderChain';
export type { ChainResult, RenderedFilter, PatchOutcome, Direction, Origin } from './chain/types';
export type { EffectiveTelemetry } from './telemetry/effectiveTelemetry';
export { luaCompletions, luaHover, luaSignature } from './lua/luaAssist';
export { valueOffsetAt } from './yaml/scalarText';
export type { LuaRegion } from './lua/luaRegions';
export { indentPath, skeleton } from './yaml/indentPath';
export { envoyNodeAt, envoyHoverMarkdown, envoyFieldCompletions, envoyValueCompletions } from './envoy/envoyAssist';
export {
  parseProjectConfig,
  projectConfigSchema,
  applyRules,
  PROJECT_CONFIG_NAME,
  RULE_LEVELS,
} from './project/projectConfig';
export type { ProjectConfig, RuleLevel } from './project/projectConfig';
export { ProjectConfigResolver } from './project/configResolver';
export { parseSlice, locateNearest, rangeOf, rangeAt } from './yaml/parseSlice';
export { upgradeCheck } from './upgrade/upgradeCheck';
export type { UpgradeFinding, UpgradeInput } from './upgrade/upgradeCheck';
export { renderProxyConfig, cachedProxyConfig } from './proxyConfig/renderProxyConfig';
export type {
  ProxyConfig,
  ListenerView,
  FilterChainView,
  ClusterView,
  RouteConfigurationView,
  VirtualHostView,
  ConfigPatchOutcome,
} from './proxyConfig/types';
export { configPatches as configPatchesOf } from './resources/configPatches';
export { formatMessage, messageTemplate, placeholders } from './diagnostics/messages';

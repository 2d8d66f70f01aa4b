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

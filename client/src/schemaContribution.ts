// What Meshlens answers Red Hat's YAML server for a file: an empty schema where Meshlens owns the file, else nothing.
// No VS Code imports: the LSP tests drive the real yaml-language-server with this same function.
export const EMPTY_SCHEMA_URI = 'meshlens://schemas/owned-by-meshlens.json';
export const EMPTY_SCHEMA = JSON.stringify({
  $comment: 'Meshlens provides completion, hover and validation for this file.',
});

const OUR_KINDS = /^kind:[ \t]*["']?(?:EnvoyFilter|Telemetry|WasmPlugin|TrafficExtension)["']?[ \t]*(?:#.*)?$/m;
const OUR_GROUPS = /^apiVersion:[ \t]*["']?(?:networking|telemetry|extensions)\.istio\.io\//m;

export function schemaUriFor(text: string): string | undefined {
  return OUR_KINDS.test(text) && OUR_GROUPS.test(text) ? EMPTY_SCHEMA_URI : undefined;
}

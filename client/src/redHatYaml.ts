// Living next to Red Hat's YAML extension (redhat.vscode-yaml). Without care, a user who maps Kubernetes schemas for
// their manifests gets two sets of completions and diagnostics on our kinds. Through Red Hat's public contributor API
// we answer its schema request for files that hold one of our kinds with an empty schema, so its schema features go
// quiet there while Meshlens serves them; it keeps formatting, outline and syntax errors, which Meshlens then does not
// repeat (see extension.ts).
import * as vscode from 'vscode';
import { schemaUriFor, EMPTY_SCHEMA_URI, EMPTY_SCHEMA } from './schemaContribution';

const RED_HAT_YAML = 'redhat.vscode-yaml';

interface RedHatYamlApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => string | undefined,
  ): boolean;
}

let active = false;

export function isRedHatYamlActive(): boolean {
  return active;
}

export async function coexistWithRedHatYaml(context: vscode.ExtensionContext): Promise<void> {
  const register = async () => {
    const extension = vscode.extensions.getExtension<RedHatYamlApi>(RED_HAT_YAML);
    if (!extension || active) return;
    try {
      const api = await extension.activate();
      if (!api?.registerContributor) return;
      api.registerContributor(
        'meshlens',
        (resource) => {
          const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === resource);
          return document ? schemaUriFor(document.getText()) : undefined;
        },
        (uri) => (uri === EMPTY_SCHEMA_URI ? EMPTY_SCHEMA : undefined),
      );
      active = true;
    } catch (e) {
      console.warn(`Meshlens: could not register with ${RED_HAT_YAML}: ${(e as Error).message}`);
    }
  };
  await register();
  // Installed or enabled later in the session.
  context.subscriptions.push(vscode.extensions.onDidChange(() => void register()));
}

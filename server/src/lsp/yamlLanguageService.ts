// yaml-language-server as a library, fed one `---` document at a time with the schema of its kind and the target
// Istio version. Completion works on the single document, so its cost does not grow with the file.
import type { LanguageService } from 'yaml-language-server';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Position } from 'vscode-languageserver';
import { getSchemaForIstio, projectConfigSchema } from '../core';

const SCHEME = 'meshlens-doc';

export class EmbeddedYamlService {
  private loading?: Promise<LanguageService>;
  private serial = 0;

  /**
   * yaml-language-server is loaded on the first completion, not at start: loading it compiles its meta-schemas and
   * holds its modules, which opening a file and its diagnostics never need (README, "Performance").
   */
  private service(): Promise<LanguageService> {
    this.loading ??= import('yaml-language-server').then(({ getLanguageService }) => this.create(getLanguageService));
    return this.loading;
  }

  private create(getLanguageService: typeof import('yaml-language-server').getLanguageService): LanguageService {
    const service = getLanguageService({
      schemaRequestService: async (uri) => {
        if (uri === 'meshlens://schemas/project') return JSON.stringify(projectConfigSchema());
        const m = /^meshlens:\/\/schemas\/(\w+)\/(\w+)\/([\d.]+)$/.exec(uri);
        const schema = m && getSchemaForIstio(m[1], m[2], m[3]);
        if (!schema) throw new Error(`unknown schema ${uri}`);
        return JSON.stringify(schema);
      },
      workspaceContext: { resolveRelativePath: (relative) => relative },
    });
    service.configure({
      validate: false,
      hover: false,
      completion: true,
      format: false,
      isKubernetes: false,
      schemas: [],
    });
    service.registerCustomSchemaProvider(async (uri) => {
      if (uri.startsWith(`${SCHEME}:///project/`)) return 'meshlens://schemas/project';
      const m = new RegExp(`^${SCHEME}:///(\\w+)/(\\w+)/([\\d.]+)/`).exec(uri);
      return m ? `meshlens://schemas/${m[1]}/${m[2]}/${m[3]}` : [];
    });
    return service;
  }

  /**
   * Completion inside one document of a known kind; `line` is relative to the document's first line. `cacheKey`
   * names the document (file and position in it) and `textVersion` its text, so that yaml-language-server's parse
   * cache is reused while the text is the same.
   */
  async complete(
    docText: string,
    kind: string,
    version: string,
    istioVersion: string,
    position: Position,
    cacheKey?: string,
    textVersion = 1,
  ): Promise<CompletionList> {
    const id = cacheKey ? encodeURIComponent(cacheKey) : String(++this.serial);
    const uri = `${SCHEME}:///${kind}/${version}/${istioVersion}/${id}.yaml`;
    const document = TextDocument.create(uri, 'yaml', textVersion, docText);
    return (await this.service()).doComplete(document, position, false);
  }

  /** Completion in a whole file against one of Meshlens's own schemas (`project`: `.meshlens.yaml`). */
  async completeWithSchema(
    text: string,
    schema: 'project',
    position: Position,
    cacheKey: string,
    textVersion: number,
  ): Promise<CompletionList> {
    const document = TextDocument.create(
      `${SCHEME}:///${schema}/${encodeURIComponent(cacheKey)}.yaml`,
      'yaml',
      textVersion,
      text,
    );
    return (await this.service()).doComplete(document, position, false);
  }
}

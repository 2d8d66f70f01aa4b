// `.meshlens.yaml` files: their problems as diagnostics (bad keys, codes, levels, a meshConfig file that is not
// there) and completion from the project configuration's JSON Schema.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseProjectConfig, rangeAt, parseSlice } from '../../core';
import type { LanguageMode } from './languageModes';
import { toDiagnostic } from '../convert';
import { uriToPath } from '../workspaceIndexer';
import type { EmbeddedYamlService } from '../yamlLanguageService';
import { isProjectFile } from '../projectFiles';

export function createProjectFileMode(
  yaml: EmbeddedYamlService,
): LanguageMode & { covers(document: TextDocument): boolean } {
  return {
    id: 'meshlens-project-file',
    covers: (document) => isProjectFile(document.uri),
    doValidation(document) {
      if (!isProjectFile(document.uri)) return [];
      const path = uriToPath(document.uri) ?? document.uri;
      const text = document.getText();
      const config = parseProjectConfig(text, path);
      const findings = [...config.findings];
      if (config.meshConfig && uriToPath(document.uri) && !existsSync(join(dirname(path), config.meshConfig))) {
        const [start, end] = rangeAt(parseSlice(text), ['meshConfig'], 'value') ?? [0, 1];
        findings.push({
          code: 'ML0007',
          severity: 'error',
          message: `meshConfig: ${config.meshConfig} does not exist (relative to this file).`,
          start,
          end,
        });
      }
      return findings.map((f) => toDiagnostic(document, f));
    },
    async doComplete(document, position) {
      return yaml.completeWithSchema(document.getText(), 'project', position, document.uri, document.version);
    },
    onDocumentRemoved() {},
  };
}

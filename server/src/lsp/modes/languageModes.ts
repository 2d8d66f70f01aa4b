// A document is a set of regions (the YAML host, and later embedded languages); each region kind has a mode with the
// same interface, and each request goes to the mode at the cursor. Adding a language is adding a mode.
import type { CompletionList, Diagnostic, Hover, Position, CodeAction, CodeActionContext, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { MeshlensSettings } from '../settings';

export interface LanguageMode {
  readonly id: string;
  doValidation?(document: TextDocument, settings: MeshlensSettings): Diagnostic[];
  doComplete?(document: TextDocument, position: Position, settings: MeshlensSettings): Promise<CompletionList | null>;
  doHover?(document: TextDocument, position: Position, settings: MeshlensSettings): Hover | null;
  getCodeActions?(document: TextDocument, range: Range, context: CodeActionContext, settings: MeshlensSettings): CodeAction[];
  onDocumentRemoved(uri: string): void;
}

export interface LanguageModes {
  getModeAtPosition(document: TextDocument, position: Position): LanguageMode | undefined;
  getAllModes(): LanguageMode[];
  onDocumentRemoved(uri: string): void;
}

export function createLanguageModes(host: LanguageMode, embedded: Array<{ mode: LanguageMode; covers(document: TextDocument, position: Position): boolean }> = []): LanguageModes {
  return {
    getModeAtPosition(document, position) {
      return embedded.find((e) => e.covers(document, position))?.mode ?? host;
    },
    getAllModes() {
      return [host, ...embedded.map((e) => e.mode)];
    },
    onDocumentRemoved(uri) {
      for (const m of this.getAllModes()) m.onDocumentRemoved(uri);
    },
  };
}

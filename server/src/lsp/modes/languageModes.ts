// A document is a set of regions: the YAML host, Envoy values inside EnvoyFilter patches and embedded Lua, computed
// once per document version (documentRegions.ts). Each region kind has a mode with the same interface, and each
// request goes to the mode of the innermost region at the cursor. Adding an embedded language is adding a mode.
import type {
  CompletionList,
  Diagnostic,
  Hover,
  Position,
  CodeAction,
  CodeActionContext,
  Range,
  SignatureHelp,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { MeshlensSettings } from '../settings';
import type { DocumentRegions, RegionKind } from './documentRegions';
import type { FindingScope } from '../validation';

export interface LanguageMode {
  readonly id: string;
  doValidation?(document: TextDocument, settings: MeshlensSettings, scope?: FindingScope): Diagnostic[];
  doComplete?(document: TextDocument, position: Position, settings: MeshlensSettings): Promise<CompletionList | null>;
  doHover?(document: TextDocument, position: Position, settings: MeshlensSettings): Hover | null;
  doSignatureHelp?(document: TextDocument, position: Position, settings: MeshlensSettings): SignatureHelp | null;
  getCodeActions?(
    document: TextDocument,
    range: Range,
    context: CodeActionContext,
    settings: MeshlensSettings,
  ): CodeAction[];
  onDocumentRemoved(uri: string): void;
}

export interface LanguageModes {
  getModeAtPosition(document: TextDocument, position: Position): LanguageMode | undefined;
  getAllModes(): LanguageMode[];
  onDocumentRemoved(uri: string): void;
}

/** `fileModes` own whole files (`.meshlens.yaml`); `byRegion` the embedded regions; `host` the rest. */
export function createLanguageModes(
  regions: DocumentRegions,
  host: LanguageMode,
  byRegion: Record<RegionKind, LanguageMode>,
  fileModes: Array<LanguageMode & { covers(document: TextDocument): boolean }> = [],
): LanguageModes {
  const all = [host, ...Object.values(byRegion), ...fileModes];
  return {
    getModeAtPosition(document, position) {
      const whole = fileModes.find((m) => m.covers(document));
      if (whole) return whole;
      const region = regions.regionAt(document, document.offsetAt(position));
      return (region && byRegion[region.kind]) ?? host;
    },
    getAllModes() {
      return all;
    },
    onDocumentRemoved(uri) {
      regions.onDocumentRemoved(uri);
      for (const m of all) m.onDocumentRemoved(uri);
    },
  };
}

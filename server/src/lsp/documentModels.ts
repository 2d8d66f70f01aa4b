// The analysed model of each open YAML file, computed once per document version and shared by every feature.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentResultCache, FileAnalysis } from '../core';
import { createLanguageModelCache } from './languageModelCache';
import type { MeshlensSettings } from './settings';

export interface FileModel {
  analysis: FileAnalysis;
  cache: DocumentResultCache;
}

export class DocumentModels {
  private settings: MeshlensSettings;
  private readonly models = createLanguageModelCache<FileModel>(64, (document, previous) => {
    // Reuse the per-`---`-document results of the previous version: only changed documents are analysed again.
    const cache = previous?.cache ?? new DocumentResultCache();
    return { cache, analysis: cache.analyze(document.getText(), { istioVersion: this.settings.istioVersion }) };
  });

  constructor(settings: MeshlensSettings) {
    this.settings = settings;
  }

  updateSettings(settings: MeshlensSettings): void {
    this.settings = settings;
    this.models.clear();
  }

  get(document: TextDocument): FileModel {
    return this.models.get(document);
  }

  onDocumentRemoved(uri: string): void {
    this.models.onDocumentRemoved(uri);
  }
}

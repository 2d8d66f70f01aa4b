// The analysed model of every YAML file the server knows: open documents (their current text) and, for the
// cross-resource checks, the workspace's files on disk. Each `---` document is analysed once per text.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentResultCache, FileAnalysis, Workspace, fileFindings, Finding } from '../core';
import type { MeshlensSettings } from './settings';

export class DocumentModels {
  readonly workspace = new Workspace();
  private settings: MeshlensSettings;
  private readonly caches = new Map<string, DocumentResultCache>();
  private readonly versions = new Map<string, number>();

  constructor(settings: MeshlensSettings) {
    this.settings = settings;
    this.workspace.istioVersion = settings.istioVersion;
  }

  updateSettings(settings: MeshlensSettings, reread: (uri: string) => string | undefined): void {
    this.settings = settings;
    this.workspace.istioVersion = settings.istioVersion;
    this.caches.clear();
    this.versions.clear();
    for (const uri of this.workspace.uris()) {
      const text = reread(uri);
      if (text === undefined) this.workspace.deleteFile(uri);
      else this.setText(uri, text);
    }
  }

  /** The analysis of an open document at its current version. */
  get(document: TextDocument): FileAnalysis {
    if (this.versions.get(document.uri) !== document.version || !this.workspace.hasFile(document.uri)) {
      this.setText(document.uri, document.getText());
      this.versions.set(document.uri, document.version);
    }
    return this.workspace.fileAnalysis(document.uri)!;
  }

  /** Analyses an open document's changed parts in small slices, so other files' requests are answered meanwhile. */
  async prepare(document: TextDocument): Promise<void> {
    if (this.versions.get(document.uri) === document.version && this.workspace.hasFile(document.uri)) return;
    await this.cacheFor(document.uri).warm(document.getText(), { istioVersion: this.settings.istioVersion });
  }

  /** Everything to report for an open document, including the workspace checks. */
  findings(document: TextDocument): Finding[] {
    this.get(document);
    return fileFindings(this.workspace, document.uri);
  }

  /** A file's text from disk (indexing, or a closed document going back to its saved text). */
  setText(uri: string, text: string): void {
    this.versions.delete(uri);
    this.workspace.setFile(uri, this.cacheFor(uri).analyze(text, { istioVersion: this.settings.istioVersion }));
  }

  private cacheFor(uri: string): DocumentResultCache {
    let cache = this.caches.get(uri);
    if (!cache) this.caches.set(uri, (cache = new DocumentResultCache()));
    return cache;
  }

  remove(uri: string): void {
    this.caches.delete(uri);
    this.versions.delete(uri);
    this.workspace.deleteFile(uri);
  }
}

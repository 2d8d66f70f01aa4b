// The analysed model of every YAML file the server knows: open documents (their current text) and, for the
// cross-resource checks, the workspace's files on disk. Each `---` document is analysed once per text, with the
// Istio version that applies to its file (a `.meshlens.yaml` above it, else the setting).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DocumentResultCache,
  FileAnalysis,
  Workspace,
  fileFindings,
  ownFindings,
  fileFindingsCarriedOver,
  workspaceFindingsByDocument,
  CarriedFindings,
  Finding,
  applyRules,
} from '../core';
import type { MeshlensSettings } from './settings';
import { ProjectFiles, isProjectFile } from './projectFiles';

const EMPTY: FileAnalysis = { documents: [], findings: [] };

export class DocumentModels {
  readonly workspace = new Workspace();
  readonly projects: ProjectFiles;
  private settings: MeshlensSettings;
  private readonly caches = new Map<string, DocumentResultCache>();
  private readonly versions = new Map<string, number>();
  /** Open documents are analysed fully; the rest of the workspace only as deep as cross-resource checks need. */
  private readonly open = new Set<string>();
  /** False while the workspace is being indexed: open documents then show their own findings only. */
  workspaceReady = false;

  constructor(settings: MeshlensSettings, readText: (path: string) => string | undefined = () => undefined) {
    this.settings = settings;
    this.projects = new ProjectFiles(readText);
    this.workspace.istioVersion = settings.istioVersion;
  }

  /** Settings or `.meshlens.yaml` files changed: everything is analysed again with what now applies. */
  updateSettings(settings: MeshlensSettings, reread: (uri: string) => string | undefined): void {
    this.settings = settings;
    this.projects.invalidate();
    this.workspace.istioVersion = this.projects.effective(undefined, settings).istioVersion;
    this.caches.clear();
    this.versions.clear();
    for (const uri of this.workspace.uris()) {
      const text = reread(uri);
      if (text === undefined) this.workspace.deleteFile(uri);
      else this.setText(uri, text, this.open.has(uri) ? 'full' : 'index');
    }
  }

  /** The settings for one document (its `.meshlens.yaml` over the VS Code settings). */
  settingsFor(uri: string | undefined): ReturnType<ProjectFiles['effective']> {
    return this.projects.effective(uri, this.settings);
  }

  /** The analysis of an open document at its current version. */
  get(document: TextDocument): FileAnalysis {
    if (
      this.versions.get(document.uri) !== document.version ||
      !this.workspace.hasFile(document.uri) ||
      !this.open.has(document.uri)
    ) {
      this.open.add(document.uri);
      this.setText(document.uri, document.getText(), 'full');
      this.versions.set(document.uri, document.version);
    }
    return this.workspace.fileAnalysis(document.uri) ?? EMPTY;
  }

  /** Analyses an open document's changed parts in small slices, so other files' requests are answered meanwhile. */
  async prepare(document: TextDocument): Promise<void> {
    if (this.versions.get(document.uri) === document.version && this.workspace.hasFile(document.uri)) return;
    if (this.excluded(document.uri)) return;
    await this.cacheFor(document.uri).warm(document.getText(), {
      istioVersion: this.settingsFor(document.uri).istioVersion,
      depth: 'full',
    });
  }

  /**
   * Reads a file of the workspace (from disk) in slices: `between` runs at each pause, may wait while open documents
   * are validated, and answers false when the file no longer needs indexing (it was opened meanwhile).
   */
  async index(uri: string, text: string, between: () => Promise<boolean>): Promise<void> {
    if (this.excluded(uri)) return;
    const options = { istioVersion: this.settingsFor(uri).istioVersion, depth: 'index' as const };
    if (await this.cacheFor(uri).warm(text, options, 8, between)) this.setText(uri, text);
  }

  /** Everything to report for an open document, including the workspace checks, with the rules that apply to it. */
  /**
   * What to report for an open document, with the rules that apply to it. `all`: its own findings and the workspace
   * checks'; `quick`: its own findings, with the workspace checks' from the last `all` carried over for its unchanged
   * documents (shown while the checks run again after an edit).
   */
  findings(document: TextDocument, scope: 'quick' | 'all' = 'all'): Finding[] {
    if (this.excluded(document.uri)) return [];
    this.get(document);
    let findings: Finding[];
    if (!this.workspaceReady) findings = ownFindings(this.workspace, document.uri);
    else if (scope === 'quick')
      findings = fileFindingsCarriedOver(this.workspace, document.uri, this.carried.get(document.uri) ?? new Map());
    else {
      findings = fileFindings(this.workspace, document.uri);
      this.carried.set(document.uri, workspaceFindingsByDocument(this.workspace, document.uri));
    }
    return applyRules(findings, this.settingsFor(document.uri).rules);
  }

  /** The workspace checks' findings of each open document at its last complete publish. */
  private readonly carried = new Map<string, CarriedFindings>();

  /** `.meshlens.yaml` files are not manifests, and `ignore` globs take files out of Meshlens's view. */
  private excluded(uri: string): boolean {
    return isProjectFile(uri) || this.projects.ignored(uri);
  }

  /**
   * A file's text: from disk (indexing, or a closed document going back to its saved text), analysed at `index`
   * depth, or an open document's, analysed fully.
   */
  setText(uri: string, text: string, depth: 'full' | 'index' = 'index'): void {
    this.versions.delete(uri);
    if (this.excluded(uri)) {
      this.workspace.deleteFile(uri);
      return;
    }
    this.workspace.setFile(
      uri,
      this.cacheFor(uri).analyze(text, { istioVersion: this.settingsFor(uri).istioVersion, depth }),
    );
  }

  private cacheFor(uri: string): DocumentResultCache {
    let cache = this.caches.get(uri);
    if (!cache) this.caches.set(uri, (cache = new DocumentResultCache()));
    return cache;
  }

  /** An open document was closed: from now on it is a file of the workspace like the others. */
  closed(uri: string): void {
    this.open.delete(uri);
  }

  remove(uri: string): void {
    this.open.delete(uri);
    this.caches.delete(uri);
    this.versions.delete(uri);
    this.workspace.deleteFile(uri);
  }
}

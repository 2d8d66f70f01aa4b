// Analyses a whole YAML file document by document, reusing the results of documents whose text did not change.
import { splitDocuments, DocumentSlice } from './yaml/splitDocuments';
import { analyzeDocument, AnalysisOptions, DocumentAnalysis } from './analyzeDocument';
import type { Finding } from './diagnostics/finding';

export interface AnalyzedDocument extends DocumentAnalysis {
  slice: DocumentSlice;
  text: string;
}

export interface FileAnalysis {
  documents: AnalyzedDocument[];
  /** Every finding of every document, with offsets into the file. */
  findings: Finding[];
}

/**
 * Remembers the analysis of each document text of one file, so that an edit in one of a thousand resources
 * re-analyses that one only. Holds the documents of the latest version only.
 */
export class DocumentResultCache {
  private entries = new Map<string, DocumentAnalysis>();
  private optionsKey = '';
  /** How many documents the latest `analyze` call had to analyse afresh (the rest came from the cache). */
  lastAnalyzedCount = 0;

  /** Results computed ahead by `warm`, for the next `analyze`. */
  private warmed = new Map<string, DocumentAnalysis>();

  private checkOptions(options: AnalysisOptions): void {
    const key = JSON.stringify(options);
    if (key !== this.optionsKey) {
      this.entries.clear();
      this.warmed.clear();
      this.optionsKey = key;
    }
  }

  /**
   * Analyses the documents `analyze` would need in slices of about `sliceMs`, yielding to the event loop in between,
   * so that a server stays responsive to requests on other files while a large file is checked. `between` runs at
   * each pause and may wait; when it answers false the caller no longer needs the results and warming stops there.
   * Answers whether every document was analysed.
   */
  async warm(
    text: string,
    options: AnalysisOptions,
    sliceMs = 8,
    between: () => Promise<boolean> = yieldToEventLoop,
  ): Promise<boolean> {
    this.checkOptions(options);
    let sliceStart = Date.now();
    for (const slice of splitDocuments(text)) {
      const docText = text.slice(slice.start, slice.end);
      if (!this.entries.has(docText) && !this.warmed.has(docText))
        this.warmed.set(docText, analyzeDocument(docText, options));
      if (Date.now() - sliceStart > sliceMs) {
        if (!(await between())) return false;
        if (JSON.stringify(options) !== this.optionsKey) return false;
        sliceStart = Date.now();
      }
    }
    return true;
  }

  analyze(text: string, options: AnalysisOptions): FileAnalysis {
    this.checkOptions(options);
    const next = new Map<string, DocumentAnalysis>();
    this.lastAnalyzedCount = 0;
    const result = analyzeFileWith(text, options, (docText) => {
      let analysis = this.entries.get(docText) ?? this.warmed.get(docText) ?? next.get(docText);
      if (!analysis) {
        analysis = analyzeDocument(docText, options);
        this.lastAnalyzedCount++;
      }
      next.set(docText, analysis);
      return analysis;
    });
    this.entries = next;
    this.warmed.clear();
    return result;
  }
}

/** The default pause between slices of `warm`: let the event loop answer what has arrived, then go on. */
async function yieldToEventLoop(): Promise<boolean> {
  await new Promise((resolve) => setImmediate(resolve));
  return true;
}

export function analyzeFile(text: string, options: AnalysisOptions): FileAnalysis {
  return analyzeFileWith(text, options, (docText) => analyzeDocument(docText, options));
}

function analyzeFileWith(
  text: string,
  options: AnalysisOptions,
  analyzeOne: (docText: string) => DocumentAnalysis,
): FileAnalysis {
  const documents: AnalyzedDocument[] = [];
  const findings: Finding[] = [];
  for (const slice of splitDocuments(text)) {
    const docText = text.slice(slice.start, slice.end);
    const analysis = analyzeOne(docText);
    documents.push({ ...analysis, slice, text: docText });
    for (const f of analysis.findings) findings.push({ ...f, start: f.start + slice.start, end: f.end + slice.start });
  }
  void options;
  return { documents, findings };
}

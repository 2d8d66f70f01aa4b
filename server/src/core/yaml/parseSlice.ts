import { parseAllDocuments, Document, isMap, isSeq, isScalar, isPair, Node, YAMLError } from 'yaml';
import { formatMessage } from '../diagnostics/messages';
import type { Finding } from '../diagnostics/finding';
import { codeInfo } from '../diagnostics/codes';
import { fastParse } from './fastParse';
import type { YamlTree } from './locate';

export { locate, locateNearest, findPair, rangeOf, rangeAt } from './locate';
export type { PathSegment, YamlTree, Located } from './locate';

/** Documents over this size are syntax-checked only (README: "Limits"). */
export const MAX_ANALYSED_DOCUMENT_CHARS = 5_000_000;
/** Nesting deeper than this is syntax-checked only. */
export const MAX_NESTING_DEPTH = 500;

export interface ParsedSlice {
  /**
   * The parsed YAML document (the `yaml` library's, for edits, hover and completion); offsets in its nodes are
   * relative to the slice start. Where the fast reader read the document, it is parsed on first use.
   */
  readonly doc: Document.Parsed | undefined;
  /** The nodes to locate findings with: `doc`, or the fast reader's nodes (scalar offsets exact, see rangeAt). */
  readonly tree: YamlTree | undefined;
  /** True when `tree` comes from the fast reader. */
  readonly fast?: boolean;
  /** The document as plain data, or undefined when it could not be built. */
  value: unknown;
  /** Syntax and limit problems, with offsets relative to the slice start. */
  findings: Finding[];
  /** False when the document is too large or too deep for schema and Istio checks. */
  analysable: boolean;
}

export function parseSlice(text: string): ParsedSlice {
  // An empty document (a document left out of the index is one, with as many lines as it had): nothing to read.
  if (BLANK.test(text)) return text.startsWith('---') ? new FastSlice(text, null, null) : unparsed([]); // no document
  // Most documents are plain block YAML, which the fast reader takes in one pass; the rest go to the library.
  const fast = text.length <= MAX_ANALYSED_DOCUMENT_CHARS ? fastParse(text) : undefined;
  if (fast) return new FastSlice(text, fast.contents, fast.value);
  const run = text.length <= MAX_ANALYSED_DOCUMENT_CHARS ? openerRun(text) : -1;
  if (run >= 0) {
    const count = String(OPENER_RUN).replace(/\B(?=(\d{3})+$)/g, ',');
    const message = formatMessage('ML0003', { count, depth: MAX_NESTING_DEPTH }, 'openerRun');
    return unparsed([finding('ML0003', message, run, run + 1)]);
  }
  return libraryParse(text);
}

/** Whitespace, after at most a `---` line with nothing but a comment on it. */
const BLANK = /^(?:---[ \t]*(?:#[^\n]*)?(?:\r?\n|$))?[ \t\r\n]*$/;

/**
 * A run of this many `[` or `{` (spaces and line breaks between them aside) nests past the limit in any flow
 * collection. The library is not given such text: 5,000 of them, 10 KB, cost it 32 MB and 100 ms to parse into a tree
 * that would only be found too deep.
 */
const OPENER_RUN = 1000; // twice MAX_NESTING_DEPTH

/** Where the first run of OPENER_RUN openers starts, or -1. */
function openerRun(text: string): number {
  let run = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (run++ === 0) start = i;
      if (run >= OPENER_RUN) return start;
    } else if (c !== 32 && c !== 10 && c !== 13 && c !== 9) run = 0;
  }
  return -1;
}

/**
 * A document the fast reader read: the library parses it only when something asks for `doc`. Its nodes are dropped
 * once the document is analysed (`releaseTree`) and read again if something locates a path later: kept, the nodes of
 * 1,000 open resources held 5 MB and every young-generation collection of the analysis copied them.
 */
class FastSlice implements ParsedSlice {
  readonly findings: Finding[] = [];
  readonly analysable = true;
  readonly fast = true;
  private nodes?: YamlTree;
  private parsed?: Document.Parsed;

  constructor(
    private readonly text: string,
    contents: unknown,
    readonly value: unknown,
  ) {
    this.nodes = { contents };
  }

  get tree(): YamlTree {
    this.nodes ??= { contents: fastParse(this.text)?.contents ?? null };
    return this.nodes;
  }

  get doc(): Document.Parsed | undefined {
    this.parsed ??= libraryParse(this.text).doc;
    return this.parsed;
  }

  release(): void {
    this.nodes = undefined;
  }
}

/** A document with no tree or value to check, only these findings. */
function unparsed(findings: Finding[]): ParsedSlice {
  return { doc: undefined, tree: undefined, value: undefined, findings, analysable: false };
}

/** Drops the fast reader's nodes of an analysed document (they are read again on demand). */
export function releaseTree(parsed: ParsedSlice): void {
  if (parsed instanceof FastSlice) parsed.release();
}

/** The slice without its nodes (files nobody has open keep only their data). */
export function withoutTree(parsed: ParsedSlice): ParsedSlice {
  return {
    doc: undefined,
    tree: undefined,
    value: parsed.value,
    findings: parsed.findings,
    analysable: parsed.analysable,
  };
}

function libraryParse(text: string): ParsedSlice {
  const findings: Finding[] = [];
  if (text.length > MAX_ANALYSED_DOCUMENT_CHARS) {
    // Parsing such a document takes seconds and hundreds of MB for a tree nobody uses: hover and completion work
    // from indentation there. The limit is documented and said on the document's first line.
    findings.push(
      finding(
        'ML0003',
        formatMessage(
          'ML0003',
          { size: (text.length / 1e6).toFixed(1), limit: MAX_ANALYSED_DOCUMENT_CHARS / 1e6 },
          'tooLarge',
        ),
        0,
        firstLineEnd(text),
      ),
    );
    return unparsed(findings);
  }
  let docs: Document.Parsed[];
  try {
    // merge: Kubernetes' YAML reader (go-yaml) honours `<<` merge keys.
    // uniqueKeys off: the library's check is quadratic in a map's size (minutes on a 5 MB map); we check in one pass.
    docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, merge: true }) as Document.Parsed[];
  } catch (e) {
    findings.push(
      finding(
        'ML0001',
        formatMessage('ML0001', { error: (e as Error).message }, 'unparsable'),
        0,
        Math.min(text.length, 1),
      ),
    );
    return unparsed(findings);
  }
  if (!Array.isArray(docs)) docs = []; // an empty stream yields an EmptyStream object
  const doc = docs.find((d) => d.contents !== null) ?? docs[0];
  for (const d of docs) {
    for (const err of [...d.errors, ...d.warnings]) findings.push(fromYamlError(err, text, d.errors.includes(err)));
  }
  if (!doc || doc.errors.length > 0) return { doc, tree: doc, value: undefined, findings, analysable: false };
  const duplicates = duplicateKeys(doc.contents);
  for (const key of duplicates)
    findings.push(
      finding(
        'ML0002',
        formatMessage('ML0002', { key: String(isScalar(key) ? key.value : key) }, 'again'),
        key.range![0],
        key.range![1],
      ),
    );
  if (duplicates.length) return { doc, tree: doc, value: undefined, findings, analysable: false };

  const depth = nestingDepth(doc.contents);
  if (depth.tooDeep) {
    findings.push(
      finding('ML0003', formatMessage('ML0003', { depth: MAX_NESTING_DEPTH }, 'tooDeep'), depth.at, depth.at + 1),
    );
    return { doc, tree: doc, value: undefined, findings, analysable: false };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    findings.push(
      finding('ML0003', formatMessage('ML0003', { error: (e as Error).message }, 'notExpanded'), 0, firstLineEnd(text)),
    );
    return { doc, tree: doc, value: undefined, findings, analysable: false };
  }
  return { doc, tree: doc, value, findings, analysable: true };
}

function fromYamlError(err: YAMLError, text: string, isError: boolean): Finding {
  const [start, end] = err.pos;
  let code = err.code === 'DUPLICATE_KEY' ? 'ML0002' : 'ML0001';
  const error = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  let message = formatMessage(code, { error }, 'syntax');
  if (/call stack/i.test(error)) {
    // The YAML library recurses per nesting level and gives up on pathological depth; that is a limit, not a typo.
    code = 'ML0003';
    message = formatMessage('ML0003', { depth: MAX_NESTING_DEPTH }, 'tooDeepToParse');
  }
  if (err.code === 'TAB_AS_INDENT') message = formatMessage('ML0001', {}, 'tabs');
  const f = finding(code, message, start, Math.max(end, Math.min(start + 1, text.length)));
  if (!isError && code === 'ML0001') f.severity = 'warning';
  return f;
}

function finding(code: string, message: string, start: number, end: number): Finding {
  return { code, severity: codeInfo(code).severity, message, start, end };
}

function firstLineEnd(text: string): number {
  const nl = text.indexOf('\n');
  return nl < 0 ? Math.min(text.length, 200) : nl;
}

/** Keys defined twice in one mapping (the second and later ones), found in one iterative pass. */
function duplicateKeys(root: unknown): Node[] {
  const out: Node[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && key.range) {
          if (key.value === '<<') continue; // merge keys may repeat
          if (seen.has(key.value)) out.push(key);
          seen.add(key.value);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
  return out.sort((a, b) => a.range![0] - b.range![0]);
}

/** Measures nesting without recursion, so that a pathological document cannot overflow the stack. */
function nestingDepth(root: unknown): { tooDeep: boolean; at: number } {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_NESTING_DEPTH) return { tooDeep: true, at: (node as Node)?.range?.[0] ?? 0 };
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          stack.push([item.key, depth + 1]);
          stack.push([item.value, depth + 1]);
        } else stack.push([item, depth + 1]);
      }
    }
  }
  return { tooDeep: false, at: 0 };
}

// The kinds of quick fix, each a function of the finding it repairs. Checks list the ones that repair their codes
// (checks/check.ts `fixes`), so a fix lives beside the check that owns the code.
import { isMap, Node } from 'yaml';
import type { Finding } from '../diagnostics/finding';
import type { AnalyzedDocument } from '../analyzeFile';
import { findPair } from '../yaml/parseSlice';
import { pathAtOffset } from '../yaml/pathAt';
import type { TextEdit } from './textEdit';
import { pairAt, insertKey, removePair, toTargetRefs } from './yamlEdits';

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The fix users most likely want, for "fix all" and for the lightbulb's default. */
  preferred?: boolean;
}

export interface FixContext {
  /** The whole file. */
  text: string;
  document: AnalyzedDocument;
  finding: Finding;
}

export type Fixer = (ctx: FixContext) => QuickFix[];

const tree = (ctx: FixContext) => ctx.document.parsed.doc!;
const base = (ctx: FixContext) => ctx.document.slice.start;

/** "Did you mean": the finding's `replacement`, quoted as the original was. */
export const replaceWithSuggestion: Fixer = ({ text, finding }) => {
  const replacement = finding.data?.replacement;
  if (typeof replacement !== 'string') return [];
  const quote = /^["']/.test(text.slice(finding.start, finding.end)) ? text[finding.start] : '';
  return [
    {
      title: `Change to \`${replacement}\``,
      edits: [{ start: finding.start, end: finding.end, newText: quote + replacement + quote }],
      preferred: true,
    },
  ];
};

/** Sets (or adds) spec.priority, which takes an EnvoyFilter out of the order-dependent case. */
export const setPriority: Fixer = (ctx) => {
  const doc = tree(ctx);
  if (!ctx.finding.data?.setPriority || !doc.contents || !isMap(doc.contents)) return [];
  const spec = findPair(doc.contents, 'spec');
  if (!spec || !isMap(spec.value)) return [];
  const value = findPair(spec.value, 'priority')?.value as Node | undefined;
  const edits = value?.range
    ? [{ start: base(ctx) + value.range[0], end: base(ctx) + value.range[1], newText: '10' }]
    : insertKey(ctx.text, base(ctx), spec.value, 'priority', '10');
  return [{ title: 'Set spec.priority to 10', edits, preferred: true }];
};

/** Adds the missing `value` of a tag override (a CEL expression) or of a patch (an empty mapping). */
export const addValue: Fixer = (ctx) => {
  const at = pathAtOffset(tree(ctx), ctx.finding.start - base(ctx));
  if (!ctx.finding.data?.addValue || !at) return [];
  const pair = pairAt(tree(ctx), at.path);
  if (!pair || !isMap(pair.value)) return [];
  const isTag = ctx.finding.code === 'ML0308';
  return [
    {
      title: isTag ? 'Add a value (a CEL expression)' : 'Add an empty patch value',
      edits: insertKey(ctx.text, base(ctx), pair.value, 'value', isTag ? '"request.host"' : '{}'),
      preferred: true,
    },
  ];
};

/** Removes one of the fields that exclude each other (the marked one, or the other). */
export const removeConflicting: Fixer = (ctx) => {
  const at = pathAtOffset(tree(ctx), ctx.finding.start - base(ctx));
  const conflicting = ctx.finding.data?.conflicting;
  if (!Array.isArray(conflicting) || !at) return [];
  const fixes: QuickFix[] = [];
  const field = String(at.path[at.path.length - 1]);
  const pair = pairAt(tree(ctx), at.path);
  if (pair) fixes.push({ title: `Remove \`${field}\``, edits: [removePair(ctx.text, base(ctx), pair)] });
  const other = (conflicting as string[]).find((f) => f !== field);
  const otherPair = other && pairAt(tree(ctx), ['spec', other]);
  if (otherPair && other)
    fixes.push({ title: `Remove \`${other}\``, edits: [removePair(ctx.text, base(ctx), otherPair)] });
  return fixes;
};

/** The deprecated singular targetRef as a one-item targetRefs list. */
export const targetRefToTargetRefs: Fixer = (ctx) => {
  const doc = tree(ctx);
  if (!doc.contents || !isMap(doc.contents)) return [];
  const spec = findPair(doc.contents, 'spec');
  const targetRef = spec && isMap(spec.value) ? findPair(spec.value, 'targetRef') : undefined;
  const hasRefs = spec && isMap(spec.value) ? findPair(spec.value, 'targetRefs') : undefined;
  if (!targetRef || hasRefs) return [];
  return [
    {
      title: 'Turn targetRef into targetRefs',
      edits: toTargetRefs(ctx.text, base(ctx), targetRef),
      preferred: ctx.finding.code === 'ML0326',
    },
  ];
};

// The Envoy-value mode: inside an EnvoyFilter's `patch.value`, where the CRD says nothing, completion and hover come
// from the JSON Schema of the Envoy message the patch's applyTo implies and of every `@type` below it.
import { CompletionItemKind, CompletionList, MarkupKind, Position, Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  pathAtOffset,
  AnalyzedDocument,
  documentIndexAt,
  indentPath,
  envoyNodeAt,
  envoyHoverMarkdown,
  envoyFieldCompletions,
  envoyValueCompletions,
} from '../../core';
import type { LanguageMode } from './languageModes';
import type { DocumentModels } from '../documentModels';

export function createEnvoyValueMode(models: DocumentModels): LanguageMode {
  const documentAt = (document: TextDocument, offset: number): AnalyzedDocument => {
    const docs = models.get(document).documents;
    return docs[documentIndexAt(docs, offset)];
  };
  return {
    id: 'envoy-value',
    async doComplete(document, position) {
      return envoyCompletions(document, documentAt(document, document.offsetAt(position)), position) ?? null;
    },
    doHover(document, position) {
      const offset = document.offsetAt(position);
      const doc = documentAt(document, offset);
      if (!doc?.parsed.doc) return null;
      const at = pathAtOffset(doc.parsed.doc, offset - doc.slice.start);
      const inValue = at && patchValueContext(doc, at.path as Array<string | number>);
      if (!at || !inValue) return null;
      const node = envoyNodeAt(inValue.applyTo, inValue.value, inValue.rest);
      if (!node) return null;
      const range = at.scalar
        ? Range.create(
            document.positionAt(at.scalar.start + doc.slice.start),
            document.positionAt(at.scalar.end + doc.slice.start),
          )
        : undefined;
      return { contents: { kind: MarkupKind.Markdown, value: envoyHoverMarkdown(node) }, range };
    },
    onDocumentRemoved() {
      /* regions and analyses are cached by the models */
    },
  };
}

/** For a path under spec.configPatches[i].patch.value: the patch's applyTo, its value, and the path below it. */
function patchValueContext(
  doc: AnalyzedDocument,
  path: Array<string | number>,
): { applyTo: string; value: unknown; rest: Array<string | number> } | undefined {
  if (
    path.length < 5 ||
    path[0] !== 'spec' ||
    path[1] !== 'configPatches' ||
    typeof path[2] !== 'number' ||
    path[3] !== 'patch' ||
    path[4] !== 'value'
  )
    return undefined;
  let data: Record<string, unknown> | undefined = doc.value;
  if (!data && doc.parsed.doc) {
    try {
      data = doc.parsed.doc.toJS() as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  const patch = (data?.spec as { configPatches?: Array<Record<string, unknown>> } | undefined)?.configPatches?.[
    path[2]
  ];
  if (!patch || typeof patch.applyTo !== 'string') return undefined;
  return {
    applyTo: patch.applyTo,
    value: (patch.patch as Record<string, unknown> | undefined)?.value,
    rest: path.slice(5),
  };
}

/** Completion of Envoy fields and values inside patch.value, from the message its applyTo and @types name. */
function envoyCompletions(
  document: TextDocument,
  doc: AnalyzedDocument,
  position: Position,
): CompletionList | undefined {
  if (!doc.parsed.doc) return undefined;
  const offset = document.offsetAt(position);
  const lineStart = document.offsetAt({ line: position.line, character: 0 });
  const before = document.getText().slice(lineStart, offset);
  // Where the cursor is in the tree: the deepest node around it, then the line's own key if it is on a value.
  const here = pathAtOffset(doc.parsed.doc, offset - doc.slice.start);
  const byIndent = indentPath(doc.text, offset - doc.slice.start);
  const valueMatch = /^\s*(?:-\s+)?["']?([\w@.-]+)["']?\s*:\s*["']?([^"'#]*)$/.exec(before);
  const keyMatch = /^\s*(?:-\s+)?["']?([\w@.-]*)$/.exec(before);
  if (!valueMatch && !keyMatch) return undefined;
  // The list index of the patch comes from the tree; the rest of the path from indentation (the tree may be partial).
  const patchIndex =
    here?.path[1] === 'configPatches' && typeof here.path[2] === 'number'
      ? here.path[2]
      : patchIndexByLines(doc.text.slice(0, offset - doc.slice.start));
  if (patchIndex === undefined) return undefined;
  const rel = [...byIndent.path];
  if (rel[0] !== 'spec' || rel[1] !== 'configPatches') return undefined;
  rel[2] = patchIndex;
  const treeRest = here!.path.slice(5).filter((s) => typeof s === 'number');
  let n = 0;
  for (let i = 5; i < rel.length; i++) if (typeof rel[i] === 'number' && n < treeRest.length) rel[i] = treeRest[n++];
  const ctx = patchValueContext(doc, valueMatch ? [...rel, valueMatch[1]] : rel);
  if (!ctx) return undefined;
  if (valueMatch) {
    const field = valueMatch[1];
    const node = envoyNodeAt(ctx.applyTo, ctx.value, ctx.rest);
    // The object that names the filter: the field's own object, or the one holding its typed_config.
    const at = (p: Array<string | number>) =>
      p.reduce<unknown>(
        (d, s) => (d && typeof d === 'object' ? (d as Record<string | number, unknown>)[s] : undefined),
        ctx.value,
      ) as Record<string, unknown> | undefined;
    const own = at(ctx.rest.slice(0, -1));
    const parent = own && typeof own.name === 'string' ? own : (at(ctx.rest.slice(0, -2)) ?? own);
    if (!node) return { isIncomplete: false, items: [] };
    const start = document.positionAt(offset - valueMatch[2].length);
    const items = envoyValueCompletions(node, parent, field).map((c) => ({
      label: c.label,
      kind: CompletionItemKind.Value,
      detail: c.detail,
      textEdit: TextEdit.replace(Range.create(start, position), c.insert),
    }));
    return { isIncomplete: false, items };
  }
  const node = envoyNodeAt(ctx.applyTo, ctx.value, ctx.rest);
  if (!node) return { isIncomplete: false, items: [] };
  const present = Object.keys(
    (ctx.rest.reduce<unknown>(
      (d, s) => (d && typeof d === 'object' ? (d as Record<string | number, unknown>)[s] : undefined),
      ctx.value,
    ) ?? {}) as object,
  );
  const start = document.positionAt(offset - keyMatch![1].length);
  const items = envoyFieldCompletions(node, present).map((c) => ({
    label: c.label,
    kind: CompletionItemKind.Property,
    detail: c.detail,
    documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
    tags: c.deprecated ? [1 as const] : undefined,
    textEdit: TextEdit.replace(
      Range.create(start, position),
      c.insert.replace(/\n {2}$/, `\n${' '.repeat(before.length - keyMatch![1].length + 2)}`),
    ),
  }));
  return { isIncomplete: false, items };
}

/** Which configPatches entry the end of `text` is in, counted from its list items (for lines the tree lacks). */
function patchIndexByLines(text: string): number | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^\s*configPatches:\s*$/.test(l));
  if (start < 0) return undefined;
  const itemIndent = lines
    .slice(start + 1)
    .find((l) => /^\s*- /.test(l))
    ?.search(/-/);
  if (itemIndent === undefined) return undefined;
  const count = lines
    .slice(start + 1)
    .filter((l) => l.search(/\S/) === itemIndent && l.trimStart().startsWith('- ')).length;
  return count ? count - 1 : undefined;
}

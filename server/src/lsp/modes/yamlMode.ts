// The YAML host mode: diagnostics from the core, completion from yaml-language-server on the `---` document at the
// cursor, hover from the core's field descriptions.
import { CodeAction, CodeActionKind, CompletionItem, CompletionItemKind, CompletionList, Hover, InsertTextFormat, MarkupKind, Position, Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeField, knownKinds, pathAtOffset, sniffIdentity, AnalyzedDocument, quickFixesFor, documentIndexAt, indentPath, skeleton, envoyNodeAt, envoyHoverMarkdown, envoyFieldCompletions, envoyValueCompletions } from '../../core';

/** Documents larger than this are completed on a skeleton of the lines around the cursor. */
const SKELETON_OVER_CHARS = 256_000;
import type { LanguageMode } from './languageModes';
import type { DocumentModels } from '../documentModels';
import { toDiagnostic } from '../convert';
import { EmbeddedYamlService } from '../yamlLanguageService';

export function createYamlMode(models: DocumentModels, yaml: EmbeddedYamlService): LanguageMode {

  function documentAt(document: TextDocument, offset: number): AnalyzedDocument | undefined {
    const docs = models.get(document).documents;
    return docs[documentIndexAt(docs, offset)];
  }

  return {
    id: 'yaml',
    doValidation(document) {
      return models.findings(document).map((f) => toDiagnostic(document, f));
    },
    async doComplete(document, position, settings) {
      const doc = documentAt(document, document.offsetAt(position));
      if (!doc) return null;
      const identity = sniffIdentity(doc.text);
      const relative = { line: position.line - doc.slice.startLine, character: position.character };
      const kinds = kindValues(document, position, doc.text);
      if (kinds) return kinds;
      if (identity.status !== 'ours') {
        return isTopLevel(document, position) && identity.status === 'other' ? resourceStarters(document, position) : null;
      }
      if (identity.kind === 'EnvoyFilter') {
        const envoy = envoyCompletions(document, doc, position);
        if (envoy) return envoy;
      }
      if (doc.text.length > SKELETON_OVER_CHARS) {
        const s = skeleton(doc.text, document.offsetAt(position) - doc.slice.start);
        const list = await yaml.complete(s.text, identity.kind, identity.version, settings.istioVersion, { line: s.cursorLine, character: position.character });
        return mapLines(list, (l) => s.lineMap[l] + doc.slice.startLine);
      }
      const list = await yaml.complete(doc.text, identity.kind, identity.version, settings.istioVersion, relative, `${document.uri}#${doc.slice.index}`, document.version);
      return shiftCompletions(list, doc.slice.startLine);
    },
    doHover(document, position, settings) {
      const offset = document.offsetAt(position);
      const doc = documentAt(document, offset);
      if (doc && !doc.parsed.doc) return hoverByIndentation(document, doc, offset, settings.istioVersion);
      if (!doc?.parsed.doc || !doc.resource?.ours) return null;
      const at = pathAtOffset(doc.parsed.doc, offset - doc.slice.start);
      if (!at || at.path.length === 0) return null;
      const identity = sniffIdentity(doc.text);
      if (identity.status !== 'ours') return null;
      const inValue = identity.kind === 'EnvoyFilter' ? patchValueContext(doc, at.path as Array<string | number>) : undefined;
      if (inValue) {
        const node = envoyNodeAt(inValue.applyTo, inValue.value, inValue.rest);
        if (!node) return null;
        const range = at.scalar ? Range.create(document.positionAt(at.scalar.start + doc.slice.start), document.positionAt(at.scalar.end + doc.slice.start)) : undefined;
        return { contents: { kind: MarkupKind.Markdown, value: envoyHoverMarkdown(node) }, range };
      }
      const markdown = describeField({
        kind: identity.kind,
        version: identity.version,
        path: at.path,
        value: at.onKey ? undefined : at.scalar?.value,
        istioVersion: settings.istioVersion,
      });
      if (!markdown) return null;
      const range = at.scalar ? Range.create(document.positionAt(at.scalar.start + doc.slice.start), document.positionAt(at.scalar.end + doc.slice.start)) : undefined;
      return { contents: { kind: MarkupKind.Markdown, value: markdown }, range } satisfies Hover;
    },
    getCodeActions(document, _range, context) {
      const analysis = models.get(document);
      const findings = models.findings(document);
      const actions: CodeAction[] = [];
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== 'meshlens') continue;
        const start = document.offsetAt(diagnostic.range.start);
        const finding = findings.find((f) => f.code === String(diagnostic.code) && f.start === start);
        if (!finding) continue;
        const owner = analysis.documents[documentIndexAt(analysis.documents, finding.start)];
        for (const fix of quickFixesFor(document.getText(), owner, finding)) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.preferred,
            edit: { changes: { [document.uri]: fix.edits.map((e) => TextEdit.replace(Range.create(document.positionAt(e.start), document.positionAt(e.end)), e.newText)) } },
          });
        }
      }
      return actions;
    },
    onDocumentRemoved() {
      /* the workspace model keeps the file: the server puts its saved text back */
    },
  };
}

function isTopLevel(document: TextDocument, position: Position): boolean {
  const line = document.getText(Range.create(position.line, 0, position.line, position.character));
  return /^[\w-]*$/.test(line);
}

/** On a top-level `kind:` line: every kind the document's apiVersion serves (WasmPlugin and TrafficExtension share one). */
function kindValues(document: TextDocument, position: Position, text: string): CompletionList | undefined {
  const line = document.getText(Range.create(position.line, 0, position.line + 1, 0)).replace(/\r?\n$/, '');
  const m = /^kind:([ \t]*)(\S*)/.exec(line);
  if (!m || position.character < 5) return undefined;
  const apiVersion = /^apiVersion:[ \t]*["']?([\w.\-/]+)/m.exec(text)?.[1];
  if (!apiVersion) return undefined;
  const start = 5 + m[1].length;
  const range = Range.create(position.line, start, position.line, start + m[2].length);
  const items = knownKinds()
    .filter((k) => k.versions.some((v) => `${k.group}/${v}` === apiVersion))
    .map((k): CompletionItem => ({ label: k.kind, kind: CompletionItemKind.Class, detail: apiVersion, textEdit: TextEdit.replace(range, (m[1] ? '' : ' ') + k.kind) }));
  return items.length ? { isIncomplete: false, items } : undefined;
}

/** `apiVersion`/`kind` pairs for a document that has no kind yet. */
function resourceStarters(document: TextDocument, position: Position): CompletionList {
  const lineText = document.getText(Range.create(position.line, 0, position.line + 1, 0)).replace(/\r?\n$/, '');
  const range = Range.create(position.line, 0, position.line, lineText.length);
  const items: CompletionItem[] = [];
  for (const k of knownKinds()) {
    for (const version of k.versions) {
      const apiVersion = `${k.group}/${version}`;
      items.push({
        label: `${k.kind} (${apiVersion})`,
        kind: CompletionItemKind.Class,
        detail: 'Istio resource',
        filterText: `${k.kind} ${apiVersion} apiVersion kind`,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: TextEdit.replace(range, `apiVersion: ${apiVersion}\nkind: ${k.kind}\nmetadata:\n  name: \${1:name}\n  namespace: \${2:default}\nspec:\n  $0`),
      });
    }
  }
  return { isIncomplete: false, items };
}

/** For a path under spec.configPatches[i].patch.value: the patch's applyTo, its value, and the path below it. */
function patchValueContext(doc: AnalyzedDocument, path: Array<string | number>): { applyTo: string; value: unknown; rest: Array<string | number> } | undefined {
  if (path.length < 5 || path[0] !== 'spec' || path[1] !== 'configPatches' || typeof path[2] !== 'number' || path[3] !== 'patch' || path[4] !== 'value') return undefined;
  let data: Record<string, unknown> | undefined = doc.value;
  if (!data && doc.parsed.doc) {
    try {
      data = doc.parsed.doc.toJS() as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  const patch = (data?.spec as { configPatches?: Array<Record<string, unknown>> } | undefined)?.configPatches?.[path[2]];
  if (!patch || typeof patch.applyTo !== 'string') return undefined;
  return { applyTo: patch.applyTo, value: (patch.patch as Record<string, unknown> | undefined)?.value, rest: path.slice(5) };
}

/** Completion of Envoy fields and values inside patch.value, from the message its applyTo and @types name. */
function envoyCompletions(document: TextDocument, doc: AnalyzedDocument, position: Position): CompletionList | undefined {
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
  const patchIndex = here?.path[1] === 'configPatches' && typeof here.path[2] === 'number' ? here.path[2] : patchIndexByLines(doc.text.slice(0, offset - doc.slice.start));
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
    const at = (p: Array<string | number>) => p.reduce<unknown>((d, s) => (d && typeof d === 'object' ? (d as Record<string | number, unknown>)[s] : undefined), ctx.value) as Record<string, unknown> | undefined;
    const own = at(ctx.rest.slice(0, -1));
    const parent = own && typeof own.name === 'string' ? own : at(ctx.rest.slice(0, -2)) ?? own;
    if (!node) return { isIncomplete: false, items: [] };
    const start = document.positionAt(offset - valueMatch[2].length);
    const items = envoyValueCompletions(node, parent, field).map((c) => ({ label: c.label, kind: CompletionItemKind.Value, detail: c.detail, textEdit: TextEdit.replace(Range.create(start, position), c.insert) }));
    return { isIncomplete: false, items };
  }
  const node = envoyNodeAt(ctx.applyTo, ctx.value, ctx.rest);
  if (!node) return { isIncomplete: false, items: [] };
  const present = Object.keys((ctx.rest.reduce<unknown>((d, s) => (d && typeof d === 'object' ? (d as Record<string | number, unknown>)[s] : undefined), ctx.value) ?? {}) as object);
  const start = document.positionAt(offset - keyMatch![1].length);
  const items = envoyFieldCompletions(node, present).map((c) => ({
    label: c.label,
    kind: CompletionItemKind.Property,
    detail: c.detail,
    documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
    tags: c.deprecated ? [1 as const] : undefined,
    textEdit: TextEdit.replace(Range.create(start, position), c.insert.replace(/\n {2}$/, `\n${' '.repeat(before.length - keyMatch![1].length + 2)}`)),
  }));
  return { isIncomplete: false, items };
}

/** Which configPatches entry the end of `text` is in, counted from its list items (for lines the tree lacks). */
function patchIndexByLines(text: string): number | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^\s*configPatches:\s*$/.test(l));
  if (start < 0) return undefined;
  const itemIndent = lines.slice(start + 1).find((l) => /^\s*- /.test(l))?.search(/-/);
  if (itemIndent === undefined) return undefined;
  const count = lines.slice(start + 1).filter((l) => l.search(/\S/) === itemIndent && l.trimStart().startsWith('- ')).length;
  return count ? count - 1 : undefined;
}

/** Hover in a document too large for a syntax tree: the field path comes from indentation. */
function hoverByIndentation(document: TextDocument, doc: AnalyzedDocument, offset: number, istioVersion: string): Hover | null {
  const identity = sniffIdentity(doc.text);
  if (identity.status !== 'ours') return null;
  const at = indentPath(doc.text, offset - doc.slice.start);
  if (!at.key) return null;
  const markdown = describeField({ kind: identity.kind, version: identity.version, path: [...at.path, at.key], value: at.value, istioVersion });
  return markdown ? { contents: { kind: MarkupKind.Markdown, value: markdown } } : null;
}

function shiftCompletions(list: CompletionList, lines: number): CompletionList {
  return lines === 0 ? list : mapLines(list, (l) => l + lines);
}

function mapLines(list: CompletionList, map: (line: number) => number): CompletionList {
  const shiftRange = (r: Range): Range => Range.create(map(r.start.line), r.start.character, map(r.end.line), r.end.character);
  for (const item of list.items) {
    const edit = item.textEdit;
    if (edit && 'range' in edit) edit.range = shiftRange(edit.range);
    else if (edit && 'insert' in edit) {
      edit.insert = shiftRange(edit.insert);
      edit.replace = shiftRange(edit.replace);
    }
    item.additionalTextEdits = item.additionalTextEdits?.map((e) => ({ ...e, range: shiftRange(e.range) }));
  }
  return list;
}

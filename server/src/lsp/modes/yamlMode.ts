// The YAML host mode: diagnostics from the core, completion from yaml-language-server on the `---` document at the
// cursor, hover from the core's field descriptions. Envoy values inside EnvoyFilter patches and embedded Lua have
// modes of their own (envoyValueMode, luaMode).
import {
  CodeAction,
  CodeActionKind,
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  Hover,
  InsertTextFormat,
  MarkupKind,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  describeField,
  knownKinds,
  pathAtOffset,
  sniffIdentity,
  AnalyzedDocument,
  quickFixesFor,
  documentIndexAt,
  indentPath,
  skeleton,
} from '../../core';

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
    doValidation(document, _settings, scope) {
      return models.findings(document, scope).map((f) => toDiagnostic(document, f));
    },
    async doComplete(document, position, settings) {
      const doc = documentAt(document, document.offsetAt(position));
      if (!doc) return null;
      const identity = sniffIdentity(doc.text);
      const relative = { line: position.line - doc.slice.startLine, character: position.character };
      const kinds = kindValues(document, position, doc.text);
      if (kinds) return kinds;
      if (identity.status !== 'ours') {
        return isTopLevel(document, position) && identity.status === 'other'
          ? resourceStarters(document, position)
          : null;
      }
      if (doc.text.length > SKELETON_OVER_CHARS) {
        const s = skeleton(doc.text, document.offsetAt(position) - doc.slice.start);
        const list = await yaml.complete(s.text, identity.kind, identity.version, settings.istioVersion, {
          line: s.cursorLine,
          character: position.character,
        });
        return mapLines(list, (l) => s.lineMap[l] + doc.slice.startLine);
      }
      const list = await yaml.complete(
        doc.text,
        identity.kind,
        identity.version,
        settings.istioVersion,
        relative,
        `${document.uri}#${doc.slice.index}`,
        document.version,
      );
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
      const markdown = describeField({
        kind: identity.kind,
        version: identity.version,
        path: at.path,
        value: at.onKey ? undefined : at.scalar?.value,
        istioVersion: settings.istioVersion,
      });
      if (!markdown) return null;
      const range = at.scalar
        ? Range.create(
            document.positionAt(at.scalar.start + doc.slice.start),
            document.positionAt(at.scalar.end + doc.slice.start),
          )
        : undefined;
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
            edit: {
              changes: {
                [document.uri]: fix.edits.map((e) =>
                  TextEdit.replace(Range.create(document.positionAt(e.start), document.positionAt(e.end)), e.newText),
                ),
              },
            },
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
    .map(
      (k): CompletionItem => ({
        label: k.kind,
        kind: CompletionItemKind.Class,
        detail: apiVersion,
        textEdit: TextEdit.replace(range, (m[1] ? '' : ' ') + k.kind),
      }),
    );
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
        textEdit: TextEdit.replace(
          range,
          `apiVersion: ${apiVersion}\nkind: ${k.kind}\nmetadata:\n  name: \${1:name}\n  namespace: \${2:default}\nspec:\n  $0`,
        ),
      });
    }
  }
  return { isIncomplete: false, items };
}

/** Hover in a document too large for a syntax tree: the field path comes from indentation. */
function hoverByIndentation(
  document: TextDocument,
  doc: AnalyzedDocument,
  offset: number,
  istioVersion: string,
): Hover | null {
  const identity = sniffIdentity(doc.text);
  if (identity.status !== 'ours') return null;
  const at = indentPath(doc.text, offset - doc.slice.start);
  if (!at.key) return null;
  const markdown = describeField({
    kind: identity.kind,
    version: identity.version,
    path: [...at.path, at.key],
    value: at.value,
    istioVersion,
  });
  return markdown ? { contents: { kind: MarkupKind.Markdown, value: markdown } } : null;
}

function shiftCompletions(list: CompletionList, lines: number): CompletionList {
  return lines === 0 ? list : mapLines(list, (l) => l + lines);
}

function mapLines(list: CompletionList, map: (line: number) => number): CompletionList {
  const shiftRange = (r: Range): Range =>
    Range.create(map(r.start.line), r.start.character, map(r.end.line), r.end.character);
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

// The embedded-Lua mode: requests whose position falls inside a Lua source in the YAML are answered here, with
// positions mapped through the scalar's exact offset map. Diagnostics for the Lua come with the YAML mode's, from
// the same per-document analysis.
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  Range,
  TextEdit,
  Position,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { luaCompletions, luaHover, luaSignature, valueOffsetAt, documentIndexAt, LuaRegion } from '../../core';
import type { LanguageMode } from './languageModes';
import type { DocumentModels } from '../documentModels';
import type { MeshlensSettings } from '../settings';

interface At {
  region: LuaRegion;
  /** Offset of the region's document in the file. */
  base: number;
  /** The Lua offset of the position. */
  lua: number;
}

export function createLuaMode(models: DocumentModels) {
  const at = (document: TextDocument, position: Position): At | undefined => {
    const offset = document.offsetAt(position);
    const analysis = models.get(document);
    const doc = analysis.documents[documentIndexAt(analysis.documents, offset)];
    const local = offset - doc.slice.start;
    const region = doc.luaRegions?.find((r) => local >= r.offsets[0] && local <= r.offsets[r.offsets.length - 1]);
    if (!region) return undefined;
    const lua = valueOffsetAt(region, local);
    return lua === undefined ? undefined : { region, base: doc.slice.start, lua };
  };
  const toPos = (document: TextDocument, a: At, luaOffset: number) =>
    document.positionAt(a.base + a.region.offsets[Math.min(luaOffset, a.region.value.length)]);

  const mode: LanguageMode = {
    id: 'lua',
    async doComplete(document, position, settings: MeshlensSettings) {
      const a = at(document, position);
      if (!a) return null;
      const items = luaCompletions(a.region.value, a.lua, settings.istioVersion).map((c, i) => ({
        label: c.label,
        kind: c.label.startsWith('envoy_on_') ? CompletionItemKind.Function : CompletionItemKind.Method,
        detail: c.detail,
        documentation: { kind: MarkupKind.Markdown, value: c.documentation },
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: TextEdit.replace(Range.create(toPos(document, a, c.replaceFrom), position), c.insert),
        sortText: String(i).padStart(4, '0'),
        tags: c.deprecated ? ([CompletionItemTag.Deprecated] as CompletionItemTag[]) : undefined,
      }));
      return { isIncomplete: false, items };
    },
    doHover(document, position) {
      const a = at(document, position);
      if (!a) return null;
      const h = luaHover(a.region.value, a.lua);
      if (!h) return null;
      return {
        contents: { kind: MarkupKind.Markdown, value: h.markdown },
        range: Range.create(toPos(document, a, h.start), toPos(document, a, h.end)),
      };
    },
    doSignatureHelp(document, position) {
      const a = at(document, position);
      if (!a) return null;
      const s = luaSignature(a.region.value, a.lua);
      if (!s) return null;
      return {
        signatures: [
          { label: s.label, documentation: s.documentation, parameters: s.params.map((p) => ({ label: p })) },
        ],
        activeSignature: 0,
        activeParameter: s.active,
      };
    },
    onDocumentRemoved() {
      /* nothing cached here: regions live in the document analysis */
    },
  };
  return mode;
}

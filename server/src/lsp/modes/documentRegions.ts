// A document's embedded regions, computed once per version: Lua sources (exact offsets from the analysis) and the
// Envoy values of EnvoyFilter patches (`patch.value`, from the `value:` key to the next line that is not indented
// deeper, so that half-typed values belong to it too). Requests are routed to the mode of the innermost region.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModels } from '../documentModels';
import { indentPath, sniffIdentity } from '../../core';

export type RegionKind = 'lua' | 'envoy-value';

export interface Region {
  kind: RegionKind;
  /** File offsets, [start, end]. */
  start: number;
  end: number;
}

const VALUE_KEY = /^(\s*)value:/gm;

function envoyValueRegions(text: string, base: number): Region[] {
  if (sniffIdentity(text).status !== 'ours' || !/^kind:\s*["']?EnvoyFilter\b/m.test(text)) return [];
  const out: Region[] = [];
  for (const m of text.matchAll(VALUE_KEY)) {
    const at = indentPath(text, m.index! + m[1].length + 1);
    const p = at.path;
    if (p.length !== 4 || p[0] !== 'spec' || p[1] !== 'configPatches' || typeof p[2] !== 'number' || p[3] !== 'patch')
      continue;
    const indent = m[1].length;
    const start = m.index! + m[0].length;
    // The value runs until a line that is not indented deeper than `value:` (blank lines and comments belong to it).
    let end = text.length;
    for (const line of text.slice(start).matchAll(/\n([ ]*)(\S)?/g)) {
      if (line[2] === undefined || line[2] === '#') continue;
      if (line[1].length <= indent) {
        end = start + line.index!;
        break;
      }
    }
    out.push({ kind: 'envoy-value', start: base + start, end: base + end });
  }
  return out;
}

export function createDocumentRegions(models: DocumentModels) {
  const cache = new Map<string, { version: number; regions: Region[] }>();
  const regionsOf = (document: TextDocument): Region[] => {
    const hit = cache.get(document.uri);
    if (hit && hit.version === document.version) return hit.regions;
    const regions: Region[] = [];
    for (const doc of models.get(document).documents) {
      regions.push(...envoyValueRegions(doc.text, doc.slice.start));
      for (const r of doc.luaRegions ?? [])
        regions.push({
          kind: 'lua',
          start: doc.slice.start + r.offsets[0],
          end: doc.slice.start + r.offsets[r.offsets.length - 1],
        });
    }
    cache.set(document.uri, { version: document.version, regions });
    return regions;
  };
  return {
    regionsOf,
    /** The innermost region at an offset, if any. */
    regionAt(document: TextDocument, offset: number): Region | undefined {
      let best: Region | undefined;
      for (const r of regionsOf(document))
        if (offset >= r.start && offset <= r.end && (!best || r.end - r.start < best.end - best.start)) best = r;
      return best;
    },
    onDocumentRemoved(uri: string): void {
      cache.delete(uri);
    },
  };
}

export type DocumentRegions = ReturnType<typeof createDocumentRegions>;

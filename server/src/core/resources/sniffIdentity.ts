// Reads apiVersion and kind from a document's top-level lines without parsing it, so that completion knows the kind
// even while the document is half-typed and not valid YAML.
import { classify, Classification } from './kinds';

export function sniffIdentity(text: string): Classification {
  const apiVersion = /^apiVersion:[ \t]*["']?([\w.\-/]+)["']?[ \t]*(?:#.*)?$/m.exec(text)?.[1];
  const kind = /^kind:[ \t]*["']?(\w+)["']?[ \t]*(?:#.*)?$/m.exec(text)?.[1];
  return classify(apiVersion, kind);
}

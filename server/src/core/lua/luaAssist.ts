// Completion, hover and signature help inside Lua: the Envoy object an expression has is inferred from the text
// before the cursor (callback parameters, `local x = ...` assignments, call chains), so it works on code that does
// not parse yet, the code being typed.
import {
  CALLBACKS,
  methodsOf,
  methodOf,
  returnedObject,
  isEnvoyObject,
  envoyVersionFor,
  availableIn,
  methodDoc,
  signature,
  LuaMethod,
} from './envoyLuaApi';

export interface LuaCompletion {
  label: string;
  detail: string;
  documentation: string;
  /** Snippet text to insert in place of the typed prefix. */
  insert: string;
  /** Where the typed prefix starts (Lua offset). */
  replaceFrom: number;
  deprecated?: boolean;
}

const IDENT = /[A-Za-z_][\w]*$/;

/** The Envoy object type of a Lua expression (a name or a `a:b():c()` chain), as far as the text shows it. */
export function inferType(code: string, expr: string, before: number, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  const calls = splitChain(expr.trim());
  if (!calls) return undefined;
  let type = typeOfName(code, calls[0], before, depth);
  for (const call of calls.slice(1)) {
    const m = type ? methodOf(type, call) : undefined;
    type = m ? returnedObject(m) : undefined;
  }
  return type;
}

/** "h:headers():get" -> ["h", "headers", "get"]; undefined if it is not such a chain. */
function splitChain(expr: string): string[] | undefined {
  const parts: string[] = [];
  const re = /^\s*([A-Za-z_]\w*)\s*/y;
  const head = re.exec(expr);
  if (!head) return undefined;
  parts.push(head[1]);
  let rest = expr.slice(head[0].length);
  while (rest.length) {
    const m = /^:\s*([A-Za-z_]\w*)\s*(\((?:[^()]|\([^()]*\))*\))?\s*/.exec(rest);
    if (!m) return undefined;
    parts.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  return parts;
}

function typeOfName(code: string, name: string, before: number, depth: number): string | undefined {
  const text = code.slice(0, before);
  // The latest assignment before the cursor wins.
  const assign = [
    ...text.matchAll(
      new RegExp(
        `(?:local\\s+)?\\b${name}\\s*=\\s*([A-Za-z_][\\w]*(?:\\s*:\\s*[A-Za-z_]\\w*\\s*\\((?:[^()]|\\([^()]*\\))*\\))+)`,
        'g',
      ),
    ),
  ].pop();
  const param = [...text.matchAll(/function\s+(envoy_on_request|envoy_on_response)\s*\(\s*([A-Za-z_]\w*)/g)]
    .filter((m) => m[2] === name)
    .pop();
  if (assign && (!param || assign.index! > param.index!)) return inferType(code, assign[1], assign.index!, depth + 1);
  if (param) return 'StreamHandle';
  return undefined;
}

/** Completions at a Lua offset: methods after `expr:`; callbacks at the top level. */
export function luaCompletions(code: string, offset: number, istioVersion: string): LuaCompletion[] {
  const before = code.slice(0, offset);
  const prefix = IDENT.exec(before)?.[0] ?? '';
  const start = offset - prefix.length;
  const colon = /([A-Za-z_][\w]*(?:\s*:\s*[A-Za-z_]\w*\s*\((?:[^()]|\([^()]*\))*\))*)\s*:\s*$/.exec(
    code.slice(0, start),
  );
  const envoy = envoyVersionFor(istioVersion);
  if (colon) {
    const type = inferType(code, colon[1], colon.index);
    if (!isEnvoyObject(type)) return [];
    return methodsOf(type).map((m) => ({
      label: m.name,
      detail: signature(type, m) + (availableIn(m, envoy) ? '' : ` — needs Envoy ${m.since} (target ships ${envoy})`),
      documentation: methodDoc(type, m),
      insert: m.params.length ? `${m.name}($1)` : `${m.name}()`,
      replaceFrom: start,
      deprecated: !availableIn(m, envoy),
    }));
  }
  if (/(^|\n)\s*function\s+[\w]*$/.test(before) || /(^|\n)\s*[\w]*$/.test(before)) {
    return CALLBACKS.filter((c) => c.name.startsWith(prefix)).map((c) => ({
      label: c.name,
      detail: `function ${c.name}(${c.params.map((p) => p.name).join(', ')})`,
      documentation: c.summary,
      insert: /function\s+\w*$/.test(before) ? `${c.name}(${c.params[0]?.name ?? 'handle'})\n  $0\nend` : c.name,
      replaceFrom: start,
    }));
  }
  return [];
}

/** Markdown for the method or callback under a Lua offset. */
export function luaHover(code: string, offset: number): { markdown: string; start: number; end: number } | undefined {
  let s = offset;
  let e = offset;
  while (s > 0 && /\w/.test(code[s - 1])) s--;
  while (e < code.length && /\w/.test(code[e])) e++;
  const word = code.slice(s, e);
  if (!word) return undefined;
  const colon = /([A-Za-z_][\w]*(?:\s*:\s*[A-Za-z_]\w*\s*\((?:[^()]|\([^()]*\))*\))*)\s*:\s*$/.exec(code.slice(0, s));
  if (colon) {
    const type = inferType(code, colon[1], colon.index);
    const m = type ? methodOf(type, word) : undefined;
    if (type && m) return { markdown: methodDoc(type, m), start: s, end: e };
    if (type) return { markdown: `\`${type}\` has no method \`${word}\`.`, start: s, end: e };
  }
  const cb = CALLBACKS.find((c) => c.name === word);
  if (cb)
    return {
      markdown: `\`\`\`lua\nfunction ${cb.name}(${cb.params.map((p) => `${p.name}: ${p.type}`).join(', ')})\n\`\`\`\n\n${cb.summary}`,
      start: s,
      end: e,
    };
  const type = inferType(code, word, s);
  if (type) return { markdown: `\`${word}\`: Envoy \`${type}\``, start: s, end: e };
  return undefined;
}

/** The signature of the Envoy method whose argument list the offset is in, with the active parameter. */
export function luaSignature(
  code: string,
  offset: number,
): { label: string; documentation: string; params: string[]; active: number } | undefined {
  let depth = 0;
  let commas = 0;
  for (let i = offset - 1; i >= 0; i--) {
    const c = code[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) {
        const head =
          /([A-Za-z_][\w]*(?:\s*:\s*[A-Za-z_]\w*\s*\((?:[^()]|\([^()]*\))*\))*)\s*:\s*([A-Za-z_]\w*)\s*$/.exec(
            code.slice(0, i),
          );
        if (!head) return undefined;
        const type = inferType(code, head[1], head.index);
        const m: LuaMethod | undefined = type ? methodOf(type, head[2]) : undefined;
        if (!type || !m) return undefined;
        return {
          label: signature(type, m),
          documentation: m.summary,
          params: m.params.map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type}`),
          active: Math.min(commas, Math.max(0, m.params.length - 1)),
        };
      }
      depth--;
    } else if (c === ',' && depth === 0) commas++;
    else if (c === '\n' && offset - i > 2000) return undefined;
  }
  return undefined;
}

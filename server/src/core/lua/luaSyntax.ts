// Lua source as LuaJIT reads it (luaparse in LuaJIT mode, with exact offsets), and small helpers over its syntax tree.
import { formatMessage } from '../diagnostics/messages';
import * as luaparse from 'luaparse';
import type { Node } from 'luaparse';
import type { Severity } from '../diagnostics/codes';

export interface LuaFinding {
  code: string;
  message: string;
  start: number;
  end: number;
  severity?: Severity;
}

export function parseLua(code: string): { ast?: Node; error?: LuaFinding } {
  try {
    return {
      ast: luaparse.parse(code, {
        luaVersion: 'LuaJIT',
        locations: false,
        ranges: true,
        scope: false,
        comments: false,
        encodingMode: 'none',
      }),
    };
  } catch (e) {
    const err = e as Error & { index?: number };
    if (typeof err.index !== 'number')
      return {
        error: {
          code: 'ML0901',
          message: formatMessage('ML0901', { error: err.message }, 'unparsable'),
          start: 0,
          end: Math.min(1, code.length),
        },
      };
    const at = Math.min(err.index, code.length);
    const word = /^[\w.]+|^\S/.exec(code.slice(at))?.[0] ?? '';
    return {
      error: {
        code: 'ML0901',
        message: formatMessage('ML0901', { error: err.message.replace(/^\[\d+:\d+\] /, '') }, 'syntax'),
        start: at,
        end: at + Math.max(word.length, at < code.length ? 1 : 0),
      },
    };
  }
}

export function callbackPath(fname: string): 'request' | 'response' | undefined {
  return fname === 'envoy_on_request' ? 'request' : fname === 'envoy_on_response' ? 'response' : undefined;
}

/** The value of a string literal (luaparse leaves `value` empty with encodingMode none; read the raw text). */
export function luaString(n: Node): string | undefined {
  const raw = String(n.raw ?? '');
  const m = /^(["'])(.*)\1$/s.exec(raw) ?? /^\[(=*)\[(.*)\]\1\]$/s.exec(raw);
  return m ? m[2] : undefined;
}

export function isIdent(n: unknown): boolean {
  return !!n && typeof n === 'object' && (n as Node).type === 'Identifier';
}

export function name(n: Node): string {
  return String(n.name);
}

export function visit(n: Node, f: (n: Node) => void): void {
  const stack: unknown[] = [n];
  while (stack.length) {
    const x = stack.pop();
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) stack.push(x[i]);
      continue;
    }
    if (!x || typeof x !== 'object' || typeof (x as Node).type !== 'string') continue;
    f(x as Node);
    for (const k in x) {
      const v = (x as Record<string, unknown>)[k];
      if (k !== 'range' && k !== 'loc' && v && typeof v === 'object') stack.push(v);
    }
  }
}

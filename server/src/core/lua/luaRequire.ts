// `require "x"` of a module Envoy's LuaJIT does not have: it fails when the script loads (ML0908). Envoy opens the
// standard libraries (luaL_openlibs) and LuaJIT preloads a few more; there are no Lua files on package.path.
import type { Node } from 'luaparse';
import { formatMessage } from '../diagnostics/messages';
import { LUAJIT_MODULES } from './envoyLuaApi';
import { LuaFinding, luaString, isIdent, name } from './luaSyntax';

export function requireProblem(call: Node | undefined): LuaFinding | undefined {
  if (!call || !isIdent(call.base as Node) || name(call.base as Node) !== 'require') return undefined;
  const arg =
    call.type === 'StringCallExpression'
      ? (call.argument as Node)
      : call.type === 'CallExpression'
        ? (call.arguments as Node[])[0]
        : undefined;
  if (!arg || arg.type !== 'StringLiteral' || !arg.range) return undefined;
  const module = luaString(arg);
  if (module === undefined || LUAJIT_MODULES.has(module)) return undefined;
  return {
    code: 'ML0908',
    message: formatMessage('ML0908', { module, builtin: [...LUAJIT_MODULES].join(', ') }),
    start: arg.range[0],
    end: arg.range[1],
  };
}

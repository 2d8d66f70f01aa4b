// Checks of one Lua source as Envoy's LuaJIT runs it: syntax (Lua 5.1 plus goto, as LuaJIT accepts it), the Envoy
// API (methods that do not exist on an object, or not yet in the target Envoy; respond() on the response path),
// missing callbacks, globals Envoy does not provide, and unused locals. Offsets are in the Lua text.
import { formatMessage } from '../diagnostics/messages';
import type { Node } from 'luaparse';
import {
  methodsOf,
  methodOf,
  returnedObject,
  isEnvoyObject,
  KNOWN_GLOBALS,
  envoyVersionFor,
  availableIn,
} from './envoyLuaApi';
import { closestName } from '../text/closestName';
import { parseLua, LuaFinding, callbackPath, isIdent, name, visit } from './luaSyntax';
import { requireProblem } from './luaRequire';

export type { LuaFinding };
export { parseLua };

export interface LuaAnalysis {
  findings: LuaFinding[];
  ast?: Node;
}

interface Binding {
  type?: string;
  used: boolean;
  node: Node;
  local: boolean;
}

export function analyzeLua(code: string, istioVersion: string): LuaAnalysis {
  const { ast, error } = parseLua(code);
  if (!ast) return { findings: [error!] };
  const findings: LuaFinding[] = [];
  const envoy = envoyVersionFor(istioVersion);
  const globalsDefined = new Set<string>();
  const callbacks = new Set<string>();
  // First pass: globals the script defines itself (function f() / x = ...), anywhere.
  visit(ast, (n) => {
    if (n.type === 'FunctionDeclaration' && !n.isLocal && isIdent(n.identifier))
      globalsDefined.add(name(n.identifier as Node));
    if (n.type === 'AssignmentStatement')
      for (const v of n.variables as Node[]) if (isIdent(v)) globalsDefined.add(name(v));
  });
  const scopes: Array<Map<string, Binding>> = [new Map()];
  const lookup = (id: string): Binding | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i].has(id)) return scopes[i].get(id);
    return undefined;
  };
  const declare = (n: Node, type?: string) =>
    scopes[scopes.length - 1].set(name(n), { type, used: false, node: n, local: true });
  const closeScope = () => {
    for (const [id, b] of scopes.pop()!) {
      if (!b.used && !id.startsWith('_') && b.node.range)
        findings.push({
          code: 'ML0905',
          message: formatMessage('ML0905', { name: id }),
          start: b.node.range[0],
          end: b.node.range[1],
        });
    }
  };
  let path: 'request' | 'response' | undefined;

  const typeOf = (expr: Node | undefined): string | undefined => {
    if (!expr) return undefined;
    if (isIdent(expr)) return lookup(name(expr))?.type;
    if (expr.type === 'CallExpression' || expr.type === 'StringCallExpression' || expr.type === 'TableCallExpression') {
      const base = expr.base as Node;
      if (base.type === 'MemberExpression' && base.indexer === ':') {
        const t = typeOf(base.base as Node);
        const m = t && methodOf(t, name(base.identifier as Node));
        // A method the target Envoy lacks is reported once; what it returns is unknown there.
        return m && availableIn(m, envoy) ? returnedObject(m) : undefined;
      }
    }
    return undefined;
  };

  const checkCall = (call: Node) => {
    const base = call.base as Node;
    if (base.type !== 'MemberExpression' || base.indexer !== ':') return;
    const type = typeOf(base.base as Node);
    if (!isEnvoyObject(type)) return;
    const id = base.identifier as Node;
    const method = name(id);
    const m = methodOf(type, method);
    if (!m) {
      const suggestion = closestName(
        method,
        methodsOf(type).map((x) => x.name),
      );
      findings.push({
        code: 'ML0903',
        message: formatMessage('ML0903', {
          type,
          method,
          hint: suggestion ? ` Did you mean \`${suggestion}\`?` : '',
        }),
        start: id.range![0],
        end: id.range![1],
      });
      return;
    }
    if (!availableIn(m, envoy)) {
      findings.push({
        code: 'ML0907',
        message: formatMessage('ML0907', { type, method, since: String(m.since), version: istioVersion, envoy }),
        start: id.range![0],
        end: id.range![1],
      });
    }
    if (method === 'respond' && type === 'StreamHandle' && path === 'response') {
      findings.push({
        code: 'ML0906',
        message: formatMessage('ML0906'),
        start: id.range![0],
        end: id.range![1],
      });
    }
  };

  /** A function body in a new scope; the first parameter of a callback is the stream handle, `self` of a method. */
  const walkFunction = (fn: Node, isCallback: boolean): void => {
    scopes.push(new Map());
    const id = fn.identifier as Node | null | undefined;
    if (id && id.type === 'MemberExpression' && id.indexer === ':')
      scopes[scopes.length - 1].set('self', { used: true, node: id, local: true });
    (fn.parameters as Node[]).forEach((p, i) => {
      if (!isIdent(p)) return;
      scopes[scopes.length - 1].set(name(p), {
        type: i === 0 && isCallback ? 'StreamHandle' : undefined,
        used: true,
        node: p,
        local: true,
      });
    });
    for (const s of fn.body as Node[]) walkNode(s);
    closeScope();
  };

  const checkRequire = (call: Node | undefined): void => {
    if (lookup('require')) return; // a local require is the script's own
    const f = requireProblem(call);
    if (f) findings.push(f);
  };

  const walkNode = (n: Node | null | undefined): void => {
    if (!n || typeof n !== 'object') return;
    switch (n.type) {
      case 'LocalStatement': {
        for (const init of (n.init as Node[]) ?? []) walkNode(init);
        (n.variables as Node[]).forEach((v, i) => declare(v, typeOf((n.init as Node[])[i])));
        return;
      }
      case 'AssignmentStatement': {
        (n.init as Node[]).forEach((init, i) => {
          // `envoy_on_request = function(handle) ... end` defines the callback as a function statement would.
          const target = (n.variables as Node[])[i];
          const callback = target && isIdent(target) && !lookup(name(target)) ? callbackPath(name(target)) : undefined;
          if (callback && (init.type === 'FunctionDeclaration' || init.type === 'FunctionExpression')) {
            callbacks.add(name(target));
            const outer = path;
            path = callback;
            walkFunction(init, true);
            path = outer;
          } else walkNode(init);
        });
        (n.variables as Node[]).forEach((v, i) => {
          if (isIdent(v)) {
            const b = lookup(name(v));
            if (b) b.type = typeOf((n.init as Node[])[i]);
          } else walkNode(v);
        });
        return;
      }
      case 'FunctionDeclaration': {
        const id = n.identifier as Node | null;
        if (n.isLocal && id) declare(id);
        else if (id) walkNode(id.type === 'Identifier' ? null : id);
        const fname = id && isIdent(id) ? name(id) : '';
        const outer = path;
        const callback = !n.isLocal ? callbackPath(fname) : undefined;
        if (callback) {
          callbacks.add(fname);
          path = callback;
        }
        walkFunction(n, !!callback);
        path = outer;
        return;
      }
      case 'Identifier': {
        const id = name(n);
        const b = lookup(id);
        if (b) b.used = true;
        else if (!globalsDefined.has(id) && !KNOWN_GLOBALS.has(id)) {
          findings.push({
            code: 'ML0904',
            message: formatMessage('ML0904', { name: id }),
            start: n.range![0],
            end: n.range![1],
          });
        }
        return;
      }
      case 'GotoStatement':
      case 'LabelStatement':
        return;
      case 'MemberExpression':
        walkNode(n.base as Node);
        if (n.indexer === '.' && isIdent(n.base as Node) && name(n.base as Node) === 'EnvoyTimestampResolution') return;
        return;
      case 'CallExpression':
      case 'StringCallExpression':
      case 'TableCallExpression':
        checkRequire(n);
        checkCall(n);
        walkNode(n.base as Node);
        for (const a of (n.arguments as Node[] | Node | undefined) instanceof Array
          ? (n.arguments as Node[])
          : n.argument
            ? [n.argument as Node]
            : n.arguments
              ? [n.arguments as Node]
              : [])
          walkNode(a);
        return;
      case 'DoStatement':
      case 'WhileStatement':
      case 'RepeatStatement':
        if (n.type === 'WhileStatement') walkNode(n.condition as Node);
        scopes.push(new Map());
        for (const s of n.body as Node[]) walkNode(s);
        if (n.type === 'RepeatStatement') walkNode(n.condition as Node);
        closeScope();
        return;
      case 'IfStatement':
        for (const clause of n.clauses as Node[]) {
          walkNode(clause.condition as Node);
          scopes.push(new Map());
          for (const s of clause.body as Node[]) walkNode(s);
          closeScope();
        }
        return;
      case 'ForNumericStatement':
        walkNode(n.start as Node);
        walkNode(n.end as Node);
        walkNode(n.step as Node);
        scopes.push(new Map([[name(n.variable as Node), { used: true, node: n.variable as Node, local: true }]]));
        for (const s of n.body as Node[]) walkNode(s);
        closeScope();
        return;
      case 'ForGenericStatement':
        for (const it of n.iterators as Node[]) walkNode(it);
        scopes.push(new Map((n.variables as Node[]).map((v) => [name(v), { used: true, node: v, local: true }])));
        for (const s of n.body as Node[]) walkNode(s);
        closeScope();
        return;
      case 'FunctionExpression':
        walkFunction(n, false);
        return;
      case 'TableKeyString':
        // `{timeout_ms = 200}`: the key is a field name, not a variable.
        walkNode(n.value as Node);
        return;

      default:
        for (const key in n) {
          if (key === 'range' || key === 'loc') continue;
          const v = n[key];
          if (Array.isArray(v)) for (const c of v) walkNode(c as Node);
          else if (v && typeof v === 'object' && typeof (v as Node).type === 'string') walkNode(v as Node);
        }
    }
  };
  for (const s of (ast.body as Node[]) ?? []) walkNode(s);
  closeScope();
  if (!callbacks.has('envoy_on_request') && !callbacks.has('envoy_on_response')) {
    findings.push({
      code: 'ML0902',
      message: formatMessage('ML0902'),
      start: 0,
      end: Math.min(code.length, Math.max(1, code.indexOf('\n') < 0 ? code.length : code.indexOf('\n'))),
    });
  }
  return { findings, ast };
}

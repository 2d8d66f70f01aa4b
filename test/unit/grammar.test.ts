// The Lua injection grammar, tokenized with vscode-textmate and vscode-oniguruma (VS Code's own engines) over the
// YAML and Lua grammars VS Code ships (taken from the code-server the test host installs).
import { strict as assert } from 'node:assert';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const root = join(__dirname, '..', '..', '..');
const builtins = join(root, 'test', 'vscode-host', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');
const GRAMMARS: Record<string, string> = {
  'source.yaml': join(builtins, 'yaml', 'syntaxes', 'yaml.tmLanguage.json'),
  'source.lua': join(builtins, 'lua', 'syntaxes', 'lua.tmLanguage.json'),
  'meshlens.lua.injection': join(root, 'syntaxes', 'lua-in-yaml.injection.tmLanguage.json'),
};

async function registry(): Promise<vsctm.Registry> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  return new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      const path = GRAMMARS[scope];
      if (!path) return null;
      // The YAML grammar includes version-specific grammars by scope; load them from the same folder.
      return vsctm.parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
    getInjections: (scope) => (scope === 'source.yaml' ? ['meshlens.lua.injection'] : undefined),
  });
}

function tokenize(grammar: vsctm.IGrammar, text: string): Array<{ line: number; text: string; scopes: string[] }> {
  let state = vsctm.INITIAL;
  const out: Array<{ line: number; text: string; scopes: string[] }> = [];
  text.split('\n').forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ line: i, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  });
  return out;
}

describe('TextMate injection grammar for Lua in YAML', function () {
  this.timeout(30_000);
  let grammar: vsctm.IGrammar;
  before(async function () {
    if (!existsSync(GRAMMARS['source.yaml']))
      throw new Error(
        `VS Code's YAML grammar is not at ${GRAMMARS['source.yaml']}: run bash test/vscode-host/setup.sh`,
      );
    // The YAML grammar includes its per-version grammars by scope name.
    for (const v of ['1.0', '1.1', '1.2', '1.3'])
      GRAMMARS[`source.yaml.${v}`] = join(builtins, 'yaml', 'syntaxes', `yaml-${v}.tmLanguage.json`);
    for (const f of ['yaml-embedded'])
      GRAMMARS[`source.yaml.embedded`] = join(builtins, 'yaml', 'syntaxes', `${f}.tmLanguage.json`);
    grammar = (await (await registry()).loadGrammar('source.yaml'))!;
    assert.ok(grammar);
  });

  const text = [
    'spec:',
    '  configPatches:',
    '  - patch:',
    '      value:',
    '        typed_config:',
    '          default_source_code:',
    '            inline_string: |',
    '              function envoy_on_request(h)',
    '                local x = "str" -- comment',
    '',
    '                h:logInfo(x)',
    '              end',
    '            stat_prefix: lua',
    '          other: value',
  ].join('\n');

  it('colours the block scalar as Lua, blank lines included', () => {
    const tokens = tokenize(grammar, text);
    const fn = tokens.find((t) => t.text === 'function')!;
    assert.ok(fn.scopes.includes('meta.embedded.block.lua'), fn.scopes.join(' '));
    assert.ok(
      fn.scopes.some((s) => s.startsWith('keyword')),
      fn.scopes.join(' '),
    );
    const str = tokens.find((t) => t.line === 8 && t.text.includes('str'))!;
    assert.ok(
      str.scopes.some((s) => s.startsWith('string')),
      str.scopes.join(' '),
    );
    const comment = tokens.find((t) => t.line === 8 && t.text.includes('comment'))!;
    assert.ok(comment.scopes.some((s) => s.startsWith('comment')));
    const after = tokens.find((t) => t.line === 10 && t.text.includes('logInfo'))!;
    assert.ok(after.scopes.includes('meta.embedded.block.lua'), 'a blank line must not end the Lua');
  });

  it('ends the Lua at the next key of the same or lower indentation', () => {
    const tokens = tokenize(grammar, text);
    for (const [line, key] of [
      [12, 'stat_prefix'],
      [13, 'other'],
    ] as const) {
      const tok = tokens.find((t) => t.line === line && t.text.includes(key))!;
      assert.ok(!tok.scopes.includes('meta.embedded.block.lua'), `${key}: ${tok.scopes.join(' ')}`);
      assert.ok(
        tok.scopes.some((s) => s.startsWith('entity.name.tag')),
        `${key}: ${tok.scopes.join(' ')}`,
      );
    }
  });

  it('leaves other block scalars alone', () => {
    const tokens = tokenize(grammar, 'data:\n  script: |\n    function x() end\n');
    assert.ok(!tokens.some((t) => t.scopes.includes('meta.embedded.block.lua')));
  });
});

// Our Lua syntax verdict against LuaJIT's own (Debian's luajit, the dialect Envoy embeds): hand-written valid and
// broken snippets plus seeded mutations of every Lua source in the corpus. Every verdict must agree.
import { strict as assert } from 'node:assert';
import { itWithShared } from '../helpers/sharedData';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseLua } from '../../server/src/core/lua/analyzeLua';
import { analyzeFile } from '../../server/src/core';

const CORPUS = process.env.MESHLENS_CORPUS ?? join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'corpus');
const DRIVER = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'lua', 'verdicts.lua');

const SNIPPETS = [
  'function envoy_on_request(h) end',
  'local x = 0x7fffffffffffffffLL; local y = 1ULL; local z = 0x1p4',
  'goto skip\n::skip::',
  'local s = "a\\z\n   b"',
  'local t = {1, 2, 3,}; for i, v in ipairs(t) do end',
  'local s = [==[ long ]] string ]==]',
  'return function(...) return select("#", ...) end',
  'local x = 1 // 2',
  'local x <const> = 1',
  'local x = 1 & 2',
  'x = ',
  'if x then',
  'function f( end',
  'local 1x = 2',
  'print("unterminated)',
  'for i = 1 do end',
  'return return',
  'local t = {a = 1 b = 2}',
  '::a:: ::a::',
  'break',
];

function mulberry32(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpusLua(): string[] {
  const out: string[] = [];
  for (const dir of ['valid', 'invalid']) {
    for (const f of readdirSync(join(CORPUS, dir))) {
      const analysis = analyzeFile(readFileSync(join(CORPUS, dir, f), 'utf8'), { istioVersion: '1.31' });
      for (const d of analysis.documents) for (const r of d.luaRegions ?? []) out.push(r.value);
    }
  }
  return out;
}

function mutations(sources: string[]): string[] {
  const rand = mulberry32(20261125);
  const tokens = ['end', ')', '(', '=', 'then', 'local', '"', ',', 'function', '{', '}', '..', 'do'];
  const out: string[] = [];
  for (const src of sources) {
    for (let k = 0; k < 4; k++) {
      const at = Math.floor(rand() * (src.length + 1));
      const kind = k % 4;
      if (kind === 0) out.push(src.slice(0, at) + src.slice(at + 1));
      else if (kind === 1)
        out.push(src.slice(0, at) + ' ' + tokens[Math.floor(rand() * tokens.length)] + ' ' + src.slice(at));
      else if (kind === 2) out.push(src.slice(0, at));
      else out.push(src.slice(0, at) + src.slice(at).replace(/\bend\b/, ''));
    }
  }
  return out;
}

function luajitVerdicts(snippets: string[]): boolean[] {
  const file = join(mkdtempSync(join(tmpdir(), 'meshlens-lua-')), 'snippets.bin');
  writeFileSync(file, snippets.join('\0'));
  const out = execFileSync('luajit', [DRIVER, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out
    .trimEnd()
    .split('\n')
    .map((l) => l === 'ok');
}

const haveLuajit = (() => {
  try {
    execFileSync('luajit', ['-v']);
    return true;
  } catch {
    return false;
  }
})();

describe('Lua syntax verdicts agree with LuaJIT', function () {
  this.timeout(120_000);
  before(function () {
    // scripts/test.sh installs Debian's luajit; without it this comparison cannot run, which must not look like a pass.
    if (!haveLuajit) throw new Error('luajit is not installed (apt-get install luajit); scripts/test.sh installs it');
  });

  it('hand-written valid and broken snippets', () => {
    const oracle = luajitVerdicts(SNIPPETS);
    const disagreements = SNIPPETS.filter((s, i) => (parseLua(s).ast !== undefined) !== oracle[i]).map(
      (s) => `${JSON.stringify(s)}: luajit ${oracle[SNIPPETS.indexOf(s)] ? 'ok' : 'error'}`,
    );
    assert.deepEqual(disagreements, []);
    assert.ok(oracle.filter((x) => x).length >= 6 && oracle.filter((x) => !x).length >= 10);
  });

  itWithShared(CORPUS)("the corpus's Lua sources and seeded mutations of them", () => {
    const sources = corpusLua();
    assert.ok(sources.length >= 70, `only ${sources.length} Lua sources found in the corpus`);
    const all = [...sources, ...mutations(sources)];
    const oracle = luajitVerdicts(all);
    assert.equal(oracle.length, all.length);
    const disagreements = all
      .map((s, i) => ({ s, i }))
      .filter(({ s, i }) => (parseLua(s).ast !== undefined) !== oracle[i])
      .map(({ s, i }) => `#${i} luajit says ${oracle[i] ? 'ok' : 'error'}: ${JSON.stringify(s.slice(0, 120))}`);
    assert.deepEqual(disagreements, []);
  });
});

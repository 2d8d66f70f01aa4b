import { strict as assert } from 'node:assert';
import { analyzeLua } from '../../server/src/core/lua/analyzeLua';
import { analyze, yaml } from '../helpers/analyze';

const codes = (code: string, v = '1.31') =>
  analyzeLua(code, v).findings.map((f) => `${f.code} ${code.slice(f.start, f.end)}`);

describe('Lua checks (Envoy API)', () => {
  it('accepts a correct filter', () => {
    assert.deepEqual(
      codes(
        'function envoy_on_request(h)\n  local hs = h:headers()\n  hs:add("x", "1")\n  h:logInfo(hs:get(":path"))\nend\n',
      ),
      [],
    );
  });

  it('flags a method the object does not have, following locals and calls', () => {
    assert.deepEqual(
      codes(
        'function envoy_on_request(h)\n  local hs = h:headers()\n  hs:gett("x")\n  h:streamInfo():protocoll()\nend',
      ),
      ['ML0903 gett', 'ML0903 protocoll'],
    );
    assert.match(
      analyzeLua('function envoy_on_request(h) h:headers():gett("x") end', '1.31').findings[0].message,
      /HeaderMap has no method `gett`\. Did you mean `get`\?/,
    );
  });

  it('flags respond() on the response path only', () => {
    assert.deepEqual(codes('function envoy_on_response(r) r:respond({[":status"] = "403"}, "no") end'), [
      'ML0906 respond',
    ]);
    assert.deepEqual(codes('function envoy_on_request(r) r:respond({[":status"] = "403"}, "no") end'), []);
  });

  it('flags scripts without callbacks, unknown globals and unused locals', () => {
    assert.deepEqual(codes('local x = 1\nprint(x)'), ['ML0902 local x = 1']);
    assert.deepEqual(codes('function envoy_on_request(h)\n  reqest_handle:logInfo("x")\n  local unused = 2\nend'), [
      'ML0904 reqest_handle',
      'ML0905 unused',
    ]);
    assert.deepEqual(
      codes(
        'count = 0\nfunction envoy_on_request(h) count = count + 1; local t = string.format("%d", count); h:logInfo(t) end',
      ),
      [],
    );
  });

  it('flags methods newer than the Envoy the target Istio ships', () => {
    const code = 'function envoy_on_request(h) h:route():metadata() end';
    assert.deepEqual(codes(code, '1.31'), []);
    assert.deepEqual(codes(code, '1.26'), ['ML0907 route']);
  });

  it('reports syntax errors at the offending token', () => {
    assert.deepEqual(codes('function envoy_on_request(h)\n  if h then\nend'), ['ML0901 ']);
    assert.deepEqual(codes('function envoy_on_request(h) local x = 1 +* 2 end'), ['ML0901 *']);
    // LuaJIT extensions parse: goto, labels, 64-bit literals.
    assert.deepEqual(
      codes('function envoy_on_request(h)\n  local n = 0x10LL\n  goto done\n  ::done::\n  h:logInfo(tostring(n))\nend'),
      [],
    );
  });
});

const EF = (...value: string[]) =>
  yaml(
    'apiVersion: networking.istio.io/v1alpha3',
    'kind: EnvoyFilter',
    'metadata: {name: f}',
    'spec:',
    '  priority: 1',
    '  configPatches:',
    '  - applyTo: HTTP_FILTER',
    '    patch:',
    '      operation: INSERT_FIRST',
    '      value:',
    '        name: envoy.filters.http.lua',
    ...value,
  );
const luaCodes = (text: string) =>
  analyze(text)
    .filter((f) => f.code.startsWith('ML09'))
    .map((f) => [f.code, f.text, f.line, f.column]);

describe('Lua inside YAML: every place and every scalar style maps exactly', () => {
  const typed = (...body: string[]) => [
    '        typed_config:',
    '          "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua',
    ...body,
  ];
  it('block literal in default_source_code.inline_string', () => {
    const text = EF(
      ...typed(
        '          default_source_code:',
        '            inline_string: |',
        '              function envoy_on_request(h)',
        '                h:headerz()',
        '              end',
      ),
    );
    assert.deepEqual(luaCodes(text), [['ML0903', 'headerz', 17, 19]]);
  });
  it('folded, stripped and indented block scalars', () => {
    const text = EF(
      ...typed(
        '          inline_code: |-2',
        '              function envoy_on_request(h)',
        '                h:headerz()',
        '              end',
      ),
    );
    assert.deepEqual(luaCodes(text), [['ML0903', 'headerz', 16, 19]]);
  });
  it('double-quoted with \\n and \\" escapes', () => {
    const text = EF(
      ...typed('          inline_code: "function envoy_on_request(h)\\n  h:logInfo(\\"hi\\")\\n  h:headerz()\\nend"'),
    );
    const [[code, marked, line, column]] = luaCodes(text);
    assert.deepEqual([code, marked, line], ['ML0903', 'headerz', 14]);
    assert.equal(text.split('\n')[13].slice((column as number) - 1, (column as number) - 1 + 7), 'headerz');
  });
  it('single-quoted and plain scalars', () => {
    assert.deepEqual(
      luaCodes(EF(...typed("          inline_code: 'function envoy_on_request(h) h:headerz() end'"))).map((x) => x[1]),
      ['headerz'],
    );
    assert.deepEqual(
      luaCodes(EF(...typed('          inline_code: function envoy_on_request(h) h:headerz() end'))).map((x) => x[1]),
      ['headerz'],
    );
  });
  it('source_codes entries, camelCase spellings, TypedStruct wrappers, LuaPerRoute and TrafficExtension', () => {
    assert.deepEqual(
      luaCodes(
        EF(
          ...typed(
            '          sourceCodes:',
            '            a.lua:',
            '              inlineString: "function envoy_on_request(h) h:headerz() end"',
          ),
        ),
      ).map((x) => x[1]),
      ['headerz'],
    );
    const ts = EF(
      '        typed_config:',
      '          "@type": type.googleapis.com/udpa.type.v1.TypedStruct',
      '          type_url: type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua',
      '          value:',
      '            inline_code: "function envoy_on_request(h) h:headerz() end"',
    );
    assert.deepEqual(
      luaCodes(ts).map((x) => x[1]),
      ['headerz'],
    );
    const te = yaml(
      'apiVersion: extensions.istio.io/v1alpha1',
      'kind: TrafficExtension',
      'metadata: {name: e}',
      'spec:',
      '  lua:',
      '    inlineCode: |',
      '      function envoy_on_response(r)',
      '        r:respond({}, "x")',
      '      end',
    );
    assert.deepEqual(luaCodes(te), [['ML0906', 'respond', 8, 11]]);
  });
  it('CRLF files', () => {
    const text = EF(
      ...typed(
        '          inline_code: |',
        '            function envoy_on_request(h)',
        '              h:headerz()',
        '            end',
      ),
    ).replace(/\n/g, '\r\n');
    assert.deepEqual(luaCodes(text), [['ML0903', 'headerz', 16, 17]]);
  });
  it('a value that only looks like Lua is not checked', () => {
    const text = EF(
      '        typed_config:',
      '          "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
      '          inline_code: "function (( broken"',
    );
    assert.deepEqual(luaCodes(text), []);
  });
});

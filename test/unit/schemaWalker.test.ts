// The schema walker must report exactly ajv's errors for Envoy values (it replaces compiling for speed): the same
// list, in the same order, with the same paths, parameters, messages, data and schemas, on every Envoy value of the
// corpus and on variants of each broken the ways users break them.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  compiledValidatorFor,
  definition,
  messageForApplyTo,
  messageForType,
} from '../../server/src/core/envoy/envoySchemas';
import { SchemaWalker, UNSUPPORTED } from '../../server/src/core/envoy/schemaWalker';
import { sharedOr } from '../helpers/sharedData';

const root = join(__dirname, '..', '..', '..');
const walker = new SchemaWalker((name) => definition(name));

/** ajv's schemas name other messages `envoy:X`; the definitions say `#/definitions/X`. */
const normal = (v: unknown) => JSON.parse(JSON.stringify(v ?? null).replace(/"envoy:([^"]+)"/g, '"#/definitions/$1"'));

/** Whether the walker validated the value (rather than leaving it to ajv), having asserted it agrees. */
function agree(message: string, value: unknown): boolean {
  let walked;
  try {
    walked = walker.validate(message, value);
  } catch (e) {
    if (e === UNSUPPORTED) return false; // validated by ajv itself
    throw e;
  }
  const compiled = compiledValidatorFor(message)!;
  compiled(value);
  const expected = (compiled.errors ?? []).map((e) => ({
    ...e,
    schema: normal(e.schema),
    parentSchema: normal(e.parentSchema),
  }));
  const actual = walked.map((e) => ({ ...e, schema: normal(e.schema), parentSchema: normal(e.parentSchema) }));
  assert.deepEqual(actual, expected, `${message}: ${JSON.stringify(value).slice(0, 300)}`);
  return true;
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFilesUnder(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every Envoy value of the EnvoyFilters in a folder, with the message it decodes into. */
function envoyValues(dir: string): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o['@type'] === 'string') {
        const m = messageForType(o['@type']);
        if (m) out.push([m, o]);
      }
      Object.values(o).forEach(visit);
    }
  };
  for (const path of yamlFilesUnder(dir)) {
    for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
      const r = doc.toJS() as Record<string, unknown> | null;
      if (!r || r.kind !== 'EnvoyFilter') continue;
      const patches = (r.spec as Record<string, unknown> | undefined)?.configPatches;
      for (const p of Array.isArray(patches) ? (patches as Array<Record<string, unknown>>) : []) {
        const value = (p?.patch as Record<string, unknown> | undefined)?.value;
        const m = typeof p?.applyTo === 'string' ? messageForApplyTo(p.applyTo) : undefined;
        if (m && value !== undefined) out.push([m, value]);
        visit(value);
      }
    }
  }
  return out;
}

/** Variants broken as users break them: unknown fields, wrong types, bad enum and pattern values, nulls. */
function broken(value: unknown, seed: number): unknown[] {
  let s = seed;
  const random = (n: number) => (s = (s * 1103515245 + 12345) % 2147483648) % n;
  const copies: unknown[] = [];
  const edits: Array<(v: unknown) => unknown> = [
    (v) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...v, unknown_field: 1 } : v),
    (v) => (typeof v === 'string' ? 7 : typeof v === 'number' ? 'seven' : typeof v === 'boolean' ? 'yes' : v),
    (v) => (typeof v === 'string' ? 'NOT_A_VALUE' : v),
    (v) => (typeof v === 'string' ? '5x' : v),
    (v) => (Array.isArray(v) ? [...v, ...v] : v && typeof v === 'object' ? [v] : v),
    (v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).slice(1)) : v),
    () => null,
    (v) => (typeof v === 'number' ? -v - 1.5 : v),
  ];
  for (let k = 0; k < 6; k++) {
    const edit = edits[random(edits.length)];
    let count = 0;
    const target = random(40);
    const walk = (v: unknown): unknown => {
      if (count++ === target) return edit(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([key, x]) => [key, walk(x)]));
      return v;
    };
    copies.push(walk(value));
  }
  return copies;
}

describe('Envoy schema walker', () => {
  const corpus = sharedOr(join(root, '..', 'shared', 'data', 'corpus'), join(root, 'examples'), 'Envoy values');
  const values = envoyValues(corpus);

  it('reports what ajv reports on every Envoy value of the corpus and on broken variants of each', () => {
    assert.ok(values.length > 20, `only ${values.length} values`);
    let walked = 0;
    let failing = 0;
    values.forEach(([message, value], i) => {
      for (const v of [value, ...broken(value, i + 1)]) {
        if (agree(message, v)) walked++;
        if (!compiledValidatorFor(message)!(v)) failing++;
      }
    });
    // Most values are walked (not left to ajv), and most broken variants do fail: the comparison covers errors.
    assert.ok(walked > values.length * 7 * 0.95, `${walked} of ${values.length * 7} walked`);
    assert.ok(failing > values.length, `only ${failing} invalid values`);
  });

  it('covers the keywords the messages use: patterns, ranges, lengths, enums, oneof exclusion, requirements', () => {
    const cases: Array<[string, unknown]> = [
      ['envoy.config.cluster.v3.Cluster', { name: '', connect_timeout: '1', type: 'NOPE', lb_policy: 3 }],
      ['envoy.config.cluster.v3.Cluster', { name: 'c', load_assignment: { endpoints: [{ lb_endpoints: 'x' }] } }],
      [
        'envoy.config.cluster.v3.Cluster',
        { name: 'c', per_connection_buffer_limit_bytes: -1, max_requests_per_connection: 5e10 },
      ],
      [
        'envoy.extensions.filters.http.lua.v3.Lua',
        { inline_code: 'x', default_source_code: { inline_string: 'y', filename: 'z' } },
      ],
      ['envoy.extensions.filters.http.lua.v3.Lua', { source_codes: { a: {}, b: { inline_bytes: 7 } } }],
      [
        'envoy.config.route.v3.RouteConfiguration',
        { name: 'r', virtual_hosts: [{ name: 'v', domains: [], routes: [{}] }] },
      ],
      [
        'envoy.config.listener.v3.Listener',
        { name: 'l', address: { socket_address: { port_value: 70000 } }, filter_chains: 'x' },
      ],
      ['envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter', { name: 7, typed_config: [] }],
    ];
    for (const [message, value] of cases) assert.ok(agree(message, value), message);
  });
});

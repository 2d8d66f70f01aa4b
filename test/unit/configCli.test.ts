// `meshlens config`: the whole proxy config on the command line, in the JSON shape the README documents.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

function meshlens(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args]);
  return { code: r.status, out: r.stdout.toString(), err: r.stderr.toString() };
}

describe('meshlens config (CLI)', () => {
  it('--format json has the documented shape: listeners, chains, filters with origins, clusters, routes, patches', () => {
    const r = meshlens(['config', EXAMPLES, '--workload', 'bookinfo/reviews-v1', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const c = JSON.parse(r.out);
    assert.deepEqual([c.workload, c.istioVersion, c.proxy], ['bookinfo/reviews-v1', '1.31', 'sidecar']);
    const inbound = c.listeners.find((l: { name: string }) => l.name === 'virtualInbound');
    assert.equal(inbound.direction, 'inbound');
    assert.equal(inbound.port, 15006);
    const chain = inbound.filterChains.find((f: { name: string }) => f.name === '0.0.0.0_9080');
    assert.deepEqual(Object.keys(chain.match).sort(), [
      'applicationProtocols',
      'destinationPort',
      'serverNames',
      'transportProtocol',
    ]);
    const lua = chain.httpFilters.find((f: { name: string }) => f.name === 'envoy.filters.http.lua');
    assert.deepEqual(lua.origin, { kind: 'EnvoyFilter', namespace: 'bookinfo', name: 'reviews-lua' });
    assert.ok('phase' in lua && 'typeUrl' in lua);
    assert.equal(chain.networkFilters.at(-1).origin, null);
    assert.ok(
      c.clusters.some(
        (x: { name: string; patches: unknown[] }) => x.name === 'inbound|9080||' && Array.isArray(x.patches),
      ),
    );
    assert.ok(
      c.routeConfigurations.some(
        (x: { name: string; virtualHosts: unknown[] }) => x.name === '9080' && x.virtualHosts.length,
      ),
    );
    const applied = c.patches.find((p: { envoyFilter: string }) => p.envoyFilter === 'bookinfo/reviews-lua');
    assert.deepEqual(
      [applied.applyTo, applied.applied, applied.targets],
      ['HTTP_FILTER', true, ['virtualInbound/0.0.0.0_9080/envoy.filters.http.lua']],
    );
    assert.ok(!r.out.includes('"uri"'), 'no workspace-internal locations');
  });

  it('text output names listeners, chains, clusters and patch outcomes; usage errors exit 2', () => {
    const r = meshlens(['config', EXAMPLES, '--workload', 'bookinfo/reviews-v1']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^bookinfo\/reviews-v1: sidecar \(Istio 1\.31\)/);
    assert.match(r.out, /virtualInbound {2}inbound, 0\.0\.0\.0:15006/);
    assert.match(r.out, /applied {5}bookinfo\/reviews-lua#0 HTTP_FILTER INSERT_BEFORE/);
    const missing = meshlens(['config', EXAMPLES, '--workload', 'bookinfo/nope']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /workload bookinfo\/nope not found/);
    assert.equal(meshlens(['config', EXAMPLES]).code, 2);
  });
});

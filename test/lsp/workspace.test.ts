import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { TestLspClient } from '../helpers/lspClient';
import { yaml } from '../helpers/analyze';

const dir = mkdtempSync(join(tmpdir(), 'meshlens-ws-'));
writeFileSync(
  join(dir, 'workloads.yaml'),
  yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    'spec:',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    '    spec:',
    '      containers: [{name: c}]',
  ),
);
writeFileSync(
  join(dir, 'mesh-default.yaml'),
  yaml(
    'apiVersion: telemetry.istio.io/v1',
    'kind: Telemetry',
    'metadata:',
    '  name: a-default',
    '  namespace: shop',
    'spec:',
    '  tracing: [{randomSamplingPercentage: 1}]',
  ),
);
const uri = (name: string) => pathToFileURL(join(dir, name)).toString();

describe('workspace-wide checks in the language server', () => {
  let client: TestLspClient;
  const logs: string[] = [];
  before(async () => {
    client = new TestLspClient();
    client.connection.onNotification('window/logMessage', (m: { message: string }) => logs.push(m.message));
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).toString(),
      workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ws' }],
      capabilities: {},
    });
    await client.connection.sendNotification('initialized', {});
  });
  after(() => client.stop());

  it('checks an open selector against workloads in files that are not open', async () => {
    const text = yaml(
      'apiVersion: telemetry.istio.io/v1',
      'kind: Telemetry',
      'metadata:',
      '  name: t',
      '  namespace: shop',
      'spec:',
      '  selector:',
      '    matchLabels: {app: webb}',
    );
    await client.open(uri('telemetry.yaml'), text);
    const ds = await client.diagnosticsFor(uri('telemetry.yaml'), (d) => d.some((x) => x.code === 'IST0101'));
    assert.match(
      ds.find((d) => d.code === 'IST0101')!.message,
      /app=webb" matches no workload in namespace shop \(1 workload there\)/,
    );
  });

  it('re-checks other open documents when one changes', async () => {
    const second = yaml(
      'apiVersion: telemetry.istio.io/v1',
      'kind: Telemetry',
      'metadata:',
      '  name: b-default',
      '  namespace: shop',
      'spec: {}',
    );
    await client.open(
      uri('other.yaml'),
      yaml(
        'apiVersion: telemetry.istio.io/v1',
        'kind: Telemetry',
        'metadata:',
        '  name: b-default',
        '  namespace: elsewhere',
        'spec: {}',
      ),
    );
    await client.diagnosticsFor(uri('other.yaml'), (d) => d.length === 0);
    // Moving it into "shop" makes two namespace-wide Telemetry there, one of them on disk only.
    await client.change(uri('other.yaml'), second);
    const ds = await client.diagnosticsFor(uri('other.yaml'), (d) => d.some((x) => x.code === 'IST0160'));
    assert.match(ds[0].message, /a-default, b-default in namespace "shop"/);
  });

  it("shows a document opened after indexing its own findings at once, then the workspace checks' as well", async () => {
    for (let i = 0; i < 400 && !logs.some((l) => /indexed \d+ YAML files/.test(l)); i++)
      await new Promise((r) => setTimeout(r, 25));
    const late = uri('late.yaml');
    await client.open(
      late,
      yaml(
        'apiVersion: telemetry.istio.io/v1',
        'kind: Telemetry',
        'metadata:',
        '  name: late',
        '  namespace: shop',
        'spec:',
        '  selector:',
        '    matchLabels: {app: nothing-here}',
        '  tracng: []',
      ),
    );
    await client.diagnosticsFor(late, (d) => d.some((x) => x.code === 'IST0101'));
    const codes = client.publishesOf(late).map((p) => p.diagnostics.map((d) => String(d.code)).sort());
    // The unknown field is the document's own finding; IST0101 needs the workloads of the other files.
    assert.deepEqual(codes[0], ['ML0201']);
    assert.deepEqual(codes[codes.length - 1], ['IST0101', 'ML0201']);
  });

  it("keeps showing the workspace checks' findings of unchanged resources, moved, in the first publish after an edit", async () => {
    const file = uri('two.yaml');
    const fixing = yaml(
      'apiVersion: telemetry.istio.io/v1',
      'kind: Telemetry',
      'metadata:',
      '  name: fixing',
      '  namespace: shop',
      'spec:',
      '  selector:',
      '    matchLabels: {app: web}',
      '  tracng: []',
    );
    const unmatched = yaml(
      'apiVersion: telemetry.istio.io/v1',
      'kind: Telemetry',
      'metadata:',
      '  name: unmatched',
      '  namespace: shop',
      'spec:',
      '  selector:',
      '    matchLabels: {app: nothing-here}',
    );
    await client.open(file, `${fixing}---\n${unmatched}`);
    const before = await client.diagnosticsFor(file, (d) => d.some((x) => x.code === 'IST0101'));
    assert.deepEqual(before.map((d) => d.code).sort(), ['IST0101', 'ML0201']);
    // The first resource gains a comment line and loses its typo: everything after it moves down a line.
    const version = await client.change(
      file,
      `# fixed\n${fixing.replace('tracng: []', 'tracing: []')}---\n${unmatched}`,
    );
    await client.diagnosticsFor(file, () => true, version);
    const first = client.publishesOf(file).find((p) => p.version === version)!;
    assert.deepEqual(
      first.diagnostics.map((d) => [d.code, d.range.start.line]),
      [['IST0101', before.find((d) => d.code === 'IST0101')!.range.start.line + 1]],
    );
  });

  it('puts the saved text of a file back into the workspace when its editor closes unsaved', async () => {
    const selector = uri('selector.yaml');
    const oneWorkload = (d: Array<{ message: string }>) => d.some((x) => /\(1 workload there\)/.test(x.message));
    await client.open(
      selector,
      yaml(
        'apiVersion: telemetry.istio.io/v1',
        'kind: Telemetry',
        'metadata:',
        '  name: s',
        '  namespace: shop',
        'spec:',
        '  selector:',
        '    matchLabels: {app: webb}',
      ),
    );
    await client.diagnosticsFor(selector, oneWorkload);
    // The Deployment moves to another namespace in its editor, unsaved: "shop" has no workload for the selector now.
    const workloads = uri('workloads.yaml');
    await client.open(workloads, yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web'));
    const moved = (await import('node:fs')).readFileSync(join(dir, 'workloads.yaml'), 'utf8');
    await client.change(workloads, moved.replace('namespace: shop', 'namespace: elsewhere'));
    await client.diagnosticsFor(selector, (d) => !oneWorkload(d));
    await client.close(workloads);
    await client.diagnosticsFor(selector, oneWorkload);
  });
});

// Meshlens next to Red Hat's YAML extension: the real yaml-language-server (what vscode-yaml runs), with a schema
// mapped onto every YAML file the way users map Kubernetes schemas, and Meshlens's contributor answer wired through
// the same custom-schema protocol vscode-yaml's registerContributor uses.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { NotificationType, RequestType } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../helpers/lspClient';
import { schemaUriFor, EMPTY_SCHEMA_URI, EMPTY_SCHEMA } from '../../client/src/schemaContribution';
import { yaml } from '../helpers/analyze';

const YLS = require.resolve('yaml-language-server/bin/yaml-language-server');
const dir = mkdtempSync(join(tmpdir(), 'meshlens-rh-'));
// Stands in for the Kubernetes/CRD-store schema a user maps onto manifests: it objects to every document here.
const schemaFile = join(dir, 'manifest.schema.json');
writeFileSync(
  schemaFile,
  JSON.stringify({ type: 'object', required: ['mappedSchemaMarker'], properties: { kind: { enum: ['Deployment'] } } }),
);

const ENVOY_FILTER = yaml(
  'apiVersion: networking.istio.io/v1alpha3',
  'kind: EnvoyFilter',
  'metadata:',
  '  name: f',
  'spec:',
  '  priority: 1',
);
const DEPLOYMENT = yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: d');

async function startYls(withContributor: boolean): Promise<TestLspClient> {
  const settings = {
    yaml: {
      validate: true,
      completion: true,
      hover: true,
      schemas: { [pathToFileURL(schemaFile).toString()]: '*.yaml' },
    },
  };
  const client = new TestLspClient({
    command: [process.execPath, YLS, '--stdio'],
    capabilities: { workspace: { configuration: true } },
    configuration: (section) => (section === 'yaml' ? settings.yaml : section ? null : settings),
  });
  if (withContributor) {
    client.connection.onRequest(
      new RequestType<string, string | string[], void>('custom/schema/request'),
      (resource) => {
        const text = texts.get(resource);
        return (text !== undefined && schemaUriFor(text)) || [];
      },
    );
    client.connection.onRequest(new RequestType<string, string, void>('custom/schema/content'), (uri) =>
      uri === EMPTY_SCHEMA_URI ? EMPTY_SCHEMA : '',
    );
  }
  await client.initialize();
  if (withContributor)
    await client.connection.sendNotification(new NotificationType('yaml/registerCustomSchemaRequest'), undefined);
  await client.setConfiguration(settings);
  return client;
}

const texts = new Map<string, string>();
async function openBoth(client: TestLspClient) {
  const ef = pathToFileURL(join(dir, 'envoyfilter.yaml')).toString();
  const dep = pathToFileURL(join(dir, 'deployment.yaml')).toString();
  texts.set(ef, ENVOY_FILTER);
  texts.set(dep, DEPLOYMENT);
  await client.open(ef, ENVOY_FILTER);
  await client.open(dep, DEPLOYMENT);
  return { ef, dep };
}

describe('next to Red Hat YAML (yaml-language-server)', () => {
  it("without Meshlens's contributor, yaml-language-server validates our kinds against the mapped schema", async () => {
    const client = await startYls(false);
    try {
      const { ef } = await openBoth(client);
      const ds = await client.diagnosticsFor(ef, (d) => d.length > 0);
      assert.ok(
        ds.some((d) => /mappedSchemaMarker/.test(d.message)),
        JSON.stringify(ds),
      );
    } finally {
      await client.stop();
    }
  });

  it('with it, yaml-language-server is silent on files with our kinds and unchanged on others', async () => {
    const client = await startYls(true);
    try {
      const { ef, dep } = await openBoth(client);
      const other = await client.diagnosticsFor(dep, (d) => d.length > 0);
      assert.ok(other.some((d) => /mappedSchemaMarker/.test(d.message)));
      assert.deepEqual(await client.diagnosticsFor(ef), []);
      // No competing completions or hovers from the schema either.
      const items = await client.complete(ef, 5, 2);
      assert.ok(!items.some((i) => i.label === 'mappedSchemaMarker'), items.map((i) => i.label).join());
    } finally {
      await client.stop();
    }
  });
});

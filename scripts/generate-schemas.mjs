#!/usr/bin/env node
// Generates schemas/ from the Istio CRDs in ../shared/data/istio-crds (run: npm run schemas).
// The output is committed: the extension, server and CLI never read ../shared at run or build time.
//
// Output:
//   schemas/crds/<Kind>.<version>.json  draft-07 JSON Schema for one served kind/version, with apiVersion, kind and
//                                        metadata added, unknown fields closed (the apiserver's strict field validation)
//   schemas/istio-versions.json          which Istio versions we know, and which field paths, enum values and API
//                                        versions appeared (or went) in which of them
//   schemas/PROVENANCE.md                where all of it came from
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = process.env.MESHLENS_SHARED_DATA ?? join(root, '..', 'shared', 'data');
const crdDir = join(source, 'istio-crds');
if (!existsSync(crdDir)) {
  console.error(`generate-schemas: ${crdDir} not found (set MESHLENS_SHARED_DATA to the shared data folder)`);
  process.exit(2);
}
const outDir = join(root, 'schemas');
mkdirSync(join(outDir, 'crds'), { recursive: true });

// Release tags compared in VERSION-CHANGES.txt, as the minor versions users pick, from the one list of versions
// (scripts/data/istio-releases.json). HEAD is master after 1.31.0-rc.0.
const RELEASES = JSON.parse(readFileSync(join(root, 'scripts', 'data', 'istio-releases.json'), 'utf8')).releases;
const TAG_TO_VERSION = Object.fromEntries(RELEASES.map((r) => [r.tag, r.version]));
const VERSIONS = Object.values(TAG_TO_VERSION);

const GROUPS = {
  EnvoyFilter: 'networking.istio.io',
  Telemetry: 'telemetry.istio.io',
  WasmPlugin: 'extensions.istio.io',
  TrafficExtension: 'extensions.istio.io',
};
// Kinds that do not exist in every version we know: TrafficExtension arrived with Istio 1.30.0
// (istio/istio commit 9a028a975ce, first contained in tag 1.30.0).
const KIND_SINCE = { TrafficExtension: '1.30' };

function closeObjects(node) {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = closeObjects(v);
  // Kubernetes drops or (with strict field validation, the kubectl default) rejects fields the schema does not name.
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  if (typeof out.description === 'string') out.markdownDescription = out.description;
  return out;
}

const metadataSchema = {
  type: 'object',
  description: 'Standard Kubernetes object metadata.',
  properties: {
    name: { type: 'string', description: 'Name of the resource, unique within its namespace.' },
    namespace: {
      type: 'string',
      description:
        'Namespace of the resource. A resource in the mesh root namespace (usually `istio-system`) applies mesh-wide.',
    },
    labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Labels of the resource.' },
    annotations: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Annotations of the resource.',
    },
    // Fields the apiserver sets; they appear in manifests saved with `kubectl get -o yaml`.
    generateName: { type: 'string', description: 'Prefix for a server-generated name.' },
    uid: { type: 'string', description: 'Set by the apiserver.' },
    resourceVersion: { type: 'string', description: 'Set by the apiserver.' },
    generation: { type: 'integer', description: 'Set by the apiserver.' },
    creationTimestamp: { type: ['string', 'null'], description: 'Set by the apiserver.' },
    deletionTimestamp: { type: 'string', description: 'Set by the apiserver.' },
    deletionGracePeriodSeconds: { type: 'integer', description: 'Set by the apiserver.' },
    ownerReferences: { type: 'array', items: { type: 'object' }, description: 'Objects this one depends on.' },
    finalizers: { type: 'array', items: { type: 'string' }, description: 'Finalizers that must run before deletion.' },
    managedFields: {
      type: 'array',
      items: { type: 'object' },
      description: 'Set by the apiserver (server-side apply).',
    },
    selfLink: { type: 'string', description: 'Deprecated; set by old apiservers.' },
  },
};

const schemaFiles = [];
for (const file of readdirSync(join(crdDir, 'openapi-json')).sort()) {
  const m = /^(\w+)\.([\w.]+)\.(v\w+)\.json$/.exec(file);
  if (!m) continue;
  const [, kind, group, version] = m;
  const openapi = JSON.parse(readFileSync(join(crdDir, 'openapi-json', file), 'utf8'));
  const closed = closeObjects(openapi);
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `meshlens://schemas/${kind}.${version}.json`,
    title: `${kind} (${group}/${version})`,
    type: 'object',
    required: ['apiVersion', 'kind', 'spec', ...(closed.required ?? []).filter((r) => r !== 'spec')],
    additionalProperties: false,
    properties: {
      apiVersion: {
        type: 'string',
        const: `${group}/${version}`,
        description: `\`${group}/${version}\``,
        markdownDescription: `\`${group}/${version}\``,
      },
      kind: { type: 'string', const: kind, description: kind, markdownDescription: kind },
      metadata: closeObjects(metadataSchema),
      ...closed.properties,
    },
  };
  const name = `${kind}.${version}.json`;
  writeFileSync(join(outDir, 'crds', name), JSON.stringify(schema, null, 1) + '\n');
  schemaFiles.push({ kind, group, version, file: `crds/${name}` });
}

// VERSION-CHANGES.txt: "== Kind FROM -> TO" blocks of "+ version.path [enum=A|B] [CEL:message]" lines.
const changes = [];
let current = null;
const enumSets = new Map(); // `${kind} ${path}` -> {before, after} for one block
function flushEnums() {
  for (const [key, sets] of enumSets) {
    const [kind, path] = key.split(' ');
    if (!sets.before) continue; // a new path: the path itself carries the version
    for (const v of sets.after ?? [])
      if (!sets.before.includes(v)) changes.push({ kind, ...path2(path), enumValue: v, added: current.to });
    for (const v of sets.before)
      if (!(sets.after ?? []).includes(v)) changes.push({ kind, ...path2(path), enumValue: v, removed: current.to });
  }
  enumSets.clear();
}
function path2(p) {
  const dot = p.indexOf('.');
  return { apiVersion: p.slice(0, dot), path: p.slice(dot + 1) };
}
for (const line of readFileSync(join(crdDir, 'VERSION-CHANGES.txt'), 'utf8').split('\n')) {
  const block = /^== (\w+) (\S+) -> (\S+)/.exec(line);
  if (block) {
    if (current) flushEnums();
    current = { kind: block[1], from: TAG_TO_VERSION[block[2]], to: TAG_TO_VERSION[block[3]] };
    if (!current.from || !current.to) throw new Error(`unknown tag in ${line}`);
    continue;
  }
  const m = /^([+-]) (\S+)(?: (enum=|CEL:)(.*))?$/.exec(line);
  if (!m || !current) continue;
  const [, sign, path, what, rest] = m;
  if (what === 'enum=') {
    const key = `${current.kind} ${path}`;
    const sets = enumSets.get(key) ?? {};
    sets[sign === '+' ? 'after' : 'before'] = rest.split('|');
    enumSets.set(key, sets);
  } else if (what === 'CEL:') {
    changes.push({ kind: current.kind, ...path2(path), cel: rest, [sign === '+' ? 'added' : 'removed']: current.to });
  } else {
    changes.push({ kind: current.kind, ...path2(path), [sign === '+' ? 'added' : 'removed']: current.to });
  }
}
if (current) flushEnums();

// An API version whose `spec` path was added in version X is served from X on.
const apiVersionSince = {};
for (const c of changes) {
  if (c.path === 'spec' && c.added && !c.enumValue && !c.cel)
    apiVersionSince[`${GROUPS[c.kind]}/${c.apiVersion}`] = c.added;
}
const served = {};
for (const f of schemaFiles) (served[f.kind] ??= { group: f.group, versions: [] }).versions.push(f.version);

const crdProvenance = readFileSync(join(crdDir, 'PROVENANCE.md'), 'utf8');
const commit = /commit: ([0-9a-f]{40})/.exec(crdProvenance)?.[1] ?? 'unknown';

const versions = {
  comment: 'Generated by scripts/generate-schemas.mjs; do not edit. See PROVENANCE.md.',
  versions: VERSIONS,
  newest: VERSIONS[VERSIONS.length - 1],
  kinds: served,
  kindSince: KIND_SINCE,
  apiVersionSince,
  schemas: schemaFiles,
  changes: changes.filter((c) => !c.path.startsWith('status')),
};
writeFileSync(join(outDir, 'istio-versions.json'), JSON.stringify(versions, null, 1) + '\n');

writeFileSync(
  join(outDir, 'PROVENANCE.md'),
  `# Provenance of schemas/

Generated by \`npm run schemas\` (scripts/generate-schemas.mjs). Do not edit by hand.

| output | source |
|---|---|
| crds/*.json | the \`openAPIV3Schema\` of each served version of the Istio CRDs (EnvoyFilter, Telemetry, WasmPlugin, TrafficExtension) |
| istio-versions.json | the differences between Istio release tags 1.20.0, 1.22.0, 1.24.0, 1.26.0, 1.28.0, 1.29.0, 1.30.3 and master |

- Repository: https://github.com/istio/istio, path \`manifests/charts/base/files/crd-all.gen.yaml\`, commit \`${commit}\`
  (master, 2026-08-22; generated there from istio/api). The version differences were read from the same file at each tag.
- Licence: Apache License 2.0 (istio/istio and istio/api).
- "1.31" in our version list means that master commit (after 1.31.0-rc.0).
- That TrafficExtension exists from Istio 1.30.0 on is from istio/istio commit 9a028a975ce ("First-class Lua and WASM
  support via new TrafficExtension API"), first contained in tag 1.30.0.

Changes made by the generator: \`apiVersion\`, \`kind\` and \`metadata\` added at the top; objects with named properties
closed with \`additionalProperties: false\` (what the apiserver's strict field validation does), except where the CRD
preserves unknown fields; \`markdownDescription\` copied from \`description\` for editors that render markdown.
`,
);
console.log(`generate-schemas: ${schemaFiles.length} schemas, ${changes.length} version changes -> ${outDir}`);

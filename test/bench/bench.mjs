#!/usr/bin/env node
// `npm run bench`: drives dist/server.js over stdio like an editor, and plain yaml-language-server (the version
// Meshlens builds on) with the same schemas, files and edits, and prints a table with ratios; writes
// bench-results/bench.json. Timings are measurements to read, never test assertions.
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { generate } from './generate.mjs';
import { openBench } from './openBench.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--tests'], { stdio: 'ignore' });
// Meshlens's server starts as its VS Code client starts it (with server/serverProcess.json): the helper's default.
const { TestLspClient } = require(join(root, 'out/test/helpers/lspClient.js'));
const YLS = require.resolve('yaml-language-server/bin/yaml-language-server');

const dir = mkdtempSync(join(tmpdir(), 'meshlens-bench-'));
console.log(`generating inputs in ${dir} ...`);
const files = generate(dir);
const results = {
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  meshlens: {},
  yls: {},
};

// yaml-language-server gets the same CRD schemas, chosen per document by kind as Meshlens does.
const kinds = {
  EnvoyFilter: 'EnvoyFilter.v1alpha3',
  Telemetry: 'Telemetry.v1',
  WasmPlugin: 'WasmPlugin.v1alpha1',
  TrafficExtension: 'TrafficExtension.v1alpha1',
};
const combined = {
  allOf: Object.entries(kinds).map(([kind, file]) => ({
    if: { properties: { kind: { const: kind } }, required: ['kind'] },
    then: JSON.parse(readFileSync(join(root, 'schemas/crds', `${file}.json`), 'utf8')),
  })),
};
const schemaFile = join(dir, 'istio.schema.json');
writeFileSync(schemaFile, JSON.stringify(combined));
const ylsSettings = {
  yaml: {
    validate: true,
    completion: true,
    hover: true,
    schemas: { [pathToFileURL(schemaFile).toString()]: '*.yaml' },
  },
};

const now = () => performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const rss = (pid) => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
};

async function start(kind, folder) {
  const client =
    kind === 'meshlens'
      ? new TestLspClient()
      : new TestLspClient({
          // As its VS Code extension starts it: no Node options or environment of ours.
          command: [process.execPath, '--max-old-space-size=4096', YLS, '--stdio'],
          env: process.env,
          capabilities: { workspace: { configuration: true } },
          configuration: (s) => (s === 'yaml' ? ylsSettings.yaml : s ? null : ylsSettings),
        });
  const logs = [];
  client.connection.onNotification('window/logMessage', (m) => logs.push({ t: now(), text: m.message }));
  const params = {
    processId: process.pid,
    rootUri: folder ? pathToFileURL(folder).toString() : null,
    workspaceFolders: folder ? [{ uri: pathToFileURL(folder).toString(), name: 'ws' }] : null,
    capabilities: kind === 'yls' ? { workspace: { configuration: true } } : {},
  };
  await client.connection.sendRequest('initialize', params);
  await client.connection.sendNotification('initialized', {});
  if (kind === 'yls') await client.setConfiguration(ylsSettings);
  return { client, logs };
}

/** Waits for a publishDiagnostics of `uri` newer than `after` (a publish counter), up to a limit. */
async function nextPublish(client, uri, since, limitMs = 60_000) {
  const t0 = now();
  while (now() - t0 < limitMs) {
    const p = client.latest(uri);
    if (p && p !== since) return now();
    await new Promise((r) => setTimeout(r, 2));
  }
  return null;
}

async function timed(f, limitMs = 30_000) {
  const t0 = now();
  const r = await Promise.race([f().then(() => now() - t0), new Promise((r) => setTimeout(() => r(null), limitMs))]);
  return r === null ? null : Math.round(r * 10) / 10;
}

async function fileBench(kind) {
  const { client } = await start(kind);
  const out = {};
  const text = readFileSync(files['resources-1000'], 'utf8');
  const uri = pathToFileURL(files['resources-1000']).toString();
  let t0 = now();
  await client.open(uri, text);
  const first = await nextPublish(client, uri, undefined);
  out.firstDiagnostics1000 = first && Math.round(first - t0);
  // Completion and hover deep in the file: resource 995 (a Telemetry), on its metric enum value and key.
  const lines = text.split('\n');
  const metricLine = lines.findIndex((l, i) => i > lines.length * 0.99 && l.includes('metric: REQUEST_COUNT'));
  const completions = [];
  const hovers = [];
  for (let i = 0; i < 20; i++) {
    completions.push(await timed(() => client.complete(uri, metricLine, lines[metricLine].indexOf(':') + 2)));
    hovers.push(await timed(() => client.hover(uri, metricLine, lines[metricLine].indexOf('metric') + 2)));
  }
  out.completionMedian = median(completions.filter((x) => x !== null));
  out.completionP95 = p95(completions.filter((x) => x !== null));
  out.hoverMedian = median(hovers.filter((x) => x !== null));
  // Completion inside a Lua filter's typed_config (the Envoy message schemas), deep in the file.
  const typedLine = lines.findIndex(
    (l, i) =>
      i > lines.length * 0.98 && l.includes('"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua'),
  );
  const typed = [];
  for (let i = 0; i < 20; i++) typed.push(await timed(() => client.complete(uri, typedLine + 1, 10)));
  out.typedConfigCompletionMedian = median(typed.filter((x) => x !== null));
  out.hoverP95 = p95(hovers.filter((x) => x !== null));
  // Edits in one resource of the 1,000: the priority of EnvoyFilter 500.
  const editLine = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('  priority:'));
  const editToDiag = [];
  const completionAfterEdit = [];
  for (let i = 0; i < 10; i++) {
    lines[editLine] = `  priority: ${100 + i}`;
    const before = client.latest(uri);
    t0 = now();
    const v = await client.change(uri, lines.join('\n'));
    const completion = timed(() => client.complete(uri, metricLine, lines[metricLine].indexOf(':') + 2));
    const done = await nextPublish(client, uri, before);
    editToDiag.push(done === null ? null : Math.round(done - t0));
    completionAfterEdit.push(await completion);
    void v;
    await new Promise((r) => setTimeout(r, 300));
  }
  out.editToDiagnosticsMedian = median(editToDiag.filter((x) => x !== null));
  out.completionAfterEditMedian = median(completionAfterEdit.filter((x) => x !== null));
  // The 1,000-resource file is the issue's reference for memory; the 10 MB document and the Lua script come after.
  out.peakRss1000MiB = rss(client.pid);
  // The 10 MB document: diagnostics, and completion and hover at its end.
  const big = readFileSync(files.big, 'utf8');
  const bigUri = pathToFileURL(files.big).toString();
  t0 = now();
  await client.open(bigUri, big);
  const bigDiag = await nextPublish(client, bigUri, undefined, 120_000);
  out.bigFirstDiagnostics = bigDiag && Math.round(bigDiag - t0);
  const bigLines = big.split('\n');
  out.bigCompletion = await timed(() => client.complete(bigUri, bigLines.length - 1, 2), 60_000);
  out.bigHover = await timed(() => client.hover(bigUri, bigLines.length - 2, 3), 60_000);
  // 100,000 lines of Lua.
  const lua = readFileSync(files.lua, 'utf8');
  const luaUri = pathToFileURL(files.lua).toString();
  t0 = now();
  await client.open(luaUri, lua);
  const luaDiag = await nextPublish(client, luaUri, undefined, 120_000);
  out.lua100kFirstDiagnostics = luaDiag && Math.round(luaDiag - t0);
  out.peakRssMiB = rss(client.pid);
  await client.stop();
  return out;
}

async function workspaceBench() {
  const t0 = now();
  const { client, logs } = await start('meshlens', files.workspace);
  const out = {};
  while (!logs.some((l) => /indexed \d+ YAML files/.test(l.text)) && now() - t0 < 120_000)
    await new Promise((r) => setTimeout(r, 20));
  const done = logs.find((l) => /indexed \d+ YAML files/.test(l.text));
  out.indexingMs = done ? Math.round(done.t - t0) : null;
  out.indexed = done?.text;
  const workloads = await client.connection.sendRequest('meshlens/listWorkloads');
  out.workloads = workloads.length;
  const renders = [];
  for (let i = 0; i < 10; i++) {
    const w = workloads[(i * 7) % workloads.length];
    renders.push(
      await timed(() =>
        client.connection.sendRequest('meshlens/renderChain', { workload: w.id, direction: 'inbound', port: 8080 }),
      ),
    );
  }
  out.renderChainMedian = median(renders);
  out.renderChainP95 = p95(renders);
  // The whole config of a workload (listeners, chains, clusters, routes, every patch), a different workload each time
  // so nothing is served from the per-version cache.
  const configs = [];
  for (let i = 0; i < 21; i++) {
    const w = workloads[(i * 13 + 3) % workloads.length];
    configs.push(await timed(() => client.connection.sendRequest('meshlens/renderConfig', { workload: w.id })));
  }
  out.renderConfigMedian = median(configs);
  out.renderConfigP95 = p95(configs);
  out.peakRssMiB = rss(client.pid);
  await client.stop();
  return out;
}

function cliBench() {
  const out = {};
  const run = (args) => {
    const t0 = now();
    try {
      execFileSync(process.execPath, [join(root, 'dist/cli.js'), ...args], { stdio: 'ignore' });
    } catch {
      /* findings exit 1 */
    }
    return Math.round(now() - t0);
  };
  const corpus = join(root, '..', 'shared', 'data', 'corpus');
  if (existsSync(corpus)) out.corpus507Ms = run(['check', corpus]);
  out.workspace5000FilesMs = run(['check', files.workspace]);
  out.resources5000Ms = run(['check', files['resources-5000']]);
  out.upgradeCheck5000FilesMs = run(['upgrade-check', files.workspace, '--from', '1.24', '--to', '1.31']);
  out.config5000FilesMs = run(['config', files.workspace, '--workload', 'ns3/app-3-3', '--format', 'json']);
  return out;
}

// `npm run bench -- --open`: only the opening rows (a few runs each), for work on start-up.
const openOnly = process.argv.includes('--open');
if (!openOnly) {
  console.log('meshlens: files ...');
  results.meshlens = await fileBench('meshlens');
  console.log('yaml-language-server: files ...');
  results.yls = await fileBench('yls');
}
results.open = {};
for (const ws of ['light', 'heavy']) {
  for (const kind of ['meshlens', 'yls']) {
    console.log(`${kind}: opening in the ${ws} workspace ...`);
    const runs = [];
    for (let i = 0; i < (openOnly ? 3 : 1); i++)
      runs.push(await openBench({ start, nextPublish, rss, now }, kind, files[`ws-${ws}`]));
    // The median run by first diagnostics.
    results.open[`${kind}-${ws}`] = runs.sort((a, b) => (a.firstDiagnostics ?? 1e9) - (b.firstDiagnostics ?? 1e9))[
      Math.floor(runs.length / 2)
    ];
  }
}
if (openOnly) {
  for (const [k, v] of Object.entries(results.open)) console.log(k, JSON.stringify(v));
  process.exit(0);
}
console.log('meshlens: workspace ...');
results.workspace = await workspaceBench();
console.log('meshlens check ...');
results.cli = cliBench();
results.vsixBytes = existsSync(join(root, 'meshlens.vsix')) ? readFileSync(join(root, 'meshlens.vsix')).length : null;

const rows = [
  ['first diagnostics, 1,000 resources (ms)', 'firstDiagnostics1000'],
  ['completion deep in the file, median (ms)', 'completionMedian'],
  ['completion deep in the file, p95 (ms)', 'completionP95'],
  ['hover deep in the file, median (ms)', 'hoverMedian'],
  ['completion inside typed_config, median (ms)', 'typedConfigCompletionMedian'],
  ['hover deep in the file, p95 (ms)', 'hoverP95'],
  ['edit to diagnostics, 1,000 resources, median (ms)', 'editToDiagnosticsMedian'],
  ['completion right after an edit, median (ms)', 'completionAfterEditMedian'],
  ['10 MB document: first diagnostics (ms)', 'bigFirstDiagnostics'],
  ['10 MB document: completion at the end (ms)', 'bigCompletion'],
  ['10 MB document: hover at the end (ms)', 'bigHover'],
  ['100,000-line Lua: first diagnostics (ms)', 'lua100kFirstDiagnostics'],
  ['peak server RSS, 1,000-resource file session (MiB)', 'peakRss1000MiB'],
  ['peak server RSS, whole run incl. 10 MB and Lua (MiB)', 'peakRssMiB'],
];
console.log('\n| measure | meshlens | yaml-language-server | ratio |\n|---|---|---|---|');
for (const [label, key] of rows) {
  const a = results.meshlens[key];
  const b = results.yls[key];
  const ratio = typeof a === 'number' && typeof b === 'number' && b > 0 ? (a / b).toFixed(2) : '–';
  console.log(`| ${label} | ${a ?? 'timeout'} | ${b ?? 'timeout'} | ${ratio} |`);
}
const openRows = [
  ['first diagnostics after opening, workspace of that file only (ms)', 'light', 'firstDiagnostics'],
  ['first diagnostics after opening, workspace with 10 MB, Lua and nesting (ms)', 'heavy', 'firstDiagnostics'],
  ['complete diagnostics after opening, that file only (ms)', 'light', 'completeDiagnostics'],
  ['complete diagnostics after opening, with 10 MB, Lua and nesting (ms)', 'heavy', 'completeDiagnostics'],
  ['peak server RSS, that file only (MiB)', 'light', 'peakRssMiB'],
  ['peak server RSS, with 10 MB, Lua and nesting (MiB)', 'heavy', 'peakRssMiB'],
];
for (const [label, ws, key] of openRows) {
  const a = results.open[`meshlens-${ws}`]?.[key];
  const b = results.open[`yls-${ws}`]?.[key];
  const ratio = typeof a === 'number' && typeof b === 'number' && b > 0 ? (a / b).toFixed(2) : '–';
  console.log(`| ${label} | ${a ?? 'timeout'} | ${b ?? 'timeout'} | ${ratio} |`);
}
console.log(
  `\nworkspace of 5,000 files: indexing ${results.workspace.indexingMs} ms (${results.workspace.indexed}), ${results.workspace.workloads} workloads, chain render median ${results.workspace.renderChainMedian} ms, p95 ${results.workspace.renderChainP95} ms, peak RSS ${results.workspace.peakRssMiB} MiB`,
);
console.log(
  `meshlens check: corpus (507 documents) ${results.cli.corpus507Ms ?? 'n/a'} ms, 5,000 files ${results.cli.workspace5000FilesMs} ms, one file of 5,000 resources ${results.cli.resources5000Ms} ms`,
);
console.log(`meshlens upgrade-check 1.24 -> 1.31, 5,000 files: ${results.cli.upgradeCheck5000FilesMs} ms`);
console.log(
  `whole proxy config of one workload in the 5,000-file workspace: median ${results.workspace.renderConfigMedian} ms, p95 ${results.workspace.renderConfigP95} ms over LSP; meshlens config (reading all 5,000 files first) ${results.cli.config5000FilesMs} ms`,
);
console.log(
  `.vsix: ${results.vsixBytes === null ? 'not packaged (npm run package)' : `${(results.vsixBytes / 1e6).toFixed(2)} MB`}`,
);
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(join(root, 'bench-results', 'bench.json'), JSON.stringify(results, null, 2) + '\n');
console.log('\nwrote bench-results/bench.json');
process.exit(0);

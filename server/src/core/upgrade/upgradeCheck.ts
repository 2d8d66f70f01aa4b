// "Will my config survive the upgrade?": the workspace analysed and every workload's chains rendered under two Istio
// versions, and what differs reported per resource. Nothing that behaves the same under both is reported.
import { analyzeFile } from '../analyzeFile';
import { Workspace, ResourceRecord } from '../workspace/workspace';
import { fileFindings } from '../workspaceChecks/registry';
import { listWorkloads, renderChain } from '../chain/renderChain';
import type { ChainResult, Direction, PatchOutcome, RenderedFilter } from '../chain/types';
import type { MeshConfigInfo } from '../workspace/meshConfig';
import type { Finding } from '../diagnostics/finding';
import { codeInfo, Severity } from '../diagnostics/codes';
import { rangeAt } from '../yaml/parseSlice';
import { configOutcomeChanges } from './configOutcomes';
import { formatMessage } from '../diagnostics/messages';
import { compareText } from '../util/compareText';

export interface UpgradeFinding extends Finding {
  uri: string;
  resource: { kind: string; namespace: string; name: string } | null;
  patchIndex: number | null;
  workloads: string[];
}

export interface UpgradeInput {
  uri: string;
  text: string;
}

/** Renders this many chains at most per version, so that a huge workspace answers rather than stalls. */
const MAX_CHAINS = 3000;

function workspaceFor(inputs: UpgradeInput[], version: string, meshConfig?: MeshConfigInfo): Workspace {
  const ws = new Workspace();
  ws.istioVersion = version;
  ws.meshConfigOverride = meshConfig;
  for (const i of inputs) ws.setFile(i.uri, analyzeFile(i.text, { istioVersion: version }));
  return ws;
}

type Target = { workload: string; direction: Direction; port: number };

function targets(ws: Workspace): Target[] {
  const out: Target[] = [];
  for (const w of listWorkloads(ws)) {
    for (const [direction, ports] of Object.entries(w.ports) as Array<[Direction, number[]]>)
      for (const port of ports) out.push({ workload: w.id, direction, port });
  }
  return out.slice(0, MAX_CHAINS);
}

/** A filter's identity across versions: the resource that contributed it (names change with versions), or its name. */
function filterKey(f: RenderedFilter): string {
  return f.origin ? `${f.origin.kind} ${f.origin.namespace}/${f.origin.name}` : f.name;
}

function patchKey(p: PatchOutcome): string {
  return `${p.envoyFilter}#${p.index}`;
}

export function upgradeCheck(
  inputs: UpgradeInput[],
  from: string,
  to: string,
  meshConfig?: MeshConfigInfo,
): UpgradeFinding[] {
  const before = workspaceFor(inputs, from, meshConfig);
  const after = workspaceFor(inputs, to, meshConfig);
  const findings = new Map<string, UpgradeFinding>();

  const add = (
    record: ResourceRecord | undefined,
    uri: string,
    start: number,
    end: number,
    code: string,
    message: string,
    patchIndex: number | null,
    workload?: string,
    severity?: Severity,
  ) => {
    const key = `${uri}#${start}#${code}#${message}`;
    const existing = findings.get(key);
    if (existing) {
      if (workload && !existing.workloads.includes(workload)) existing.workloads.push(workload);
      return;
    }
    findings.set(key, {
      uri,
      start,
      end,
      code,
      message,
      severity: severity ?? codeInfo(code).severity,
      patchIndex,
      workloads: workload ? [workload] : [],
      resource: record ? { kind: record.kind, namespace: record.namespace, name: record.name } : null,
    });
  };
  const locate = (record: ResourceRecord, path: Array<string | number>) => {
    const [s, e] = rangeAt(record.document.parsed, path, 'key') ?? [0, 1];
    return [s + record.document.slice.start, e + record.document.slice.start] as const;
  };
  const recordAt = (ws: Workspace, uri: string, offset: number) =>
    ws.resources.find(
      (r) =>
        r.uri === uri && offset >= r.document.slice.start && offset <= r.document.slice.start + r.document.text.length,
    );

  // 1. What the target version says of each file that the current one does not: fields, values, kinds and API
  //    versions it lacks, Lua methods its Envoy lacks, and every other check whose verdict depends on the version.
  for (const { uri } of inputs) {
    const was = new Set(fileFindings(before, uri).map((f) => `${f.code}@${f.start}`));
    for (const f of fileFindings(after, uri)) {
      if (was.has(`${f.code}@${f.start}`) || f.code === 'ML0801') continue; // ML0801 is covered by the chain comparison
      if (f.severity !== 'error' && f.severity !== 'warning') continue;
      add(
        recordAt(after, uri, f.start),
        uri,
        f.start,
        f.end,
        'ML1003',
        formatMessage('ML1003', { to, message: f.message, code: f.code, from }),
        null,
        undefined,
        f.severity,
      );
    }
  }

  // 2. Every workload's chains under both versions: patches whose outcome changes, and filters contributed by
  //    resources that move, appear or disappear.
  // Resources by the key their filters carry (kind namespace/name), looked up once per filter of every chain.
  const byOrigin = new Map(after.resources.map((r) => [`${r.kind} ${r.namespace}/${r.name}`, r]));
  for (const t of targets(after)) {
    let was: ChainResult;
    let now: ChainResult;
    try {
      was = renderChain(before, t.workload, t.direction, t.port, from);
      now = renderChain(after, t.workload, t.direction, t.port, to);
    } catch {
      continue; // a workload only one version can render (a gateway class it lacks): nothing to compare
    }
    const where = `${t.direction} port ${t.port}`;
    const oldOutcomes = new Map(
      was.patches.filter((p) => p.selected !== false && p.evaluated !== false).map((p) => [patchKey(p), p]),
    );
    for (const p of now.patches) {
      if (p.selected === false || p.evaluated === false) continue;
      const old = oldOutcomes.get(patchKey(p));
      if (!old || old.applied === p.applied) continue;
      const record = byOrigin.get(`EnvoyFilter ${p.envoyFilter}`);
      if (!record) continue;
      const [s, e] = locate(record, ['spec', 'configPatches', p.index]);
      const message = p.applied
        ? formatMessage('ML1001', { to, from, where, reason: old.reason }, 'starts')
        : formatMessage('ML1001', { to, from, where, reason: p.reason }, 'stops');
      add(record, record.uri, s, e, 'ML1001', message, p.index, t.workload);
    }
    const oldKeys = was.httpFilters.map(filterKey);
    const newKeys = now.httpFilters.map(filterKey);
    if (oldKeys.join('\n') === newKeys.join('\n')) continue;
    // Positions among the filters both versions have: a filter that only gains or loses a neighbour (another
    // patch's filter that comes or goes) has not moved.
    const common = (keys: string[], other: string[]) => keys.filter((k) => other.includes(k));
    const oldCommon = common(oldKeys, newKeys);
    const newCommon = common(newKeys, oldKeys);
    for (const f of now.httpFilters.filter((x) => x.origin)) {
      const key = filterKey(f);
      const record = byOrigin.get(key);
      if (!record) continue;
      const [s, e] = locate(record, ['kind']);
      if (!oldKeys.includes(key)) {
        // An EnvoyFilter's filter that appears is its patch starting to apply: ML1001 says so.
        if (f.origin!.kind !== 'EnvoyFilter')
          add(
            record,
            record.uri,
            s,
            e,
            'ML1002',
            formatMessage('ML1002', { to, from, where, filter: f.name }, 'appears'),
            null,
            t.workload,
          );
        continue;
      }
      const i = oldCommon.indexOf(key);
      const j = newCommon.indexOf(key);
      if (neighbours(oldCommon, i) !== neighbours(newCommon, j)) {
        add(
          record,
          record.uri,
          s,
          e,
          'ML1002',
          formatMessage(
            'ML1002',
            { filter: f.name, where, from, to, before: neighbours(oldCommon, i), after: neighbours(newCommon, j) },
            'moves',
          ),
          null,
          t.workload,
        );
      }
    }
    for (const f of was.httpFilters.filter(
      (x) => x.origin && x.origin.kind !== 'EnvoyFilter' && !newKeys.includes(filterKey(x)),
    )) {
      const record = byOrigin.get(filterKey(f));
      if (!record) continue;
      const [s, e] = locate(record, ['kind']);
      add(
        record,
        record.uri,
        s,
        e,
        'ML1002',
        formatMessage('ML1002', { to, from, where, filter: f.name }, 'disappears'),
        null,
        t.workload,
      );
    }
  }
  // 3. The patches outside filter chains, on the whole config of the workloads their EnvoyFilters select.
  for (const c of configOutcomeChanges(before, after, from, to)) {
    const record = byOrigin.get(`EnvoyFilter ${c.after.envoyFilter}`);
    if (!record) continue;
    const [s, e] = locate(record, ['spec', 'configPatches', c.after.index]);
    const message = c.after.applied
      ? formatMessage(
          'ML1001',
          { to, from, targets: c.after.targets.slice(0, 3).join(', '), reason: c.before.reason },
          'startsConfig',
        )
      : formatMessage(
          'ML1001',
          { to, from, targets: c.before.targets.slice(0, 3).join(', '), reason: c.after.reason },
          'stopsConfig',
        );
    add(record, record.uri, s, e, 'ML1001', message, c.after.index, c.workload);
  }
  return [...findings.values()].sort(
    (a, b) => compareText(a.uri, b.uri) || a.start - b.start || compareText(a.code, b.code),
  );
}

function neighbours(keys: string[], i: number): string {
  return `${keys[i - 1] ?? '(start)'} and ${keys[i + 1] ?? '(end)'}`;
}

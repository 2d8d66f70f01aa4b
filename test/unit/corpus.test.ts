// The real-world corpus in ../shared (present on developer machines and in CI, not in a user's clone).
// Documents from the same source file (for example one istioctl-analyze test input) are checked as one workspace,
// so that the cross-resource analyzers see what istioctl saw.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile, Workspace, fileFindings, Finding } from '../../server/src/core';
import { describeWithShared } from '../helpers/sharedData';

const CORPUS = process.env.MESHLENS_CORPUS ?? join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'corpus');

// Documents the corpus files as valid that istiod rejects all the same. They come from istioctl-analyze test data,
// which only ever runs through analyzers (never admission), and from operator test inputs; the corpus classed them
// by the structural schema alone, without CEL rules or the webhook (shared/data/corpus/README.md).
const VALID_BUT_REJECTED: Record<string, string[]> = {
  'EnvoyFilter-istio_istio-stats-filter-1.19-8e10d0b44e.yaml': ['ML0314'], // patches without `patch`: "Envoy filter: missing patch"
  'EnvoyFilter-istio_istio-test-remove-4-4b8344148f.yaml': ['ML0314'], // `patch:` is null: "Envoy filter: missing patch"
  'Telemetry-istio_istio-telemetry-effective-e97575cdc6.yaml': ['ML0301'], // selector and targetRef: the CRD CEL rule
  'Telemetry-istio_istio_io-telemetry-example-ca0c2087e5.yaml': ['ML0301'], // selector and targetRef: the CRD CEL rule
  'EnvoyFilter-istio_istio-test-relative-3-a060e2d58e.yaml': ['ML0322'], // CLUSTER patch with a listener match
  'EnvoyFilter-istio_istio-test-remove-2-8d22c89615.yaml': ['ML0322'], // ROUTE_CONFIGURATION patch with a listener match
  'EnvoyFilter-istio_istio-test-remove-3-c698a1e3fc.yaml': ['ML0322'], // HTTP_ROUTE patch with a listener match
  'EnvoyFilter-istio_istio-test-patch-1-2293b51b30.yaml': ['IST0152'], // REPLACE on CLUSTER; istioctl reports it as an error too
  // Admitted by istiod, rejected by Envoy: ADD appends after the router (filterClass is never read by istiod), and
  // INSERT_AFTER the router does the same; Envoy's validateTerminalFilters rejects the listener.
  'EnvoyFilter-istio_api-reviews-request-operation-ce2cf5afb3.yaml': ['ML0327'],
  'EnvoyFilter-istio_api-myns-ext-authz-484fec6794.yaml': ['ML0327'],
  'EnvoyFilter-istio_istio-test-auth-1-bda3af0db6.yaml': ['ML0327'],
  'EnvoyFilter-istio_istio-test-relative-2-fbfca18ba5.yaml': ['ML0327'],
  // Admitted, but its Lua calls request_handle:json_decode(), which Envoy's Lua API does not have: a run-time error.
  'EnvoyFilter-vamshikyadav_vk_EnvoyFilter_conditional_id_token_validation-jwt-decode-filter-40fe79355e.yaml': [
    'ML0903',
  ],
};
// Documents the corpus files as invalid that current Istio admits.
const INVALID_BUT_ADMITTED: Record<string, string> = {
  'EnvoyFilter-istio_istio-simple-envoy-filter-ca017e0b8d.yaml':
    'Istio 1.8 rejected a selector without labels; current istiod admits it with a warning (ML0304)',
};
// istioctl analyze messages Meshlens can compute from the corpus alone. IST0101, IST0159 and IST0166 need the pods of
// the analyzer test inputs and IST0002 a mesh config, which the corpus does not hold (it keeps our kinds only).
const COMPUTABLE = ['IST0151', 'IST0152', 'IST0153', 'IST0154', 'IST0155', 'IST0157', 'IST0160'];

interface Entry {
  dir: string;
  file: string;
  source: string;
  expected?: string[];
}

function readCorpus(): Entry[] {
  const rows = readFileSync(join(CORPUS, 'SOURCES.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'));
  return rows.map(([file, cls, , , , repo, path, commit, , , note]) => {
    const m = /Expected analyzer messages for [^ ]+ per [^:]+: (.*)$/.exec(note ?? '');
    const expected = m ? [...m[1].matchAll(/\((IST\d{4}) (?:Error|Warning|Info)\)/g)].map((x) => x[1]) : undefined;
    return { dir: cls, file, source: `${repo} ${path} ${commit}`, expected };
  });
}

function checkGroups(entries: Entry[]): Map<string, Finding[]> {
  const bySource = new Map<string, Entry[]>();
  for (const e of entries) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
  const out = new Map<string, Finding[]>();
  for (const group of bySource.values()) {
    // Only istioctl-analyze inputs are one workspace; other source files (API examples, docs) hold unrelated samples.
    if (!group.some((e) => e.expected)) {
      for (const e of group) {
        const ws = new Workspace();
        ws.setFile(e.file, analyzeFile(readFileSync(join(CORPUS, e.dir, e.file), 'utf8'), { istioVersion: '1.31' }));
        out.set(e.file, fileFindings(ws, e.file));
      }
      continue;
    }
    const ws = new Workspace();
    for (const e of group)
      ws.setFile(e.file, analyzeFile(readFileSync(join(CORPUS, e.dir, e.file), 'utf8'), { istioVersion: '1.31' }));
    for (const e of group) out.set(e.file, fileFindings(ws, e.file));
  }
  return out;
}

describeWithShared(CORPUS)('real-world corpus (../shared/data/corpus)', () => {
  const entries = existsSync(CORPUS) ? readCorpus() : [];
  const findings = existsSync(CORPUS) ? checkGroups(entries) : new Map<string, Finding[]>();
  const errors = (file: string) => findings.get(file)!.filter((f) => f.severity === 'error');

  it('reads all 507 documents', () => {
    assert.equal(entries.length, 507);
    assert.equal(entries.filter((e) => e.dir === 'valid').length, readdirSync(join(CORPUS, 'valid')).length);
  });

  it('valid/: no error but the analyzer errors istioctl expects and the listed webhook rejections', () => {
    const unexpected: string[] = [];
    for (const e of entries.filter((x) => x.dir === 'valid')) {
      const allowed = new Set([...(e.expected ?? []), ...(VALID_BUT_REJECTED[e.file] ?? [])]);
      const bad = errors(e.file).filter((f) => !allowed.has(f.code));
      if (bad.length) unexpected.push(`${e.file}: ${bad.map((f) => `${f.code} ${f.message}`).join('; ')}`);
    }
    assert.deepEqual(unexpected, []);
    for (const [file, codes] of Object.entries(VALID_BUT_REJECTED)) {
      const analyzerExpects = entries.find((e) => e.file === file)?.expected ?? [];
      const rest = errors(file)
        .map((f) => f.code)
        .filter((c) => !analyzerExpects.includes(c));
      assert.deepEqual([...new Set(rest)].sort(), [...codes].sort(), file);
    }
  });

  it('invalid/: at least one error on every document but the listed ones', () => {
    const missed = entries
      .filter((e) => e.dir === 'invalid' && !INVALID_BUT_ADMITTED[e.file] && errors(e.file).length === 0)
      .map((e) => e.file);
    assert.deepEqual(missed, []);
    for (const f of Object.keys(INVALID_BUT_ADMITTED)) assert.deepEqual(errors(f), [], f);
  });

  it("istioctl analyze parity: the messages Istio's analyzer tests expect, document by document", () => {
    const withExpectations = entries.filter((e) => e.expected);
    assert.ok(withExpectations.length >= 50);
    const mismatches: string[] = [];
    for (const e of withExpectations) {
      const want = [...new Set(e.expected!.filter((c) => COMPUTABLE.includes(c)))].sort();
      const got = [
        ...new Set(
          findings
            .get(e.file)!
            .map((f) => f.code)
            .filter((c) => COMPUTABLE.includes(c)),
        ),
      ].sort();
      if (want.join() !== got.join())
        mismatches.push(`${e.file}: expected ${want.join(',') || 'none'}, got ${got.join(',') || 'none'}`);
    }
    assert.deepEqual(mismatches, []);
  });
});

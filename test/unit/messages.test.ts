// Message templates live beside the codes (the catalogue's `message`, as istioctl keeps messages.yaml): every code
// has one, every finding's message is one of its code's templates filled in, and a missing value is an error.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allCodes, analyzeFile, formatMessage, placeholders, Workspace, fileFindings } from '../../server/src/core';
import { sharedOr } from '../helpers/sharedData';

const templatesOf = (code: string): string[] => {
  const m = allCodes().find((c) => c.code === code)!.message;
  return typeof m === 'string' ? [m] : Object.values(m);
};
const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
const asPattern = (template: string) =>
  new RegExp(
    `^${template
      .split(/\{\w+\}/)
      .map(escape)
      .join('[\\s\\S]*')}$`.replace(/\\\{\\\{/g, '\\{\\{'),
  );

describe('message templates', () => {
  it('every code has a template, with named placeholders only', () => {
    for (const c of allCodes()) {
      const templates = templatesOf(c.code);
      assert.ok(templates.length && templates.every((t) => t.trim()), `${c.code} has no message template`);
      for (const t of templates)
        assert.ok(
          !/\{(?!\w+\})[^{]*\}/.test(t.replace(/\{\{ \}\}/g, '')),
          `${c.code}: a malformed placeholder in ${t}`,
        );
    }
  });

  it('fills in the values, and a missing one is an error rather than "undefined" in a message', () => {
    assert.equal(formatMessage('ML0310', { port: 70000 }), 'port must be between 1-65535, got 70000.');
    assert.deepEqual(placeholders(templatesOf('ML0310')[0]), ['port']);
    assert.throws(() => formatMessage('ML0310', {}), /ML0310: no value for \{port\}/);
    assert.throws(() => formatMessage('ML0316', {}, 'nope'), /ML0316 has no variant nope/);
  });

  it("every finding on the corpus is one of its code's templates filled in", function () {
    this.timeout(120_000);
    const root = sharedOr(
      join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'corpus'),
      join(__dirname, '..', '..', '..', 'examples'),
      'corpus',
    );
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true }))
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (/\.ya?ml$/.test(e.name)) files.push(join(dir, e.name));
    };
    walk(root);
    const ws = new Workspace();
    for (const f of files) ws.setFile(f, analyzeFile(readFileSync(f, 'utf8'), { istioVersion: '1.31' }));
    let checked = 0;
    const codes = new Set<string>();
    for (const f of files) {
      for (const finding of fileFindings(ws, f)) {
        const patterns = templatesOf(finding.code).map(asPattern);
        assert.ok(
          patterns.some((p) => p.test(finding.message)),
          `${finding.code} "${finding.message}" fits none of its templates`,
        );
        checked++;
        codes.add(finding.code);
      }
    }
    assert.ok(checked > 10 && codes.size > 3, `checked ${checked} findings of ${codes.size} codes`);
  });
});

describe('ML0006: a document that names an Istio kind but is not a resource', () => {
  const codesOf = (text: string) =>
    analyzeFile(text, { istioVersion: '1.31' }).findings.map((f) => [f.code, f.message]);
  it('a list naming EnvoyFilter, and an EnvoyFilter without apiVersion', () => {
    assert.deepEqual(codesOf('- kind: EnvoyFilter\n  metadata: {name: x}\n'), [
      [
        'ML0006',
        'This document names an Istio kind (EnvoyFilter) but is a list, not a mapping with apiVersion, kind and spec: the apiserver rejects it.',
      ],
    ]);
    const missing = codesOf('kind: Telemetry\nmetadata: {name: t}\nspec: {}\n');
    assert.deepEqual(missing, [
      ['ML0006', 'Telemetry needs an apiVersion: one of telemetry.istio.io/v1, telemetry.istio.io/v1alpha1.'],
    ]);
  });
  it('leaves other kinds, and our kinds inside other documents, alone', () => {
    assert.deepEqual(codesOf('- a\n- b\n'), []);
    assert.deepEqual(codesOf('apiVersion: v1\nkind: ConfigMap\ndata:\n  ef: |\n    kind: EnvoyFilter\n'), []);
  });
});

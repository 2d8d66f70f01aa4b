import { strict as assert } from 'node:assert';
import { describeField } from '../../server/src/core';

describe('field descriptions for hover', () => {
  it('shows description, type and allowed values', () => {
    const md = describeField({
      kind: 'EnvoyFilter',
      version: 'v1alpha3',
      path: ['spec', 'configPatches', 0, 'applyTo'],
      istioVersion: '1.31',
    })!;
    assert.match(md, /\*\*applyTo\*\* · `string`/);
    assert.match(md, /Specifies where in the Envoy configuration/);
    assert.match(md, /`HTTP_FILTER`/);
    assert.doesNotMatch(md, /Valid Options/);
  });

  it('says when a field or value appeared, and whether the target has it', () => {
    const field = describeField({
      kind: 'EnvoyFilter',
      version: 'v1alpha3',
      path: ['spec', 'targetRefs'],
      istioVersion: '1.20',
    })!;
    assert.match(field, /added in Istio 1\.22 — \*\*not available in Istio 1\.20\*\*/);
    const value = describeField({
      kind: 'WasmPlugin',
      version: 'v1alpha1',
      path: ['spec', 'failStrategy'],
      value: 'FAIL_RELOAD',
      istioVersion: '1.31',
    })!;
    assert.match(value, /`FAIL_RELOAD` was added in Istio 1\.28\./);
  });

  it('describes map values and list items', () => {
    assert.match(
      describeField({
        kind: 'Telemetry',
        version: 'v1',
        path: ['spec', 'metrics', 0, 'overrides', 0, 'tagOverrides', 'x', 'operation'],
        istioVersion: '1.31',
      })!,
      /UPSERT/,
    );
  });
});

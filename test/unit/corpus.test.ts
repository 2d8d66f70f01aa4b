// The real-world corpus in ../shared (present on developer machines and in CI, not in a user's clone).
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile } from '../../server/src/core';

const CORPUS = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'corpus');

// Documents the corpus files as valid that istiod rejects all the same. They come from istioctl-analyze test data,
// which is only run through analyzers (never admission), and from Istio 1.8 data; the corpus classed them by the
// structural schema alone, without CEL rules or the webhook (shared/data/corpus/README.md).
const VALID_BUT_REJECTED: Record<string, string> = {
  'EnvoyFilter-istio_istio-stats-filter-1.19-8e10d0b44e.yaml': 'ML0314: patches without `patch`; the webhook rejects "Envoy filter: missing patch"',
  'EnvoyFilter-istio_istio-test-remove-4-4b8344148f.yaml': 'ML0314: `patch:` is null; the webhook rejects "Envoy filter: missing patch"',
  'Telemetry-istio_istio-telemetry-effective-e97575cdc6.yaml': 'ML0301: selector and targetRef together; the CRD CEL rule rejects it',
  'Telemetry-istio_istio_io-telemetry-example-ca0c2087e5.yaml': 'ML0301: selector and targetRef together; the CRD CEL rule rejects it',
};
// Documents the corpus files as invalid that current Istio admits.
const INVALID_BUT_ADMITTED: Record<string, string> = {
  'EnvoyFilter-istio_istio-simple-envoy-filter-ca017e0b8d.yaml': 'Istio 1.8 rejected a selector without labels; current istiod admits it with a warning (ML0304)',
};

(existsSync(CORPUS) ? describe : describe.skip)('real-world corpus (../shared/data/corpus)', () => {
  const errorsOf = (dir: string, file: string) =>
    analyzeFile(readFileSync(join(CORPUS, dir, file), 'utf8'), { istioVersion: '1.31' }).findings.filter((f) => f.severity === 'error');

  it('valid/: no error on any document but the listed ones, which get exactly the listed code', () => {
    const files = readdirSync(join(CORPUS, 'valid'));
    assert.ok(files.length >= 400, `only ${files.length} files`);
    const unexpected: string[] = [];
    for (const file of files) {
      const errors = errorsOf('valid', file);
      const expected = VALID_BUT_REJECTED[file];
      if (expected) {
        assert.ok(errors.length > 0 && errors.every((e) => expected.startsWith(e.code)), `${file}: ${errors.map((e) => e.code)}`);
      } else if (errors.length) unexpected.push(`${file}: ${errors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
    }
    assert.deepEqual(unexpected, []);
  });

  it('invalid/: at least one error on every document but the listed ones', () => {
    const files = readdirSync(join(CORPUS, 'invalid'));
    assert.ok(files.length >= 80, `only ${files.length} files`);
    const missed = files.filter((f) => !INVALID_BUT_ADMITTED[f] && errorsOf('invalid', f).length === 0);
    assert.deepEqual(missed, []);
    for (const f of Object.keys(INVALID_BUT_ADMITTED)) assert.deepEqual(errorsOf('invalid', f), [], f);
  });
});

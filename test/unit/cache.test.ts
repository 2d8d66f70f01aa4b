import { strict as assert } from 'node:assert';
import { DocumentResultCache } from '../../server/src/core';

function resource(i: number, field = 'priority'): string {
  return `apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata:\n  name: f${i}\nspec:\n  ${field}: ${i}\n`;
}

describe('per-document result cache', () => {
  it('re-analyses only the edited document of a thousand', () => {
    const docs = Array.from({ length: 1000 }, (_, i) => resource(i));
    const cache = new DocumentResultCache();
    const first = cache.analyze(docs.join('---\n'), { istioVersion: '1.31' });
    assert.equal(cache.lastAnalyzedCount, 1000);
    assert.equal(first.findings.filter((f) => f.code !== 'ML0320').length, 0);
    docs[500] = resource(500, 'priorty');
    const second = cache.analyze(docs.join('---\n'), { istioVersion: '1.31' });
    assert.equal(cache.lastAnalyzedCount, 1);
    const typo = second.findings.filter((f) => f.code !== 'ML0320');
    assert.equal(typo.length, 1);
    // The finding of the edited document is placed in the file, not at the document's own offset.
    const text = docs.join('---\n');
    assert.equal(text.slice(typo[0].start, typo[0].end), 'priorty');
  });

  it('starts afresh when the target Istio version changes', () => {
    const cache = new DocumentResultCache();
    cache.analyze(resource(1), { istioVersion: '1.31' });
    cache.analyze(resource(1), { istioVersion: '1.28' });
    assert.equal(cache.lastAnalyzedCount, 1);
  });
});

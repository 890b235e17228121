import { describe, it, expect } from 'vitest';
import { rocAuc } from '../../../app/core/evaluate/roc-auc.ts';
import { createRandom } from '../../../app/core/random.ts';
import reference from '../../fixtures/sklearn-metrics.json';

describe('rocAuc', () => {
  for (const c of reference.cases) {
    it(`matches sklearn roc_auc_score on "${c.name}"`, () => {
      expect(Math.abs(rocAuc(c.scores, c.labels)! - c.roc_auc)).toBeLessThan(1e-12);
    });
  }

  it('gives 1 for perfect separation, 0 for reversed, 0.5 for all ties', () => {
    expect(rocAuc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([7, 7, 7, 7, 7], [0, 1, 0, 1, 1])).toBe(0.5);
  });

  it('matches the sklearn docs example', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
  });

  it('counts tied anomaly/normal pairs as one half (brute force check)', () => {
    const rnd = createRandom(7);
    const n = 600;
    const scores = Array.from({ length: n }, () => rnd.int(20) / 4); // many ties
    const labels = Array.from({ length: n }, () => (rnd.next() < 0.3 ? 1 : 0));
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== 1) continue;
      for (let j = 0; j < n; j++) {
        if (labels[j] !== 0) continue;
        pairs++;
        wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      }
    }
    expect(Math.abs(rocAuc(scores, labels)! - wins / pairs)).toBeLessThan(1e-12);
  });

  it('returns null with one class or no units', () => {
    expect(rocAuc([1, 2, 3], [0, 0, 0])).toBeNull();
    expect(rocAuc([1, 2, 3], [1, 1, 1])).toBeNull();
    expect(rocAuc([], [])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { precisionAtK } from '../../../app/core/evaluate/precision-at-k.ts';
import { rankByScore } from '../../../app/core/evaluate/rank-by-score.ts';
import { createRandom } from '../../../app/core/random.ts';

describe('precisionAtK', () => {
  it('counts anomalies among the k highest scores', () => {
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
    const labels = [1, 0, 1, 0, 0, 1];
    const r = rankByScore(scores, labels);
    expect(precisionAtK(r, 1)).toBe(1);
    expect(precisionAtK(r, 2)).toBe(0.5);
    expect(precisionAtK(r, 3)).toBe(2 / 3); // R-precision: k = 3 anomalies
    expect(precisionAtK(r, 6)).toBe(0.5);
    expect(precisionAtK(r, 60)).toBe(0.5); // capped at the units
  });

  it('gives a tied group its share of anomalies', () => {
    // Top score 0.9 (anomalous), then four units tied at 0.5 holding one anomaly.
    const r = rankByScore([0.9, 0.5, 0.5, 0.5, 0.5, 0.1], [1, 0, 1, 0, 0, 0]);
    // k = 3: 1 sure anomaly + 2 of the 4 tied units, expected 2 · 1/4 anomalies.
    expect(precisionAtK(r, 3)).toBeCloseTo((1 + 0.5) / 3, 15);
    // All scores tied: the prevalence.
    expect(precisionAtK(rankByScore([1, 1, 1, 1], [1, 0, 0, 0]), 1)).toBe(0.25);
  });

  it('matches sorting by score when scores are distinct', () => {
    const random = createRandom(5);
    const n = 400;
    const scores = Float64Array.from({ length: n }, () => random.next());
    const labels = Int8Array.from({ length: n }, () => (random.next() < 0.1 ? 1 : 0));
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
    const r = rankByScore(scores, labels);
    for (const k of [1, 7, 40, r.positives, 399, 400]) {
      const hits = order.slice(0, k).filter((i) => labels[i] === 1).length;
      expect(precisionAtK(r, k), `k=${k}`).toBe(hits / k);
    }
  });

  it('is null for k below 1 or no units', () => {
    const r = rankByScore([0.3, 0.2], [0, 1]);
    expect(precisionAtK(r, 0)).toBeNull();
    expect(precisionAtK(rankByScore([], []), 3)).toBeNull();
    expect(() => precisionAtK(r, NaN)).toThrow('k is NaN');
  });
});

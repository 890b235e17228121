import { describe, it, expect } from 'vitest';
import { averagePrecision } from '../../../app/core/evaluate/average-precision.ts';
import { confusionAt, precisionRecallF1 } from '../../../app/core/evaluate/confusion.ts';
import { createRandom } from '../../../app/core/random.ts';
import reference from '../../fixtures/sklearn-metrics.json';

describe('averagePrecision', () => {
  for (const c of reference.cases) {
    it(`matches sklearn average_precision_score on "${c.name}"`, () => {
      expect(Math.abs(averagePrecision(c.scores, c.labels)! - c.average_precision)).toBeLessThan(1e-12);
    });
  }

  it('matches hand-computed values', () => {
    expect(averagePrecision([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(5 / 6, 15); // sklearn docs
    expect(averagePrecision([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    // Anomalies ranked last: 0.5 * 1/3 + 0.5 * 1/2.
    expect(averagePrecision([4, 3, 2, 1], [0, 0, 1, 1])).toBeCloseTo(5 / 12, 15);
    // All ties: one step to recall 1 at the base rate.
    expect(averagePrecision([7, 7, 7, 7, 7], [0, 1, 0, 1, 1])).toBeCloseTo(0.6, 15);
  });

  it('equals the step sum built from confusion counts at every distinct score', () => {
    const rnd = createRandom(11);
    const n = 500;
    const scores = Array.from({ length: n }, () => rnd.int(40) / 8);
    const labels = Array.from({ length: n }, () => (rnd.next() < 0.2 ? 1 : 0));
    const distinct = [...new Set(scores)].sort((a, b) => b - a);
    let expected = 0;
    let prevRecall = 0;
    for (const t of distinct) {
      const { precision, recall } = precisionRecallF1(confusionAt(scores, labels, t));
      expected += (recall - prevRecall) * precision;
      prevRecall = recall;
    }
    expect(Math.abs(averagePrecision(scores, labels)! - expected)).toBeLessThan(1e-12);
  });

  it('returns null with one class', () => {
    expect(averagePrecision([1, 2, 3], [0, 0, 0])).toBeNull();
    expect(averagePrecision([1, 2, 3], [1, 1, 1])).toBeNull();
    expect(averagePrecision([], [])).toBeNull();
  });
});

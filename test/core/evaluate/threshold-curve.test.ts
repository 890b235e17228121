import { describe, it, expect } from 'vitest';
import { confusionAt, precisionRecallF1 } from '../../../app/core/evaluate/confusion.ts';
import { thresholdCurve, thresholdCurveFromRanking } from '../../../app/core/evaluate/threshold-curve.ts';
import { rankByScore } from '../../../app/core/evaluate/rank-by-score.ts';
import { createRandom } from '../../../app/core/random.ts';

const scores = [0.1, 0.95, 0.4, 0.9, 0.7, 0.2, 0.9, 0.5];
const labels = new Int8Array([0, 1, 0, 1, 0, 0, 0, 1]); // 3 anomalies, 5 normal

/** Every value of the curve against confusionAt at the same threshold, exactly. */
function expectMatchesConfusion(s: ArrayLike<number>, l: Int8Array, points: number): number {
  const curve = thresholdCurve(s, l, points);
  curve.thresholds.forEach((t, j) => {
    const c = confusionAt(s, l, t);
    const m = precisionRecallF1(c);
    expect(curve.flagged[j]).toBe(c.tp + c.fp);
    expect(curve.precision![j]).toBe(m.precision);
    expect(curve.recall![j]).toBe(m.recall);
    expect(curve.f1![j]).toBe(m.f1);
    expect(curve.fpr![j]).toBe(c.fp + c.tn === 0 ? 0 : c.fp / (c.fp + c.tn));
  });
  return curve.thresholds.length;
}

describe('thresholdCurve', () => {
  it('evaluates every distinct score, highest first, with hand-computed values', () => {
    const c = thresholdCurve(scores, labels);
    expect(Array.from(c.thresholds)).toEqual([0.95, 0.9, 0.7, 0.5, 0.4, 0.2, 0.1]);
    expect(Array.from(c.flagged)).toEqual([1, 3, 4, 5, 6, 7, 8]);
    // tp by threshold: 1, 2, 2, 3, 3, 3, 3; fp: 0, 1, 2, 2, 3, 4, 5.
    expect(Array.from(c.precision!)).toEqual([1, 2 / 3, 2 / 4, 3 / 5, 3 / 6, 3 / 7, 3 / 8]);
    expect(Array.from(c.recall!)).toEqual([1 / 3, 2 / 3, 2 / 3, 1, 1, 1, 1]);
    expect(Array.from(c.fpr!)).toEqual([0, 1 / 5, 2 / 5, 2 / 5, 3 / 5, 4 / 5, 1]);
    expect(c.f1![3]).toBeCloseTo(0.75, 15); // 2 · 0.6 · 1 / 1.6
  });

  it('equals confusionAt at every evaluated threshold, with ties, all points or quantiles', () => {
    const random = createRandom(7);
    const n = 3000;
    // Scores rounded to 0.01 give ties; anomalies likelier at high scores.
    const s = Float64Array.from({ length: n }, () => Math.round(random.next() * 100) / 100);
    const l = Int8Array.from(s, (x) => (random.next() < x * x * 0.3 ? 1 : 0));
    expect(expectMatchesConfusion(s, l, 200)).toBe(101); // every distinct score 0.00–1.00
    expect(expectMatchesConfusion(s, l, 20)).toBeLessThanOrEqual(20);
  });

  it('keeps at most `points` thresholds, spanning the highest to the lowest score', () => {
    const random = createRandom(3);
    const s = Float64Array.from({ length: 10_000 }, () => random.next());
    const c = thresholdCurve(s, null, 200);
    expect(c.thresholds.length).toBe(200); // distinct scores, so no rank lands on a repeat
    expect(c.thresholds[0]).toBe(Math.max(...s));
    expect(c.thresholds[199]).toBe(Math.min(...s));
    expect(c.flagged[0]).toBe(1);
    expect(c.flagged[199]).toBe(10_000);
    // Evenly spaced in rank: the middle point flags about half the units.
    expect(c.flagged[100]).toBe(Math.round((100 * 9999) / 199) + 1);
    for (let j = 1; j < 200; j++) expect(c.thresholds[j]).toBeLessThan(c.thresholds[j - 1]);
  });

  it('gives only flagged counts without labels', () => {
    const c = thresholdCurve(scores, null);
    expect(Array.from(c.flagged)).toEqual([1, 3, 4, 5, 6, 7, 8]);
    expect(c.precision).toBeNull();
    expect(c.fpr).toBeNull();
  });

  it('gives the same curve from a ranking the caller already has', () => {
    const random = createRandom(4);
    const s = Float64Array.from({ length: 3000 }, () => Math.round(random.next() * 400));
    const l = Int8Array.from({ length: 3000 }, () => (random.next() < 0.05 ? 1 : 0));
    expect(thresholdCurveFromRanking(rankByScore(s, l), true, 50)).toEqual(thresholdCurve(s, l, 50));
    expect(thresholdCurveFromRanking(rankByScore(s, new Int8Array(3000)), false)).toEqual(thresholdCurve(s, null));
    expect(() => thresholdCurveFromRanking(rankByScore(s, l), true, 1)).toThrow('points: 1');
  });

  it('rejects bad input', () => {
    expect(() => thresholdCurve(scores, labels, 1)).toThrow('points: 1 is not a whole number of at least 2');
    expect(() => thresholdCurve([1, NaN], null)).toThrow(/NaN/);
    expect(thresholdCurve([], null).thresholds.length).toBe(0);
  });
});

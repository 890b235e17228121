import { describe, expect, it } from 'vitest';
import { averagePrecision } from '../../../app/core/evaluate/average-precision.ts';
import { bootstrapRankMetrics, pairedComparison, percentileInterval, sortRun, weightedRankMetrics } from '../../../app/core/evaluate/bootstrap-ci.ts';
import { rocAuc } from '../../../app/core/evaluate/roc-auc.ts';
import { createRandom } from '../../../app/core/random.ts';

/** Scores with many ties (rounded), anomalies scoring higher on average. */
function fixture(n: number, seed: number, signal: number): { scores: Float64Array; labels: Int8Array } {
  const random = createRandom(seed);
  const labels = Int8Array.from({ length: n }, () => (random.next() < 0.1 ? 1 : 0));
  const scores = Float64Array.from(labels, (y) => Math.round((random.next() + signal * y) * 8) / 8);
  return { scores, labels };
}

describe('weighted rank metrics', () => {
  it('with every multiplicity 1 equal rocAuc and averagePrecision exactly, ties included', () => {
    for (const seed of [1, 2, 3]) {
      const { scores, labels } = fixture(500, seed, 0.4);
      const m = weightedRankMetrics(sortRun(scores), labels, new Float64Array(500).fill(1))!;
      expect(m.rocAuc).toBeCloseTo(rocAuc(scores, labels)!, 12);
      expect(m.prAuc).toBeCloseTo(averagePrecision(scores, labels)!, 12);
    }
  });

  it('a multiplicity of 2 is the same as the unit listed twice', () => {
    const scores = [0.9, 0.5, 0.5, 0.1, 0.7];
    const labels = [1, 0, 1, 0, 0];
    const weight = [1, 2, 1, 1, 2];
    const twiceScores = [0.9, 0.5, 0.5, 0.5, 0.1, 0.7, 0.7];
    const twiceLabels = [1, 0, 0, 1, 0, 0, 0];
    const m = weightedRankMetrics(sortRun(scores), labels, weight)!;
    expect(m.rocAuc).toBeCloseTo(rocAuc(twiceScores, twiceLabels)!, 12);
    expect(m.prAuc).toBeCloseTo(averagePrecision(twiceScores, twiceLabels)!, 12);
  });
});

describe('bootstrap intervals', () => {
  it('hold the point estimate, narrow with more units, and repeat with the seed', () => {
    const small = fixture(400, 7, 0.3);
    const large = fixture(6400, 7, 0.3);
    const a = bootstrapRankMetrics([small.scores], small.labels, { resamples: 400, seed: 1 });
    const b = bootstrapRankMetrics([large.scores], large.labels, { resamples: 400, seed: 1 });
    const [lo, hi] = a.ci[0].rocAuc;
    expect(lo).toBeLessThan(rocAuc(small.scores, small.labels)!);
    expect(hi).toBeGreaterThan(rocAuc(small.scores, small.labels)!);
    // Width shrinks about as 1/sqrt(n): 16× the units, about a quarter of the width.
    const width = (ci: [number, number]) => ci[1] - ci[0];
    expect(width(b.ci[0].rocAuc) / width(a.ci[0].rocAuc)).toBeGreaterThan(0.15);
    expect(width(b.ci[0].rocAuc) / width(a.ci[0].rocAuc)).toBeLessThan(0.4);
    expect(bootstrapRankMetrics([small.scores], small.labels, { resamples: 400, seed: 1 }).ci).toEqual(a.ci);
  });

  it('covers the true ROC-AUC about 95 % of the time (a distribution check over 60 data sets)', () => {
    // Scores uniform for normal units and uniform + 0.3 for anomalies: the true AUC is 1 − 0.7²/2 = 0.755.
    let covered = 0;
    for (let s = 0; s < 60; s++) {
      const random = createRandom(100 + s);
      const labels = Int8Array.from({ length: 600 }, (_, i) => (i < 60 ? 1 : 0));
      const scores = Float64Array.from(labels, (y) => random.next() + 0.3 * y);
      const [lo, hi] = bootstrapRankMetrics([scores], labels, { resamples: 300, seed: s }).ci[0].rocAuc;
      if (lo <= 0.755 && 0.755 <= hi) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(51); // 95 % of 60 is 57; 51 allows for chance (binomial p ≈ 0.001)
  });

  it('tells a clearly better run from one that only looks better', () => {
    const { labels } = fixture(3000, 11, 0);
    const random = createRandom(5);
    const strong = Float64Array.from(labels, (y) => random.next() + 0.6 * y);
    const weak = Float64Array.from(labels, (y) => random.next() + 0.2 * y);
    const twin = Float64Array.from(strong, (v) => v + (random.next() - 0.5) * 1e-3);
    const r = bootstrapRankMetrics([strong, weak, twin], labels, { resamples: 300, seed: 2 });
    const better = pairedComparison(r.samples[0].rocAuc, r.samples[1].rocAuc);
    expect(better.significant).toBe(true);
    expect(better.pValue).toBe(0);
    const same = pairedComparison(r.samples[0].rocAuc, r.samples[2].rocAuc);
    expect(same.significant).toBe(false);
  });

  it('percentiles interpolate as numpy does', () => {
    expect(percentileInterval(Float64Array.from({ length: 41 }, (_, i) => i))).toEqual([1, 39]);
  });
});

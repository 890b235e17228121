import { describe, it, expect } from 'vitest';
import { reviewEstimate, reviewSample, type ReviewSample } from '../../../app/core/evaluate/review-sample.ts';
import { sampledShareInterval, stratifiedShareInterval, wilsonInterval } from '../../../app/core/evaluate/binomial-interval.ts';
import { createRandom } from '../../../app/core/random.ts';

describe('reviewSample', () => {
  // Unit i has score i, so unit 9 ranks first.
  const scores = Array.from({ length: 10 }, (_, i) => i);

  it('draws equally from equal-sized rank strata, with weights stratum size / drawn', () => {
    const s = reviewSample(scores, { size: 4, strata: 2, seed: 5 });
    expect(s.total).toBe(10);
    expect(s.strata).toEqual([
      { size: 5, sampled: 2, minScore: 5, maxScore: 9 },
      { size: 5, sampled: 2, minScore: 0, maxScore: 4 },
    ]);
    expect(s.items.map((it) => it.stratum)).toEqual([0, 0, 1, 1]);
    for (const it of s.items) {
      expect(it.weight).toBe(2.5);
      expect(it.score).toBe(scores[it.unit]);
      expect(it.stratum === 0 ? it.unit >= 5 : it.unit < 5).toBe(true);
    }
    expect(new Set(s.items.map((it) => it.unit)).size).toBe(4);
  });

  it('cuts strata at rank shares and hands what a small stratum cannot take to the others', () => {
    // Shares [0.1, 0.5] of 10 ranks → sizes 1, 4, 5. Size 6 → 2 each, but the top stratum holds 1:
    // the spare one goes to the next stratum → drawn 1, 3, 2.
    const s = reviewSample(scores, { size: 6, strata: [0.1, 0.5], seed: 1 });
    expect(s.strata.map((h) => [h.size, h.sampled])).toEqual([[1, 1], [4, 3], [5, 2]]);
    expect(s.items.map((it) => it.weight)).toEqual([1, 4 / 3, 4 / 3, 4 / 3, 2.5, 2.5]);
    expect(s.items[0].unit).toBe(9);
  });

  it('is reproducible by seed and caps the size at the number of units', () => {
    const a = reviewSample(scores, { size: 4, seed: 3 });
    expect(reviewSample(scores, { size: 4, seed: 3 })).toEqual(a);
    const draws = new Set(Array.from({ length: 20 }, (_, seed) => JSON.stringify(reviewSample(scores, { size: 4, seed }).items)));
    expect(draws.size).toBeGreaterThan(1);
    expect(reviewSample(scores, { size: 50, strata: 3 }).items.length).toBe(10);
  });

  it('validates options', () => {
    expect(() => reviewSample(scores, { size: 0 })).toThrow('size: 0 is not a whole number of at least 1');
    expect(() => reviewSample(scores, { strata: 0 })).toThrow('strata: 0 is not a whole number');
    expect(() => reviewSample(scores, { strata: [0.5, 0.2] })).toThrow('strata: 0.2 is not a rank share');
    expect(() => reviewSample([], {})).toThrow('no units');
    expect(() => reviewSample([1, NaN], {})).toThrow(/NaN/);
  });
});

describe('reviewEstimate', () => {
  // Hand-made: 10 units (score = unit), strata of 1, 4 and 5 units.
  const sample: ReviewSample = {
    total: 10,
    strata: [
      { size: 1, sampled: 1, minScore: 9, maxScore: 9 },
      { size: 4, sampled: 3, minScore: 5, maxScore: 8 },
      { size: 5, sampled: 2, minScore: 0, maxScore: 4 },
    ],
    items: [
      { unit: 9, stratum: 0, weight: 1, score: 9 },
      { unit: 8, stratum: 1, weight: 4 / 3, score: 8 },
      { unit: 6, stratum: 1, weight: 4 / 3, score: 6 },
      { unit: 5, stratum: 1, weight: 4 / 3, score: 5 },
      { unit: 3, stratum: 2, weight: 2.5, score: 3 },
      { unit: 0, stratum: 2, weight: 2.5, score: 0 },
    ],
  };
  const marks = [1, 1, 0, null, 1, 0]; // unit 5 not marked yet

  it('is the stratified estimate with its standard error, by hand', () => {
    const e = reviewEstimate(sample, marks);
    // Stratum shares 1/1, 1/2, 1/2 → 0.1 · 1 + 0.4 · 0.5 + 0.5 · 0.5 = 0.55.
    expect(e.share).toBeCloseTo(0.55, 15);
    expect(e.anomalies).toBeCloseTo(5.5, 14);
    expect(e.marked).toBe(5);
    // Variance: stratum 0 fully marked → 0; stratum 1: 0.4² · (1 − 2/4) · 0.25 / 1 = 0.02;
    // stratum 2: 0.5² · (1 − 2/5) · 0.25 / 1 = 0.0375 → √0.0575.
    expect(e.standardError).toBeCloseTo(Math.sqrt(0.0575), 15);
    expect(e.atThreshold).toBeNull();
  });

  it('gives each stratum its Wilson interval and the share one that keeps a width at 0 anomalies', () => {
    const e = reviewEstimate(sample, marks);
    expect(e.strata.map((h) => [h.size, h.marked, h.anomalous])).toEqual([[1, 1, 1], [4, 2, 1], [5, 2, 1]]);
    // Stratum 0 is fully marked: its share is known. Stratum 1: 2 of 4 marked, m(N−1)/(N−m) = 3 effective draws.
    expect(e.strata[0].interval).toEqual([1, 1]);
    expect(e.strata[1].interval).toEqual(sampledShareInterval(1, 2, 4));
    expect(e.strata[1].interval).toEqual(wilsonInterval(0.5, 3));
    expect(e.interval[0]).toBeLessThan(e.share);
    expect(e.interval[1]).toBeGreaterThan(e.share);
    expect(e.interval).toEqual(stratifiedShareInterval([{ size: 1, marked: 1, hits: 1 }, { size: 4, marked: 2, hits: 1 }, { size: 5, marked: 2, hits: 1 }]).interval);
    // No anomaly among the marks: the standard error is 0, the interval is not.
    const none = reviewEstimate(sample, [0, 0, 0, 0, 0, 0]);
    expect(none.share).toBe(0);
    expect(none.standardError).toBe(0);
    expect(none.interval[0]).toBe(0);
    expect(none.interval[1]).toBeGreaterThan(0.1);
  });

  it('weights marked items by stratum size / marked at a threshold', () => {
    const { atThreshold } = reviewEstimate(sample, marks, 5.5);
    // Weights: stratum 0 → 1, stratum 1 → 4/2 = 2, stratum 2 → 5/2 = 2.5. Flagged (score ≥ 5.5):
    // unit 9 (anomalous, 1), unit 8 (anomalous, 2), unit 6 (normal, 2); not flagged: unit 3 (anomalous, 2.5), unit 0 (normal, 2.5).
    expect(atThreshold!.confusion).toEqual({ tp: 3, fp: 2, tn: 2.5, fn: 2.5 });
    expect(atThreshold!.precision).toBeCloseTo(0.6, 15);
    expect(atThreshold!.recall).toBeCloseTo(3 / 5.5, 15);
    expect(atThreshold!.f1).toBeCloseTo(4 / 7, 15); // 2 · 0.6 · (6/11) / (0.6 + 6/11)
  });

  it('is NaN until every stratum has a mark, and the error NaN while a partly marked stratum has one', () => {
    expect(reviewEstimate(sample, [1, 1, 0, null, null, null]).share).toBeNaN();
    const e = reviewEstimate(sample, [1, 1, null, null, 0, 0]);
    expect(e.share).toBeCloseTo(0.1 + 0.4, 15);
    expect(e.standardError).toBeNaN();
  });

  it('rejects marks that are not 0, 1 or missing', () => {
    expect(() => reviewEstimate(sample, [1, 1, 0])).toThrow('marks: 3 marks for 6 sampled units');
    expect(() => reviewEstimate(sample, [1, 2, 0, 0, 0, 0])).toThrow('marks[1]: 2 is not 0, 1 or null');
  });

  it('is unbiased over seeds, with a standard error that matches the spread', () => {
    // A population where anomalies concentrate at high scores; the strata oversample the top,
    // so the unweighted share of marked anomalies is far off and only the weights correct it.
    const random = createRandom(2024);
    const n = 1000;
    const scores = Float64Array.from({ length: n }, () => random.next());
    const truth = Int8Array.from(scores, (s) => (random.next() < s ** 10 ? 1 : 0));
    const trueShare = truth.reduce((a, b) => a + b, 0) / n;
    const runs = 2000;
    let sum = 0, sumSq = 0, sumVar = 0, sumNaive = 0;
    for (let seed = 0; seed < runs; seed++) {
      const s = reviewSample(scores, { size: 40, strata: [0.02, 0.1, 0.3], seed });
      const marks = s.items.map((it) => truth[it.unit]);
      const e = reviewEstimate(s, marks);
      sum += e.share;
      sumSq += e.share ** 2;
      sumVar += e.standardError ** 2;
      sumNaive += marks.reduce((a, b) => a + b, 0) / marks.length;
    }
    const mean = sum / runs;
    const spread = Math.sqrt(sumSq / runs - mean ** 2);
    // The mean of 2000 estimates is within 4 standard errors of the mean of the truth.
    expect(Math.abs(mean - trueShare)).toBeLessThan((4 * spread) / Math.sqrt(runs));
    expect(Math.abs(sumNaive / runs - trueShare)).toBeGreaterThan(0.1);
    // The reported standard error agrees with the spread actually seen.
    expect(Math.sqrt(sumVar / runs) / spread).toBeGreaterThan(0.85);
    expect(Math.sqrt(sumVar / runs) / spread).toBeLessThan(1.15);
  });
});

import { describe, expect, it } from 'vitest';
import { sampledShareInterval } from '../../../app/core/evaluate/binomial-interval.ts';
import { pooledPrecision, pooledReviewSample } from '../../../app/core/evaluate/pooled-review.ts';
import { createRandom } from '../../../app/core/random.ts';

describe('pooledReviewSample', () => {
  it('pools the top k of every candidate and draws from the pool, reproducibly by seed', () => {
    const a = [9, 8, 7, 1, 0, 0];
    const b = [0, 1, 7, 8, 9, 0];
    const s = pooledReviewSample([a, b], { k: 2, size: 10, seed: 3 });
    expect(s.tops).toEqual([[0, 1], [4, 3]]);
    expect(s.poolSize).toBe(4);
    expect([...s.units].sort()).toEqual([0, 1, 3, 4]);
    expect(pooledReviewSample([a, b], { k: 2, size: 10, seed: 3 }).units).toEqual(s.units);
    expect(pooledReviewSample([a, b], { k: 2, size: 2, seed: 3 }).units).toEqual(s.units.slice(0, 2));
    // Ties by unit index, NaN last.
    expect(pooledReviewSample([[1, 1, NaN, 1]], { k: 3, size: 1, seed: 1 }).tops).toEqual([[0, 1, 3]]);
  });

  it('refuses a bad k or size and rankings of different lengths', () => {
    expect(() => pooledReviewSample([[1]], { k: 0, size: 1, seed: 1 })).toThrow('k: 0');
    expect(() => pooledReviewSample([[1]], { k: 1, size: 1.5, seed: 1 })).toThrow('size: 1.5');
    expect(() => pooledReviewSample([[1, 2], [1]], { k: 1, size: 1, seed: 1 })).toThrow('ranking 1: 1 scores for 2 units');
  });
});

describe('pooledPrecision', () => {
  it('counts each candidate\'s marked units among its own top k, with its Wilson interval', () => {
    const s = pooledReviewSample([[9, 8, 7, 1, 0], [0, 1, 7, 8, 9]], { k: 2, size: 10, seed: 1 });
    const marks = new Map<number, 0 | 1>([[0, 1], [1, 0], [4, 1]]);
    const [a, b] = pooledPrecision(s, marks);
    expect(a).toEqual({ marked: 2, hits: 1, precision: 0.5, interval: [0.5, 0.5] }); // both of its top 2 marked: exact
    expect(b.marked).toBe(1);
    expect(b.hits).toBe(1);
    expect(b.interval).toEqual(sampledShareInterval(1, 1, 2));
    expect(pooledPrecision(s, new Map())[0].precision).toBeNaN();
  });

  it('is unbiased: over seeded draws the mean estimate is the true precision at k of each candidate', () => {
    const random = createRandom(11);
    const n = 300;
    const truth = Array.from({ length: n }, () => (random.next() < 0.1 ? 1 : 0));
    // Three candidates of different skill: noise on the truth.
    const rankings = [0.5, 1.5, 5].map((noise) => truth.map((t) => t + noise * random.next()));
    const k = 30;
    const exact = pooledPrecision(pooledReviewSample(rankings, { k, size: 10_000, seed: 0 }), new Map(truth.map((t, u) => [u, t as 0 | 1])));
    const sums = [0, 0, 0];
    const counts = [0, 0, 0];
    for (let seed = 0; seed < 400; seed++) {
      const s = pooledReviewSample(rankings, { k, size: 20, seed });
      const est = pooledPrecision(s, new Map(s.units.map((u) => [u, truth[u] as 0 | 1])));
      est.forEach((e, c) => {
        if (e.marked) { sums[c] += e.precision; counts[c]++; }
      });
    }
    exact.forEach((e, c) => expect(sums[c] / counts[c], `candidate ${c}`).toBeCloseTo(e.precision, 1));
    expect(exact[0].precision).toBeGreaterThan(exact[2].precision);
  });
});

import { describe, expect, it } from 'vitest';
import { sampledShareInterval, stratifiedShareInterval, wilsonInterval, Z95 } from '../../../app/core/evaluate/binomial-interval.ts';
import { createRandom } from '../../../app/core/random.ts';

describe('wilsonInterval', () => {
  it('is the score interval: both ends solve (p̂ − p)² = z² p (1 − p) / n', () => {
    for (const [hits, n] of [[0, 20], [3, 10], [20, 20], [1, 1], [57, 400]]) {
      const share = hits / n;
      const [lo, hi] = wilsonInterval(share, n);
      for (const p of [lo, hi]) {
        // Where the end is pinned at 0 or 1 the equation holds too: p̂ = p = 0 (or 1) on that side.
        expect((share - p) ** 2, `${hits}/${n} at ${p}`).toBeCloseTo((Z95 ** 2 * p * (1 - p)) / n, 12);
      }
      expect(lo).toBeLessThanOrEqual(share);
      expect(hi).toBeGreaterThanOrEqual(share);
    }
  });

  it('stays honest at 0 of 20 and 20 of 20, where the normal interval says ± 0', () => {
    const [lo0, hi0] = wilsonInterval(0, 20);
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(Z95 ** 2 / (20 + Z95 ** 2), 14); // 0.1611
    expect(hi0).toBeCloseTo(0.1611, 4);
    const [lo1, hi1] = wilsonInterval(1, 20);
    expect(hi1).toBe(1);
    expect(lo1).toBeCloseTo(1 - hi0, 14);
  });

  it('covers the true share about 95 % of the time for small samples of rare anomalies (seeded simulation)', () => {
    const random = createRandom(7);
    for (const [p, n] of [[0.02, 20], [0.1, 30], [0.5, 15]]) {
      let covered = 0;
      const trials = 4000;
      for (let t = 0; t < trials; t++) {
        let hits = 0;
        for (let i = 0; i < n; i++) if (random.next() < p) hits++;
        const [lo, hi] = wilsonInterval(hits / n, n);
        if (lo <= p && p <= hi) covered++;
      }
      // Wilson's coverage oscillates around 95 %; it is never far below, unlike the normal interval's 33 % at p = 0.02, n = 20.
      expect(covered / trials, `p ${p}, n ${n}`).toBeGreaterThan(0.9);
    }
  });

  it('has nothing to say without draws, and is a point when the share is known', () => {
    expect(wilsonInterval(0, 0)).toEqual([NaN, NaN]);
    expect(wilsonInterval(NaN, 5)).toEqual([NaN, NaN]);
    expect(wilsonInterval(0.25, Infinity)).toEqual([0.25, 0.25]);
  });
});

describe('sampledShareInterval', () => {
  it('narrows as a small stratum is marked through, and is exact when every unit is marked', () => {
    const wide = sampledShareInterval(0, 5, 1e12);
    expect(wide[1]).toBeCloseTo(wilsonInterval(0, 5)[1], 10);
    const [, half] = sampledShareInterval(0, 5, 10);
    expect(half).toBeLessThan(wide[1]);
    // m·(N−1)/(N−m) = 5·9/5 = 9 effective draws.
    expect(half).toBeCloseTo(wilsonInterval(0, 9)[1], 14);
    expect(sampledShareInterval(2, 10, 10)).toEqual([0.2, 0.2]);
    expect(sampledShareInterval(0, 0, 10)).toEqual([NaN, NaN]);
  });
});

describe('stratifiedShareInterval', () => {
  it('with one stratum is the Wilson interval of its marks', () => {
    for (const [hits, marked] of [[0, 20], [4, 20], [20, 20]]) {
      const { share, interval } = stratifiedShareInterval([{ size: 1e15, marked, hits }]);
      expect(share).toBe(hits / marked);
      const w = wilsonInterval(hits / marked, marked);
      expect(interval[0]).toBeCloseTo(w[0], 12);
      expect(interval[1]).toBeCloseTo(w[1], 12);
    }
  });

  it('0 anomalies in every stratum still bounds the share above zero, mostly by the big strata', () => {
    // Top 1 %, next 4 %, the rest: 5 marks each, none anomalous.
    const strata = [{ size: 100, marked: 5, hits: 0 }, { size: 400, marked: 5, hits: 0 }, { size: 9500, marked: 5, hits: 0 }];
    const { share, interval } = stratifiedShareInterval(strata);
    expect(share).toBe(0);
    expect(interval[0]).toBe(0);
    expect(interval[1]).toBeGreaterThan(0.1);
    // Never tighter than what 15 simple random marks would give.
    expect(interval[1]).toBeGreaterThanOrEqual(wilsonInterval(0, 15)[1] - 1e-12);
  });

  it('the estimate is the stratified mean, inside its interval; a census is a point; an unmarked stratum gives NaN', () => {
    const strata = [{ size: 10, marked: 5, hits: 4 }, { size: 90, marked: 5, hits: 0 }];
    const { share, interval } = stratifiedShareInterval(strata);
    expect(share).toBeCloseTo(0.1 * 0.8, 15);
    expect(interval[0]).toBeLessThan(share);
    expect(interval[1]).toBeGreaterThan(share);
    const census = stratifiedShareInterval([{ size: 3, marked: 3, hits: 1 }, { size: 2, marked: 2, hits: 0 }]);
    expect(census.share).toBeCloseTo(0.2, 15);
    expect(census.interval).toEqual([census.share, census.share]);
    expect(stratifiedShareInterval([{ size: 3, marked: 0, hits: 0 }, { size: 2, marked: 2, hits: 0 }]).interval).toEqual([NaN, NaN]);
  });
});

import { describe, expect, it } from 'vitest';
import { meanStd, repeatSummary } from '../../../app/core/evaluate/repeat-summary.ts';
import { summarizeMetrics } from '../../../app/core/evaluate/summarize-metrics.ts';

describe('meanStd', () => {
  it('is the mean and the sample standard deviation (n − 1)', () => {
    // numpy: np.mean([2,4,4,4,5,5,7,9]) = 5, np.std(..., ddof=1) = sqrt(32/7)
    const r = meanStd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(r.mean).toBe(5);
    expect(r.std).toBeCloseTo(Math.sqrt(32 / 7), 15);
    expect(r.n).toBe(8);
  });

  it('keeps late digits of values close together', () => {
    // A one-pass E[x²] − E[x]² would lose these entirely (0.66 − 0.66 at 1e-20).
    const [a, b] = [0.8123456789, 0.8123456791];
    const r = meanStd([a, b]);
    expect(r.mean).toBeCloseTo(0.812345679, 15);
    expect(Math.abs(r.std! / ((b - a) / Math.SQRT2) - 1)).toBeLessThan(1e-6);
  });

  it('leaves out nulls; no std from one value, nothing from none', () => {
    expect(meanStd([1, null, 3])).toEqual({ mean: 2, std: Math.SQRT2, n: 2 });
    expect(meanStd([0.7])).toEqual({ mean: 0.7, std: null, n: 1 });
    expect(meanStd([null, null])).toEqual({ mean: null, std: null, n: 0 });
    expect(meanStd([4, 4, 4]).std).toBe(0);
  });
});

describe('repeatSummary', () => {
  it('summarises each metric over the repeats', () => {
    const labels = [0, 0, 1, 1];
    const runs = [summarizeMetrics([1, 2, 3, 4], labels, 3), summarizeMetrics([1, 3, 2, 4], labels, 3)];
    const s = repeatSummary(runs);
    expect(Object.keys(s)).toEqual(['rocAuc', 'prAuc', 'bestF1', 'precision', 'recall', 'f1']);
    expect(s.rocAuc.mean).toBeCloseTo((1 + 0.75) / 2, 15);
    expect(s.rocAuc.std).toBeCloseTo(Math.sqrt(((0.125 ** 2) * 2) / 1), 15);
    expect(s.f1).toEqual({ mean: 0.75, std: Math.SQRT1_2 * 0.5, n: 2 });
  });

  it('has null means without labels', () => {
    const s = repeatSummary([summarizeMetrics([1, 2], null, 2), summarizeMetrics([2, 1], null, 2)]);
    expect(s.rocAuc).toEqual({ mean: null, std: null, n: 0 });
  });
});

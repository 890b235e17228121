import { describe, it, expect } from 'vitest';
import { combineScores, normalizeScores } from '../../../app/core/detect/ensemble.ts';

const arr = (a: Float64Array): number[] => Array.from(a);

describe('normalizeScores', () => {
  it('rank: average 1-based rank / n, ties averaged, highest gets 1', () => {
    expect(arr(normalizeScores([10, 30, 20, 40], 'rank'))).toEqual([0.25, 0.75, 0.5, 1]);
    // the two 5s share ranks 2 and 3 → 2.5 each
    expect(arr(normalizeScores([5, 1, 5, 9], 'rank'))).toEqual([2.5 / 4, 1 / 4, 2.5 / 4, 1]);
    expect(arr(normalizeScores([3, 3, 3], 'rank'))).toEqual([2 / 3, 2 / 3, 2 / 3]);
    expect(arr(normalizeScores([7], 'rank'))).toEqual([1]);
    expect(arr(normalizeScores([-2, -0, 0], 'rank'))).toEqual([1 / 3, 2.5 / 3, 2.5 / 3]);
  });

  it('rank against a reference: mid-rank among the reference / m, capped at 1', () => {
    const ref = [1, 2, 2, 4];
    // 2: 1 below, 2 equal → (1 + 1.5) / 4; 3: 3 below → 3.5 / 4; 0: 0.5 / 4; 4: (3 + 1) / 4; 9: capped
    expect(arr(normalizeScores([2, 3, 0, 4, 9], 'rank', ref))).toEqual([0.625, 0.875, 0.125, 1, 1]);
    // With the scores as their own reference it equals the reference-free rank.
    const s = [5, 1, 5, 9, 0.5, 9];
    expect(arr(normalizeScores(s, 'rank', s))).toEqual(arr(normalizeScores(s, 'rank')));
  });

  it('zscore: population standard deviation; constant → 0s', () => {
    // mean 5, population variance (9 + 1 + 1 + 9) / 4 = 5
    const z = normalizeScores([2, 4, 6, 8], 'zscore');
    const sd = Math.sqrt(5);
    expect(arr(z)).toEqual([-3 / sd, -1 / sd, 1 / sd, 3 / sd]);
    expect(arr(normalizeScores([7, 7, 7], 'zscore'))).toEqual([0, 0, 0]);
    expect(arr(normalizeScores([7], 'zscore'))).toEqual([0]);
    expect(arr(normalizeScores([1, 9], 'zscore', [2, 4, 6, 8]))).toEqual([-4 / sd, 4 / sd]);
    expect(arr(normalizeScores([1, 9], 'zscore', [3, 3]))).toEqual([0, 0]);
  });

  it('minmax: (s − min) / range; range 0 → 0s; not clipped against a reference', () => {
    expect(arr(normalizeScores([2, 4, 10], 'minmax'))).toEqual([0, 0.25, 1]);
    expect(arr(normalizeScores([5, 5], 'minmax'))).toEqual([0, 0]);
    expect(arr(normalizeScores([0, 6, 12], 'minmax', [2, 10]))).toEqual([-0.25, 0.5, 1.25]);
  });

  it('empty scores give an empty array; bad input is named', () => {
    for (const m of ['rank', 'zscore', 'minmax'] as const) expect(normalizeScores([], m)).toEqual(new Float64Array(0));
    expect(() => normalizeScores([1, NaN], 'rank')).toThrow('scores: value 2 is NaN (expected a finite number)');
    expect(() => normalizeScores([1], 'zscore', [Infinity])).toThrow('reference scores: value 1 is Infinity');
    expect(() => normalizeScores([1], 'minmax', [])).toThrow('cannot normalize by minmax: the reference scores are empty');
    expect(() => normalizeScores([1], 'median' as 'rank')).toThrow('invalid normalize: "median" (expected one of rank, zscore, minmax)');
  });

  it('does not modify its input', () => {
    const s = Float64Array.of(3, 1, 2);
    normalizeScores(s, 'rank');
    expect(arr(s)).toEqual([3, 1, 2]);
  });
});

describe('combineScores', () => {
  const a = [1, 2, 3, 4];
  const b = [40, 10, 30, 20];

  it('mean of ranks', () => {
    // ranks a: .25 .5 .75 1; b: 1 .25 .75 .5
    expect(arr(combineScores([a, b], { normalize: 'rank', combine: 'mean' }))).toEqual([0.625, 0.375, 0.75, 0.75]);
  });

  it('max of minmax', () => {
    // a: 0 1/3 2/3 1; b: 1 0 2/3 1/3
    expect(arr(combineScores([a, b], { normalize: 'minmax', combine: 'max' }))).toEqual([1, 1 / 3, 2 / 3, 1]);
  });

  it('weighted mean', () => {
    const got = combineScores([a, b], { normalize: 'rank', combine: 'mean', weights: [3, 1] });
    expect(arr(got)).toEqual([(3 * 0.25 + 1) / 4, (3 * 0.5 + 0.25) / 4, 0.75, (3 + 0.5) / 4]);
    // A zero weight drops a run.
    expect(arr(combineScores([a, b], { normalize: 'rank', combine: 'mean', weights: [0, 2] }))).toEqual([1, 0.25, 0.75, 0.5]);
  });

  it('zscore mean, with one constant run contributing 0s', () => {
    const got = combineScores([[2, 4, 6, 8], [5, 5, 5, 5]], { normalize: 'zscore', combine: 'mean' });
    const sd = Math.sqrt(5);
    expect(arr(got)).toEqual([-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd]);
  });

  it('a single run is its own normalisation', () => {
    expect(arr(combineScores([b], { normalize: 'minmax', combine: 'mean' }))).toEqual([1, 0, 2 / 3, 1 / 3]);
    expect(arr(combineScores([[], []], { normalize: 'rank', combine: 'max' }))).toEqual([]);
  });

  it('normalises each run against its reference when given', () => {
    const got = combineScores([[0, 5], [10, 10]], {
      normalize: 'minmax', combine: 'mean', references: [[0, 10], [0, 20]],
    });
    expect(arr(got)).toEqual([0.25, 0.5]);
  });

  it('rejects bad shapes, weights and options with a clear message', () => {
    expect(() => combineScores([], { normalize: 'rank', combine: 'mean' })).toThrow('at least one run');
    expect(() => combineScores([a, [1, 2]], { normalize: 'rank', combine: 'mean' })).toThrow('run 2 has 2 scores but run 1 has 4');
    expect(() => combineScores([a, b], { normalize: 'rank', combine: 'mean', weights: [1] })).toThrow('got 1 weights for 2 runs');
    expect(() => combineScores([a, b], { normalize: 'rank', combine: 'mean', weights: [1, -1] })).toThrow('invalid weight 2: -1');
    expect(() => combineScores([a, b], { normalize: 'rank', combine: 'mean', weights: [0, 0] })).toThrow('all are 0');
    expect(() => combineScores([a, b], { normalize: 'rank', combine: 'max', weights: [1, 2] })).toThrow('weights are only used by combine "mean"');
    expect(() => combineScores([a, b], { normalize: 'rank', combine: 'sum' as 'mean' })).toThrow('invalid combine: "sum"');
    expect(() => combineScores([a, [1, NaN, 2, 3]], { normalize: 'zscore', combine: 'mean' })).toThrow('run 2: scores: value 2 is NaN');
    expect(() => combineScores([a], { normalize: 'rank', combine: 'mean', references: [] })).toThrow('got 0 reference score lists for 1 runs');
  });
});

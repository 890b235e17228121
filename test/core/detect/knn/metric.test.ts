import { describe, it, expect } from 'vitest';
import { absoluteBelow, reducedDistance, searchRows, squaredBelow, trueDistance } from '../../../../app/core/detect/knn/metric.ts';
import { matrixFromRows } from '../../../../app/core/matrix.ts';

describe('metric', () => {
  it('euclidean and manhattan search the matrix itself', () => {
    const m = matrixFromRows([[0, 0], [3, 4]]);
    const e = searchRows(m, 'euclidean');
    expect(e.data).toBe(m.data);
    expect(trueDistance(reducedDistance(e.data, 0, e.data, 1, 2, e.l1), 'euclidean')).toBe(5);
    const l = searchRows(m, 'manhattan');
    expect(trueDistance(reducedDistance(l.data, 0, l.data, 1, 2, l.l1), 'manhattan')).toBe(7);
  });

  it('cosine: unit rows plus a zero-row column; distance = 1 − cos', () => {
    const c = searchRows(matrixFromRows([[3, 4], [4, 3], [0, 0], [-3, -4], [1e200, 1e200], [1e-200, 1e-200]]), 'cosine');
    expect(c.dims).toBe(3);
    const d = (i: number, j: number) => trueDistance(reducedDistance(c.data, i, c.data, j, 3, false), 'cosine');
    expect(d(0, 1)).toBeCloseTo(1 - 24 / 25, 15);
    expect(d(0, 3)).toBeCloseTo(2, 15);
    expect(d(0, 2)).toBeCloseTo(1, 15); // a zero row is at 1 from everything non-zero
    expect(d(1, 2)).toBeCloseTo(1, 15);
    expect(d(4, 5)).toBe(0); // huge and tiny rows normalise without overflow
    expect(Array.from(c.data.subarray(6, 9))).toEqual([0, 0, 1]);
  });

  it('the early-exit sums equal the full sums when they stay under the limit', () => {
    const a = new Float64Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]), b = new Float64Array([0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1]);
    expect(squaredBelow(a, 0, b, 0, 7, Infinity)).toBe(reducedDistance(a, 0, b, 0, 7, false));
    expect(absoluteBelow(a, 0, b, 0, 7, Infinity)).toBe(reducedDistance(a, 0, b, 0, 7, true));
    expect(squaredBelow(a, 0, b, 0, 7, 0.1)).toBeGreaterThan(0.1);
  });
});

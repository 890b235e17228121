import { describe, it, expect } from 'vitest';
import { distinctRows } from '../../../../app/core/detect/knn/dedupe.ts';

describe('distinctRows', () => {
  it('collapses equal rows, in order of first appearance, with weights and a map back', () => {
    const data = new Float64Array([1, 2, 3, 4, 1, 2, 0, -0, 0, 0, 1, 2]);
    const d = distinctRows(data, 6, 2);
    expect(d.count).toBe(3);
    expect(Array.from(d.data)).toEqual([1, 2, 3, 4, 0, -0]);
    expect(Array.from(d.weight)).toEqual([3, 1, 2]); // −0 equals 0
    expect(Array.from(d.firstRow)).toEqual([0, 1, 3]);
    expect(Array.from(d.distinctOf)).toEqual([0, 1, 0, 2, 2, 0]);
  });

  it('keeps rows that differ in the last bit apart, and copes with no rows or no columns', () => {
    const d = distinctRows(new Float64Array([0.1, 0.1 + 2 ** -56, 0.1]), 3, 1);
    expect(Array.from(d.weight)).toEqual([2, 1]);
    expect(distinctRows(new Float64Array(0), 0, 3).count).toBe(0);
    expect(Array.from(distinctRows(new Float64Array(0), 4, 0).weight)).toEqual([4]);
  });

  // A test of growth, not of absolute time (as linear-growth.test.ts): 8× the rows cost about 8× the time
  // when the work is linear, 64× when it is quadratic; the median of three runs evens out the machine's noise.
  it('is linear: 8× the rows with many repeats take at most 24× the time', () => {
    const dims = 8;
    const make = (rows: number) => new Float64Array(rows * dims).map((_, i) => (Math.floor(i / dims) % 5000) * 0.5 + (i % dims));
    const timed = (data: Float64Array, rows: number) => {
      const ms: number[] = [];
      for (let k = 0; k < 3; k++) {
        const t = performance.now();
        distinctRows(data, rows, dims);
        ms.push(performance.now() - t);
      }
      return ms.sort((a, b) => a - b)[1];
    };
    const small = make(25_000);
    const big = make(200_000);
    timed(small, 25_000); // warm up the JIT
    expect(timed(big, 200_000) / timed(small, 25_000)).toBeLessThan(24);
    const d = distinctRows(big, 200_000, dims);
    expect(d.count).toBe(5000);
    expect(d.weight.every((w) => w === 40)).toBe(true);
  });
});

import { describe, it, expect } from 'vitest';
import { projection2d } from '../../../app/core/explain/projection-2d.ts';
import { matrixFromRows, type Matrix } from '../../../app/core/matrix.ts';
import { createRandom } from '../../../app/core/random.ts';

const expectClose = (got: ArrayLike<number>, want: number[], digits = 12) => {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(got[i], `index ${i}`).toBeCloseTo(w, digits));
};

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const r = createRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = r.uniform(-1, 1) * (1 + (i % cols));
  return { rows, cols, data, names: Array.from({ length: cols }, (_, j) => `c${j}`) };
}

describe('projection2d: exact cases', () => {
  it('matches a hand computation on four rows', () => {
    // Centred rows (3,1), (1,3), (−1,−3), (−3,−1) around (10, 5): scatter [[20, 12], [12, 20]],
    // eigenvalues 32 along (1, 1)/√2 and 8 along (1, −1)/√2 (first entry positive on the tie).
    const x = matrixFromRows([[13, 6], [11, 8], [9, 2], [7, 4]]);
    const p = projection2d(x);
    const s = Math.SQRT1_2, r2 = Math.SQRT2;
    expect(Array.from(p.rows)).toEqual([0, 1, 2, 3]);
    expectClose(p.mean, [10, 5]);
    expectClose(p.axes[0], [s, s]);
    expectClose(p.axes[1], [s, -s]);
    expectClose(p.x, [2 * r2, 2 * r2, -2 * r2, -2 * r2]);
    expectClose(p.y, [r2, -r2, r2, -r2]);
    expectClose(p.explainedVariance, [32 / 3, 8 / 3]);
    expectClose(p.explainedVarianceRatio, [0.8, 0.2]);
    expect(p.fittedRows).toBe(4);
  });

  it('puts all the variance of rows on a line in 3-D on the first axis', () => {
    const r = createRandom(2);
    const t = Array.from({ length: 50 }, () => r.uniform(-10, 10));
    const x = matrixFromRows(t.map((v) => [5 + v, 5 + 2 * v, 5 + 3 * v]));
    const p = projection2d(x);
    expect(p.explainedVarianceRatio[0]).toBeGreaterThan(1 - 1e-12);
    expect(p.explainedVarianceRatio[1]).toBeLessThan(1e-12);
    const n = Math.sqrt(14);
    expectClose(p.axes[0], [1 / n, 2 / n, 3 / n]);
    const tMean = t.reduce((a, b) => a + b, 0) / t.length;
    expectClose(p.x, t.map((v) => (v - tMean) * n), 9);
    for (const v of p.y) expect(Math.abs(v)).toBeLessThan(1e-9);
  });

  it('signs each axis so that its largest loading is positive', () => {
    const p = projection2d(randomMatrix(200, 5, 3));
    for (const axis of p.axes) {
      const big = axis.reduce((b, v) => (Math.abs(v) > Math.abs(b) ? v : b), 0);
      expect(big).toBeGreaterThan(0);
      expect(axis.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 12);
    }
  });

  it('handles one column and identical rows', () => {
    const one = projection2d(matrixFromRows([[1], [3], [5]]));
    expectClose(one.x, [-2, 0, 2]);
    expectClose(one.y, [0, 0, 0]);
    expectClose(one.explainedVarianceRatio, [1, 0]);
    const same = projection2d(matrixFromRows([[2, 2], [2, 2]]));
    expectClose(same.explainedVarianceRatio, [0, 0]);
    expectClose(same.x, [0, 0]);
  });
});

describe('projection2d: sampling', () => {
  const x = randomMatrix(5000, 4, 9);

  it('shows at most maxPoints rows, always the kept ones, ascending and seeded', () => {
    const keep = [4999, 7, 123];
    const p = projection2d(x, { maxPoints: 100, seed: 3, keep });
    expect(p.rows).toHaveLength(100);
    expect(new Set(p.rows).size).toBe(100);
    for (const r of keep) expect(p.rows).toContain(r);
    for (let k = 1; k < p.rows.length; k++) expect(p.rows[k]).toBeGreaterThan(p.rows[k - 1]);
    expect(projection2d(x, { maxPoints: 100, seed: 3, keep })).toEqual(p);
    expect(Array.from(projection2d(x, { maxPoints: 100, seed: 4, keep }).rows)).not.toEqual(Array.from(p.rows));
    expect(p.fittedRows).toBe(100);
  });

  it('projects every shown row with the same axes, whatever is kept', () => {
    const plain = projection2d(x, { maxPoints: 100, seed: 3 });
    const kept = projection2d(x, { maxPoints: 100, seed: 3, keep: [4999] });
    expect(kept.axes).toEqual(plain.axes);
    const s = kept.rows.indexOf(4999);
    const centred = Array.from(x.data.subarray(4999 * 4, 5000 * 4), (v, j) => v - kept.mean[j]);
    expect(kept.x[s]).toBeCloseTo(centred.reduce((a, v, j) => a + v * kept.axes[0][j], 0), 12);
    expect(kept.y[s]).toBeCloseTo(centred.reduce((a, v, j) => a + v * kept.axes[1][j], 0), 12);
  });

  it('keeps the first maxPoints of too many kept rows', () => {
    const p = projection2d(x, { maxPoints: 3, keep: [9, 8, 8, 7, 6] });
    expect(Array.from(p.rows)).toEqual([7, 8, 9]);
  });

  it('rejects bad options and empty matrices', () => {
    expect(() => projection2d(x, { maxPoints: 0 })).toThrow(/invalid maxPoints: 0/);
    expect(() => projection2d(x, { seed: 1.5 })).toThrow(/invalid seed: 1.5/);
    expect(() => projection2d(x, { keep: [5000] })).toThrow(/invalid keep row: 5000/);
    expect(() => projection2d(matrixFromRows([], ['a']))).toThrow(/no rows/);
  });
});

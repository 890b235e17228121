import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { symmetricEigen } from '../../../../app/core/detect/linalg/symmetric-eigen.ts';

interface EigenCase { name: string; n: number; a: number[]; values: number[]; vectors: number[][] }
const fixture: { cases: EigenCase[] } = JSON.parse(
  readFileSync(new URL('../../../fixtures/numpy-symmetric-eigen.json', import.meta.url), 'utf8'),
);

/** max |A v − λ v| over all pairs, and max |VᵀV − I|. */
function residuals(a: ArrayLike<number>, n: number, values: Float64Array, vectors: Float64Array) {
  let eig = 0, orth = 0;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j] * vectors[k * n + j];
      eig = Math.max(eig, Math.abs(s - values[k] * vectors[k * n + i]));
    }
    for (let l = 0; l < n; l++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += vectors[k * n + i] * vectors[l * n + i];
      orth = Math.max(orth, Math.abs(s - (k === l ? 1 : 0)));
    }
  }
  return { eig, orth };
}

describe('symmetricEigen', () => {
  for (const c of fixture.cases) {
    it(`matches numpy.linalg.eigh on ${c.name}`, () => {
      const r = symmetricEigen(c.a, c.n);
      const scale = Math.max(...c.values.map(Math.abs));
      expect(r.n).toBe(c.n);
      for (let k = 0; k < c.n; k++) {
        expect(Math.abs(r.values[k] - c.values[k])).toBeLessThan(1e-12 * scale);
        // Eigenvalues are distinct in every fixture, so vectors are unique up
        // to sign, and both sides use the same sign rule. A vector's error is
        // about eps · scale / gap.
        let gap = Infinity;
        for (let l = 0; l < c.n; l++) if (l !== k) gap = Math.min(gap, Math.abs(c.values[k] - c.values[l]));
        for (let i = 0; i < c.n; i++) {
          expect(Math.abs(r.vectors[k * c.n + i] - c.vectors[k][i])).toBeLessThan(1e-13 * (scale / gap) + 1e-14);
        }
      }
      for (let k = 1; k < c.n; k++) expect(r.values[k]).toBeLessThanOrEqual(r.values[k - 1]);
      const res = residuals(c.a, c.n, r.values, r.vectors);
      expect(res.eig).toBeLessThan(1e-12 * scale);
      expect(res.orth).toBeLessThan(1e-13);
    });
  }

  it('solves the empty, 1 × 1 and zero matrices exactly', () => {
    expect(symmetricEigen([], 0)).toEqual({ n: 0, values: new Float64Array(0), vectors: new Float64Array(0) });
    expect(symmetricEigen([-3.5], 1)).toEqual({ n: 1, values: Float64Array.of(-3.5), vectors: Float64Array.of(1) });
    const z = symmetricEigen(new Float64Array(9), 3);
    expect(Array.from(z.values)).toEqual([0, 0, 0]);
    expect(Array.from(z.vectors)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('returns a diagonal matrix sorted, with unit vectors', () => {
    const r = symmetricEigen([2, 0, 0, 0, -1, 0, 0, 0, 5], 3);
    expect(Array.from(r.values)).toEqual([5, 2, -1]);
    expect(Array.from(r.vectors)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
  });

  it('gets [[2, 1], [1, 2]] right: eigenvalues 3 and 1, vectors (1, 1)/√2 and (1, −1)/√2 up to sign rule', () => {
    const r = symmetricEigen([2, 1, 1, 2], 2);
    expect(r.values[0]).toBeCloseTo(3, 14);
    expect(r.values[1]).toBeCloseTo(1, 14);
    const h = Math.SQRT1_2;
    expect(Math.abs(r.vectors[0])).toBeCloseTo(h, 14);
    expect(r.vectors[1]).toBeCloseTo(r.vectors[0], 14);
    expect(r.vectors[3]).toBeCloseTo(-r.vectors[2], 14);
    expect(Math.max(r.vectors[2], r.vectors[3])).toBeCloseTo(h, 14); // the positive entry wins the tie
  });

  it('handles repeated eigenvalues: I + 𝟙𝟙ᵀ (4 × 4) has 5, 1, 1, 1 with an orthonormal basis', () => {
    const n = 4;
    const a = Array.from({ length: n * n }, (_, i) => (Math.floor(i / n) === i % n ? 2 : 1));
    const r = symmetricEigen(a, n);
    expect(r.values[0]).toBeCloseTo(5, 13);
    for (let k = 1; k < n; k++) expect(r.values[k]).toBeCloseTo(1, 13);
    for (let i = 0; i < n; i++) expect(r.vectors[i]).toBeCloseTo(0.5, 13);
    const res = residuals(a, n, r.values, r.vectors);
    expect(res.eig).toBeLessThan(1e-13);
    expect(res.orth).toBeLessThan(1e-13);
  });

  it('is accurate on a 120 × 120 matrix', () => {
    const n = 120;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = Math.cos(i * j + 1) + (i === j ? i / 10 : 0);
    const r = symmetricEigen(a, n);
    const res = residuals(a, n, r.values, r.vectors);
    expect(res.eig).toBeLessThan(1e-11);
    expect(res.orth).toBeLessThan(1e-12);
    let trace = 0, sum = 0;
    for (let i = 0; i < n; i++) { trace += a[i * n + i]; sum += r.values[i]; }
    expect(sum).toBeCloseTo(trace, 9);
  });

  it('does not modify its input and averages rounding-level asymmetry', () => {
    const a = [1, 2 + 1e-15, 2, 1];
    const copy = a.slice();
    const r = symmetricEigen(a, 2);
    expect(a).toEqual(copy);
    expect(r.values[0]).toBeCloseTo(3, 13);
  });

  it('rejects bad input with the offending entry', () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow('got 3 values for a 2 × 2 matrix');
    expect(() => symmetricEigen([1, NaN, NaN, 1], 2)).toThrow('entry (1, 2) is NaN');
    expect(() => symmetricEigen([1, 0, 0, Infinity], 2)).toThrow('entry (2, 2) is Infinity');
    expect(() => symmetricEigen([1, 2, 3, 1], 2)).toThrow('not symmetric: entry (2, 1) is 3 but (1, 2) is 2');
    expect(() => symmetricEigen([], -1)).toThrow('invalid order -1');
  });
});

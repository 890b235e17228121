import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { applyScaling, fitScaling, smoothIdf, SCALING_KINDS, unscaledValue, type ScalingKind } from '../../../app/core/features/scale-columns.ts';
import { matrixFromRows, type Matrix } from '../../../app/core/matrix.ts';

interface Fixture {
  train_rows: number[];
  x: number[][];
  counts: number[][];
  [kind: string]: unknown;
}
const fixture: Fixture = JSON.parse(readFileSync(new URL('./fixtures/sklearn-scale-columns.json', import.meta.url), 'utf8'));

const rowsOf = (m: Matrix) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
const column = (m: Matrix, j: number) => rowsOf(m).map((r) => r[j]);
/** Agreement to rounding: relative 1e-12, or absolute 1e-12 near zero. */
function expectClose(got: number[], want: number[]): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]), `index ${i}: ${g} vs ${want[i]}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want[i]))));
}

// Column 0: mean 5, population std 2, median 4.5, q25 4, q75 5.5. Column 1: constant.
const X = matrixFromRows([[2, 7], [4, 7], [4, 7], [4, 7], [5, 7], [5, 7], [7, 7], [9, 7]], ['a', 'b']);

describe('fitScaling and applyScaling on hand-computed values', () => {
  it('none: offset 0, scale 1, and the matrix itself', () => {
    const s = fitScaling(X, 'none');
    expect(s).toEqual({ kind: 'none', offset: [0, 0], scale: [1, 1] });
    expect(applyScaling(X, s)).toBe(X);
  });

  it('zero-mean: subtracts the mean only', () => {
    const s = fitScaling(X, 'zero-mean');
    expect(s).toEqual({ kind: 'zero-mean', offset: [5, 7], scale: [1, 1] });
    expect(column(applyScaling(X, s), 0)).toEqual([-3, -1, -1, -1, 0, 0, 2, 4]);
  });

  it('standard: population std, and a constant column gets scale 1', () => {
    const s = fitScaling(X, 'standard');
    expect(s).toEqual({ kind: 'standard', offset: [5, 7], scale: [2, 1] });
    expect(column(applyScaling(X, s), 0)).toEqual([-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);
    expect(column(applyScaling(X, s), 1)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('minmax: range, 0 → 1', () => {
    const s = fitScaling(X, 'minmax');
    expect(s).toEqual({ kind: 'minmax', offset: [2, 7], scale: [7, 1] });
    expect(column(applyScaling(X, s), 0)).toEqual([0, 2 / 7, 2 / 7, 2 / 7, 3 / 7, 3 / 7, 5 / 7, 1]);
  });

  it("robust: median and numpy's linear IQR; IQR 0 → 1", () => {
    // sorted 2 4 4 4 5 5 7 9: q25 at index 1.75 → 4, q75 at 5.25 → 5 + 0.25·2 = 5.5.
    const s = fitScaling(X, 'robust');
    expect(s).toEqual({ kind: 'robust', offset: [4.5, 7], scale: [1.5, 1] });
    expect(column(applyScaling(X, s), 0)).toEqual([-2.5 / 1.5, -0.5 / 1.5, -0.5 / 1.5, -0.5 / 1.5, 0.5 / 1.5, 0.5 / 1.5, 2.5 / 1.5, 4.5 / 1.5]);
  });

  it('log1p: sign-preserving, nothing fitted', () => {
    const m = matrixFromRows([[0, 1], [-1, 3], [-3, 1e-300]], ['a', 'b']);
    const s = fitScaling(m, 'log1p');
    expect(s).toEqual({ kind: 'log1p' });
    expect(rowsOf(applyScaling(m, s))).toEqual([[0, Math.LN2], [-Math.LN2, 2 * Math.LN2], [-2 * Math.LN2, 1e-300]]);
  });

  it('tfidf: smooth idf, then rows of L2 norm 1; an empty row stays 0', () => {
    const m = matrixFromRows([[1, 0], [1, 1], [0, 0]], ['t1', 't2']);
    const s = fitScaling(m, 'tfidf');
    // n = 3; df = 2 and 1.
    expect(s).toEqual({ kind: 'tfidf', idf: [Math.log(4 / 3) + 1, Math.log(2) + 1] });
    const a = Math.log(4 / 3) + 1, b = Math.log(2) + 1, norm = Math.sqrt(a * a + b * b);
    expect(rowsOf(applyScaling(m, s))).toEqual([[1, 0], [a / norm, b / norm], [0, 0]]);
    expect(smoothIdf(3, 0)).toBe(Math.log(4) + 1);
  });

  it('keeps names and does not change its input', () => {
    const before = Array.from(X.data);
    for (const kind of SCALING_KINDS) {
      expect(applyScaling(X, fitScaling(X, kind)).names).toEqual(['a', 'b']);
    }
    expect(Array.from(X.data)).toEqual(before);
  });
});

describe('fitting on the training rows only', () => {
  // Rows 3 and 4 are test rows with extreme values.
  const M = matrixFromRows([[1, 0], [2, 1], [3, 0], [1000, 5], [-1000, 5]], ['a', 'c']);
  const train = [0, 1, 2];

  it('robust: median and IQR of the training rows', () => {
    // training column 0: 1 2 3 → median 2, q25 1.5, q75 2.5; column 1: 0 0 1 → median 0, q25 0, q75 0.5.
    expect(fitScaling(M, 'robust', train)).toEqual({ kind: 'robust', offset: [2, 0], scale: [1, 0.5] });
  });

  it('standard and minmax ignore the test rows', () => {
    expect(fitScaling(M, 'minmax', train)).toEqual({ kind: 'minmax', offset: [1, 0], scale: [2, 1] });
    expect(fitScaling(M, 'standard', train)).toMatchObject({ offset: [2, 1 / 3] });
  });

  it('tfidf: df counts training rows only', () => {
    const counts = matrixFromRows([[1, 0, 0], [1, 1, 0], [0, 0, 2], [1, 1, 1]], ['t1', 't2', 't3']);
    // training rows 0 and 1: df 2, 1, 0 with n = 2 (t3 is only in test rows).
    expect(fitScaling(counts, 'tfidf', [0, 1])).toEqual({ kind: 'tfidf', idf: [1, Math.log(3 / 2) + 1, Math.log(3) + 1] });
  });

  it('no training rows: identity for the linear kinds, idf 1 for tfidf', () => {
    expect(fitScaling(M, 'standard', [])).toEqual({ kind: 'standard', offset: [0, 0], scale: [1, 1] });
    expect(fitScaling(M, 'tfidf', [])).toEqual({ kind: 'tfidf', idf: [1, 1] });
  });
});

describe('parity with scikit-learn (fixture)', () => {
  const x = matrixFromRows(fixture.x, ['normal', 'heavy', 'point-one', 'ties']);
  const counts = matrixFromRows(fixture.counts);
  const linear: ScalingKind[] = ['standard', 'zero-mean', 'minmax', 'robust'];
  for (const kind of linear) {
    it(kind, () => {
      const want = fixture[kind] as { offset: number[]; scale: number[]; out: number[][] };
      const s = fitScaling(x, kind, fixture.train_rows);
      if (s.kind === 'log1p' || s.kind === 'tfidf') throw new Error('expected a linear scaling');
      expectClose(s.offset, want.offset);
      expectClose(s.scale, want.scale);
      expectClose(Array.from(applyScaling(x, s).data), want.out.flat());
    });
  }

  it('standard: a column of 0.1s is constant, as sklearn decides (its computed variance is not 0)', () => {
    const s = fitScaling(x, 'standard', fixture.train_rows);
    expect(s.kind === 'standard' && s.scale[2]).toBe(1);
  });

  it('log1p', () => {
    const want = (fixture.log1p as { out: number[][] }).out;
    expectClose(Array.from(applyScaling(x, fitScaling(x, 'log1p', fixture.train_rows)).data), want.flat());
  });

  it('tfidf', () => {
    const want = fixture.tfidf as { idf: number[]; out: number[][] };
    const s = fitScaling(counts, 'tfidf', fixture.train_rows);
    expectClose(s.kind === 'tfidf' ? s.idf : [], want.idf);
    expectClose(Array.from(applyScaling(counts, s).data), want.out.flat());
  });
});

describe('compatibility and errors', () => {
  it('survives a JSON round trip', () => {
    for (const kind of SCALING_KINDS) {
      const s = fitScaling(X, kind);
      expect(rowsOf(applyScaling(X, JSON.parse(JSON.stringify(s))))).toEqual(rowsOf(applyScaling(X, s)));
    }
  });

  it('refuses an unknown kind and a matrix with another number of columns', () => {
    expect(() => fitScaling(X, 'zscore' as ScalingKind)).toThrow('unknown scaling "zscore" (expected one of none, zero-mean, standard, minmax, robust, log1p, tfidf)');
    expect(() => applyScaling(matrixFromRows([[1]]), fitScaling(X, 'robust'))).toThrow('scaling was fitted on 2 columns, the matrix has 1');
    expect(() => applyScaling(matrixFromRows([[1]]), fitScaling(X, 'tfidf'))).toThrow('scaling was fitted on 2 columns, the matrix has 1');
  });
});

describe('unscaledValue', () => {
  it('gives back each value in the units it had, for every invertible scaling', () => {
    const x = matrixFromRows([[200, 12], [504, 900], [200, 11], [404, 35]], ['status', 'latency']);
    for (const kind of ['none', 'zero-mean', 'standard', 'minmax', 'robust', 'log1p'] as const) {
      const state = fitScaling(x, kind);
      const scaled = applyScaling(x, state);
      for (let i = 0; i < x.rows; i++) {
        const row = scaled.data.subarray(i * 2, i * 2 + 2);
        for (let j = 0; j < 2; j++) expect(unscaledValue(state, row, j), `${kind} row ${i} col ${j}`).toBeCloseTo(x.data[i * 2 + j], 9);
      }
    }
  });

  it('is null where one row cannot tell (TF-IDF divides by the row norm)', () => {
    const x = matrixFromRows([[1, 2], [0, 3]], ['a', 'b']);
    const state = fitScaling(x, 'tfidf');
    expect(unscaledValue(state, applyScaling(x, state).data.subarray(0, 2), 0)).toBeNull();
  });
});

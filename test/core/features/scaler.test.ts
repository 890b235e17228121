import { describe, it, expect } from 'vitest';
import { applyScaler, fitScaler } from '../../../app/core/features/scaler.ts';
import { matrixFromRows, type Matrix } from '../../../app/core/matrix.ts';

const rowsOf = (m: Matrix) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
// Column 0: mean 5, population std 2 (the sample std would be 2.138…). Column 1: constant.
const X = matrixFromRows([[2, 7], [4, 7], [4, 7], [4, 7], [5, 7], [5, 7], [7, 7], [9, 7]], ['a', 'b']);

describe('fitScaler and applyScaler', () => {
  it('standard: subtracts the mean and divides by the population std', () => {
    const s = fitScaler(X, 'standard');
    expect(s).toEqual({ kind: 'standard', offset: [5, 7], scale: [2, 1] });
    expect(rowsOf(applyScaler(X, s)).map((r) => r[0])).toEqual([-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);
  });

  it('minmax: maps each column onto 0–1', () => {
    const s = fitScaler(X, 'minmax');
    expect(s).toEqual({ kind: 'minmax', offset: [2, 7], scale: [7, 1] });
    expect(rowsOf(applyScaler(X, s)).map((r) => r[0])).toEqual([0, 2 / 7, 2 / 7, 2 / 7, 3 / 7, 3 / 7, 5 / 7, 1]);
  });

  it('keeps a constant column finite (0) with either scaling', () => {
    for (const kind of ['standard', 'minmax'] as const) {
      expect(rowsOf(applyScaler(X, fitScaler(X, kind))).map((r) => r[1])).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    }
  });

  it('none: changes nothing', () => {
    const s = fitScaler(X, 'none');
    expect(s).toEqual({ kind: 'none', offset: [0, 0], scale: [1, 1] });
    expect(rowsOf(applyScaler(X, s))).toEqual(rowsOf(X));
  });

  it('fits on the training rows only, when given', () => {
    expect(fitScaler(X, 'minmax', [0, 7])).toEqual({ kind: 'minmax', offset: [2, 7], scale: [7, 1] });
    expect(fitScaler(X, 'standard', [1, 6])).toEqual({ kind: 'standard', offset: [5.5, 7], scale: [1.5, 1] });
  });

  it('applies a scaler fitted on other data as it is', () => {
    const s = fitScaler(X, 'standard');
    const y = applyScaler(matrixFromRows([[11, 8], [5, 6]], ['a', 'b']), s);
    expect(rowsOf(y)).toEqual([[3, 1], [0, -1]]);
    expect(y.names).toEqual(['a', 'b']);
  });

  it('does not change the matrix it scales', () => {
    const before = Array.from(X.data);
    applyScaler(X, fitScaler(X, 'standard'));
    expect(Array.from(X.data)).toEqual(before);
  });

  it('refuses a matrix with another number of columns', () => {
    expect(() => applyScaler(matrixFromRows([[1]]), fitScaler(X, 'standard'))).toThrow('scaler was fitted on 2 columns, the matrix has 1');
  });
});

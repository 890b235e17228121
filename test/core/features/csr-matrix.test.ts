import { describe, it, expect } from 'vitest';
import { clearCsrRows, CsrBuilder, csrEntries, csrToDense, scatterCsrRows } from '../../../app/core/features/csr-matrix.ts';
import { createRandom } from '../../../app/core/random.ts';

/** A seeded random sparse matrix built through CsrBuilder, and its dense rows. */
function randomCsr(seed: number, rows: number, cols: number, expected: number) {
  const rnd = createRandom(seed);
  const dense = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  const b = new CsrBuilder(rows, cols, expected);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (rnd.next() < 0.3) {
        // Some stored entries are explicit zeros.
        const v = rnd.next() < 0.2 ? 0 : rnd.uniform(-5, 5);
        dense[i][j] = v;
        b.push(j, v);
      }
    }
    b.endRow();
  }
  return { csr: b.finish(Array.from({ length: cols }, (_, j) => `c${j}`)), dense };
}

describe('CsrMatrix', () => {
  it.each([1, 10_000])('CsrBuilder (expected entries %i) stores every pushed entry; csrToDense reads them back', (expected) => {
    const { csr, dense } = randomCsr(3, 50, 9, expected);
    expect(csrEntries(csr)).toBe(csr.colIndex.length);
    expect(csr.values.length).toBe(csr.colIndex.length);
    const m = csrToDense(csr);
    expect([m.rows, m.cols]).toEqual([50, 9]);
    expect(Array.from(m.data)).toEqual(dense.flat());
    expect(m.names[8]).toBe('c8');
  });

  it('scatterCsrRows writes a block of rows, clearCsrRows leaves it all zeros again', () => {
    const { csr, dense } = randomCsr(5, 40, 7, 16);
    const out = new Float64Array(10 * 7);
    expect(Array.from(scatterCsrRows(csr, 12, 22, out))).toEqual(dense.slice(12, 22).flat());
    clearCsrRows(csr, 12, 22, out);
    expect(out.every((v) => v === 0)).toBe(true);
    expect(Array.from(scatterCsrRows(csr, 38, 40, out).subarray(0, 14))).toEqual(dense.slice(38).flat());
  });

  it('refuses to finish before every row is ended', () => {
    const b = new CsrBuilder(2, 3);
    b.push(1, 2);
    b.endRow();
    expect(() => b.finish(['a', 'b', 'c'])).toThrow('CSR builder: 1 of 2 rows were ended');
  });
});

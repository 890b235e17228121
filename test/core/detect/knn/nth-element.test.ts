import { describe, it, expect } from 'vitest';
import { nthElement } from '../../../../app/core/detect/knn/nth-element.ts';

/**
 * Checksums of the permutations that GNU libstdc++ (g++ 12.2, Debian 12) leaves
 * after `std::nth_element(idx, idx + nth, idx + n, less)` with scikit-learn's
 * comparator (value, then index), idx starting as 0..n−1; made by a 25-line
 * C++ program using the same generator as `values` below.
 * [pattern, n, nth, checksum]
 */
const LIBSTDCXX: [number, number, number, number][] = [
  [0, 4, 0, 31716], [0, 7, 0, 173715321], [0, 31, 20, 1198109381], [0, 100, 3, 1867253048], [0, 500, 379, 1012300281], [0, 2000, 1054, 493627246],
  [1, 4, 0, 32736], [1, 7, 2, 892303971], [1, 31, 30, 634577583], [1, 100, 34, 654299786], [1, 500, 372, 1568935763], [1, 2000, 1147, 400150937],
  [2, 4, 2, 1026], [2, 7, 0, 30569571], [2, 31, 16, 1532411725], [2, 100, 47, 484210080], [2, 500, 67, 132238458], [2, 2000, 427, 117344211],
  [3, 4, 1, 91296], [3, 7, 3, 318109537], [3, 31, 3, 512465862], [3, 100, 98, 984773941], [3, 500, 118, 2089265598], [3, 2000, 478, 285771773],
  [4, 4, 0, 1056], [4, 7, 5, 1058834947], [4, 31, 5, 1342568023], [4, 100, 33, 1997871230], [4, 500, 453, 1453794572], [4, 2000, 529, 1114705262],
];

/** The C++ program's inputs: an LCG, and value patterns random / 3 values / sorted / reversed / organ pipe. */
function values(pattern: number, n: number): { v: number[]; nth: number } {
  let s = (777 + pattern * 1000 + n) >>> 0;
  const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s >>> 8; };
  const v = Array.from({ length: n }, (_, i) =>
    [() => rnd() % 1000, () => rnd() % 3, () => i, () => n - i, () => (i < Math.floor(n / 2) ? i : n - i)][pattern]());
  return { v, nth: rnd() % n };
}

describe('nthElement', () => {
  it.each(LIBSTDCXX)('pattern %i, n = %i, nth = %i: the same permutation as libstdc++', (pattern, n, nth, checksum) => {
    const { v, nth: expectedNth } = values(pattern, n);
    expect(expectedNth).toBe(nth);
    const idx = new Int32Array(n).map((_, i) => i);
    const less = (a: number, b: number) => (v[a] === v[b] ? a < b : v[a] < v[b]);
    nthElement(idx, 0, nth, n, less);
    let h = 0;
    for (let i = 0; i < n; i++) h = (h * 31 + idx[i]) % 2147483647;
    expect(h).toBe(checksum);
    // And it is a valid nth_element: nothing before nth above it, nothing after below it.
    for (let i = 0; i < n; i++) {
      if (i < nth) expect(less(idx[nth], idx[i])).toBe(false);
      if (i > nth) expect(less(idx[i], idx[nth])).toBe(false);
    }
  });

  it('works on a sub-range and leaves the rest alone', () => {
    const a = Int32Array.from([9, 8, 5, 3, 4, 1, 0, 7]);
    nthElement(a, 2, 1, 6, (x, y) => x < y);
    expect(Array.from(a.slice(0, 2))).toEqual([9, 8]);
    expect(Array.from(a.slice(6))).toEqual([0, 7]);
    expect(a[3]).toBe(3);
  });
});

import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { SklearnSearch, sklearnAlgorithm } from '../../../../app/core/detect/knn/sklearn-search.ts';
import { reducedDistance, searchRows } from '../../../../app/core/detect/knn/metric.ts';
import { lof } from '../../../../app/core/detect/lof.ts';
import { matrixFromRows, type Matrix } from '../../../../app/core/matrix.ts';
import { createRandom } from '../../../../app/core/random.ts';

const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/sklearn-lof.json', import.meta.url), 'utf8'));

/** 1500 rows of 3 integer columns in [0, 20): ties at the k-th distance everywhere. */
function integerGrid(): Matrix {
  const r = createRandom(2024);
  const data = new Float64Array(1500 * 3);
  for (let i = 0; i < data.length; i++) data[i] = r.int(20);
  return { rows: 1500, cols: 3, data, names: ['a', 'b', 'c'] };
}

const checksum = (a: ArrayLike<number>) => Array.from(a).reduce((h, v) => (h * 31 + v) % 2147483647, 0);

describe('sklearnAlgorithm', () => {
  it('picks what LocalOutlierFactor(algorithm="auto") picks', () => {
    expect(sklearnAlgorithm(1000, 3, 20, 'euclidean')).toBe('kd_tree');
    expect(sklearnAlgorithm(1000, 15, 20, 'manhattan')).toBe('kd_tree');
    expect(sklearnAlgorithm(1000, 16, 20, 'euclidean')).toBe('brute');
    expect(sklearnAlgorithm(60, 2, 30, 'euclidean')).toBe('brute'); // k >= n // 2
    expect(sklearnAlgorithm(61, 2, 29, 'euclidean')).toBe('kd_tree');
    expect(sklearnAlgorithm(1000, 3, 20, 'cosine')).toBe('brute');
  });
});

describe('SklearnSearch', () => {
  it("builds scikit-learn's KD tree: the same idx_array (checksums taken from KDTree.get_arrays())", () => {
    const grid = new SklearnSearch(searchRows(integerGrid(), 'euclidean'), 'kd_tree');
    expect(checksum(grid.treeOrder)).toBe(993290280);
    const dup = fixture.outlier.find((c: { name: string }) => c.name === 'duplicates-5d');
    const tree = new SklearnSearch(searchRows(matrixFromRows(dup.X), 'euclidean'), 'kd_tree');
    expect(checksum(tree.treeOrder)).toBe(293890533);
  });

  it('keeps the tied rows scikit-learn keeps: its heap evicts whichever tie sits at the root', () => {
    // ties-2d, row 0, k = 5: rows 10 and 23 are both at distance √2.5; scikit-learn keeps 23.
    const ties = fixture.outlier.find((c: { name: string }) => c.name === 'ties-2d');
    const rows = searchRows(matrixFromRows(ties.X), 'euclidean');
    for (const algorithm of ['kd_tree', 'brute'] as const) {
      const idx = new Int32Array(6), rd = new Float64Array(6);
      new SklearnSearch(rows, algorithm).query(rows.data, 0, 6, idx, rd);
      expect(Array.from(idx).sort((a, b) => a - b)).toEqual([0, 2, 3, 23, 43, 53]);
    }
  });

  it('gives LOFs equal to scikit-learn on a tie-heavy grid, where lowest-index ties would not', () => {
    // Sums of −negative_outlier_factor_ (and Σ (i + 1)·LOF_i) from scikit-learn 1.2.1, k = 10.
    const x = integerGrid();
    for (const [metric, sum, weighted] of [
      ['euclidean', 1526.257683890594, 1144420.979471624],
      ['manhattan', 1528.469945483269, 1146663.4223601301],
    ] as const) {
      const s = lof.score(lof.fit(x, lof.normalize({ k: 10, metric })), x);
      expect(s.reduce((a, v) => a + v, 0)).toBeCloseTo(sum, 9);
      expect(s.reduce((a, v, i) => a + v * (i + 1), 0) / weighted).toBeCloseTo(1, 12);
    }
  });

  it('returns the exact nearest rows when nothing ties', () => {
    const r = createRandom(3);
    const data = new Float64Array(400 * 4).map(() => r.next());
    const rows = { data, rows: 400, dims: 4, l1: false };
    for (const algorithm of ['kd_tree', 'brute'] as const) {
      const search = new SklearnSearch(rows, algorithm);
      for (const q of [0, 17, 399]) {
        const idx = new Int32Array(9), rd = new Float64Array(9);
        search.query(data, q, 9, idx, rd);
        const expected = [...Array(400).keys()]
          .sort((a, b) => reducedDistance(data, q, data, a, 4, false) - reducedDistance(data, q, data, b, 4, false))
          .slice(0, 9);
        expect(Array.from(idx).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
      }
    }
  });
});

import { describe, it, expect } from 'vitest';
import { NeighbourIndex, kdTreeWins } from '../../../../app/core/detect/knn/neighbours.ts';
import { KdTree } from '../../../../app/core/detect/knn/kd-tree.ts';
import { searchRows, type SearchRows } from '../../../../app/core/detect/knn/metric.ts';
import type { NeighbourLists } from '../../../../app/core/detect/knn/neighbour-heap.ts';
import { SklearnSearch, type SklearnAlgorithm } from '../../../../app/core/detect/knn/sklearn-search.ts';
import { createRandom } from '../../../../app/core/random.ts';

/**
 * Rows of small integers — mostly zeros when `range` is 0, like event counts —
 * so that duplicates and ties at the k-th distance are common.
 */
function integers(rows: number, cols: number, range: number, seed: number): SearchRows {
  const r = createRandom(seed);
  const data = new Float64Array(rows * cols).map(() => (range ? r.int(range) : r.next() < 0.05 ? 1 + r.int(2) : 0));
  return searchRows({ rows, cols, data, names: Array.from({ length: cols }, (_, j) => `c${j}`) }, 'euclidean');
}

/** Query q's neighbours as "distinct row × copies", sorted. */
function listed(lists: NeighbourLists, q: number): string[] {
  const out: string[] = [];
  for (let s = q * lists.need; s < q * lists.need + lists.count[q]; s++) out.push(`${lists.ids[s]}×${lists.used[s]}`);
  return out.sort();
}

/** What scikit-learn's search returns for `row`, as distinct rows × copies. */
function sklearnListed(index: NeighbourIndex, search: SklearnSearch, queries: Float64Array, row: number, need: number, self: boolean): string[] {
  const m = self ? need + 1 : need;
  const idx = new Int32Array(m), rd = new Float64Array(m);
  search.query(queries, row, m, idx, rd);
  let rows = Array.from(idx);
  if (self) {
    const at = rows.indexOf(row);
    rows.splice(at >= 0 ? at : 0, 1); // the row itself, or one of its copies (all at distance 0)
  }
  const counts = new Map<number, number>();
  for (const i of rows) counts.set(index.distinct.distinctOf[i], (counts.get(index.distinct.distinctOf[i]) ?? 0) + 1);
  return [...counts].map(([d, c]) => `${d}×${c}`).sort();
}

describe('NeighbourIndex', () => {
  for (const [cols, algorithm] of [[2, 'kd_tree'], [3, 'kd_tree'], [18, 'brute']] as [number, SklearnAlgorithm][]) {
    it(`gives every row scikit-learn's neighbours, ties and copies included (${cols} columns, ${algorithm})`, () => {
      const points = integers(900, cols, cols > 3 ? 0 : 12, cols);
      const index = new NeighbourIndex(points, algorithm);
      expect(index.distinct.count).toBeLessThan(900);
      const search = new SklearnSearch(points, algorithm);
      for (const need of [3, 10]) {
        const lists = index.selfNeighbours(need);
        let ambiguous = 0;
        for (let d = 0; d < index.distinct.count; d++) {
          ambiguous += lists.ambiguous[d];
          const row = index.distinct.firstRow[d];
          expect(listed(lists, d)).toEqual(sklearnListed(index, search, points.data, row, need, true));
        }
        expect(ambiguous).toBeGreaterThan(0);
      }
    });
  }

  it('answers queries from other rows the same way', () => {
    const points = integers(600, 2, 10, 1);
    const queries = integers(100, 2, 12, 2);
    const index = new NeighbourIndex(points, 'kd_tree');
    const search = new SklearnSearch(points, 'kd_tree');
    const { lists, queries: dq } = index.neighbours(queries, 8);
    for (let d = 0; d < dq.count; d++) {
      expect(listed(lists, d)).toEqual(sklearnListed(index, search, queries.data, dq.firstRow[d], 8, false));
    }
  });

  it('uses a KD tree where it prunes well and brute force elsewhere', () => {
    expect(kdTreeWins(1000, 3)).toBe(true);
    expect(kdTreeWins(100_000, 16)).toBe(true);
    expect(kdTreeWins(5_000, 16)).toBe(false);
    expect(kdTreeWins(1_000_000, 40)).toBe(false);
    expect(new NeighbourIndex(integers(500, 2, 100, 3), 'kd_tree').fast).toBeInstanceOf(KdTree);
  });

  it('can be cancelled between blocks', () => {
    const index = new NeighbourIndex(integers(5000, 2, 1000, 4), 'kd_tree');
    const controller = new AbortController();
    let calls = 0;
    expect(() => index.selfNeighbours(5, { signal: controller.signal, progress: () => { if (++calls === 2) controller.abort(); } }))
      .toThrow(/cancelled/);
  });
});

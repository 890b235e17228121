import { describe, it, expect } from 'vitest';
import { BruteForce } from '../../../../app/core/detect/knn/brute-force.ts';
import { NeighbourLists } from '../../../../app/core/detect/knn/neighbour-heap.ts';
import { reducedDistance, type SearchRows } from '../../../../app/core/detect/knn/metric.ts';
import { createRandom } from '../../../../app/core/random.ts';

function points(rows: number, dims: number, seed: number, l1 = false): SearchRows {
  const r = createRandom(seed);
  const data = new Float64Array(rows * dims);
  for (let i = 0; i < data.length; i++) data[i] = r.uniform(0, 1);
  return { data, rows, dims, l1 };
}

const identity = (n: number) => new Int32Array(n).map((_, i) => i);

describe('BruteForce', () => {
  for (const [dims, l1] of [[40, false], [33, true], [3, false]] as const) {
    it(`returns the k nearest copies with their exact reduced distances (${dims} dims, ${l1 ? 'manhattan' : 'euclidean'})`, () => {
      const p = points(300, dims, dims, l1);
      const weight = new Int32Array(p.rows).map((_, i) => (i % 10 === 0 ? 3 : 1));
      const need = 8;
      const lists = new NeighbourLists(p.rows, need);
      new BruteForce(p, weight).search(p.data, identity(p.rows), 0, p.rows, true, need, lists);
      for (let q = 0; q < p.rows; q++) {
        const all: { id: number; r: number; w: number }[] = [];
        for (let i = 0; i < p.rows; i++) {
          const w = weight[i] - (i === q ? 1 : 0);
          if (w > 0) all.push({ id: i, r: reducedDistance(p.data, q, p.data, i, dims, l1), w });
        }
        all.sort((a, b) => a.r - b.r);
        const expected = new Map<number, number>();
        let left = need;
        for (const c of all) {
          if (left === 0) break;
          const take = Math.min(left, c.w);
          expected.set(c.id, take);
          left -= take;
        }
        const got = new Map<number, number>();
        for (let s = q * need; s < q * need + lists.count[q]; s++) {
          got.set(lists.ids[s], lists.used[s]);
          expect(lists.rdist[s]).toBe(reducedDistance(p.data, q, p.data, lists.ids[s], dims, l1));
        }
        expect(got).toEqual(expected);
        expect(lists.ambiguous[q]).toBe(0);
      }
    });
  }

  it('searches any subset of queries in any order', () => {
    const p = points(200, 20, 1);
    const weight = new Int32Array(p.rows).fill(1);
    const whole = new NeighbourLists(p.rows, 4), part = new NeighbourLists(p.rows, 4);
    const search = new BruteForce(p, weight);
    search.search(p.data, identity(p.rows), 0, p.rows, true, 4, whole);
    const order = identity(p.rows).reverse();
    search.search(p.data, order, 10, 60, true, 4, part);
    for (let i = 10; i < 60; i++) {
      const q = order[i];
      expect(part.boundary(q)).toBe(whole.boundary(q));
    }
  });

  it('flags ties at the k-th distance between distinct points', () => {
    // A query at the centre of a square: 4 points at the same distance, 2 wanted.
    const p: SearchRows = { data: new Float64Array([1, 0, 0, 1, -1, 0, 0, -1, 5, 5]), rows: 5, dims: 2, l1: false };
    const lists = new NeighbourLists(1, 2);
    new BruteForce(p, new Int32Array(5).fill(1)).search(new Float64Array([0, 0]), new Int32Array([0]), 0, 1, false, 2, lists);
    expect(lists.ambiguous[0]).toBe(1);
    expect(lists.boundary(0)).toBe(1);
    // Copies of one point at the k-th distance are no choice at all.
    const copies = new NeighbourLists(1, 2);
    new BruteForce(p, new Int32Array([3, 1, 1, 1, 1])).search(new Float64Array([0.5, 0]), new Int32Array([0]), 0, 1, false, 2, copies);
    expect(copies.ambiguous[0]).toBe(0);
  });
});

import { describe, it, expect } from 'vitest';
import { KdTree } from '../../../../app/core/detect/knn/kd-tree.ts';
import { BruteForce } from '../../../../app/core/detect/knn/brute-force.ts';
import { NeighbourLists } from '../../../../app/core/detect/knn/neighbour-heap.ts';
import { reducedDistance, type SearchRows } from '../../../../app/core/detect/knn/metric.ts';
import { createRandom } from '../../../../app/core/random.ts';

function points(rows: number, dims: number, seed: number, l1 = false, grid = 0): SearchRows {
  const r = createRandom(seed);
  const data = new Float64Array(rows * dims);
  for (let i = 0; i < data.length; i++) data[i] = grid ? r.int(grid) : r.uniform(-1, 1);
  return { data, rows, dims, l1 };
}

/** Sorted (id, used, rdist) triples of query q, for comparing two searches. */
function neighboursOf(lists: NeighbourLists, q: number): string[] {
  const out: string[] = [];
  for (let s = q * lists.need; s < q * lists.need + lists.count[q]; s++) out.push(`${lists.ids[s]}×${lists.used[s]}@${lists.rdist[s]}`);
  return out.sort();
}

/** The k nearest copies by sorting everything: distances, and whether ties leave a choice. */
function naive(p: SearchRows, weight: Int32Array, q: number, self: boolean, need: number) {
  const cand: { id: number; r: number; w: number }[] = [];
  for (let i = 0; i < p.rows; i++) {
    const w = weight[i] - (self && i === q ? 1 : 0);
    if (w > 0) cand.push({ id: i, r: reducedDistance(p.data, q, p.data, i, p.dims, p.l1), w });
  }
  cand.sort((a, b) => a.r - b.r);
  let total = 0, b = 0;
  while (total < need) total += cand[b++].w;
  const boundary = cand[b - 1].r;
  const within = cand.filter((c) => c.r <= boundary);
  const copies = within.reduce((s, c) => s + c.w, 0);
  const atBoundary = within.filter((c) => c.r === boundary).length;
  return { boundary, ambiguous: copies > need && atBoundary > 1, within };
}

const identity = (n: number) => new Int32Array(n).map((_, i) => i);

describe('KdTree', () => {
  for (const [dims, l1] of [[1, false], [2, false], [3, true], [5, false], [8, true], [12, false]] as const) {
    it(`finds the same neighbours as brute force and as sorting (${dims} dims, ${l1 ? 'manhattan' : 'euclidean'})`, () => {
      const p = points(700, dims, dims * 7 + (l1 ? 1 : 0), l1);
      const r = createRandom(dims);
      const weight = new Int32Array(p.rows).map(() => 1 + (r.next() < 0.2 ? r.int(4) : 0));
      for (const need of [1, 5, 20]) {
        const kd = new NeighbourLists(p.rows, need), bf = new NeighbourLists(p.rows, need);
        new KdTree(p, weight).search(p.data, identity(p.rows), 0, p.rows, true, need, kd);
        new BruteForce(p, weight).search(p.data, identity(p.rows), 0, p.rows, true, need, bf);
        for (let q = 0; q < p.rows; q++) {
          expect(neighboursOf(kd, q)).toEqual(neighboursOf(bf, q));
          expect(kd.ambiguous[q]).toBe(0); // continuous random data: no exact ties
          const ref = naive(p, weight, q, true, need);
          expect(kd.boundary(q)).toBe(ref.boundary);
          expect(neighboursOf(kd, q).length).toBe(ref.within.length);
        }
      }
    });
  }

  it('searches other rows (novelty queries), not leaving any copy out', () => {
    const p = points(400, 3, 5);
    const queries = points(50, 3, 6);
    const weight = new Int32Array(p.rows).fill(2);
    const kd = new NeighbourLists(50, 7), bf = new NeighbourLists(50, 7);
    new KdTree(p, weight).search(queries.data, identity(50), 0, 50, false, 7, kd);
    new BruteForce(p, weight).search(queries.data, identity(50), 0, 50, false, 7, bf);
    for (let q = 0; q < 50; q++) {
      expect(neighboursOf(kd, q)).toEqual(neighboursOf(bf, q));
      let copies = 0;
      for (let s = q * 7; s < q * 7 + kd.count[q]; s++) copies += kd.used[s];
      expect(copies).toBe(7);
    }
  });

  it('flags exactly the queries whose k-th distance is shared by rows that do not all fit', () => {
    const p = points(500, 2, 3, false, 9); // integer grid: ties everywhere
    const weight = new Int32Array(p.rows).fill(1);
    const lists = new NeighbourLists(p.rows, 6);
    new KdTree(p, weight).search(p.data, identity(p.rows), 0, p.rows, true, 6, lists);
    let flagged = 0;
    for (let q = 0; q < p.rows; q++) {
      const ref = naive(p, weight, q, true, 6);
      expect(lists.ambiguous[q]).toBe(ref.ambiguous ? 1 : 0);
      expect(lists.boundary(q)).toBe(ref.boundary);
      flagged += lists.ambiguous[q];
    }
    expect(flagged).toBeGreaterThan(0);
  });

  it('handles identical points, a single point and points that differ in one column only', () => {
    const same: SearchRows = { data: new Float64Array([1, 1, 1, 1, 1, 1]), rows: 3, dims: 2, l1: false };
    const lists = new NeighbourLists(3, 2);
    new KdTree(same, new Int32Array([1, 1, 1])).search(same.data, identity(3), 0, 3, true, 2, lists);
    expect(Array.from(lists.count)).toEqual([2, 2, 2]);
    expect(lists.boundary(0)).toBe(0);
    const one: SearchRows = { data: new Float64Array([4, 2]), rows: 1, dims: 2, l1: false };
    const single = new NeighbourLists(1, 3);
    new KdTree(one, new Int32Array([5])).search(one.data, identity(1), 0, 1, true, 3, single);
    expect(neighboursOf(single, 0)).toEqual(['0×3@0']);
  });
});

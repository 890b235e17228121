import { describe, it, expect } from 'vitest';
import { ScreenedSearch } from '../../../../app/core/detect/knn/screened-search.ts';
import { BruteForce } from '../../../../app/core/detect/knn/brute-force.ts';
import { distinctRows } from '../../../../app/core/detect/knn/dedupe.ts';
import { NeighbourLists } from '../../../../app/core/detect/knn/neighbour-heap.ts';
import { NeighbourIndex } from '../../../../app/core/detect/knn/neighbours.ts';
import { searchRows, reducedDistance, type SearchRows } from '../../../../app/core/detect/knn/metric.ts';
import { PrincipalAxes, screenThreshold } from '../../../../app/core/detect/knn/principal-rows.ts';
import { createRandom } from '../../../../app/core/random.ts';

/** The bench's kind of data: a common factor, independent noise, column offsets, 1 % uniform outliers. */
function cloud(rows: number, dims: number, seed: number, offset = 0): Float64Array {
  const r = createRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
  const data = new Float64Array(rows * dims);
  for (let i = 0; i < rows; i++) {
    const outlier = r.next() < 0.01, base = gauss();
    for (let j = 0; j < dims; j++) data[i * dims + j] = offset + (outlier ? r.uniform(-6, 6) : 0.7 * base + 0.5 * gauss() + j * 0.1);
  }
  return data;
}

/** Small integer counts: many duplicates and exact ties at the k-th distance. */
function counts(rows: number, dims: number, seed: number): Float64Array {
  const r = createRandom(seed);
  return new Float64Array(rows * dims).map(() => r.int(4));
}

const identity = (n: number) => new Int32Array(n).map((_, i) => i);

/** Everything a search stores for query q. */
function stored(lists: NeighbourLists, q: number): unknown {
  const s = q * lists.need, e = s + lists.count[q];
  return {
    ids: Array.from(lists.ids.subarray(s, e)),
    rdist: Array.from(lists.rdist.subarray(s, e)),
    used: Array.from(lists.used.subarray(s, e)),
    ambiguous: lists.ambiguous[q],
  };
}

/** Self queries (or `queries`) of the screened search and of brute force over the distinct rows of `data`. */
function both(data: Float64Array, dims: number, need: number, queries?: Float64Array) {
  const d = distinctRows(data, data.length / dims, dims);
  const points: SearchRows = { data: d.data, rows: d.count, dims, l1: false };
  const screened = ScreenedSearch.create(points, d.weight);
  expect(screened).toBeDefined();
  const q = queries ?? d.data, nq = q.length / dims, self = !queries;
  const a = new NeighbourLists(nq, need), b = new NeighbourLists(nq, need);
  screened!.search(q, self ? screened!.pointAt : identity(nq), 0, nq, self, need, a);
  new BruteForce(points, d.weight).search(q, identity(nq), 0, nq, self, need, b);
  return { a, b, nq, distinct: d.count };
}

describe('ScreenedSearch', () => {
  it('stores exactly what brute force stores, on data without ties', () => {
    const { a, b, nq } = both(cloud(3000, 16, 1), 16, 20);
    for (let q = 0; q < nq; q++) expect(stored(a, q)).toEqual(stored(b, q));
  });

  it('stores what brute force stores with copies and ties at the k-th distance, and flags the same ties', () => {
    const { a, b, nq, distinct } = both(counts(6000, 9, 2), 9, 10);
    expect(distinct).toBeLessThan(6000);
    let ambiguous = 0;
    for (let q = 0; q < nq; q++) {
      // Where ties leave the set to the search order, both say so (and
      // NeighbourIndex then asks scikit-learn's order, tested below).
      expect(a.ambiguous[q]).toBe(b.ambiguous[q]);
      if (!a.ambiguous[q]) expect(stored(a, q)).toEqual(stored(b, q));
      ambiguous += a.ambiguous[q];
    }
    expect(ambiguous).toBeGreaterThan(100);
  });

  it('answers other rows, including rows equal to indexed ones', () => {
    const data = cloud(2500, 13, 3);
    const queries = new Float64Array([...cloud(200, 13, 4), ...data.subarray(0, 13 * 50)]);
    const { a, b, nq } = both(data, 13, 7, queries);
    for (let q = 0; q < nq; q++) expect(stored(a, q)).toEqual(stored(b, q));
  });

  it('separates neighbours that float32 cannot tell apart (near-ties at the k-th distance)', () => {
    // A cloud far from the origin (so float32 loses about 8 bits of each
    // coordinate) and, around row 0, 40 points whose distances differ by
    // 1e-12 relative: screening passes them all, the exact check decides.
    const dims = 12, r = createRandom(5);
    const data = cloud(3000, dims, 5, 1000);
    for (let i = 1; i <= 40; i++) {
      const dir = Array.from({ length: dims }, () => r.uniform(-1, 1));
      const norm = Math.hypot(...dir), dist = 0.3 * (1 + i * 1e-12);
      for (let j = 0; j < dims; j++) data[(i * 7) * dims + j] = data[j] + (dir[j] / norm) * dist;
    }
    const { a, b } = both(data, dims, 20);
    for (let q = 0; q < 3000; q++) expect(stored(a, q)).toEqual(stored(b, q));
  });

  it('never screens out a point within the exact radius: the float32 sum stays under the threshold at the boundary', () => {
    // The tightest case: the radius is the pair's own exact distance.
    for (const [offset, scale] of [[0, 1], [1000, 1], [0, 1e-20], [1e6, 1e3]]) {
      const dims = 16, rows = 400;
      const data = cloud(rows, dims, 6).map((v) => offset + v * scale);
      const axes = new PrincipalAxes(data, rows, dims);
      const y = new Float32Array(rows * dims);
      const error = axes.project(data, 0, rows, y);
      let tight = Infinity;
      for (let p = 1; p < rows; p++) {
        const exact = reducedDistance(data, 0, data, p, dims, false);
        let s = 0; // as the kernel sums: float32 differences, squares and partial sums in column order
        for (let j = 0; j < dims; j++) {
          const d = Math.fround(y[j] - y[p * dims + j]);
          s = Math.fround(s + Math.fround(d * d));
        }
        const t = screenThreshold(exact, dims, axes.stretch, error).f32;
        expect(s).toBeLessThanOrEqual(t);
        tight = Math.min(tight, t / s - 1);
      }
      // And the margin is not so wide that it screens nothing out (where float32 does not underflow).
      if (scale >= 1) expect(tight).toBeLessThan(1e-3);
    }
  });

  it('is what NeighbourIndex uses for many rows of 8 or more columns, with the same neighbours as before', () => {
    const data = counts(4000, 10, 7);
    const points = searchRows({ rows: 4000, cols: 10, data, names: Array.from({ length: 10 }, (_, j) => `c${j}`) }, 'euclidean');
    const index = new NeighbourIndex(points, 'brute');
    expect(index.fast).toBeInstanceOf(ScreenedSearch);
    const got = index.selfNeighbours(10);
    // The same search and tie resolution over brute force.
    const plain = new NeighbourIndex(points, 'brute');
    Object.defineProperty(plain, 'fast', { value: new BruteForce({ data: plain.distinct.data, rows: plain.distinct.count, dims: 10, l1: false }, plain.distinct.weight) });
    const want = plain.selfNeighbours(10);
    for (let q = 0; q < index.distinct.count; q++) expect(stored(got, q)).toEqual(stored(want, q));
  });

  it('declines Manhattan distances and values too large for float32', () => {
    const data = cloud(3000, 8, 8);
    expect(ScreenedSearch.create({ data, rows: 3000, dims: 8, l1: true }, new Int32Array(3000).fill(1))).toBeUndefined();
    const huge = data.map((v) => v * 1e30);
    expect(ScreenedSearch.create({ data: huge, rows: 3000, dims: 8, l1: false }, new Int32Array(3000).fill(1))).toBeUndefined();
  });
});

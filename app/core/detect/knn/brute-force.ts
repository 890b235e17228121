/**
 * An exact k-nearest-neighbour search over weighted points by comparing
 * every query with every point — the right tool for many dimensions, where
 * tree bounds stop pruning. Work is blocked (a block of queries against a
 * block of points that stays in cache), and a point's distance stops being
 * summed once it exceeds the query's current k-th distance.
 *
 * It returns the same neighbours as `KdTree` (both are exact and both see
 * every tie, see `neighbour-heap.ts`).
 */
import { NeighbourHeap, type NeighbourLists } from './neighbour-heap.ts';
import { absoluteBelow, squaredBelow, type SearchRows } from './metric.ts';

/** Queries per block. */
const QUERY_BLOCK = 32;
/** Values (points × dims) per block of points: 32 K doubles = 256 KB, about an L2 cache. */
const POINT_BLOCK_VALUES = 32768;

export class BruteForce {
  private readonly pts: Float64Array;
  private readonly wt: Int32Array;
  private readonly n: number;
  private readonly dims: number;
  private readonly l1: boolean;

  /** Indexes `points` (each of weight `weight[i]` copies); keeps references, copies nothing. */
  constructor(points: SearchRows, weight: Int32Array) {
    this.pts = points.data;
    this.n = points.rows;
    this.dims = points.dims;
    this.l1 = points.l1;
    this.wt = weight;
  }

  /** Same contract as `KdTree.search`. */
  search(queries: Float64Array, order: Int32Array, from: number, to: number, selfQueries: boolean, need: number, out: NeighbourLists): void {
    const { pts, wt, n, dims, l1 } = this;
    const heaps = Array.from({ length: Math.min(QUERY_BLOCK, Math.max(0, to - from)) }, () => new NeighbourHeap(need));
    const pointBlock = Math.max(16, Math.floor(POINT_BLOCK_VALUES / Math.max(1, dims)));
    for (let qs = from; qs < to; qs += QUERY_BLOCK) {
      const qe = Math.min(to, qs + QUERY_BLOCK);
      for (let i = qs; i < qe; i++) heaps[i - qs].reset(need);
      for (let ps = 0; ps < n; ps += pointBlock) {
        const pe = Math.min(n, ps + pointBlock);
        for (let i = qs; i < qe; i++) {
          const heap = heaps[i - qs];
          const q = order[i];
          const qb = q * dims;
          const self = selfQueries ? q : -1;
          for (let p = ps; p < pe; p++) {
            const radius = heap.radius;
            const r = l1
              ? absoluteBelow(queries, qb, pts, p * dims, dims, radius)
              : squaredBelow(queries, qb, pts, p * dims, dims, radius);
            if (r > radius) continue; // the common case: keep it lean
            const w = p === self ? wt[p] - 1 : wt[p];
            if (w > 0) heap.push(r, p, w);
          }
        }
      }
      for (let i = qs; i < qe; i++) heaps[i - qs].finish(out, order[i]);
    }
  }
}

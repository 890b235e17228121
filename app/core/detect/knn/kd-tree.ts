/**
 * An exact k-nearest-neighbour search over weighted points with a KD tree,
 * fast for few dimensions (see `kdTreeWins` in `neighbours.ts` for when).
 *
 * The tree splits each node at the median of its widest dimension until a
 * node holds at most `LEAF_SIZE` points; every node keeps the tight bounding
 * box of its points, and points are copied in leaf order so that a leaf is
 * one contiguous stretch of memory. A query walks the tree depth-first,
 * nearer child first, skipping boxes farther than the current k-th
 * distance, and stops summing a point's distance once it exceeds it.
 *
 * Boxes and points at exactly the current k-th distance are still visited,
 * so that the heap sees every tie (see `neighbour-heap.ts`).
 */
import { NeighbourHeap, type NeighbourLists } from './neighbour-heap.ts';
import { absoluteBelow, squaredBelow, type SearchRows } from './metric.ts';
import { buildKdNodes, walkBlock, type BlockWalk } from './kd-nodes.ts';

/** Points per leaf at most: small leaves prune better, large ones cost less to walk. */
const LEAF_SIZE = 16;
/** Queries walked through the tree together. */
const QUERY_BLOCK = 32;

export class KdTree {
  /** Point coordinates in leaf order. */
  private readonly pts: Float64Array;
  /** Point index (into the rows given) of each position. */
  readonly pointAt: Int32Array;
  private readonly wt: Int32Array;
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  /** Children of each node; -1 for a leaf. */
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly dims: number;
  private readonly l1: boolean;
  private readonly maxDepth: number;

  /** Builds the tree over `points` (each of weight `weight[i]` copies). */
  constructor(points: SearchRows, weight: Int32Array) {
    const { rows: n, dims, data } = points;
    this.dims = dims;
    this.l1 = points.l1;
    // Split at the median.
    const { perm, start, end, left, right, lo, hi, maxDepth } = buildKdNodes(data, n, dims, LEAF_SIZE, (s, e) => (s + e) >> 1);
    this.start = start; this.end = end; this.left = left; this.right = right;
    this.lo = lo; this.hi = hi; this.maxDepth = maxDepth;
    this.pointAt = perm;
    this.pts = new Float64Array(n * dims);
    this.wt = new Int32Array(n);
    for (let p = 0; p < n; p++) {
      this.pts.set(data.subarray(perm[p] * dims, perm[p] * dims + dims), p * dims);
      this.wt[p] = weight[perm[p]];
    }
  }

  /**
   * Searches the nearest `need` copies for rows `order[from..to)` of `queries`
   * (`dims` wide), storing query `order[i]` as `out` query `order[i]`. With
   * `selfQueries`, query q is point q of the tree and one copy of it (the row
   * itself) is left out, as scikit-learn's `kneighbors()` without X does.
   *
   * Queries go through the tree `QUERY_BLOCK` at a time: each node keeps the
   * list of queries its box is near enough for, so a leaf's points and a
   * node's box are loaded once for all of them (1.3–1.4× faster than one
   * query at a time from 8 dimensions up, where the work is in the leaves).
   * Queries are best given in tree order (`pointAt`), so that a block is
   * close together.
   */
  search(queries: Float64Array, order: Int32Array, from: number, to: number, selfQueries: boolean, need: number, out: NeighbourLists): void {
    const heaps = Array.from({ length: QUERY_BLOCK }, () => new NeighbourHeap(need));
    const { pts, wt, pointAt, start, end, left, right, lo, hi, dims, l1 } = this;
    // active[level * QUERY_BLOCK + t]: the t-th query slot still searching at that depth.
    const active = new Int32Array((this.maxDepth + 2) * QUERY_BLOCK);
    const qbase = new Int32Array(QUERY_BLOCK), selfId = new Int32Array(QUERY_BLOCK);
    const walk: BlockWalk = {
      bound: (slot, node) => boxDistance(queries, qbase[slot], lo, hi, node * dims, dims, l1),
      limit: (slot) => heaps[slot].radius,
      leaf: (node, a, count) => {
        const e = end[node];
        for (let t = 0; t < count; t++) {
          const slot = active[a + t];
          const heap = heaps[slot], qb = qbase[slot], self = selfId[slot];
          for (let p = start[node]; p < e; p++) {
            const radius = heap.radius;
            const r = l1
              ? absoluteBelow(queries, qb, pts, p * dims, dims, radius)
              : squaredBelow(queries, qb, pts, p * dims, dims, radius);
            if (r > radius) continue; // the common case: keep it lean
            const w = pointAt[p] === self ? wt[p] - 1 : wt[p];
            if (w > 0) heap.push(r, pointAt[p], w);
          }
        }
      },
    };
    for (let qs = from; qs < to; qs += QUERY_BLOCK) {
      const qe = Math.min(to, qs + QUERY_BLOCK);
      for (let i = qs; i < qe; i++) {
        const slot = i - qs;
        heaps[slot].reset(need);
        qbase[slot] = order[i] * dims;
        selfId[slot] = selfQueries ? order[i] : -1;
        active[slot] = slot;
      }
      if (pointAt.length > 0) walkBlock(left, right, active, QUERY_BLOCK, walk, 0, 0, qe - qs);
      for (let i = qs; i < qe; i++) heaps[i - qs].finish(out, order[i]);
    }
  }
}

/** Reduced distance from the query to the nearest point of a node's box. */
function boxDistance(q: Float64Array, qb: number, lo: Float64Array, hi: Float64Array, nb: number, dims: number, l1: boolean): number {
  // (a + |a|) + (b + |b|) is twice the gap (at most one of a, b is positive)
  // without a branch; halving and quartering are exact, so the bound is the
  // gaps summed in column order, never above a point's own distance.
  let s = 0;
  for (let j = 0; j < dims; j++) {
    const v = q[qb + j];
    const a = lo[nb + j] - v, b = v - hi[nb + j];
    const g = (a + Math.abs(a)) + (b + Math.abs(b));
    s += l1 ? g : g * g;
  }
  return l1 ? 0.5 * s : 0.25 * s;
}

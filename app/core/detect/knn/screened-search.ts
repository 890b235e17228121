/**
 * An exact k-nearest-neighbour search for Euclidean distances in many
 * dimensions: float32 SIMD screening in principal-axis coordinates, then an
 * exact float64 re-check of every point the screen lets through.
 *
 * 1. Points are turned to their principal axes and rounded to float32
 *    (`principal-rows.ts`), which comes with a bound on the rounding.
 * 2. A KD tree with large leaves (`LEAF_SIZE`) is built over those
 *    coordinates; each leaf is laid out for the SIMD kernel
 *    (`screen-kernel.ts`): groups of four points, column-interleaved.
 * 3. A query walks the tree nearer child first, skipping boxes beyond its
 *    screening threshold; in a leaf, the kernel drops points whose float32
 *    partial sums exceed the threshold, mostly after the first columns.
 * 4. Each point that passes gets its exact reduced distance (the same
 *    column-order float64 sum as `BruteForce`) and goes into the same
 *    `NeighbourHeap` when it is within the exact radius.
 *
 * The threshold (`screenThreshold`) is derived from the exact radius with
 * the rounding bound, so no point within the exact radius is ever dropped:
 * the heap sees every point `BruteForce` would let in, ties included, and
 * returns the same neighbours (`finish` lists them in a canonical order, so
 * the lists are equal value for value).
 */
import { NeighbourHeap, type NeighbourLists } from './neighbour-heap.ts';
import { squaredBelow, type SearchRows } from './metric.ts';
import { PrincipalAxes, screenThreshold } from './principal-rows.ts';
import { buildKdNodes, walkBlock, type BlockWalk } from './kd-nodes.ts';
import { KERNEL_MAX_DIMS, screenKernel, type ScreenKernel } from './screen-kernel.ts';

/** Points per leaf at most: a leaf is one kernel call (and one look at its box). */
const LEAF_SIZE = 256;
/** Queries walked through the tree together, so that a leaf is loaded into cache once for all of them. */
const QUERY_BLOCK = 32;

export class ScreenedSearch {
  /** Point index of each position (leaf order); the best order for self queries. */
  readonly pointAt: Int32Array;
  private readonly data: Float64Array;
  private readonly wt: Int32Array;
  private readonly dims: number;
  /** Columns the kernel sees: `dims` padded with zeros to a multiple of 4. */
  private readonly kdims: number;
  private readonly axes: PrincipalAxes;
  private readonly error: number;
  private readonly kernel: ScreenKernel;
  // Tree over screening coordinates; boxes `dims` wide.
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  /** Leaves: first group and end group in the kernel's layout. */
  private readonly g0: Int32Array;
  private readonly g1: Int32Array;
  /** Point index of each kernel slot (group · 4 + lane); −1 for padding. */
  private readonly slotPoint: Int32Array;
  private readonly base: number;
  private readonly queryArea: number;
  private readonly outArea: number;
  private readonly depth: number;

  /**
   * A search over `points` (each of weight `weight[i]` copies), or undefined
   * where it cannot be exact or cannot run: not a squared metric, values too
   * large for float32 screening, or no WebAssembly SIMD.
   */
  static create(points: SearchRows, weight: Int32Array): ScreenedSearch | undefined {
    if (points.l1 || points.rows < 2 || points.dims > KERNEL_MAX_DIMS) return undefined;
    const axes = new PrincipalAxes(points.data, points.rows, points.dims);
    const y = new Float32Array(points.rows * points.dims);
    const error = axes.project(points.data, 0, points.rows, y);
    if (!Number.isFinite(error)) return undefined;
    const kdims = Math.ceil(points.dims / 4) * 4;
    const groups = Math.ceil(points.rows / 4) + 1;
    const bytes = 64 + groups * kdims * 16 + QUERY_BLOCK * kdims * 4 + LEAF_SIZE + 64;
    const kernel = screenKernel(kdims, bytes);
    if (!kernel) return undefined;
    return new ScreenedSearch(points, weight, axes, y, error, kernel, kdims);
  }

  private constructor(points: SearchRows, weight: Int32Array, axes: PrincipalAxes, y: Float32Array, error: number, kernel: ScreenKernel, kdims: number) {
    const { rows: n, dims } = points;
    this.data = points.data; this.wt = weight; this.dims = dims; this.kdims = kdims;
    this.axes = axes; this.error = error; this.kernel = kernel;
    // Split near the median at a multiple of 4, so that only the last leaf has padding.
    const { perm, start, end, left, right, lo, hi, nodes, maxDepth: depth } = buildKdNodes(y, n, dims, LEAF_SIZE, (s, e) => s + Math.max(4, ((e - s) >> 3) << 2));
    // Kernel layout: leaves in tree order, each padded to whole groups, columns in chunks of 4.
    const g0 = new Int32Array(nodes), g1 = new Int32Array(nodes);
    const leafOrder: number[] = [];
    const walk: number[] = [0];
    while (walk.length) {
      const node = walk.pop()!;
      if (left[node] < 0) { leafOrder.push(node); continue; }
      walk.push(right[node], left[node]);
    }
    let groups = 0;
    for (const node of leafOrder) { g0[node] = groups; groups += Math.ceil((end[node] - start[node]) / 4); g1[node] = groups; }
    const slotPoint = new Int32Array(groups * 4).fill(-1);
    const pointAt = new Int32Array(n);
    this.base = 64;
    this.queryArea = this.base + groups * kdims * 16;
    this.outArea = this.queryArea + QUERY_BLOCK * kdims * 4;
    const mem = new Float32Array(kernel.memory.buffer);
    let at = 0;
    for (const node of leafOrder) {
      const leaf = (this.base >> 2) + g0[node] * kdims * 4, G = g1[node] - g0[node];
      for (let slot = 0; slot < G * 4; slot++) {
        const p = start[node] + slot;
        const pid = p < end[node] ? perm[p] : -1;
        slotPoint[g0[node] * 4 + slot] = pid;
        if (pid >= 0) pointAt[at++] = pid;
        const g = slot >> 2, lane = slot & 3;
        for (let j = 0; j < kdims; j++) {
          // Padding lanes sit far away (they fail every finite threshold); padding columns are 0 for all.
          const v = pid < 0 ? 3e38 : j < dims ? y[pid * dims + j] : 0;
          mem[leaf + (j >> 2) * G * 16 + g * 16 + (j & 3) * 4 + lane] = v;
        }
      }
    }
    this.left = left; this.right = right; this.lo = lo; this.hi = hi;
    this.g0 = g0; this.g1 = g1; this.slotPoint = slotPoint; this.pointAt = pointAt; this.depth = depth;
  }

  /** Same contract as `KdTree.search` (squared Euclidean reduced distances). */
  search(queries: Float64Array, order: Int32Array, from: number, to: number, selfQueries: boolean, need: number, out: NeighbourLists): void {
    const { dims, kdims, data, wt, kernel, left, right, lo, hi, g0, g1, slotPoint, base, queryArea, outArea, axes } = this;
    const heaps = Array.from({ length: QUERY_BLOCK }, () => new NeighbourHeap(need));
    const mem = new Float32Array(kernel.memory.buffer);
    const words = new Int32Array(kernel.memory.buffer);
    const y = new Float32Array(QUERY_BLOCK * dims);
    const one = new Float64Array(dims);
    const qbase = new Int32Array(QUERY_BLOCK), selfId = new Int32Array(QUERY_BLOCK);
    const err = new Float64Array(QUERY_BLOCK);
    const thrAt = new Float64Array(QUERY_BLOCK), thrReal = new Float64Array(QUERY_BLOCK), thrF32 = new Float64Array(QUERY_BLOCK);
    const active = new Int32Array((this.depth + 2) * QUERY_BLOCK);
    const threshold = (slot: number): number => {
      const r = heaps[slot].radius;
      if (r !== thrAt[slot]) {
        const t = screenThreshold(r, dims, axes.stretch, err[slot]);
        thrAt[slot] = r; thrReal[slot] = t.real; thrF32[slot] = t.f32;
      }
      return thrReal[slot];
    };
    const walk: BlockWalk = {
      bound: (slot, node) => boxBound(y, slot * dims, lo, hi, node * dims, dims),
      limit: threshold,
      leaf: (node, a, count) => {
        const G = g1[node] - g0[node], leaf = base + g0[node] * kdims * 16;
        for (let t = 0; t < count; t++) {
          const slot = active[a + t];
          const heap = heaps[slot], qb = qbase[slot], self = selfId[slot];
          threshold(slot);
          const found = kernel.scan(queryArea + slot * kdims * 4, leaf, g0[node], g1[node], thrF32[slot], outArea, G * 64);
          for (let c = 0; c < found; c++) {
            const word = words[(outArea >> 2) + c];
            const slot0 = (word >> 4) << 2;
            for (let lane = 0; lane < 4; lane++) {
              if ((word & (1 << lane)) === 0) continue;
              const p = slotPoint[slot0 + lane];
              if (p < 0) continue;
              const radius = heap.radius;
              const rd = squaredBelow(queries, qb, data, p * dims, dims, radius);
              if (rd > radius) continue;
              const w = p === self ? wt[p] - 1 : wt[p];
              if (w > 0) heap.push(rd, p, w);
            }
          }
        }
      },
    };
    for (let qs = from; qs < to; qs += QUERY_BLOCK) {
      const qe = Math.min(to, qs + QUERY_BLOCK);
      for (let i = qs; i < qe; i++) {
        const slot = i - qs, q = order[i];
        for (let j = 0; j < dims; j++) one[j] = queries[q * dims + j];
        const e = axes.project(one, 0, 1, y.subarray(slot * dims, slot * dims + dims));
        if (!Number.isFinite(e)) throw new Error('screened search: a query value is too large for float32 screening');
        err[slot] = Math.max(this.error, e);
        const qa = (queryArea >> 2) + slot * kdims;
        for (let j = 0; j < kdims; j++) mem[qa + j] = j < dims ? y[slot * dims + j] : 0;
        heaps[slot].reset(need);
        thrAt[slot] = NaN;
        qbase[slot] = q * dims;
        selfId[slot] = selfQueries ? q : -1;
        active[slot] = slot;
      }
      walkBlock(left, right, active, QUERY_BLOCK, walk, 0, 0, qe - qs);
      for (let i = qs; i < qe; i++) heaps[i - qs].finish(out, order[i]);
    }
  }
}

/**
 * A lower bound on the real squared screening distance from query
 * `y[yb..yb + dims)` to any point of a box: the gaps summed in float64
 * (within 1e-15 relative of the real sum), lowered by a margin so that it
 * never exceeds it.
 */
function boxBound(y: Float32Array, yb: number, lo: Float64Array, hi: Float64Array, nb: number, dims: number): number {
  let s = 0;
  for (let j = 0; j < dims; j++) {
    const v = y[yb + j];
    const a = lo[nb + j] - v, b = v - hi[nb + j];
    const g = a > 0 ? a : b > 0 ? b : 0;
    s += g * g;
  }
  return s * (1 - 1e-13);
}

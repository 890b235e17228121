/**
 * scikit-learn 1.2.1's own neighbour search, reproduced step for step, for
 * the rare queries whose k nearest rows are not unique because of exact
 * ties at the k-th distance (the fast searches flag them, see
 * `neighbour-heap.ts`). Which tied rows scikit-learn keeps follows from the
 * order it meets rows in and from its fixed-size max-heap, which keeps the
 * first-met of equal candidates but, when a nearer row arrives, evicts
 * whichever tied row sits at the heap's root. So both are reproduced:
 *
 * - `kd_tree` (what `algorithm='auto'` picks for euclidean and manhattan
 *   with at most 15 columns and k < n/2): the tree of `KDTree(leaf_size=30)`
 *   — levels ⌊log2 max(1, (n−1)/30)⌋ + 1, split on the widest column at
 *   n/2 with libstdc++'s `nth_element` on (value, row index) — walked
 *   depth-first, nearer child first (the left one when equally near), each
 *   leaf's rows in tree order, into `NeighborsHeap`;
 * - `brute` (more columns, k ≥ n/2, or cosine): rows in index order into the
 *   same heap, as `ArgKmin` does with one thread (or with its
 *   `parallel_on_X` strategy, which it picks for more than 4 · 256 · threads
 *   query rows). Caveats, stated where the detector documents them:
 *   scikit-learn's brute force computes euclidean distances as
 *   ‖x‖² − 2x·y + ‖y‖² and cosine ones from BLAS products, whose rounding can
 *   split or create ties (ours are exact), and its `parallel_on_Y` strategy
 *   merges per-thread heaps, which settles ties in another order.
 */
import { nthElement } from './nth-element.ts';
import type { SearchRows } from './metric.ts';

/** scikit-learn's default `leaf_size`. */
const SKLEARN_LEAF_SIZE = 30;

export type SklearnAlgorithm = 'kd_tree' | 'brute';

/**
 * The search scikit-learn 1.2.1's `LocalOutlierFactor(algorithm='auto')`
 * uses for `rows × cols` training data and `n_neighbors = k` (as given, before capping).
 */
export function sklearnAlgorithm(rows: number, cols: number, k: number, metric: 'euclidean' | 'manhattan' | 'cosine'): SklearnAlgorithm {
  if (metric === 'cosine' || cols > 15 || k >= Math.floor(rows / 2)) return 'brute';
  return 'kd_tree';
}

/** `sklearn.utils._heap.heap_push`: a max-heap of fixed `size`, root = farthest. */
function heapPush(values: Float64Array, indices: Int32Array, size: number, val: number, idx: number): void {
  if (val >= values[0]) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1, r = l + 1;
    let swap: number;
    if (l >= size) break;
    else if (r >= size) {
      if (values[l] > val) swap = l; else break;
    } else if (values[l] >= values[r]) {
      if (val < values[l]) swap = l; else break;
    } else {
      if (val < values[r]) swap = r; else break;
    }
    values[i] = values[swap];
    indices[i] = indices[swap];
    i = swap;
  }
  values[i] = val;
  indices[i] = idx;
}

function rdist(q: Float64Array, qb: number, data: Float64Array, pb: number, dims: number, l1: boolean): number {
  let s = 0;
  if (l1) for (let j = 0; j < dims; j++) s += Math.abs(q[qb + j] - data[pb + j]);
  else for (let j = 0; j < dims; j++) { const d = q[qb + j] - data[pb + j]; s += d * d; }
  return s;
}

/**
 * Finds the `m` nearest rows of `rows` to row `qRow` of `queries` as
 * scikit-learn would, writing row indices and reduced distances (unsorted).
 */
export class SklearnSearch {
  private readonly idx: Int32Array;
  private readonly start: Int32Array = new Int32Array(0);
  private readonly end: Int32Array = new Int32Array(0);
  private readonly lo: Float64Array = new Float64Array(0);
  private readonly hi: Float64Array = new Float64Array(0);
  private readonly nodes: number = 0;

  constructor(private readonly rows: SearchRows, readonly algorithm: SklearnAlgorithm) {
    const { rows: n, dims, data } = rows;
    this.idx = new Int32Array(n);
    for (let i = 0; i < n; i++) this.idx[i] = i;
    if (algorithm === 'brute') return;
    const levels = Math.floor(Math.log2(Math.max(1, (n - 1) / SKLEARN_LEAF_SIZE))) + 1;
    this.nodes = 2 ** levels - 1;
    this.start = new Int32Array(this.nodes);
    this.end = new Int32Array(this.nodes);
    this.lo = new Float64Array(this.nodes * dims);
    this.hi = new Float64Array(this.nodes * dims);
    const idx = this.idx;
    const build = (node: number, s: number, e: number): void => {
      this.start[node] = s;
      this.end[node] = e;
      const b = node * dims;
      for (let j = 0; j < dims; j++) { this.lo[b + j] = Infinity; this.hi[b + j] = -Infinity; }
      for (let i = s; i < e; i++) {
        for (let j = 0; j < dims; j++) {
          const v = data[idx[i] * dims + j];
          this.lo[b + j] = Math.min(this.lo[b + j], v);
          this.hi[b + j] = Math.max(this.hi[b + j], v);
        }
      }
      if (2 * node + 1 >= this.nodes || e - s < 2) return; // leaf
      // find_node_split_dim: widest spread, first column on ties.
      let dim = 0, best = 0;
      for (let j = 0; j < dims; j++) {
        const spread = this.hi[b + j] - this.lo[b + j];
        if (spread > best) { best = spread; dim = j; }
      }
      const half = (e - s) >> 1;
      nthElement(idx, s, half, e, (p, q) => {
        const a = data[p * dims + dim], c = data[q * dims + dim];
        return a === c ? p < q : a < c;
      });
      build(2 * node + 1, s, s + half);
      build(2 * node + 2, s + half, e);
    };
    build(0, 0, n);
  }

  /** The row order of the tree (scikit-learn's `idx_array`); 0..n−1 for brute force. */
  get treeOrder(): Int32Array {
    return this.idx;
  }

  query(queries: Float64Array, qRow: number, m: number, outIdx: Int32Array, outRdist: Float64Array): void {
    const { data, dims, l1, rows: n } = this.rows;
    const qb = qRow * dims;
    outRdist.fill(Infinity, 0, m);
    outIdx.fill(0, 0, m);
    if (this.algorithm === 'brute') {
      for (let i = 0; i < n; i++) heapPush(outRdist, outIdx, m, rdist(queries, qb, data, i * dims, dims, l1), i);
      return;
    }
    const stackNode: number[] = [0];
    const stackLb: number[] = [this.minRdist(0, queries, qb)];
    while (stackNode.length) {
      const node = stackNode.pop()!, lb = stackLb.pop()!;
      if (lb > outRdist[0]) continue; // trimmed
      if (2 * node + 1 >= this.nodes || this.end[node] - this.start[node] < 2) {
        for (let i = this.start[node]; i < this.end[node]; i++) {
          const row = this.idx[i];
          heapPush(outRdist, outIdx, m, rdist(queries, qb, data, row * dims, dims, l1), row);
        }
        continue;
      }
      const c1 = 2 * node + 1, c2 = c1 + 1;
      const lb1 = this.minRdist(c1, queries, qb), lb2 = this.minRdist(c2, queries, qb);
      // Visit c1 first when lb1 <= lb2: push it last.
      if (lb1 <= lb2) { stackNode.push(c2, c1); stackLb.push(lb2, lb1); }
      else { stackNode.push(c1, c2); stackLb.push(lb1, lb2); }
    }
  }

  /** `min_rdist` of scikit-learn's KD tree, operation for operation. */
  private minRdist(node: number, q: Float64Array, qb: number): number {
    const { dims, l1 } = this.rows;
    const b = node * dims;
    let s = 0;
    for (let j = 0; j < dims; j++) {
      const dLo = this.lo[b + j] - q[qb + j];
      const dHi = q[qb + j] - this.hi[b + j];
      const d = (dLo + Math.abs(dLo)) + (dHi + Math.abs(dHi));
      const h = 0.5 * d;
      s += l1 ? h : h * h;
    }
    return s;
  }
}

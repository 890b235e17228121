/**
 * Exact k nearest neighbours with scikit-learn's answer under ties: the
 * neighbour sets that `NearestNeighbors.kneighbors` (scikit-learn 1.2.1,
 * `algorithm='auto'`, `leaf_size=30`) returns, computed fast.
 *
 * 1. Exact duplicate rows are collapsed into weighted distinct rows
 *    (`dedupe.ts`); every copy of a row has the same neighbours.
 * 2. A fast exact search — float32 SIMD screening with an exact re-check
 *    for squared distances in 8 or more dimensions (`screenedWins`), a KD
 *    tree where it prunes well (`kdTreeWins`), blocked brute force
 *    elsewhere — finds each distinct query's
 *    k nearest copies and flags the queries whose k-th distance is shared by
 *    distinct rows that do not all fit.
 * 3. Only those flagged queries are searched again the way scikit-learn
 *    searches (`sklearn-search.ts`), which settles which tied rows it keeps.
 *
 * Results are per distinct row: point index, reduced distance and how many
 * copies of that point count among the k.
 */
import { throwIfAborted } from '../../progress.ts';
import { BruteForce } from './brute-force.ts';
import { distinctRows, type DistinctRows } from './dedupe.ts';
import { KdTree } from './kd-tree.ts';
import { ScreenedSearch } from './screened-search.ts';
import type { SearchRows } from './metric.ts';
import { NeighbourLists } from './neighbour-heap.ts';
import { SklearnSearch, type SklearnAlgorithm } from './sklearn-search.ts';

/**
 * Whether a KD tree beats blocked brute force for `rows` distinct points in
 * `dims` dimensions. A tree prunes well only when the points are dense
 * enough that the k-th neighbour is nearer than most cell walls, roughly
 * rows ≫ 2^(dims/2); measured in Node 20 at k = 20 on uniform data, the
 * crossover is near 16k rows for 16 dimensions (and 10k rows of 12).
 */
export function kdTreeWins(rows: number, dims: number): boolean {
  return dims <= 4 || (dims <= 32 && rows >= 64 * 2 ** (dims / 2));
}

/**
 * Whether the screened SIMD search (`screened-search.ts`) is worth building
 * for `rows` distinct points in `dims` dimensions under a squared metric:
 * from 8 dimensions (below that the KD tree prunes well) and a few thousand
 * rows (below that building it costs more than it saves).
 */
export function screenedWins(rows: number, dims: number): boolean {
  return dims >= 8 && rows >= 2048;
}

/** Cancellation and progress (fraction of this step, in [0, 1]) for a search. */
export interface SearchRun {
  signal?: AbortSignal;
  progress?: (fraction: number) => void;
}

/** Queries per block between progress reports and cancellation checks, at least. */
const MIN_BLOCK = 64;
/** Blocks per search at most: cancellation is checked between blocks. */
const MAX_BLOCKS = 200;

export class NeighbourIndex {
  /** The distinct rows of the indexed points. */
  readonly distinct: DistinctRows;
  /** The fast exact search over the distinct rows. */
  readonly fast: KdTree | BruteForce | ScreenedSearch;
  private readonly distinctRows: SearchRows;
  private sklearn: SklearnSearch | undefined;

  /**
   * Indexes `points` (all rows, duplicates included); `algorithm` is the
   * search scikit-learn would use, which only decides ties.
   */
  constructor(readonly points: SearchRows, readonly algorithm: SklearnAlgorithm) {
    const { data, rows, dims, l1 } = points;
    this.distinct = distinctRows(data, rows, dims);
    this.distinctRows = { data: this.distinct.data, rows: this.distinct.count, dims, l1 };
    const screened = !l1 && screenedWins(this.distinct.count, dims) ? ScreenedSearch.create(this.distinctRows, this.distinct.weight) : undefined;
    this.fast = screened ?? (kdTreeWins(this.distinct.count, dims)
      ? new KdTree(this.distinctRows, this.distinct.weight)
      : new BruteForce(this.distinctRows, this.distinct.weight));
  }

  /**
   * The `need` nearest rows of every distinct indexed row, leaving out the
   * row itself (one copy), as `kneighbors()` without X. Query i is distinct row i.
   * Needs `need` ≤ rows − 1.
   */
  selfNeighbours(need: number, run: SearchRun = {}): NeighbourLists {
    const count = this.distinct.count;
    const lists = new NeighbourLists(count, need);
    const order = this.fast instanceof BruteForce ? identity(count) : this.fast.pointAt;
    this.searchBlocks(this.distinct.data, order, true, need, lists, run);
    let resolved = 0;
    for (let q = 0; q < count; q++) {
      if (!lists.ambiguous[q]) continue;
      if ((++resolved & 63) === 0) throwIfAborted(run.signal); // each may scan every row
      this.resolve(this.points.data, this.distinct.firstRow[q], true, lists, q);
    }
    return lists;
  }

  /**
   * The `need` nearest indexed rows of each distinct row of `queries`
   * (`need` ≤ indexed rows), as `kneighbors(X)`.
   */
  neighbours(queries: SearchRows, need: number, run: SearchRun = {}): { lists: NeighbourLists; queries: DistinctRows } {
    const dq = distinctRows(queries.data, queries.rows, queries.dims);
    const lists = new NeighbourLists(dq.count, need);
    this.searchBlocks(dq.data, identity(dq.count), false, need, lists, run);
    let resolved = 0;
    for (let q = 0; q < dq.count; q++) {
      if (!lists.ambiguous[q]) continue;
      if ((++resolved & 63) === 0) throwIfAborted(run.signal);
      this.resolve(queries.data, dq.firstRow[q], false, lists, q);
    }
    return { lists, queries: dq };
  }

  private searchBlocks(queries: Float64Array, order: Int32Array, self: boolean, need: number, lists: NeighbourLists, run: SearchRun): void {
    const n = order.length;
    const block = Math.max(MIN_BLOCK, Math.ceil(n / MAX_BLOCKS));
    for (let s = 0; s < n; s += block) {
      throwIfAborted(run.signal);
      const e = Math.min(n, s + block);
      this.fast.search(queries, order, s, e, self, need, lists);
      run.progress?.(e / n);
    }
    throwIfAborted(run.signal);
  }

  /**
   * Replaces query `q`'s neighbours with scikit-learn's, searching for row
   * `row` of `queries` (all rows, not distinct ones). For a self query it asks
   * for one more and removes the row itself — or, if `need` + 1 copies of it
   * crowd the row out, one of them — as `kneighbors()` does.
   */
  private resolve(queries: Float64Array, row: number, self: boolean, lists: NeighbourLists, q: number): void {
    this.sklearn ??= new SklearnSearch(this.points, this.algorithm);
    const m = self ? lists.need + 1 : lists.need;
    const idx = new Int32Array(m), rd = new Float64Array(m);
    this.sklearn.query(queries, row, m, idx, rd);
    let drop = -1;
    if (self) {
      drop = idx.indexOf(row);
      if (drop < 0) { // the row's own copies fill the set: drop a nearest one
        drop = 0;
        for (let i = 1; i < m; i++) if (rd[i] < rd[drop]) drop = i;
      }
    }
    const base = q * lists.need;
    let count = 0;
    for (let i = 0; i < m; i++) {
      if (i === drop) continue;
      const d = this.distinct.distinctOf[idx[i]];
      let slot = base;
      while (slot < base + count && lists.ids[slot] !== d) slot++;
      if (slot === base + count) {
        lists.ids[slot] = d;
        lists.rdist[slot] = rd[i];
        lists.used[slot] = 0;
        count++;
      }
      lists.used[slot]++;
    }
    lists.count[q] = count;
  }
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

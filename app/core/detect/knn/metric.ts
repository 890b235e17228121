/**
 * Distances for nearest-neighbour search, in the "reduced" form that the
 * searches compare (as scikit-learn's trees do) and the true form that
 * detectors use.
 *
 * - `euclidean`: reduced distance Σ (a_j − b_j)², summed in column order with
 *   a plain product, exactly as scikit-learn 1.2.1's `euclidean_rdist`; the
 *   distance is its square root. Equal sums mean equal distances, so exact
 *   ties are seen as ties, as scikit-learn's KD tree sees them.
 * - `manhattan`: Σ |a_j − b_j| in column order; reduced and true distance
 *   are the same.
 * - `cosine`: rows are divided by their Euclidean norm (as scikit-learn's
 *   `normalize`) and searched with the squared Euclidean distance, since for
 *   unit vectors ‖u − v‖² / 2 = 1 − u·v, the cosine distance. An extra column
 *   holds 1 for all-zero rows and 0 otherwise, so that a zero row is at
 *   cosine distance exactly 1 from every non-zero row, as in scikit-learn
 *   (whose cosine similarity of a zero row is 0).
 */
import type { Matrix } from '../../matrix.ts';

/** Distance functions the neighbour searches support. */
export type KnnMetric = 'euclidean' | 'manhattan' | 'cosine';

export const KNN_METRICS: readonly KnnMetric[] = ['euclidean', 'manhattan', 'cosine'];

/** Rows ready for searching: reduced distances between them are what a search compares. */
export interface SearchRows {
  /** Row-major values, `rows × dims`. */
  data: Float64Array;
  rows: number;
  /** Values per row: the matrix's columns, plus one for `cosine`. */
  dims: number;
  /** True: reduced distance is Σ|d| (manhattan); false: Σd² (euclidean, cosine). */
  l1: boolean;
}

/**
 * The rows of `m` as a search sees them under `metric`. Euclidean and
 * manhattan share the matrix's buffer (no copy); cosine makes normalised rows.
 */
export function searchRows(m: Matrix, metric: KnnMetric): SearchRows {
  const { rows, cols, data } = m;
  if (metric !== 'cosine') return { data, rows, dims: cols, l1: metric === 'manhattan' };
  const dims = cols + 1;
  const out = new Float64Array(rows * dims);
  for (let i = 0; i < rows; i++) {
    const src = i * cols, dst = i * dims;
    let s = 0;
    for (let j = 0; j < cols; j++) s += data[src + j] * data[src + j];
    let scale = 1;
    // Σx² overflows for values near 1e154 and underflows near 1e-162: divide
    // by the largest magnitude first there (unit vectors come out the same,
    // up to rounding), and keep scikit-learn's plain x / ‖x‖ elsewhere.
    if (!(s < 1e300) || (s < 1e-300 && s >= 0)) {
      let mx = 0;
      for (let j = 0; j < cols; j++) mx = Math.max(mx, Math.abs(data[src + j]));
      if (mx === 0) { out[dst + cols] = 1; continue; } // all-zero row
      scale = mx;
      s = 0;
      for (let j = 0; j < cols; j++) s += (data[src + j] / mx) ** 2;
    }
    const norm = Math.sqrt(s);
    for (let j = 0; j < cols; j++) out[dst + j] = data[src + j] / scale / norm;
  }
  return { data: out, rows, dims, l1: false };
}

/** Reduced distance between row `i` of `a` and row `j` of `b` (both `dims` wide). */
export function reducedDistance(a: Float64Array, i: number, b: Float64Array, j: number, dims: number, l1: boolean): number {
  let s = 0;
  const ai = i * dims, bj = j * dims;
  if (l1) for (let t = 0; t < dims; t++) s += Math.abs(a[ai + t] - b[bj + t]);
  else for (let t = 0; t < dims; t++) { const d = a[ai + t] - b[bj + t]; s += d * d; }
  return s;
}

/**
 * Σ (q_j − p_j)² from `q[qb..]` to `p[pb..]` in column order (so equal to
 * `reducedDistance`), or some partial sum above `limit` as soon as one is:
 * the rest cannot matter then. Checked every 4 columns, because a check per
 * column costs a mispredicted branch per point.
 */
export function squaredBelow(q: Float64Array, qb: number, p: Float64Array, pb: number, dims: number, limit: number): number {
  let r = 0, j = 0;
  for (; j + 4 <= dims; j += 4) {
    const d0 = q[qb + j] - p[pb + j], d1 = q[qb + j + 1] - p[pb + j + 1];
    const d2 = q[qb + j + 2] - p[pb + j + 2], d3 = q[qb + j + 3] - p[pb + j + 3];
    r += d0 * d0; r += d1 * d1; r += d2 * d2; r += d3 * d3;
    if (r > limit) return r;
  }
  for (; j < dims; j++) { const d = q[qb + j] - p[pb + j]; r += d * d; }
  return r;
}

/** Σ |q_j − p_j| as `squaredBelow` does Σ (q_j − p_j)². */
export function absoluteBelow(q: Float64Array, qb: number, p: Float64Array, pb: number, dims: number, limit: number): number {
  let r = 0, j = 0;
  for (; j + 4 <= dims; j += 4) {
    r += Math.abs(q[qb + j] - p[pb + j]);
    r += Math.abs(q[qb + j + 1] - p[pb + j + 1]);
    r += Math.abs(q[qb + j + 2] - p[pb + j + 2]);
    r += Math.abs(q[qb + j + 3] - p[pb + j + 3]);
    if (r > limit) return r;
  }
  for (; j < dims; j++) r += Math.abs(q[qb + j] - p[pb + j]);
  return r;
}

/** The true distance for a reduced distance `r` under `metric`. */
export function trueDistance(r: number, metric: KnnMetric): number {
  return metric === 'euclidean' ? Math.sqrt(r) : metric === 'cosine' ? r / 2 : r;
}

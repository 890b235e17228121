/**
 * Column rescaling and weighting, fitted on the training rows and applied to
 * any rows. It supersedes `scaler.ts`: a `Scaler` fitted there (`none`,
 * `standard`, `minmax`: offset and scale) is a valid {@link LinearScaling}
 * here and {@link applyScaling} applies it the same way.
 *
 * Every kind follows scikit-learn's formulas (1.2), including how it guards
 * near-constant columns, so that a spec reproduces what a notebook computed:
 *
 * | kind        | x' =                         | scikit-learn                                  |
 * |-------------|------------------------------|-----------------------------------------------|
 * | `none`      | x                            |                                               |
 * | `zero-mean` | x − mean                     | StandardScaler(with_std=False)                |
 * | `standard`  | (x − mean) / std (population)| StandardScaler()                              |
 * | `minmax`    | (x − min) / (max − min)      | MinMaxScaler()                                |
 * | `robust`    | (x − median) / (q75 − q25)   | RobustScaler() (numpy's linear percentiles)   |
 * | `log1p`     | sign(x) · ln(1 + abs(x))     | np.sign(x) * np.log1p(np.abs(x)); not fitted  |
 * | `tfidf`     | row-L2-normalised x · idf    | TfidfTransformer() (smooth_idf, norm='l2')    |
 */
import type { Matrix } from '../matrix.ts';

/** Every rescaling or weighting {@link fitScaling} knows. */
export const SCALING_KINDS = ['none', 'zero-mean', 'standard', 'minmax', 'robust', 'log1p', 'tfidf'] as const;
export type ScalingKind = (typeof SCALING_KINDS)[number];

/** x' = (x − offset) / scale per column; `none` is offset 0, scale 1. */
export interface LinearScaling {
  kind: 'none' | 'zero-mean' | 'standard' | 'minmax' | 'robust';
  offset: number[];
  scale: number[];
}

/** Sign-preserving log1p; nothing is fitted. */
export interface Log1pScaling {
  kind: 'log1p';
}

/** Count weighting: each column times its idf, then each row divided by its L2 norm. */
export interface TfidfScaling {
  kind: 'tfidf';
  /** Per column: ln((1 + n) / (1 + df)) + 1, n and df counted on the training rows. */
  idf: number[];
}

/** A fitted scaling, plain JSON (it goes into the exported spec). */
export type ScalingState = LinearScaling | Log1pScaling | TfidfScaling;

const EPS = 2 ** -52; // np.finfo(np.float64).eps

/**
 * Smoothed inverse document frequency, as scikit-learn's TfidfTransformer
 * with smooth_idf=True: as if one extra document held every term once, so a
 * term no training row has still gets a finite weight.
 * @param documents training rows counted
 * @param df training rows in which the term (column) is non-zero
 */
export function smoothIdf(documents: number, df: number): number {
  return Math.log((documents + 1) / (df + 1)) + 1;
}

/**
 * Fits a scaling on the training rows.
 * @param rows indices of the training rows; all rows when omitted
 * @throws on an unknown kind, naming the known ones
 */
export function fitScaling(x: Matrix, kind: ScalingKind, rows?: ArrayLike<number>): ScalingState {
  if (!(SCALING_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`unknown scaling "${String(kind)}" (expected one of ${SCALING_KINDS.join(', ')})`);
  }
  if (kind === 'log1p') return { kind };
  const { cols } = x;
  const n = rows ? rows.length : x.rows;
  const column = new Float64Array(n);
  const gather = (j: number): Float64Array => {
    for (let k = 0; k < n; k++) column[k] = x.data[(rows ? rows[k] : k) * cols + j];
    return column;
  };
  if (kind === 'tfidf') {
    const idf = new Array<number>(cols);
    for (let j = 0; j < cols; j++) {
      const c = gather(j);
      let df = 0;
      for (let k = 0; k < n; k++) if (c[k] !== 0) df++;
      idf[j] = smoothIdf(n, df);
    }
    return { kind, idf };
  }
  const offset = new Array<number>(cols).fill(0);
  const scale = new Array<number>(cols).fill(1);
  if (kind === 'none' || n === 0) return { kind, offset, scale };
  for (let j = 0; j < cols; j++) {
    const c = gather(j);
    if (kind === 'zero-mean' || kind === 'standard') {
      const { mean, variance } = meanAndVariance(c);
      offset[j] = mean;
      if (kind === 'standard' && !isConstant(variance, mean, n)) scale[j] = Math.sqrt(variance);
    } else if (kind === 'minmax') {
      let lo = Infinity, hi = -Infinity;
      for (let k = 0; k < n; k++) {
        if (c[k] < lo) lo = c[k];
        if (c[k] > hi) hi = c[k];
      }
      offset[j] = lo;
      scale[j] = orOne(hi - lo);
    } else {
      const sorted = c.slice().sort();
      offset[j] = median(sorted);
      scale[j] = orOne(percentile(sorted, 75) - percentile(sorted, 25));
    }
  }
  return { kind, offset, scale };
}

/**
 * Applies a fitted scaling; returns a new matrix with the same names (for
 * `none`, the matrix itself).
 * @throws when the state was fitted on another number of columns
 */
export function applyScaling(x: Matrix, state: ScalingState): Matrix {
  const { rows, cols } = x;
  if (state.kind === 'none') {
    checkCols(state.offset.length, cols);
    return x;
  }
  const data = new Float64Array(x.data.length);
  if (state.kind === 'log1p') {
    for (let i = 0; i < data.length; i++) {
      const v = x.data[i];
      data[i] = Math.sign(v) * Math.log1p(Math.abs(v));
    }
  } else if (state.kind === 'tfidf') {
    const { idf } = state;
    checkCols(idf.length, cols);
    for (let i = 0; i < rows; i++) {
      const base = i * cols;
      let ss = 0;
      for (let j = 0; j < cols; j++) {
        const v = x.data[base + j] * idf[j];
        data[base + j] = v;
        ss += v * v;
      }
      // An all-zero row stays zero (scikit-learn's normalize skips it).
      if (ss > 0) {
        const norm = Math.sqrt(ss);
        for (let j = 0; j < cols; j++) data[base + j] /= norm;
      }
    }
  } else if (isLinearKind(state.kind)) {
    const { offset, scale } = state as LinearScaling;
    checkCols(offset.length, cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) data[i * cols + j] = (x.data[i * cols + j] - offset[j]) / scale[j];
    }
  } else {
    throw new Error(`unknown scaling "${String((state as { kind: unknown }).kind)}" (expected one of ${SCALING_KINDS.join(', ')})`);
  }
  return { ...x, data };
}

/**
 * The value a scaled feature had before scaling, in the user's units (a
 * status of 504, not 3.654), for explanations. `row` is the unit's scaled
 * row. TF-IDF divides each row by its norm, which one row's values do not
 * give back: null there.
 */
export function unscaledValue(state: ScalingState, row: ArrayLike<number>, col: number): number | null {
  const v = row[col];
  if (state.kind === 'log1p') return Math.sign(v) * Math.expm1(Math.abs(v));
  if (state.kind === 'tfidf') return null;
  const { offset, scale } = state as LinearScaling;
  if (offset[col] === undefined) return null;
  return v * scale[col] + offset[col];
}

function isLinearKind(kind: string): boolean {
  return kind === 'zero-mean' || kind === 'standard' || kind === 'minmax' || kind === 'robust';
}

function checkCols(fitted: number, cols: number): void {
  if (fitted !== cols) throw new Error(`scaling was fitted on ${fitted} columns, the matrix has ${cols}`);
}

/**
 * Mean and population variance the way scikit-learn's StandardScaler gets
 * them (`_incremental_mean_and_var` from empty): two passes, the second with
 * the rounding correction of Chan, Golub and LeVeque.
 */
function meanAndVariance(c: Float64Array): { mean: number; variance: number } {
  const n = c.length;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += c[k];
  const mean = sum / n;
  let correction = 0, ss = 0;
  for (let k = 0; k < n; k++) {
    const d = c[k] - mean;
    correction += d;
    ss += d * d;
  }
  return { mean, variance: (ss - (correction * correction) / n) / n };
}

/**
 * scikit-learn's `_is_constant_feature`: a variance within the rounding error
 * bound of the two-pass algorithm is zero, so a column of, say, 0.1s is left
 * unscaled instead of being blown up by a 1e-17 std.
 */
function isConstant(variance: number, mean: number, n: number): boolean {
  const bound = n * EPS * variance + (n * mean * EPS) ** 2;
  return variance <= bound;
}

/** scikit-learn's `_handle_zeros_in_scale`: a range below 10 eps counts as zero and becomes 1. */
function orOne(range: number): number {
  return range < 10 * EPS ? 1 : range;
}

/** np.median of sorted values: the middle one, or the mean of the two middle ones. */
function median(sorted: Float64Array): number {
  const n = sorted.length, h = n >> 1;
  return n % 2 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
}

/**
 * np.percentile(method='linear') of sorted values, with numpy's `_lerp`
 * (it interpolates from the upper neighbour when the fraction is ≥ 0.5,
 * which keeps the result monotonic and exact at the ends).
 * @param p percent, 0–100
 */
function percentile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const q = p / 100;
  const at = n * q + (1 - q) - 1; // numpy's virtual index (n − 1) q, in numpy's order of operations
  const lo = Math.min(Math.max(Math.floor(at), 0), n - 1);
  const hi = Math.min(lo + 1, n - 1);
  const t = at - lo;
  const a = sorted[lo], b = sorted[hi];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

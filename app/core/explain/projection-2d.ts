/**
 * A 2-D PCA projection of a feature matrix for a scatter plot: each shown
 * row's coordinates on the two leading principal axes.
 *
 * - Axes: the top two eigenvectors of the covariance of the centred rows
 *   (`detect/linalg/symmetric-eigen.ts`), each signed so that its entry of
 *   largest magnitude is positive (the first such entry on exact ties), so
 *   the same data always gives the same picture.
 * - Large matrices: a plot cannot show a million points, so at most
 *   `maxPoints` rows are shown: every row of `keep` (the flagged units, so
 *   they always show), topped up with a seeded uniform draw. The axes are
 *   estimated from a uniform draw of `maxPoints` rows (all rows when there are
 *   no more than that), without the forced rows, so that they describe the
 *   data rather than the outliers and do not move when `keep` changes.
 * - Explained-variance ratios are λₖ / Σλ over all axes; eigenvalues at or
 *   below rounding noise (d · 2⁻⁵² · λ_max) count as 0, as in `detect/pca.ts`.
 *   A matrix of one column has a second axis of zeros.
 */
import type { Matrix } from '../matrix.ts';
import { createRandom } from '../random.ts';
import { checkFeatureMatrix } from '../detect/detector.ts';
import { showValue as show } from '../show-value.ts';
import { symmetricEigen } from '../detect/linalg/symmetric-eigen.ts';

export interface Projection2dOptions {
  /** Most rows shown (integer ≥ 1). Default 10 000. */
  maxPoints: number;
  /** Seed of the row draw (integer). Default 1. */
  seed: number;
  /**
   * Rows that must be shown (0-based), highest score first: if there are more
   * than `maxPoints`, the first `maxPoints` are kept. Default none.
   */
  keep: ArrayLike<number>;
}

export interface Projection2d {
  /** 0-based indices of the shown rows of the matrix, ascending. */
  rows: Int32Array;
  /** First coordinate of each shown row (the matrix's units, along axis 1). */
  x: Float64Array;
  /** Second coordinate of each shown row (along axis 2). */
  y: Float64Array;
  /** The two axes: unit loadings, one per column. */
  axes: [Float64Array, Float64Array];
  /** Column means the rows were centred by. */
  mean: Float64Array;
  /** Variance along each axis (divisor: fitted rows − 1, or 1). */
  explainedVariance: [number, number];
  /** Share of the total variance along each axis, in [0, 1]. */
  explainedVarianceRatio: [number, number];
  /** Rows the axes were estimated from. */
  fittedRows: number;
}

const DEFAULTS: Readonly<Omit<Projection2dOptions, 'keep'>> = Object.freeze({ maxPoints: 10_000, seed: 1 });

function normalize(options: Partial<Projection2dOptions>, rows: number): { maxPoints: number; seed: number; keep: number[] } {
  const maxPoints = options.maxPoints ?? DEFAULTS.maxPoints;
  if (typeof maxPoints !== 'number' || !Number.isSafeInteger(maxPoints) || maxPoints < 1) {
    throw new Error(`invalid maxPoints: ${show(maxPoints)} (expected an integer >= 1)`);
  }
  const seed = options.seed ?? DEFAULTS.seed;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new Error(`invalid seed: ${show(seed)} (expected an integer)`);
  const keep: number[] = [];
  const seen = new Set<number>();
  for (const r of Array.from(options.keep ?? [])) {
    if (!Number.isSafeInteger(r) || r < 0 || r >= rows) {
      throw new Error(`invalid keep row: ${show(r)} (expected an integer in [0, ${rows}))`);
    }
    if (!seen.has(r) && keep.length < maxPoints) { seen.add(r); keep.push(r); }
  }
  return { maxPoints, seed, keep };
}

/**
 * Projects the rows of `x` onto its two leading principal axes, showing at
 * most `maxPoints` rows and always the rows of `keep`.
 *
 * @throws on a malformed matrix, no rows, or an invalid option
 */
export function projection2d(x: Matrix, options: Partial<Projection2dOptions> = {}): Projection2d {
  checkFeatureMatrix(x, 'the 2-D projection');
  const { rows: n, cols: d, data } = x;
  if (n === 0) throw new Error('feature matrix has no rows: nothing to project');
  const { maxPoints, seed, keep } = normalize(options, n);

  // Uniform draw: a partial Fisher–Yates shuffle, its first m entries.
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const m = Math.min(maxPoints, n);
  if (m < n) {
    const rng = createRandom(seed);
    for (let k = 0; k < m; k++) {
      const r = k + rng.int(n - k);
      const t = order[k]; order[k] = order[r]; order[r] = t;
    }
  }
  const fitted = order.slice(0, m).sort();

  // Shown: the kept rows, then drawn rows in draw order until maxPoints.
  const shownSet = new Set(keep);
  for (let k = 0; k < m && shownSet.size < m; k++) shownSet.add(order[k]);
  const shown = Int32Array.from(shownSet).sort();

  const mean = new Float64Array(d);
  for (const i of fitted) for (let j = 0; j < d; j++) mean[j] += data[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= m;
  const scatter = new Float64Array(d * d);
  const c = new Float64Array(d);
  for (const i of fitted) {
    for (let j = 0; j < d; j++) c[j] = data[i * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ca = c[a];
      if (ca !== 0) for (let b = a; b < d; b++) scatter[a * d + b] += ca * c[b];
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) scatter[a * d + b] = scatter[b * d + a];

  const eig = symmetricEigen(scatter, d);
  const values = Float64Array.from(eig.values);
  const tol = d * 2 ** -52 * Math.max(0, values[0]);
  let total = 0;
  for (let k = 0; k < d; k++) {
    if (!(values[k] > tol)) values[k] = 0;
    total += values[k];
  }
  const axis = (k: number) => (k < d ? eig.vectors.slice(k * d, k * d + d) : new Float64Array(d));
  const axes: [Float64Array, Float64Array] = [axis(0), axis(1)];
  const lambda = (k: number) => (k < d ? values[k] : 0);
  const divisor = Math.max(1, m - 1);

  const px = new Float64Array(shown.length), py = new Float64Array(shown.length);
  shown.forEach((i, s) => {
    let u = 0, v = 0;
    for (let j = 0; j < d; j++) {
      const cj = data[i * d + j] - mean[j];
      u += cj * axes[0][j];
      v += cj * axes[1][j];
    }
    px[s] = u;
    py[s] = v;
  });
  return {
    rows: shown,
    x: px,
    y: py,
    axes,
    mean,
    explainedVariance: [lambda(0) / divisor, lambda(1) / divisor],
    explainedVarianceRatio: total > 0 ? [lambda(0) / total, lambda(1) / total] : [0, 0],
    fittedRows: m,
  };
}

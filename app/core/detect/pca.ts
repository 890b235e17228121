/**
 * PCA anomaly detection by the squared prediction error (SPE, the Q
 * statistic) of Xu et al., "Large-Scale System Problems Detection by Mining
 * Console Logs" (SOSP 2009), as in loglizer's `PCA` detector:
 *
 * - fitting centres each column by its training mean, accumulates the
 *   scatter matrix Σ (x − μ)(x − μ)ᵀ in one blocked pass over the rows, and
 *   eigen-decomposes it (`linalg/symmetric-eigen.ts`); the explained variance
 *   of component k is λₖ / (n − 1) (scikit-learn's convention; n = 1 uses 1),
 *   which does not change the choice of components or the scores;
 * - the model keeps the k leading components P (k × d), the "normal
 *   subspace";
 * - the score of a row x is ‖(I − PᵀP)(x − μ)‖², the squared length of the
 *   part of the centred row that the normal subspace cannot reconstruct.
 *   Higher = more anomalous; ≥ 0, and 0 for a row inside the subspace.
 *
 * Choosing k. With `components` set, k = components (at most the number of
 * columns). Otherwise k is the fewest leading components whose cumulative
 * explained-variance ratio is strictly greater than `variance`, the rule of
 * scikit-learn 1.2.1's `PCA(n_components=variance)`:
 * `np.searchsorted(ratio_cumsum, variance, side="right") + 1`. loglizer
 * instead stops at the first k whose ratio is ≥ `variance`; the two differ
 * only when a cumulative ratio equals `variance` exactly, and then we keep one
 * component more, as sklearn does. `variance = 1` keeps every component of
 * non-zero variance (the numerical rank: eigenvalues above d · 2⁻⁵² · λ_max).
 * Eigenvalues at or below that tolerance count as 0 in the ratios.
 *
 * loglizer feeds this detector features it has already centred (and possibly
 * tf-idf weighted) with its `FeatureExtractor`; here centring is part of the
 * model, so raw counts go in and new data is centred with the training mean.
 *
 * Degenerate inputs: with one row, identical rows or only constant columns
 * there is no variance, so the variance rule keeps k = 0 components and the
 * score is ‖x − μ‖² (0 for every training row). A fixed `components` beyond
 * the data's rank adds zero-variance directions chosen deterministically by
 * the solver; training rows still score 0. Scores are never NaN: NaN or
 * infinite input is rejected with its row and column.
 */
import type { Matrix } from '../matrix.ts';
import { checkParamNames, checkFeatureMatrix, type Detector } from './detector.ts';
import { progressReporter, throwIfAborted, type RunOptions } from '../progress.ts';
import { showValue as show } from '../show-value.ts';
import { checkUpper } from './param-limits.ts';
import type { DetectorDeclaration } from './declaration.ts';
import { symmetricEigen } from './linalg/symmetric-eigen.ts';

export interface PcaParams {
  /**
   * Share of the variance the kept components must exceed, in (0, 1]; used
   * when `components` is null. Default 0.95.
   */
  variance: number;
  /** A fixed number of components (integer ≥ 0), or null to choose by `variance`. */
  components: number | null;
}

export interface PcaModel {
  type: 'pca';
  version: 1;
  params: PcaParams;
  /** Number of columns the model was fitted on. */
  cols: number;
  /** Number of training rows. */
  rows: number;
  /** Column means of the training data (length cols). */
  mean: number[];
  /** Variance along every principal axis, largest first (length cols), with divisor n − 1 (1 when n = 1). */
  explainedVariance: number[];
  /** explainedVariance / its sum (all 0 when there is no variance). */
  explainedVarianceRatio: number[];
  /** The kept principal axes: k unit vectors of length cols, k = components.length. */
  components: number[][];
}

const DEFAULTS: Readonly<PcaParams> = Object.freeze({ variance: 0.95, components: null });

const PARAM_NAMES = Object.keys(DEFAULTS) as (keyof PcaParams)[];

/** Bounds of the parameters (components: also at most the matrix's columns, checked when fitting). */
export const PCA_LIMITS = Object.freeze({
  variance: Object.freeze({ min: 0, max: 1, exclusiveMin: true }),
  components: Object.freeze({ min: 0, max: 10_000, integer: true }),
});

/** PCA's parameters, form and docs (see `declaration.ts`). */
export const PCA_DECLARATION: DetectorDeclaration<PcaParams> = {
  type: 'pca',
  label: 'PCA reconstruction error',
  summary: 'Squared prediction error off the principal subspace — loglizer’s strongest unsupervised detector on HDFS.',
  idPrefix: 'pca',
  docs: 'the squared prediction error off the principal subspace (loglizer\'s PCA) of `components` components, or else of the fewest whose share of the variance exceeds `variance`',
  defaults: DEFAULTS,
  params: {
    variance: { kind: 'number', label: 'Variance kept', limit: PCA_LIMITS.variance, input: { min: 0.5, step: 0.01 } },
    components: {
      kind: 'integer', label: 'Components', limit: PCA_LIMITS.components, nullable: true, docs: 'null: chosen by `variance`',
      help: 'a fixed number of components; empty = chosen by the variance kept',
      description: 'Components kept; null = chosen by variance. At most the columns of the matrix.',
    },
  },
};

/** Rows centred and accumulated together; a block is stored transposed (d × BLOCK). */
const BLOCK_ROWS = 256;

function normalize(params: Partial<PcaParams> = {}): PcaParams {
  checkParamNames('pca', params, PARAM_NAMES);
  const variance = params.variance ?? DEFAULTS.variance;
  if (typeof variance !== 'number' || !Number.isFinite(variance) || variance <= 0 || variance > 1) {
    throw new Error(`invalid variance: ${show(variance)} (expected a number in (0, 1])`);
  }
  const components = params.components ?? DEFAULTS.components;
  if (components !== null && (typeof components !== 'number' || !Number.isSafeInteger(components) || components < 0)) {
    throw new Error(`invalid components: ${show(components)} (expected an integer >= 0, or null to choose by variance)`);
  }
  if (components !== null) checkUpper('components', components, PCA_LIMITS.components);
  return { variance, components };
}

/**
 * The number of components kept for eigenvalues `values` (decreasing, already
 * clamped to ≥ 0 with the rank tolerance applied) and a variance share.
 * Exported for tests.
 */
export function componentsForVariance(values: ArrayLike<number>, variance: number): number {
  const d = values.length;
  let total = 0;
  let rank = 0;
  for (let k = 0; k < d; k++) {
    total += values[k];
    if (values[k] > 0) rank++;
  }
  if (total === 0) return 0;
  if (variance >= 1) return rank;
  // sklearn: searchsorted(cumsum(ratio), variance, side="right") + 1, i.e.
  // 1 + the number of leading cumulative ratios <= variance.
  let cum = 0;
  let k = 0;
  while (k < d) {
    cum += values[k] / total;
    if (cum > variance) break;
    k++;
  }
  return Math.min(d, k + 1);
}

// ---------------------------------------------------------------- fitting

function fit(x: Matrix, params: PcaParams, options: RunOptions = {}): PcaModel {
  const p = normalize(params);
  checkFeatureMatrix(x, 'pca');
  const { rows: n, cols: d, data } = x;
  if (n === 0) throw new Error('feature matrix has no rows: pca needs at least one row to fit');
  if (p.components !== null && p.components > d) {
    throw new Error(`invalid components: ${p.components} (the feature matrix has only ${d} columns)`);
  }
  const { signal } = options;
  const report = progressReporter(options.onProgress);
  throwIfAborted(signal);

  // Pass 1: column means.
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const off = i * d;
    for (let j = 0; j < d; j++) mean[j] += data[off + j];
  }
  for (let j = 0; j < d; j++) mean[j] /= n;

  // Pass 2: scatter matrix (upper triangle) from centred blocks stored
  // transposed, so each entry is a contiguous dot product over the block.
  const scatter = new Float64Array(d * d);
  const block = new Float64Array(d * BLOCK_ROWS);
  for (let b = 0; b < n; b += BLOCK_ROWS) {
    throwIfAborted(signal);
    const m = Math.min(BLOCK_ROWS, n - b);
    for (let r = 0; r < m; r++) {
      const off = (b + r) * d;
      for (let j = 0; j < d; j++) block[j * BLOCK_ROWS + r] = data[off + j] - mean[j];
    }
    for (let a = 0; a < d; a++) {
      const oa = a * BLOCK_ROWS;
      for (let c = a; c < d; c++) {
        const oc = c * BLOCK_ROWS;
        let s = 0;
        for (let r = 0; r < m; r++) s += block[oa + r] * block[oc + r];
        scatter[a * d + c] += s;
      }
    }
    report(0.8 * Math.min(1, (b + m) / n));
  }
  for (let a = 0; a < d; a++) for (let c = 0; c < a; c++) scatter[a * d + c] = scatter[c * d + a];
  throwIfAborted(signal);

  const eig = symmetricEigen(scatter, d);
  // Clamp rounding noise: negative or relatively tiny eigenvalues are 0.
  const values = Float64Array.from(eig.values);
  const tol = d * 2 ** -52 * Math.max(0, values[0]);
  for (let k = 0; k < d; k++) if (!(values[k] > tol)) values[k] = 0;
  const k = p.components ?? componentsForVariance(values, p.variance);

  let total = 0;
  for (let j = 0; j < d; j++) total += values[j];
  const divisor = Math.max(1, n - 1);
  const components: number[][] = [];
  for (let c = 0; c < k; c++) components.push(Array.from(eig.vectors.subarray(c * d, c * d + d)));
  report(1);
  return {
    type: 'pca',
    version: 1,
    params: p,
    cols: d,
    rows: n,
    mean: Array.from(mean),
    explainedVariance: Array.from(values, (v) => v / divisor),
    explainedVarianceRatio: Array.from(values, (v) => (total > 0 ? v / total : 0)),
    components,
  };
}

// ---------------------------------------------------------------- scoring

function checkModel(model: PcaModel): void {
  if (model === null || typeof model !== 'object' || model.type !== 'pca') {
    throw new Error(`not a pca model: ${show(model === null || typeof model !== 'object' ? model : model.type)}`);
  }
  const d = model.cols;
  if (!Array.isArray(model.mean) || model.mean.length !== d || !Array.isArray(model.components)
      || model.components.some((v) => !Array.isArray(v) || v.length !== d)) {
    throw new Error(`pca model is malformed: mean and every component must have ${d} values`);
  }
}

function score(model: PcaModel, x: Matrix, options: RunOptions = {}): Float64Array {
  checkModel(model);
  checkFeatureMatrix(x, 'pca');
  const { rows, cols: d, data } = x;
  if (d !== model.cols) {
    throw new Error(`feature matrix has ${d} columns but the pca model was fitted on ${model.cols}`);
  }
  const { signal } = options;
  const report = progressReporter(options.onProgress);
  throwIfAborted(signal);

  const k = model.components.length;
  const mean = Float64Array.from(model.mean);
  const P = new Float64Array(k * d);
  model.components.forEach((v, c) => P.set(v, c * d));
  const z = new Float64Array(d);
  const proj = new Float64Array(k);
  const out = new Float64Array(rows);
  const reportEvery = Math.max(BLOCK_ROWS, Math.ceil(rows / 25));
  let nextReport = reportEvery;
  for (let i = 0; i < rows; i++) {
    const off = i * d;
    for (let j = 0; j < d; j++) z[j] = data[off + j] - mean[j];
    // proj = P z; residual = z − Pᵀ proj, formed explicitly (no cancellation
    // as in ‖z‖² − ‖proj‖²).
    for (let c = 0; c < k; c++) {
      const oc = c * d;
      let s = 0;
      for (let j = 0; j < d; j++) s += P[oc + j] * z[j];
      proj[c] = s;
    }
    for (let c = 0; c < k; c++) {
      const oc = c * d, pc = proj[c];
      if (pc !== 0) for (let j = 0; j < d; j++) z[j] -= pc * P[oc + j];
    }
    let spe = 0;
    for (let j = 0; j < d; j++) spe += z[j] * z[j];
    out[i] = spe;
    if (i + 1 >= nextReport) {
      throwIfAborted(signal);
      report((i + 1) / rows);
      nextReport += reportEvery;
    }
  }
  report(1);
  return out;
}

export const pca: Detector<PcaParams, PcaModel> = {
  type: PCA_DECLARATION.type,
  defaults: PCA_DECLARATION.defaults,
  limits: PCA_LIMITS,
  declaration: PCA_DECLARATION,
  normalize,
  fit,
  score,
};

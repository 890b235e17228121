/**
 * Local Outlier Factor (Breunig et al., 2000), number for number as
 * scikit-learn 1.2.1's `LocalOutlierFactor` (`algorithm='auto'`,
 * `leaf_size=30`, `contamination` irrelevant to scores):
 *
 * - k-distance(o) = distance from o to its k-th nearest neighbour;
 * - reach-dist(p, o) = max(k-distance(o), d(p, o));
 * - lrd(p) = 1 / (mean over p's k neighbours of reach-dist(p, o) + 1e-10);
 * - LOF(p) = mean over p's neighbours o of lrd(o) / lrd(p).
 *
 * Score = LOF, higher = more anomalous; ≈ 1 inside a cluster. For the rows it
 * was fitted on it is −`negative_outlier_factor_` (each row's neighbours
 * leave the row itself out, as `kneighbors()` without X); for other rows it
 * is −`score_samples(X)` of a `novelty=True` model (neighbours among the
 * training rows; a row equal to a training row has it at distance 0).
 *
 * Choices and edge cases:
 * - `k` is capped at rows − 1, as scikit-learn does (it warns; we add a note
 *   to the model's `notes`).
 * - Outlier mode (`novelty: false`) scoring a matrix other than the training
 *   one (scikit-learn raises) scores it as novelty mode would: what
 *   `law score` with a saved model needs. The training matrix is recognised
 *   by equal shape and values, and gets the fitted LOFs.
 * - Ties at the k-th distance are settled as scikit-learn settles them (see
 *   `knn/neighbours.ts`), exactly so where scikit-learn uses its KD tree
 *   (euclidean/manhattan, ≤ 15 columns, k < rows / 2). Where it uses brute
 *   force we follow its single-threaded order; its euclidean distances
 *   there carry BLAS rounding, and with several threads on fewer than about
 *   1000 × threads rows it merges per-thread results, so on data with exact
 *   ties (integer counts) a few LOFs can differ from a multi-threaded
 *   scikit-learn run — as they differ between scikit-learn runs with
 *   different thread counts. Data without exact ties match everywhere.
 * - Duplicates: a row with k or more exact copies besides itself has
 *   k-distance 0 and lrd 1e10, so rows near such a pile get LOFs around
 *   1e9–1e10, as in scikit-learn.
 * - Cosine: as scikit-learn, an all-zero row is at distance 1 from every
 *   non-zero row; two all-zero rows count as duplicates (distance 0; in
 *   scikit-learn, 1). Cosine distances are ‖u − v‖²/2 of unit vectors,
 *   equal to scikit-learn's 1 − u·v up to rounding (≈ 1e-16) — which shows
 *   where that rounding is all there is: rows that are multiples of each
 *   other are at distance 0 here and ~1e-16 there, so piles of them get
 *   lrd 1e10 here and noise there. scikit-learn's cosine search sorts with
 *   numpy's argpartition; exact ties follow our index order instead.
 * - One training row: no neighbour exists (scikit-learn raises); every score
 *   is 1. Two rows: k = 1, both score 1. Identical rows: all 1. Constant
 *   columns change nothing. 0 rows, 0 columns, NaN or ±Infinity: a clear
 *   error. Distances that overflow (values beyond ~1e154): an error.
 */
import type { Matrix } from '../matrix.ts';
import { checkParamNames, checkFeatureMatrix, type Detector } from './detector.ts';
import { progressReporter, throwIfAborted, type RunOptions } from '../progress.ts';
import { showValue as show } from '../show-value.ts';
import { checkUpper } from './param-limits.ts';
import { oneOf } from './param-checks.ts';
import type { DetectorDeclaration } from './declaration.ts';
import { KNN_METRICS, searchRows, trueDistance, type KnnMetric } from './knn/metric.ts';
import { NeighbourIndex } from './knn/neighbours.ts';
import { sklearnAlgorithm } from './knn/sklearn-search.ts';

export interface LofParams {
  /** Neighbours per row (integer ≥ 1); capped at rows − 1. */
  k: number;
  metric: KnnMetric;
  /** False: score the training rows (outlier detection); true: score new rows against them. */
  novelty: boolean;
}

export interface LofModel {
  type: 'lof';
  version: 1;
  params: LofParams;
  /** k actually used: min(params.k, rows − 1), at least 1. */
  k: number;
  rows: number;
  cols: number;
  /** Training rows, row-major (`rows × cols`). */
  train: number[];
  /** Per training row: distance to its k-th nearest other row. */
  kDistance: number[];
  /** Per training row: local reachability density. */
  lrd: number[];
  /** Per training row: its LOF (= −negative_outlier_factor_). */
  lof: number[];
  /** Things the user should know, such as k being capped. */
  notes: string[];
}

const DEFAULTS: Readonly<LofParams> = Object.freeze({ k: 20, metric: 'euclidean', novelty: false });
const PARAM_NAMES = Object.keys(DEFAULTS) as (keyof LofParams)[];
/** Bounds of the parameters: fitting keeps k neighbours of every training row (rows × k distances). */
export const LOF_LIMITS = Object.freeze({
  k: Object.freeze({ min: 1, max: 1_000, integer: true }),
});

/** LOF's parameters, form and docs (see `declaration.ts`). */
export const LOF_DECLARATION: DetectorDeclaration<LofParams> = {
  type: 'lof',
  label: 'Local Outlier Factor',
  summary: 'Breunig et al. 2000, exact k nearest neighbours, as scikit-learn: rows far less dense than their neighbours.',
  idPrefix: 'lof',
  docs: 'rows far less dense than their k nearest neighbours (exact), scores equal to scikit-learn\'s',
  defaults: DEFAULTS,
  params: {
    k: { kind: 'integer', label: 'Neighbours k', limit: LOF_LIMITS.k },
    metric: { kind: 'choice', label: 'Metric', choices: KNN_METRICS },
    novelty: { kind: 'boolean', label: 'Novelty mode', help: 'fit on a baseline, score new rows' },
  },
};

/** scikit-learn's guard against 1/0 when a row has ≥ k copies. */
const EPS = 1e-10;

function normalize(params: Partial<LofParams> = {}): LofParams {
  checkParamNames('lof', params, PARAM_NAMES);
  const k = params.k ?? DEFAULTS.k;
  if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 1) {
    throw new Error(`invalid k: ${show(k)} (expected an integer >= 1)`);
  }
  checkUpper('k', k, LOF_LIMITS.k);
  const metric = params.metric ?? DEFAULTS.metric;
  oneOf('metric', metric, KNN_METRICS);
  const novelty = params.novelty ?? DEFAULTS.novelty;
  if (typeof novelty !== 'boolean') throw new Error(`invalid novelty: ${show(novelty)} (expected true or false)`);
  return { k, metric, novelty };
}

/** Indexes of fitted (or restored) models, so that scoring does not rebuild them. */
const indexes = new WeakMap<LofModel, NeighbourIndex>();

function buildIndex(x: Matrix, p: LofParams): NeighbourIndex {
  return new NeighbourIndex(searchRows(x, p.metric), sklearnAlgorithm(x.rows, x.cols, p.k, p.metric));
}

function overflow(): Error {
  return new Error('LOF: distances overflow (feature values near 1e154 or beyond): scale the features down');
}

function fit(x: Matrix, params: LofParams, options: RunOptions = {}): LofModel {
  const p = normalize(params);
  checkFeatureMatrix(x, 'LOF');
  const { rows: n, cols } = x;
  if (n === 0) throw new Error('feature matrix has no rows: LOF needs at least one row to fit');
  const { signal } = options;
  const report = progressReporter(options.onProgress);
  throwIfAborted(signal);
  const k = Math.max(1, Math.min(p.k, n - 1));
  const notes: string[] = [];
  if (n === 1) notes.push('only one row: it has no neighbours, so its LOF is 1 (scikit-learn refuses to fit)');
  else if (k < p.k) notes.push(`k = ${p.k} but there are only ${n} rows: using k = ${k} (rows − 1), as scikit-learn does`);

  const kDistance = new Float64Array(n), lrd = new Float64Array(n).fill(1 / EPS), lof = new Float64Array(n).fill(1);
  let index: NeighbourIndex | undefined;
  if (n > 1) {
    index = buildIndex(x, p);
    report(0.05);
    const lists = index.selfNeighbours(k, { signal, progress: (f) => report(0.05 + 0.9 * f) });
    const { count: du, distinctOf } = index.distinct;
    const kd = new Float64Array(du), dl = new Float64Array(du), dlof = new Float64Array(du);
    for (let u = 0; u < du; u++) kd[u] = trueDistance(lists.boundary(u), p.metric);
    for (let u = 0; u < du; u++) {
      if (!Number.isFinite(kd[u])) throw overflow();
      let s = 0;
      for (let e = u * k, end = e + lists.count[u]; e < end; e++) {
        s += lists.used[e] * Math.max(kd[lists.ids[e]], trueDistance(lists.rdist[e], p.metric));
      }
      dl[u] = 1 / (s / k + EPS);
    }
    for (let u = 0; u < du; u++) {
      let s = 0;
      for (let e = u * k, end = e + lists.count[u]; e < end; e++) s += lists.used[e] * (dl[lists.ids[e]] / dl[u]);
      dlof[u] = s / k;
      if (!Number.isFinite(dlof[u])) throw overflow(); // lrd ratios beyond 1e308: distances near 1e298
    }
    for (let i = 0; i < n; i++) {
      const u = distinctOf[i];
      kDistance[i] = kd[u]; lrd[i] = dl[u]; lof[i] = dlof[u];
    }
  }
  const model: LofModel = {
    type: 'lof', version: 1, params: p, k, rows: n, cols,
    train: Array.from(x.data), kDistance: Array.from(kDistance), lrd: Array.from(lrd), lof: Array.from(lof), notes,
  };
  if (index) indexes.set(model, index);
  report(1);
  return model;
}

function checkModel(model: LofModel): void {
  if (!model || model.type !== 'lof') throw new Error(`not a lof model: type ${show(model?.type)}`);
  const { rows, cols, train, kDistance, lrd, lof, k } = model;
  if (!Number.isSafeInteger(rows) || rows < 1 || !Number.isSafeInteger(cols) || cols < 1 || train?.length !== rows * cols) {
    throw new Error(`lof model: ${show(rows)} × ${show(cols)} training rows do not match its ${show(train?.length)} values`);
  }
  for (const [name, a] of [['kDistance', kDistance], ['lrd', lrd], ['lof', lof]] as const) {
    if (a?.length !== rows) throw new Error(`lof model: ${name} has ${show(a?.length)} values, expected ${rows}`);
  }
  if (!Number.isSafeInteger(k) || k < 1 || (rows > 1 && k > rows - 1)) throw new Error(`lof model: invalid k: ${show(k)}`);
  normalize(model.params);
}

/** True when `x` is the model's training matrix (same shape, every value equal): outlier mode then gives it the fitted LOFs. */
export function sameAsTraining(model: LofModel, x: Matrix): boolean {
  if (x.rows !== model.rows || x.cols !== model.cols) return false;
  const { train } = model;
  for (let i = 0; i < train.length; i++) if (train[i] !== x.data[i]) return false;
  return true;
}

function score(model: LofModel, x: Matrix, options: RunOptions = {}): Float64Array {
  checkModel(model);
  checkFeatureMatrix(x, 'LOF');
  if (x.cols !== model.cols) {
    throw new Error(`feature matrix has ${x.cols} columns but the lof model was fitted on ${model.cols}`);
  }
  const { signal } = options;
  const report = progressReporter(options.onProgress);
  throwIfAborted(signal);
  const { params: p, k } = model;
  if (!p.novelty && sameAsTraining(model, x)) {
    report(1);
    return Float64Array.from(model.lof);
  }
  const out = new Float64Array(x.rows).fill(1);
  if (x.rows === 0 || model.rows === 1) { report(1); return out; }

  let index = indexes.get(model);
  if (!index) {
    const train: Matrix = { rows: model.rows, cols: model.cols, data: Float64Array.from(model.train), names: x.names };
    index = buildIndex(train, p);
    indexes.set(model, index);
  }
  report(0.05);
  const { lists, queries } = index.neighbours(searchRows(x, p.metric), k, { signal, progress: (f) => report(0.05 + 0.9 * f) });
  const { firstRow } = index.distinct;
  const { kDistance, lrd } = model;
  const dq = queries.count;
  const scores = new Float64Array(dq);
  for (let q = 0; q < dq; q++) {
    let s = 0;
    const start = q * k, end = start + lists.count[q];
    for (let e = start; e < end; e++) {
      s += lists.used[e] * Math.max(kDistance[firstRow[lists.ids[e]]], trueDistance(lists.rdist[e], p.metric));
    }
    if (!Number.isFinite(s)) throw overflow();
    const lrdQ = 1 / (s / k + EPS);
    let r = 0;
    for (let e = start; e < end; e++) r += lists.used[e] * (lrd[firstRow[lists.ids[e]]] / lrdQ);
    scores[q] = r / k;
    if (!Number.isFinite(scores[q])) throw overflow();
  }
  for (let i = 0; i < x.rows; i++) out[i] = scores[queries.distinctOf[i]];
  report(1);
  return out;
}

export const lof: Detector<LofParams, LofModel> = {
  type: LOF_DECLARATION.type,
  defaults: LOF_DECLARATION.defaults,
  limits: LOF_LIMITS,
  declaration: LOF_DECLARATION,
  normalize,
  fit,
  score,
};

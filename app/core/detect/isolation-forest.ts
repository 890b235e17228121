/**
 * Isolation Forest (Liu, Ting & Zhou, 2008) on typed arrays, following the
 * semantics of scikit-learn 1.2.1's `IsolationForest` with `bootstrap=False`:
 *
 * - each tree is grown on ψ = min(sampleSize, rows) rows drawn without
 *   replacement, and sees max(1, floor(maxFeatures · cols)) columns drawn
 *   without replacement (sklearn's float `max_features`);
 * - trees grow until depth ⌈log2 max(ψ, 2)⌉, a node of at most one row, or a
 *   node where every candidate column is constant;
 * - at each node a column is drawn at random among the tree's columns until
 *   one that is not constant in the node is found (sklearn's random splitter),
 *   the threshold is uniform in [min, max) of that column in the node (a draw
 *   that rounds to max becomes min, as in sklearn), and `x <= threshold` goes
 *   left — in fitting and in scoring;
 * - the path length of a row in a tree is the depth of its leaf plus
 *   c(leaf size), and the score is 2^(−mean path length / c(ψ)), which equals
 *   sklearn's `-score_samples(X)`: higher = more anomalous, in (0, 1].
 *
 * Departures from sklearn, all deliberate:
 * - columns are float64 (sklearn casts to float32), and "constant in a node"
 *   means max == min (sklearn: max <= min + 1e-7, an absolute tolerance that
 *   would make columns of tiny-valued features unsplittable);
 * - the random streams differ (sfc32 from `random.ts`, not numpy's MT19937),
 *   so scores agree with sklearn in distribution, not number for number.
 *
 * Degenerate inputs: with a single training row ψ = 1 and c(1) = 0, so the
 * normalisation 0/0 is undefined; sklearn 1.2.1 then sets the ratio to 1 and
 * every score to 2^−1 = 0.5, and so do we. Constant columns and duplicate rows
 * just end trees early (leaves with c(size) added), so scores stay finite.
 */
import type { Matrix } from '../matrix.ts';
import { createRandom } from '../random.ts';
import { averagePathLength } from './average-path-length.ts';
import { BLOCK_ROWS, compileForest, descendPadded, descendTree } from './compiled-forest.ts';
import { checkParamNames, checkFeatureMatrix, type Detector } from './detector.ts';
import { progressReporter, throwIfAborted, type RunOptions } from '../progress.ts';
import { showValue as show } from '../show-value.ts';
import { checkUpper, ParamRangeError } from './param-limits.ts';
import type { DetectorDeclaration } from './declaration.ts';

export { averagePathLength } from './average-path-length.ts';

export interface IsolationForestParams {
  /** Number of trees (integer ≥ 1). */
  trees: number;
  /** Rows drawn per tree, without replacement; capped at the number of rows (integer ≥ 2). */
  sampleSize: number;
  /** Share of the columns each tree may split on, in (0, 1]. */
  maxFeatures: number;
  /** Seed of every random choice (integer). */
  seed: number;
}

/**
 * One fitted tree in flat arrays indexed by node; node 0 is the root.
 * A leaf has `feature = -1`, `left = right = -1` and `threshold = 0`.
 */
export interface IsolationTree {
  /** Column split on (index into the matrix's columns), -1 for a leaf. */
  feature: number[];
  /** Rows with `x[feature] <= threshold` go left. */
  threshold: number[];
  left: number[];
  right: number[];
  /** Number of training (subsample) rows that reached the node. */
  size: number[];
}

export interface IsolationForestModel {
  type: 'isolation-forest';
  version: 1;
  params: IsolationForestParams;
  /** Number of columns the model was fitted on. */
  cols: number;
  /** ψ, the per-tree subsample size actually used. */
  sampleSize: number;
  trees: IsolationTree[];
}


const DEFAULTS: Readonly<IsolationForestParams> = Object.freeze({
  trees: 100,
  sampleSize: 256,
  maxFeatures: 1,
  seed: 1,
});

/**
 * Bounds of the parameters. A tree has up to 2ψ − 1 nodes, so memory and a
 * fitted spec's size grow with trees × ψ: `trees` and `sampleSize` are each
 * bounded, and so is their product ({@link ISOLATION_FOREST_MAX_NODES_SAMPLED}).
 */
export const ISOLATION_FOREST_LIMITS = Object.freeze({
  trees: Object.freeze({ min: 1, max: 10_000, integer: true }),
  sampleSize: Object.freeze({ min: 2, max: 100_000, integer: true }),
  maxFeatures: Object.freeze({ min: 0, max: 1, exclusiveMin: true }),
});

/**
 * The largest trees × sampleSize: up to 10 million nodes (about 400 MB while
 * fitting, and a model that still fits in one JSON string when exported).
 */
export const ISOLATION_FOREST_MAX_NODES_SAMPLED = 5_000_000;

/** Isolation Forest's parameters, form and docs (see `declaration.ts`). */
export const ISOLATION_FOREST_DECLARATION: DetectorDeclaration<IsolationForestParams> = {
  type: 'isolation-forest',
  label: 'Isolation Forest',
  summary: 'Liu et al. 2008, scored like scikit-learn (−score_samples): rows that random splits isolate quickly.',
  idPrefix: 'if',
  docs: 'rows that random splits isolate quickly, scored like scikit-learn\'s `-score_samples`',
  defaults: DEFAULTS,
  params: {
    trees: { kind: 'integer', label: 'Trees', limit: ISOLATION_FOREST_LIMITS.trees },
    sampleSize: {
      kind: 'integer', label: 'Sample size ψ', limit: ISOLATION_FOREST_LIMITS.sampleSize,
      description: `Rows per tree (capped at the rows there are); trees × sampleSize at most ${ISOLATION_FOREST_MAX_NODES_SAMPLED}.`,
    },
    maxFeatures: { kind: 'number', label: 'Max features', limit: ISOLATION_FOREST_LIMITS.maxFeatures, input: { min: 0.05, step: 0.05 }, help: 'share of columns per tree' },
    seed: { kind: 'integer', label: 'Seed', help: 'every random choice follows it' },
  },
};

const PARAM_NAMES = Object.keys(DEFAULTS) as (keyof IsolationForestParams)[];


function normalize(params: Partial<IsolationForestParams> = {}): IsolationForestParams {
  checkParamNames('isolation-forest', params, PARAM_NAMES);
  const pick = (key: keyof IsolationForestParams): unknown => params[key] ?? DEFAULTS[key];
  const integer = (key: 'trees' | 'sampleSize'): number => {
    const v = pick(key);
    const limit = ISOLATION_FOREST_LIMITS[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < limit.min) {
      throw new Error(`invalid ${key}: ${show(v)} (expected an integer >= ${limit.min})`);
    }
    checkUpper(key, v, limit);
    return v;
  };
  const trees = integer('trees');
  const sampleSize = integer('sampleSize');
  if (trees * sampleSize > ISOLATION_FOREST_MAX_NODES_SAMPLED) {
    throw new ParamRangeError(
      'sampleSize',
      `trees × sampleSize = ${trees} × ${sampleSize} = ${trees * sampleSize} is above the limit ${ISOLATION_FOREST_MAX_NODES_SAMPLED}: use fewer trees or a smaller sample`,
    );
  }
  const seed = pick('seed');
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new Error(`invalid seed: ${show(seed)} (expected an integer)`);
  }
  const maxFeatures = pick('maxFeatures');
  if (typeof maxFeatures !== 'number' || !Number.isFinite(maxFeatures) || maxFeatures <= 0 || maxFeatures > 1) {
    throw new Error(`invalid maxFeatures: ${show(maxFeatures)} (expected a number in (0, 1])`);
  }
  return { trees, sampleSize, maxFeatures, seed };
}


// ---------------------------------------------------------------- fitting

function fit(x: Matrix, params: IsolationForestParams, options: RunOptions = {}): IsolationForestModel {
  const p = normalize(params);
  checkFeatureMatrix(x, 'isolation forest');
  const { rows, cols, data } = x;
  if (rows === 0) throw new Error('feature matrix has no rows: isolation forest needs at least one row to fit');
  const { signal } = options;
  const report = progressReporter(options.onProgress);
  throwIfAborted(signal);

  const psi = Math.min(p.sampleSize, rows);
  const maxDepth = Math.ceil(Math.log2(Math.max(psi, 2)));
  const nFeatures = Math.max(1, Math.floor(p.maxFeatures * cols));
  const master = createRandom(p.seed);

  // Reused scratch: a permutation of row indices (a partial Fisher–Yates
  // shuffle of any permutation yields a uniform sample, so it needs no reset),
  // a permutation of columns, the subsample copied out row-major, the
  // position list partitioned in place, and the traversal stack.
  const rowPerm = new Int32Array(rows);
  for (let i = 0; i < rows; i++) rowPerm[i] = i;
  const colPerm = new Int32Array(cols);
  for (let j = 0; j < cols; j++) colPerm[j] = j;
  const sub = new Float64Array(psi * cols);
  const pos = new Int32Array(psi);
  const candidates = new Int32Array(nFeatures);
  const maxNodes = 2 * psi - 1;
  const stackNode = new Int32Array(maxNodes);
  const stackStart = new Int32Array(maxNodes);
  const stackEnd = new Int32Array(maxNodes);
  const stackDepth = new Int32Array(maxNodes);

  const trees: IsolationTree[] = [];
  for (let t = 0; t < p.trees; t++) {
    throwIfAborted(signal);
    const rng = createRandom(Math.floor(master.next() * 4294967296));

    // Columns of this tree, drawn without replacement.
    for (let k = 0; k < nFeatures; k++) {
      const r = k + rng.int(cols - k);
      const tmp = colPerm[k]; colPerm[k] = colPerm[r]; colPerm[r] = tmp;
    }
    const treeFeatures = colPerm.slice(0, nFeatures);

    // Rows of this tree, drawn without replacement, copied out for locality.
    for (let k = 0; k < psi; k++) {
      const r = k + rng.int(rows - k);
      const tmp = rowPerm[k]; rowPerm[k] = rowPerm[r]; rowPerm[r] = tmp;
      sub.set(data.subarray(tmp * cols, tmp * cols + cols), k * cols);
      pos[k] = k;
    }

    const feature: number[] = [];
    const threshold: number[] = [];
    const left: number[] = [];
    const right: number[] = [];
    const size: number[] = [];
    const addNode = (n: number): number => {
      feature.push(-1); threshold.push(0); left.push(-1); right.push(-1); size.push(n);
      return feature.length - 1;
    };

    let top = 0;
    stackNode[top] = addNode(psi); stackStart[top] = 0; stackEnd[top] = psi; stackDepth[top] = 0; top++;
    while (top > 0) {
      top--;
      const node = stackNode[top], start = stackStart[top], end = stackEnd[top], depth = stackDepth[top];
      if (depth >= maxDepth || end - start <= 1) continue; // leaf

      // Draw columns without replacement until one is not constant here.
      candidates.set(treeFeatures);
      let remaining = nFeatures;
      let f = -1, lo = 0, hi = 0;
      while (remaining > 0) {
        const r = rng.int(remaining);
        const c = candidates[r];
        candidates[r] = candidates[remaining - 1];
        remaining--;
        let mn = sub[pos[start] * cols + c], mx = mn;
        for (let k = start + 1; k < end; k++) {
          const v = sub[pos[k] * cols + c];
          if (v < mn) mn = v; else if (v > mx) mx = v;
        }
        if (mx > mn) { f = c; lo = mn; hi = mx; break; }
      }
      if (f < 0) continue; // every candidate column is constant: leaf

      let thr = rng.uniform(lo, hi);
      if (thr >= hi) thr = lo; // rounding reached max: sklearn falls back to min
      // Partition pos[start, end) into <= thr | > thr.
      let i = start, j = end - 1;
      while (i <= j) {
        if (sub[pos[i] * cols + f] <= thr) i++;
        else { const tmp = pos[i]; pos[i] = pos[j]; pos[j] = tmp; j--; }
      }
      const mid = i; // both sides non-empty: min goes left, max goes right
      feature[node] = f;
      threshold[node] = thr;
      const l = addNode(mid - start);
      const r = addNode(end - mid);
      left[node] = l;
      right[node] = r;
      stackNode[top] = r; stackStart[top] = mid; stackEnd[top] = end; stackDepth[top] = depth + 1; top++;
      stackNode[top] = l; stackStart[top] = start; stackEnd[top] = mid; stackDepth[top] = depth + 1; top++;
    }
    trees.push({ feature, threshold, left, right, size });
    report((t + 1) / p.trees);
  }
  return { type: 'isolation-forest', version: 1, params: p, cols, sampleSize: psi, trees };
}

// ---------------------------------------------------------------- scoring


function score(model: IsolationForestModel, x: Matrix, options: RunOptions = {}): Float64Array {
  const forest = compileForest(model);
  checkFeatureMatrix(x, 'isolation forest');
  const { rows, cols, data } = x;
  if (cols !== model.cols) {
    throw new Error(`feature matrix has ${cols} columns but the isolation-forest model was fitted on ${model.cols}`);
  }
  const { signal } = options;
  const report = progressReporter(options.onProgress);
  throwIfAborted(signal);

  const nTrees = forest.depth.length;
  const out = new Float64Array(rows);
  // score = 2^(−Σh / (T·c(ψ))); with ψ = 1, c(ψ) = 0 and sklearn sets the ratio to 1.
  const scale = forest.norm > 0 ? -1 / (nTrees * forest.norm) : 0;
  const reportEvery = Math.max(BLOCK_ROWS, Math.ceil(rows / 25));
  let nextReport = reportEvery;
  for (let b = 0; b < rows; b += BLOCK_ROWS) {
    const e = Math.min(rows, b + BLOCK_ROWS);
    for (let t = 0; t < nTrees; t++) {
      if (forest.depth[t] >= 0) descendPadded(forest, t, data, cols, b, e, out);
      else descendTree(forest, t, data, cols, b, e, out);
    }
    if (scale === 0) out.fill(0.5, b, e);
    else for (let i = b; i < e; i++) out[i] = Math.pow(2, out[i] * scale);
    if (e >= nextReport || e === rows) {
      throwIfAborted(signal);
      report(e / rows);
      nextReport += reportEvery;
    }
  }
  if (rows === 0) report(1);
  return out;
}

export const isolationForest: Detector<IsolationForestParams, IsolationForestModel> = {
  type: ISOLATION_FOREST_DECLARATION.type,
  defaults: ISOLATION_FOREST_DECLARATION.defaults,
  limits: ISOLATION_FOREST_LIMITS,
  declaration: ISOLATION_FOREST_DECLARATION,
  normalize,
  fit,
  score,
};

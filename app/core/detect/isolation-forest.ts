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
import { assertFinite, type Matrix } from '../matrix.ts';
import { createRandom } from '../random.ts';
import { throwIfAborted, type Detector, type RunOptions } from './detector.ts';

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

const EULER_GAMMA = 0.5772156649015329;

/**
 * c(n), the average path length of an unsuccessful search in a binary search
 * tree of n nodes, as sklearn's `_average_path_length`: 0 for n ≤ 1, 1 for
 * n = 2, else 2H(n−1) − 2(n−1)/n with H(i) ≈ ln(i) + γ.
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n <= 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

const DEFAULTS: Readonly<IsolationForestParams> = Object.freeze({
  trees: 100,
  sampleSize: 256,
  maxFeatures: 1,
  seed: 1,
});

const PARAM_NAMES = Object.keys(DEFAULTS) as (keyof IsolationForestParams)[];

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function normalize(params: Partial<IsolationForestParams> = {}): IsolationForestParams {
  if (params === null || typeof params !== 'object') {
    throw new Error(`invalid isolation-forest parameters: ${show(params)} (expected an object)`);
  }
  for (const key of Object.keys(params)) {
    if (!(PARAM_NAMES as string[]).includes(key)) {
      throw new Error(`unknown isolation-forest parameter: ${key} (expected one of ${PARAM_NAMES.join(', ')})`);
    }
  }
  const pick = (key: keyof IsolationForestParams): unknown => params[key] ?? DEFAULTS[key];
  const integer = (key: keyof IsolationForestParams, min: number): number => {
    const v = pick(key);
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
      throw new Error(`invalid ${key}: ${show(v)} (expected an integer >= ${min})`);
    }
    return v;
  };
  const trees = integer('trees', 1);
  const sampleSize = integer('sampleSize', 2);
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

function checkMatrix(x: Matrix): void {
  if (!Number.isInteger(x.rows) || x.rows < 0 || !Number.isInteger(x.cols) || x.cols < 0 || x.data.length !== x.rows * x.cols) {
    throw new Error(`feature matrix: ${x.rows} × ${x.cols} does not match its ${x.data.length} values`);
  }
  if (x.cols === 0) throw new Error('feature matrix has no columns: isolation forest needs at least one feature');
  assertFinite(x);
}

/** Calls `onProgress` at most about 25 times, always ending with 1. */
function progressReporter(onProgress: ((fraction: number) => void) | undefined): (fraction: number) => void {
  let last = -1;
  return (fraction) => {
    if (!onProgress) return;
    if (fraction >= 1 || fraction - last >= 0.04) {
      last = fraction;
      onProgress(Math.min(1, fraction));
    }
  };
}

// ---------------------------------------------------------------- fitting

function fit(x: Matrix, params: IsolationForestParams, options: RunOptions = {}): IsolationForestModel {
  const p = normalize(params);
  checkMatrix(x);
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

/**
 * The forest laid out for descent, all trees in shared typed arrays, each
 * leaf holding its whole path length depth + c(size) so scoring is a pure
 * descent.
 *
 * A tree of depth D ≤ IMPLICIT_MAX_DEPTH is padded to a complete binary tree
 * (node i has children 2i+1 and 2i+2; a leaf above depth D becomes a node
 * whose two subtrees both end in copies of it), so every row takes exactly D
 * steps with no data-dependent branch. Deeper trees (large sampleSize) keep
 * their own shape, with adjacent children, and are descended until a leaf.
 */
interface CompiledForest {
  /** Per tree: D for a padded tree, -1 for a tree kept as it is. */
  depth: Int32Array;
  /** Per tree: where its nodes start in `feature`, `threshold`, `child`. */
  nodeStart: Int32Array;
  /** Per tree: where its leaves start in `leaf` (padded trees only). */
  leafStart: Int32Array;
  /** Column of a split node; -1 for a leaf of an unpadded tree. */
  feature: Int32Array;
  /** Threshold of a split node; path length of a leaf of an unpadded tree. */
  threshold: Float64Array;
  /** Unpadded trees: index (within the tree) of a split node's left child; right = left + 1. */
  child: Int32Array;
  /** Padded trees: path length of each of the 2^D leaves. */
  leaf: Float64Array;
  /** c(ψ) — the normaliser of mean path lengths. */
  norm: number;
}

/** Deepest tree padded to a complete tree (2^12 leaves = sampleSize 4096). */
const IMPLICIT_MAX_DEPTH = 12;

/** Compiled once per model object: a model is not to be mutated after it was first scored. */
const compiled = new WeakMap<IsolationForestModel, CompiledForest>();

function invalidModel(why: string): Error {
  return new Error(`invalid isolation-forest model: ${why}`);
}

/** Checks a tree's arrays and returns each node's depth (-1 = unreachable). */
function checkTree(tree: IsolationTree, t: number, cols: number): { depthOf: Int32Array; maxDepth: number } {
  const n = tree?.feature?.length ?? 0;
  const { feature, threshold, left, right, size } = tree ?? {};
  if (n === 0 || threshold?.length !== n || left?.length !== n || right?.length !== n || size?.length !== n) {
    throw invalidModel(`tree ${t} has missing or unequal node arrays`);
  }
  const depthOf = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let head = 0, tail = 0, maxDepth = 0;
  queue[tail++] = 0;
  depthOf[0] = 0;
  while (head < tail) {
    const node = queue[head++];
    const d = depthOf[node];
    if (d > maxDepth) maxDepth = d;
    const f = feature[node];
    if (f === -1) {
      const s = size[node];
      if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) throw invalidModel(`tree ${t} node ${node} has size ${show(s)}`);
      continue;
    }
    if (!Number.isInteger(f) || f < 0 || f >= cols) throw invalidModel(`tree ${t} node ${node} splits on column ${show(f)}`);
    const thr = threshold[node];
    if (typeof thr !== 'number' || Number.isNaN(thr)) throw invalidModel(`tree ${t} node ${node} has threshold ${show(thr)}`);
    for (const c of [left[node], right[node]]) {
      if (!Number.isInteger(c) || c <= 0 || c >= n) throw invalidModel(`tree ${t} node ${node} has child ${show(c)}`);
      if (depthOf[c] !== -1) throw invalidModel(`tree ${t} is not a tree (node ${c} is reached twice)`);
      depthOf[c] = d + 1;
      queue[tail++] = c;
    }
  }
  return { depthOf, maxDepth };
}

function compile(model: IsolationForestModel): CompiledForest {
  const cached = compiled.get(model);
  if (cached) return cached;
  if (!model || model.type !== 'isolation-forest') throw invalidModel(`type is ${show(model?.type)}`);
  if (model.version !== 1) throw invalidModel(`version ${show(model.version)} is not supported (expected 1)`);
  if (!Number.isInteger(model.cols) || model.cols < 1) throw invalidModel(`cols is ${show(model.cols)}`);
  if (!Number.isInteger(model.sampleSize) || model.sampleSize < 1) throw invalidModel(`sampleSize is ${show(model.sampleSize)}`);
  if (!Array.isArray(model.trees) || model.trees.length === 0) throw invalidModel('it has no trees');

  const nTrees = model.trees.length;
  const checked = model.trees.map((tree, t) => checkTree(tree, t, model.cols));
  const depth = new Int32Array(nTrees);
  const nodeStart = new Int32Array(nTrees);
  const leafStart = new Int32Array(nTrees);
  let nodes = 0, leaves = 0;
  checked.forEach(({ maxDepth }, t) => {
    nodeStart[t] = nodes;
    leafStart[t] = leaves;
    if (maxDepth <= IMPLICIT_MAX_DEPTH) {
      depth[t] = maxDepth;
      nodes += (1 << maxDepth) - 1;
      leaves += 1 << maxDepth;
    } else {
      depth[t] = -1;
      nodes += model.trees[t].feature.length;
    }
  });
  const feature = new Int32Array(nodes);
  const threshold = new Float64Array(nodes);
  const child = new Int32Array(nodes);
  const leaf = new Float64Array(leaves);

  model.trees.forEach((tree, t) => {
    const { depthOf } = checked[t];
    const D = depth[t], n0 = nodeStart[t];
    const pathLength = (node: number) => depthOf[node] + averagePathLength(tree.size[node]);
    if (D >= 0) {
      // Complete layout: place `node` at implicit index `at` (depth `d`).
      const place = (node: number, at: number, d: number): void => {
        if (d === D) { leaf[leafStart[t] + at - ((1 << D) - 1)] = pathLength(node); return; }
        const split = tree.feature[node] !== -1;
        feature[n0 + at] = split ? tree.feature[node] : 0;
        threshold[n0 + at] = split ? tree.threshold[node] : 0;
        place(split ? tree.left[node] : node, 2 * at + 1, d + 1);
        place(split ? tree.right[node] : node, 2 * at + 2, d + 1);
      };
      place(0, 0, 0);
    } else {
      // Own shape, breadth-first so that siblings are adjacent.
      const n = tree.feature.length;
      const queue = new Int32Array(n);
      let head = 0, tail = 0, next = 1;
      queue[tail++] = 0;
      const placed = new Int32Array(n);
      while (head < tail) {
        const node = queue[head];
        const at = n0 + placed[head];
        head++;
        if (tree.feature[node] === -1) { feature[at] = -1; threshold[at] = pathLength(node); continue; }
        feature[at] = tree.feature[node];
        threshold[at] = tree.threshold[node];
        child[at] = next;
        placed[tail] = next++; queue[tail++] = tree.left[node];
        placed[tail] = next++; queue[tail++] = tree.right[node];
      }
    }
  });
  const result: CompiledForest = {
    depth, nodeStart, leafStart, feature, threshold, child, leaf,
    norm: averagePathLength(model.sampleSize),
  };
  compiled.set(model, result);
  return result;
}

/**
 * Adds the path length of rows [b, e) in padded tree t to `out`.
 *
 * The step `a = 2a + 1 + +(x > threshold)` is written so that V8 turns the
 * comparison into a 0/1 value instead of a branch (a mispredicted branch per
 * level dominated the time), and eight rows descend together so that their
 * independent loads overlap.
 */
function descendPadded(forest: CompiledForest, t: number, data: Float64Array, cols: number, b: number, e: number, out: Float64Array): void {
  const { feature, threshold, leaf } = forest;
  const D = forest.depth[t];
  const n0 = forest.nodeStart[t];
  const l0 = forest.leafStart[t] - ((1 << D) - 1);
  let i = b;
  for (; i + 8 <= e; i += 8) {
    const r0 = i * cols, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
    const r4 = r3 + cols, r5 = r4 + cols, r6 = r5 + cols, r7 = r6 + cols;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
    for (let d = 0; d < D; d++) {
      a0 = 2 * a0 + 1 + +(data[r0 + feature[n0 + a0]] > threshold[n0 + a0]);
      a1 = 2 * a1 + 1 + +(data[r1 + feature[n0 + a1]] > threshold[n0 + a1]);
      a2 = 2 * a2 + 1 + +(data[r2 + feature[n0 + a2]] > threshold[n0 + a2]);
      a3 = 2 * a3 + 1 + +(data[r3 + feature[n0 + a3]] > threshold[n0 + a3]);
      a4 = 2 * a4 + 1 + +(data[r4 + feature[n0 + a4]] > threshold[n0 + a4]);
      a5 = 2 * a5 + 1 + +(data[r5 + feature[n0 + a5]] > threshold[n0 + a5]);
      a6 = 2 * a6 + 1 + +(data[r6 + feature[n0 + a6]] > threshold[n0 + a6]);
      a7 = 2 * a7 + 1 + +(data[r7 + feature[n0 + a7]] > threshold[n0 + a7]);
    }
    out[i] += leaf[l0 + a0];
    out[i + 1] += leaf[l0 + a1];
    out[i + 2] += leaf[l0 + a2];
    out[i + 3] += leaf[l0 + a3];
    out[i + 4] += leaf[l0 + a4];
    out[i + 5] += leaf[l0 + a5];
    out[i + 6] += leaf[l0 + a6];
    out[i + 7] += leaf[l0 + a7];
  }
  for (; i < e; i++) {
    const r = i * cols;
    let a = 0;
    for (let d = 0; d < D; d++) a = 2 * a + 1 + +(data[r + feature[n0 + a]] > threshold[n0 + a]);
    out[i] += leaf[l0 + a];
  }
}

/** Adds the path length of rows [b, e) in unpadded tree t to `out`. */
function descendTree(forest: CompiledForest, t: number, data: Float64Array, cols: number, b: number, e: number, out: Float64Array): void {
  const { feature, threshold, child } = forest;
  const n0 = forest.nodeStart[t];
  for (let i = b; i < e; i++) {
    const r = i * cols;
    let node = n0;
    let f = feature[node];
    while (f >= 0) {
      node = n0 + child[node] + +(data[r + f] > threshold[node]);
      f = feature[node];
    }
    out[i] += threshold[node];
  }
}

/** Rows scored together against every tree: their values stay in cache. */
const BLOCK_ROWS = 256;

function score(model: IsolationForestModel, x: Matrix, options: RunOptions = {}): Float64Array {
  const forest = compile(model);
  checkMatrix(x);
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
  type: 'isolation-forest',
  defaults: DEFAULTS,
  normalize,
  fit,
  score,
};

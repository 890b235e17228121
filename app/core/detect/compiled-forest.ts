/**
 * A fitted isolation forest laid out for fast scoring: validated once, all
 * trees in shared typed arrays, cached per model object.
 */
import { averagePathLength } from './average-path-length.ts';
import { showValue as show } from '../show-value.ts';
import type { IsolationForestModel, IsolationTree } from './isolation-forest.ts';

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
export interface CompiledForest {
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

export function compileForest(model: IsolationForestModel): CompiledForest {
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
export function descendPadded(forest: CompiledForest, t: number, data: Float64Array, cols: number, b: number, e: number, out: Float64Array): void {
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
export function descendTree(forest: CompiledForest, t: number, data: Float64Array, cols: number, b: number, e: number, out: Float64Array): void {
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
export const BLOCK_ROWS = 256;

/**
 * Isolation Forest per-feature path usage: which columns the splits on a
 * row's isolation paths used, and how much each of them did to isolate it.
 *
 * Weighting of one split (the node the row passes through, of `size` training
 * rows, into the child the row goes to, of `childSize` rows):
 *
 * - `'separation'` (the default): log2(size / childSize), the bits of
 *   isolation the split gave — how many halvings of the sample it took off
 *   the row. A path's weights add up to log2(ψ / leaf size), so the shares
 *   split the row's isolation between the columns. Splits near the root
 *   usually separate the most rows and so weigh the most, but a split that
 *   only peels one other row off weighs almost nothing wherever it sits.
 * - `'depth'`: 1 / (depth + 1), root depth 0, whatever the split did.
 *
 * Why separation is the default: an anomaly far out on one column is
 * isolated by the first split on that column, and before it its path holds
 * on average as many splits on the other columns, at smaller depths; so
 * split counts, and 1/(depth + 1) weights too, come out nearly even between
 * the responsible column and the others (on Gaussian data with one row far
 * out on one of 3–10 columns, its share by either was within a few points
 * of every other column's, and sometimes below). Separation gives the one
 * split that isolated the row most of the weight: there the responsible
 * column always came first, with 0.26–0.76 of the share.
 *
 * The c(leaf size) part of a path length is not attributed to any column.
 * Deterministic: no randomness, trees in model order.
 */
import type { Matrix } from '../matrix.ts';
import { compileForest } from '../detect/compiled-forest.ts';
import { showValue as show } from '../show-value.ts';
import type { IsolationForestModel } from '../detect/isolation-forest.ts';

/** How one split on a row's path is weighted; see the module comment. */
export type PathWeighting = 'separation' | 'depth';

export const PATH_WEIGHTINGS: readonly PathWeighting[] = ['separation', 'depth'];

/** Per column of the model, averaged over trees and over the rows asked about. */
export interface ForestPathUsage {
  /** Mean number of splits on the column per tree and row (a count). */
  splits: Float64Array;
  /** Mean weight of those splits per tree and row (bits for `separation`, 1/(depth+1) units for `depth`). */
  weight: Float64Array;
  /** `weight` divided by its sum: shares that add up to 1 (all 0 when no path has a split). */
  share: Float64Array;
}

/**
 * Path usage of one row, or of a set of rows together, of `x` under an
 * Isolation Forest model.
 *
 * @param model a fitted (or restored) isolation-forest model
 * @param x a matrix with the model's columns
 * @param rows one 0-based row index of `x`, or several (at least one)
 * @param weighting how each split weighs (default `'separation'`)
 * @throws on an invalid model, a column-count mismatch, a row out of range
 *   or a non-finite value in a row asked about
 */
export function forestPathUsage(
  model: IsolationForestModel,
  x: Matrix,
  rows: number | ArrayLike<number>,
  weighting: PathWeighting = 'separation',
): ForestPathUsage {
  compileForest(model); // validates the trees (shape, children, columns) once per model
  if (x.cols !== model.cols) {
    throw new Error(`feature matrix has ${x.cols} columns but the isolation-forest model was fitted on ${model.cols}`);
  }
  if (!PATH_WEIGHTINGS.includes(weighting)) {
    throw new Error(`invalid weighting: ${show(weighting)} (expected one of ${PATH_WEIGHTINGS.join(', ')})`);
  }
  const list = typeof rows === 'number' ? [rows] : Array.from(rows);
  if (list.length === 0) throw new Error('path usage needs at least one row');
  const { cols, data } = x;
  for (const r of list) {
    if (!Number.isSafeInteger(r) || r < 0 || r >= x.rows) {
      throw new Error(`invalid row: ${show(r)} (expected an integer in [0, ${x.rows}))`);
    }
    for (let j = 0; j < cols; j++) {
      const v = data[r * cols + j];
      if (!Number.isFinite(v)) throw new Error(`row ${r + 1}, column "${x.names[j]}" is ${v} (expected a finite number)`);
    }
  }

  const splits = new Float64Array(cols);
  const weight = new Float64Array(cols);
  for (const r of list) {
    const base = r * cols;
    for (const tree of model.trees) {
      const { feature, threshold, left, right, size } = tree;
      let node = 0;
      for (let depth = 0; feature[node] !== -1; depth++) {
        const f = feature[node];
        const child = data[base + f] <= threshold[node] ? left[node] : right[node];
        splits[f]++;
        // Sizes of hand-made or restored models may be 0; clamping keeps weights finite and ≥ 0.
        weight[f] += weighting === 'depth'
          ? 1 / (depth + 1)
          : Math.max(0, Math.log2(Math.max(1, size[node]) / Math.max(1, size[child])));
        node = child;
      }
    }
  }
  const paths = list.length * model.trees.length;
  let total = 0;
  for (let j = 0; j < cols; j++) {
    splits[j] /= paths;
    weight[j] /= paths;
    total += weight[j];
  }
  const share = new Float64Array(cols);
  if (total > 0) for (let j = 0; j < cols; j++) share[j] = weight[j] / total;
  return { splits, weight, share };
}

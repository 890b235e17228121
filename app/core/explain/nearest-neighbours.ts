/**
 * LOF explanation of one row: its k nearest training rows and its local
 * reachability density beside theirs (LOF = their mean lrd / its lrd).
 *
 * Found by brute force over the model's training rows — one row against n
 * rows is cheap — with the model's metric, k, k-distances and lrds, so the
 * LOF here is the model's score of the row (see `detect/lof.ts`):
 * - outlier mode (`novelty: false`) on the training matrix itself leaves the
 *   row out of its own neighbours, as fitting did; otherwise the neighbours
 *   are training rows, where an equal row sits at distance 0;
 * - exact ties at the k-th distance are settled by the lower training index.
 *   The detector settles them as scikit-learn does, so on data with such
 *   ties (integer counts) the neighbour set, and then this LOF, can differ
 *   from the score a little; without ties they are the same.
 */
import type { Matrix } from '../matrix.ts';
import { showValue as show } from '../show-value.ts';
import { reducedDistance, searchRows, trueDistance } from '../detect/knn/metric.ts';
import { sameAsTraining, type LofModel } from '../detect/lof.ts';

/** One of the k nearest training rows. */
export interface LofNeighbour {
  /** 0-based index of the training row. */
  index: number;
  /** Distance to the explained row, in the model's metric. */
  distance: number;
  /** max(the neighbour's k-distance, distance): the term the row's lrd averages. */
  reachDistance: number;
  /** The neighbour's local reachability density (1 / distance units). */
  lrd: number;
}

/** A row's neighbourhood as LOF sees it. */
export interface LofNeighbourhood {
  /** k of the model (neighbours found: k, or none for a one-row model). */
  k: number;
  /** Nearest first; ties by training index. */
  neighbours: LofNeighbour[];
  /** Local reachability density of the row: 1 / (mean reach distance + 1e-10). */
  lrd: number;
  /** Mean lrd of the neighbours. */
  neighbourLrd: number;
  /** Mean over neighbours of their lrd / the row's lrd: the row's LOF score. */
  lof: number;
}

/** scikit-learn's guard against 1/0, as in `detect/lof.ts`. */
const EPS = 1e-10;

/**
 * The k nearest training rows of row `row` of `x` and the LOF they give it.
 *
 * @param model a fitted (or restored) LOF model
 * @param x a matrix with the model's columns (the training matrix or new rows)
 * @param row 0-based row index of `x`
 * @throws on a model that is not LOF, a column-count mismatch, a row out of
 *   range or a non-finite value in the row
 */
export function lofNeighbours(model: LofModel, x: Matrix, row: number): LofNeighbourhood {
  if (!model || model.type !== 'lof') throw new Error(`not a lof model: type ${show(model?.type)}`);
  const { k, rows: n, cols, kDistance, lrd } = model;
  if (x.cols !== cols) throw new Error(`feature matrix has ${x.cols} columns but the lof model was fitted on ${cols}`);
  if (!Number.isSafeInteger(row) || row < 0 || row >= x.rows) {
    throw new Error(`invalid row: ${show(row)} (expected an integer in [0, ${x.rows}))`);
  }
  const query = x.data.slice(row * cols, (row + 1) * cols);
  query.forEach((v, j) => {
    if (!Number.isFinite(v)) throw new Error(`row ${row + 1}, column "${x.names[j]}" is ${v} (expected a finite number)`);
  });
  if (n === 1) return { k, neighbours: [], lrd: 1 / EPS, neighbourLrd: 1 / EPS, lof: 1 };

  const self = !model.params.novelty && sameAsTraining(model, x) ? row : -1;
  const { metric } = model.params;
  const q = searchRows({ rows: 1, cols, data: query, names: x.names }, metric);
  const t = searchRows({ rows: n, cols, data: Float64Array.from(model.train), names: x.names }, metric);

  // Sorted insertion into k slots; scanning in index order, a later row
  // enters only when strictly nearer, so ties keep the lower index.
  const bestR = new Float64Array(k).fill(Infinity);
  const bestI = new Int32Array(k).fill(-1);
  for (let i = 0; i < n; i++) {
    if (i === self) continue;
    const r = reducedDistance(q.data, 0, t.data, i, q.dims, q.l1);
    if (!(r < bestR[k - 1])) continue;
    let s = k - 1;
    while (s > 0 && bestR[s - 1] > r) { bestR[s] = bestR[s - 1]; bestI[s] = bestI[s - 1]; s--; }
    bestR[s] = r;
    bestI[s] = i;
  }

  const neighbours: LofNeighbour[] = [];
  let reachSum = 0;
  for (let s = 0; s < k; s++) {
    const index = bestI[s];
    const distance = trueDistance(bestR[s], metric);
    const reachDistance = Math.max(kDistance[index], distance);
    reachSum += reachDistance;
    neighbours.push({ index, distance, reachDistance, lrd: lrd[index] });
  }
  const rowLrd = 1 / (reachSum / k + EPS);
  let ratioSum = 0, lrdSum = 0;
  // Summed as ratios, as the detector sums them, so the two agree to rounding.
  for (const o of neighbours) { ratioSum += o.lrd / rowLrd; lrdSum += o.lrd; }
  return { k, neighbours, lrd: rowLrd, neighbourLrd: lrdSum / k, lof: ratioSum / k };
}

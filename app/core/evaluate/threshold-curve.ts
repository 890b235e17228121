import { rankByScore, type Ranking } from './rank-by-score.ts';

/**
 * Metrics against threshold, for a plot: one entry per evaluated threshold,
 * thresholds decreasing (so `flagged` increases along the arrays).
 */
export interface ThresholdCurve {
  /** Evaluated thresholds, distinct scores in decreasing order (score units); `score >= threshold` is flagged. */
  readonly thresholds: Float64Array;
  /** Units flagged at each threshold (count of units). */
  readonly flagged: Uint32Array;
  /** tp / flagged (share 0..1); null without labels. */
  readonly precision: Float64Array | null;
  /** tp / anomalies, 0 when there are none (share 0..1); null without labels. */
  readonly recall: Float64Array | null;
  /** Harmonic mean of precision and recall, 0 when both are 0 (0..1); null without labels. */
  readonly f1: Float64Array | null;
  /** fp / normal units, 0 when there are none (share 0..1); null without labels. */
  readonly fpr: Float64Array | null;
}

/**
 * Precision, recall, F1, flagged count and false-positive rate at every
 * distinct score, or — when there are more than `points` distinct scores — at
 * the scores found at `points` evenly spaced rank quantiles (the highest and
 * lowest score always included, repeats from ties dropped). Evenly spaced in
 * rank rather than in score so the curve stays detailed where the units are.
 *
 * One sort (via `rankByScore`) and one pass, O(n log n). Values equal
 * `precisionRecallF1(confusionAt(scores, labels, t))` exactly at each
 * threshold `t`, with the same zero-division rule (a ratio over 0 is 0); they
 * are given even with one class, where the caller may prefer to hide them.
 *
 * @param scores one score per unit (score units), higher = more anomalous
 * @param labels 1 = anomalous, 0 = normal; null when the data has no labels
 * @param points most thresholds to evaluate (count, at least 2)
 * @throws RangeError on a length mismatch, a NaN score, a label other than 0/1, or points < 2
 */
export function thresholdCurve(scores: ArrayLike<number>, labels: ArrayLike<number> | null, points = 200): ThresholdCurve {
  checkPoints(points);
  // Without labels every unit counts as normal, so tps + fps is still the flagged count.
  const ranking = rankByScore(scores, labels ?? new Uint8Array(scores.length));
  return thresholdCurveFromRanking(ranking, labels !== null, points);
}

/**
 * {@link thresholdCurve} from an existing ranking, without sorting again.
 *
 * @param ranking from `rankByScore` (with all-0 labels when the data has none)
 * @param labelled false: give only thresholds and flagged counts (the label-based arrays are null)
 * @param points most thresholds to evaluate (count, at least 2)
 * @throws RangeError when points < 2
 */
export function thresholdCurveFromRanking(ranking: Ranking, labelled: boolean, points = 200): ThresholdCurve {
  checkPoints(points);
  const { thresholds: distinct, tps, fps, positives, negatives } = ranking;
  const picks = pickIndices(tps, fps, positives + negatives, points);
  const m = picks.length;
  const thresholds = new Float64Array(m);
  const flagged = new Uint32Array(m);
  const precision = new Float64Array(m);
  const recall = new Float64Array(m);
  const f1 = new Float64Array(m);
  const fpr = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const k = picks[j];
    const tp = tps[k];
    const fp = fps[k];
    thresholds[j] = distinct[k];
    flagged[j] = tp + fp;
    // The same expressions as precisionRecallF1, so values match it bit for bit.
    const p = tp + fp === 0 ? 0 : tp / (tp + fp);
    const r = positives === 0 ? 0 : tp / positives;
    precision[j] = p;
    recall[j] = r;
    f1[j] = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    fpr[j] = negatives === 0 ? 0 : fp / negatives;
  }
  return {
    thresholds,
    flagged,
    precision: labelled ? precision : null,
    recall: labelled ? recall : null,
    f1: labelled ? f1 : null,
    fpr: labelled ? fpr : null,
  };
}

function checkPoints(points: number): void {
  if (!(Number.isInteger(points) && points >= 2)) throw new RangeError(`points: ${points} is not a whole number of at least 2`);
}

/**
 * Indices into the ranking to evaluate: all of them when few enough, else the
 * ranking rows holding the units at evenly spaced ranks (0 = highest score).
 */
function pickIndices(tps: Uint32Array, fps: Uint32Array, n: number, points: number): Uint32Array {
  const m = tps.length;
  if (m <= points) return Uint32Array.from({ length: m }, (_, k) => k);
  const out = new Uint32Array(points);
  let used = 0;
  let k = 0;
  for (let j = 0; j < points; j++) {
    const rank = Math.round((j * (n - 1)) / (points - 1));
    // Row k holds ranks [flagged[k − 1], flagged[k]); ranks only grow, so k only moves forward.
    while (tps[k] + fps[k] <= rank) k++;
    if (used === 0 || out[used - 1] !== k) out[used++] = k;
  }
  return out.slice(0, used);
}

import { rankByScore, type Ranking } from './rank-by-score.ts';

/**
 * Precision–recall curve in scikit-learn's layout: thresholds increasing, and
 * precision/recall one longer than thresholds, ending with the point
 * (precision 1, recall 0) that has no threshold.
 */
export interface PrecisionRecallCurve {
  /** Precision at each threshold, then 1 (share of flagged units that are anomalies, 0..1). */
  readonly precision: Float64Array;
  /** Recall at each threshold, then 0 (share of anomalies flagged, 0..1). */
  readonly recall: Float64Array;
  /** Distinct scores in increasing order (score units); `score >= threshold` is flagged. */
  readonly thresholds: Float64Array;
}

/**
 * The precision–recall curve exactly as scikit-learn 1.2.1's
 * `precision_recall_curve`: one point per distinct score (the curve is not cut
 * at full recall, as it was before 1.1), precision set to 0 where nothing is
 * flagged, and recall set to 1 everywhere when there are no anomalies.
 *
 * @param scores one score per unit (score units), higher = more anomalous
 * @param labels 1 = anomalous, 0 = normal
 * @returns the curve, or null when there are no units
 */
export function precisionRecallCurve(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): PrecisionRecallCurve | null {
  return precisionRecallCurveFromRanking(rankByScore(scores, labels));
}

/**
 * {@link precisionRecallCurve} from an existing ranking.
 *
 * @param ranking from {@link rankByScore}
 * @returns the curve (precision and recall as shares 0..1), or null when there are no units
 */
export function precisionRecallCurveFromRanking(ranking: Ranking): PrecisionRecallCurve | null {
  const { thresholds: distinct, tps, fps, positives } = ranking;
  const m = distinct.length;
  if (m === 0) return null;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thresholds = new Float64Array(m);
  // The ranking runs from the highest score down; sklearn reverses it so that
  // recall decreases along the arrays.
  for (let k = 0; k < m; k++) {
    const i = m - 1 - k;
    const flagged = tps[k] + fps[k];
    precision[i] = flagged === 0 ? 0 : tps[k] / flagged;
    // sklearn's convention (with a warning) when no anomalies exist.
    recall[i] = positives === 0 ? 1 : tps[k] / positives;
    thresholds[i] = distinct[k];
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds };
}

/**
 * The curve of a ranking that has both anomalies and normal units, or null:
 * what the metrics read off the curve (average precision, best F1) need.
 * scikit-learn gives 0 without anomalies and 1 without normal units (with a
 * warning); neither says anything about the detector, so they get no value.
 *
 * @param ranking from {@link rankByScore}
 */
export function twoClassCurveFromRanking(ranking: Ranking): PrecisionRecallCurve | null {
  if (ranking.positives === 0 || ranking.negatives === 0) return null;
  return precisionRecallCurveFromRanking(ranking);
}

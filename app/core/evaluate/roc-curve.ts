import { rankByScore, type Ranking } from './rank-by-score.ts';

/** ROC curve points, one per threshold, in decreasing threshold order. */
export interface RocCurve {
  /** False positive rate at each threshold (share of normal units, 0..1). */
  readonly fpr: Float64Array;
  /** True positive rate (recall) at each threshold (share of anomalies, 0..1). */
  readonly tpr: Float64Array;
  /** Score threshold of each point (score units); `score >= threshold` is flagged. */
  readonly thresholds: Float64Array;
}

/**
 * The ROC curve like scikit-learn's `roc_curve(..., drop_intermediate=False)`:
 * a first point (0, 0) at threshold +Infinity, then one point per distinct
 * score, highest first.
 *
 * sklearn 1.2.1 labels the first point `max score + 1`; we use +Infinity (as
 * sklearn does from 1.3) because "flag nothing" is what that point means and
 * +1 is meaningless on an arbitrary score scale.
 *
 * @param scores one score per unit (score units), higher = more anomalous
 * @param labels 1 = anomalous, 0 = normal
 * @returns the curve, or null when only one class is present
 */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): RocCurve | null {
  return rocCurveFromRanking(rankByScore(scores, labels));
}

/**
 * {@link rocCurve} from an existing ranking.
 *
 * @param ranking from {@link rankByScore}
 * @returns the curve (rates as shares 0..1), or null when only one class is present
 */
export function rocCurveFromRanking(ranking: Ranking): RocCurve | null {
  const { thresholds: distinct, tps, fps, positives, negatives } = ranking;
  if (positives === 0 || negatives === 0) return null;
  const m = distinct.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const thresholds = new Float64Array(m);
  thresholds[0] = Infinity;
  for (let k = 0; k < distinct.length; k++) {
    fpr[k + 1] = fps[k] / negatives;
    tpr[k + 1] = tps[k] / positives;
    thresholds[k + 1] = distinct[k];
  }
  return { fpr, tpr, thresholds };
}

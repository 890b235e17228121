import { twoClassCurveFromRanking } from './precision-recall-curve.ts';
import { rankByScore, type Ranking } from './rank-by-score.ts';

/**
 * Average precision, our "PR-AUC": scikit-learn's `average_precision_score`,
 * i.e. Σₙ (Rₙ − Rₙ₋₁) Pₙ over the thresholds — a step-wise area with no
 * linear interpolation, which would be optimistic for PR curves.
 *
 * @param scores one score per unit (score units), higher = more anomalous
 * @param labels 1 = anomalous, 0 = normal
 * @returns average precision in [0, 1] (a precision, i.e. share of flagged
 *   units that are anomalies), or null when only one class is present
 */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  return averagePrecisionFromRanking(rankByScore(scores, labels));
}

/**
 * {@link averagePrecision} from an existing ranking.
 *
 * @param ranking from {@link rankByScore}
 * @returns average precision in [0, 1], or null when only one class is present
 */
export function averagePrecisionFromRanking(ranking: Ranking): number | null {
  const curve = twoClassCurveFromRanking(ranking);
  if (curve === null) return null;
  const { precision, recall } = curve;
  // Same expression and order as sklearn: -sum(diff(recall) * precision[:-1]),
  // so results agree to rounding of the sum.
  let sum = 0;
  for (let i = 0; i + 1 < recall.length; i++) sum -= (recall[i + 1] - recall[i]) * precision[i];
  return sum;
}

import { rankByScore, type Ranking } from './rank-by-score.ts';

/**
 * Area under the ROC curve (unit: probability that a random anomaly scores
 * above a random normal unit, ties counting one half) — the Mann–Whitney
 * statistic, equal to scikit-learn's `roc_auc_score`.
 *
 * @param scores one score per unit (score units), higher = more anomalous
 * @param labels 1 = anomalous, 0 = normal
 * @returns the AUC in [0, 1], or null when only one class is present
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  return rocAucFromRanking(rankByScore(scores, labels));
}

/**
 * {@link rocAuc} from an existing ranking, so callers that need several
 * metrics sort only once.
 *
 * @param ranking from {@link rankByScore}
 * @returns the AUC in [0, 1] (probability), or null when only one class is present
 */
export function rocAucFromRanking(ranking: Ranking): number | null {
  const { tps, fps, positives, negatives } = ranking;
  if (positives === 0 || negatives === 0) return null;
  // Trapezoids between consecutive ROC points, kept in integer counts (twice
  // the area, in units of anomaly × normal pairs) so the sum is exact up to
  // 2^53 and the only rounding is the final division. A tie group's trapezoid
  // is what gives tied pairs their half credit.
  let twiceArea = 0;
  let prevTp = 0;
  let prevFp = 0;
  for (let k = 0; k < tps.length; k++) {
    twiceArea += (fps[k] - prevFp) * (tps[k] + prevTp);
    prevTp = tps[k];
    prevFp = fps[k];
  }
  return twiceArea / (2 * positives * negatives);
}

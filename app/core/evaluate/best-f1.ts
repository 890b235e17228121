import { twoClassCurveFromRanking } from './precision-recall-curve.ts';
import { rankByScore, type Ranking } from './rank-by-score.ts';

/** The F1-optimal operating point. */
export interface BestF1 {
  /** The highest F1 over all thresholds (harmonic mean of precision and recall, 0..1). */
  readonly f1: number;
  /** The score threshold reaching it (score units); `score >= threshold` is flagged. */
  readonly threshold: number;
}

/**
 * The best F1 over all distinct-score thresholds, computed from the
 * precision–recall curve as F1 = 2PR / (P + R) (0 where P + R = 0). Ties go to
 * the first maximum in sklearn's increasing-threshold order (numpy `argmax`),
 * i.e. the lowest threshold among equal F1s.
 *
 * @param scores one score per unit (score units), higher = more anomalous
 * @param labels 1 = anomalous, 0 = normal
 * @returns the best F1 and its threshold, or null when only one class is present
 */
export function bestF1(scores: ArrayLike<number>, labels: ArrayLike<number>): BestF1 | null {
  return bestF1FromRanking(rankByScore(scores, labels));
}

/**
 * {@link bestF1} from an existing ranking.
 *
 * @param ranking from {@link rankByScore}
 * @returns F1 (0..1) and threshold (score units), or null when only one class is present
 */
export function bestF1FromRanking(ranking: Ranking): BestF1 | null {
  const curve = twoClassCurveFromRanking(ranking);
  if (curve === null) return null;
  const { precision, recall, thresholds } = curve;
  let best = -1;
  let at = 0;
  // The curve's final (P=1, R=0) point has F1 0 and no threshold; the lowest
  // threshold always has F1 > 0 once anomalies exist, so skipping it is safe.
  for (let i = 0; i < thresholds.length; i++) {
    const p = precision[i];
    const r = recall[i];
    // Written exactly like the numpy expression so float ties break the same way.
    const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    if (f1 > best) {
      best = f1;
      at = i;
    }
  }
  return { f1: best, threshold: thresholds[at] };
}

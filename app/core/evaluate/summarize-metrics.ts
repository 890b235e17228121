import { averagePrecisionFromRanking } from './average-precision.ts';
import { bestF1FromRanking } from './best-f1.ts';
import { confusionAt, precisionRecallF1, type Confusion } from './confusion.ts';
import { rankByScore, type Ranking } from './rank-by-score.ts';
import { rocAucFromRanking } from './roc-auc.ts';

/**
 * Everything we report about one scored run. Key names are part of the CLI's
 * `law run --format json` output; do not rename them.
 */
export interface Metrics {
  /** ROC AUC (probability, 0..1); null without labels or with one class. */
  rocAuc: number | null;
  /** Average precision, sklearn's `average_precision_score` (0..1); null without labels or with one class. */
  prAuc: number | null;
  /** Precision at `threshold` (share of flagged units that are anomalies, 0..1); null without labels or with one class. */
  precision: number | null;
  /** Recall at `threshold` (share of anomalies flagged, 0..1); null without labels or with one class. */
  recall: number | null;
  /** F1 at `threshold` (0..1); null without labels or with one class. */
  f1: number | null;
  /** The operating threshold (score units); `score >= threshold` is flagged. */
  threshold: number;
  /** Best F1 over all thresholds (0..1); null without labels or with one class. */
  bestF1: number | null;
  /** Threshold reaching `bestF1` (score units); null without labels or with one class. */
  bestF1Threshold: number | null;
  /** Units with `score >= threshold` (count of units). */
  flagged: number;
  /** Confusion counts at `threshold` (units); null without labels. Kept with one class, where the counts are still meaningful (e.g. false alarms on all-normal data). */
  confusion: Confusion | null;
}

/**
 * All metrics for one run. Sorts the scores once for the ranking metrics and
 * makes one more linear pass for the counts at `threshold`.
 *
 * @param scores one score per unit (score units), higher = more anomalous
 * @param labels 1 = anomalous, 0 = normal; null when the data has no labels
 * @param threshold operating threshold (score units); `score >= threshold` is flagged
 * @param ranking `rankByScore(scores, labels)` when the caller already has it
 *   (the page keeps it while a threshold slider moves, so only the counts are redone)
 * @returns the metrics; label-based fields are null when labels are null or
 *   contain only one class
 * @throws RangeError on a length mismatch, NaN score or threshold, or a label other than 0/1
 */
export function summarizeMetrics(
  scores: ArrayLike<number>,
  labels: ArrayLike<number> | null,
  threshold: number,
  ranking?: Ranking,
): Metrics {
  if (Number.isNaN(threshold)) throw new RangeError('threshold is NaN');
  if (labels === null) {
    let flagged = 0;
    for (let i = 0; i < scores.length; i++) if (scores[i] >= threshold) flagged++;
    return {
      rocAuc: null, prAuc: null, precision: null, recall: null, f1: null, threshold,
      bestF1: null, bestF1Threshold: null, flagged, confusion: null,
    };
  }
  ranking ??= rankByScore(scores, labels);
  const confusion = confusionAt(scores, labels, threshold);
  const flagged = confusion.tp + confusion.fp;
  // With one class, precision/recall/F1 degenerate to 0 or 1 regardless of
  // the detector; null says "not measurable" instead of a misleading number.
  const twoClasses = ranking.positives > 0 && ranking.negatives > 0;
  const atThreshold = twoClasses ? precisionRecallF1(confusion) : null;
  const { best, rocAuc, prAuc } = rankingMetrics(ranking);
  return {
    rocAuc,
    prAuc,
    precision: atThreshold?.precision ?? null,
    recall: atThreshold?.recall ?? null,
    f1: atThreshold?.f1 ?? null,
    threshold,
    bestF1: best?.f1 ?? null,
    bestF1Threshold: best?.threshold ?? null,
    flagged,
    confusion,
  };
}

/** The threshold-free metrics of each ranking, kept while the ranking lives. */
const byRanking = new WeakMap<Ranking, { rocAuc: number | null; prAuc: number | null; best: ReturnType<typeof bestF1FromRanking> }>();

/**
 * ROC-AUC, PR-AUC and best F1 of a ranking, computed once: they do not move
 * with the threshold, and on a million units each is a pass a slider step
 * should not pay for every run.
 */
function rankingMetrics(ranking: Ranking) {
  let m = byRanking.get(ranking);
  if (!m) {
    m = { rocAuc: rocAucFromRanking(ranking), prAuc: averagePrecisionFromRanking(ranking), best: bestF1FromRanking(ranking) };
    byRanking.set(ranking, m);
  }
  return m;
}

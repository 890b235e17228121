import { countAnomalies } from './rank-by-score.ts';

/** Confusion counts at one threshold (all in units). */
export interface Confusion {
  /** Anomalies flagged (count of units). */
  readonly tp: number;
  /** Normal units flagged (count of units). */
  readonly fp: number;
  /** Normal units not flagged (count of units). */
  readonly tn: number;
  /** Anomalies not flagged (count of units). */
  readonly fn: number;
}

/** Precision, recall and F1 of one confusion table. */
export interface PrecisionRecallF1 {
  /** tp / (tp + fp): share of flagged units that are anomalies (0..1). */
  readonly precision: number;
  /** tp / (tp + fn): share of anomalies that are flagged (0..1). */
  readonly recall: number;
  /** Harmonic mean of precision and recall (0..1). */
  readonly f1: number;
}

/**
 * Confusion counts when every unit with `score >= threshold` is flagged as
 * anomalous (inclusive, so a threshold equal to a score flags that unit).
 *
 * @param scores one score per unit (score units), higher = more anomalous
 * @param labels 1 = anomalous, 0 = normal
 * @param threshold score threshold (score units); ±Infinity flag nothing / everything
 * @returns counts of units
 * @throws RangeError on a length mismatch, NaN score or threshold, or a label other than 0/1
 */
export function confusionAt(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): Confusion {
  if (Number.isNaN(threshold)) throw new RangeError('threshold is NaN');
  const positives = countAnomalies(scores, labels);
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] >= threshold) {
      if (labels[i] === 1) tp++;
      else fp++;
    }
  }
  const negatives = scores.length - positives;
  return { tp, fp, tn: negatives - fp, fn: positives - tp };
}

/**
 * Precision, recall and F1 of a confusion table, following scikit-learn's
 * `zero_division=0`: a ratio whose denominator is 0 is reported as 0 (e.g.
 * precision when nothing is flagged), and F1 is 0 when precision + recall = 0.
 *
 * @param c confusion counts (units)
 * @returns precision, recall and F1, each a share in [0, 1]
 */
export function precisionRecallF1(c: Confusion): PrecisionRecallF1 {
  const flagged = c.tp + c.fp;
  const anomalies = c.tp + c.fn;
  const precision = flagged === 0 ? 0 : c.tp / flagged;
  const recall = anomalies === 0 ? 0 : c.tp / anomalies;
  // Same expression as sklearn's fbeta with beta = 1, so values match bit for bit.
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * The units ranked by score, highest first, collapsed to one row per distinct
 * score — the same data as scikit-learn's private `_binary_clf_curve`. Every
 * ranking metric (ROC, precision–recall, average precision, best F1) is a
 * cheap pass over this, so `summarizeMetrics` sorts only once.
 */
export interface Ranking {
  /** Distinct scores in strictly decreasing order (score units). */
  readonly thresholds: Float64Array;
  /** `tps[k]`: anomalies with score >= `thresholds[k]` (count of units). */
  readonly tps: Uint32Array;
  /** `fps[k]`: normal units with score >= `thresholds[k]` (count of units). */
  readonly fps: Uint32Array;
  /** Anomalies in total (count of units). */
  readonly positives: number;
  /** Normal units in total (count of units). */
  readonly negatives: number;
}

/**
 * Checks that scores and labels describe the same units and that labels are
 * 0/1, and counts the anomalies.
 *
 * @param scores one score per unit (score units), higher = more anomalous; NaN is rejected
 * @param labels one label per unit, 1 = anomalous, 0 = normal
 * @returns the number of anomalies (count of units)
 * @throws RangeError on a length mismatch, a NaN score or a label other than 0/1
 */
export function countAnomalies(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (scores.length !== labels.length) {
    throw new RangeError(`scores and labels differ in length: ${scores.length} scores, ${labels.length} labels`);
  }
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label === 1) positives++;
    // Anything but an exact 0/1 is almost certainly a mapping bug upstream;
    // silently treating it as "normal" would skew every metric.
    else if (label !== 0) throw new RangeError(`label at unit ${i} must be 0 or 1, got ${label}`);
    // NaN has no place in a ranking (sklearn raises too); rejecting it here
    // keeps the sort and tie grouping below well-defined.
    if (Number.isNaN(scores[i])) throw new RangeError(`score at unit ${i} is NaN`);
  }
  return positives;
}

/**
 * Sorts the units by score once and returns cumulative anomaly / normal counts
 * at each distinct score, highest score first (sklearn's `_binary_clf_curve`).
 *
 * Cost: O(n log n) with two native `Float64Array` sorts and no per-unit
 * objects, so it stays fast at millions of units.
 *
 * @param scores one score per unit (score units), higher = more anomalous
 * @param labels one label per unit, 1 = anomalous, 0 = normal
 * @returns the ranking; all arrays are empty when there are no units
 * @throws RangeError on a length mismatch, a NaN score or a label other than 0/1
 */
export function rankByScore(scores: ArrayLike<number>, labels: ArrayLike<number>): Ranking {
  const positives = countAnomalies(scores, labels);
  const n = scores.length;
  const negatives = n - positives;

  // Only the score order within each class matters, not unit identity, so the
  // scores of each class are sorted separately with the engine's native
  // numeric typed-array sort (much faster than an index sort with a JS
  // comparator) and then merged.
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    if (labels[i] === 1) pos[p++] = scores[i];
    else neg[q++] = scores[i];
  }
  pos.sort();
  neg.sort();

  const thresholds = new Float64Array(n);
  const tps = new Uint32Array(n);
  const fps = new Uint32Array(n);
  let k = 0;
  let tp = 0;
  let fp = 0;
  // Walk both ascending arrays from their ends, i.e. in decreasing score;
  // `===` groups -0 with +0 just as numpy's `diff(...) != 0` does.
  for (let i = positives - 1, j = negatives - 1; i >= 0 || j >= 0; k++) {
    const v = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
    while (i >= 0 && pos[i] === v) { tp++; i--; }
    while (j >= 0 && neg[j] === v) { fp++; j--; }
    thresholds[k] = v;
    tps[k] = tp;
    fps[k] = fp;
  }
  return { thresholds: thresholds.slice(0, k), tps: tps.slice(0, k), fps: fps.slice(0, k), positives, negatives };
}

import { scorePercentile } from './score-percentile.ts';
import { capThreshold } from './threshold-for-count.ts';

/**
 * The score threshold that flags a given share of units: numpy's
 * `percentile(scores, 100 * (1 - share))` with the default linear
 * interpolation, held to the units that share asks for when scores tie
 * (see {@link thresholdForPercentile}). This mirrors how scikit-learn sets
 * `offset_` from a `contamination` prior, flipped to our
 * higher-is-more-anomalous convention. Apply it as `score >= threshold`.
 *
 * Without ties at the cut it flags {@link unitsAsked} units, the same units
 * scikit-learn's prior marks. `share = 0` flags nothing (+Infinity) and
 * `share = 1` gives the minimum, which flags every unit.
 *
 * @param scores one score per unit (score units), higher = more anomalous; not modified
 * @param share expected share of anomalous units (fraction 0..1, the `contamination`)
 * @param sorted the same scores sorted ascending, when the caller keeps them
 *   (the page does, so moving a threshold slider does not sort again)
 * @returns the threshold (score units); +Infinity when nothing may be flagged
 * @throws RangeError when share is outside [0, 1] or NaN, when there are no
 *   scores, or when a score is NaN
 */
export function thresholdForContamination(scores: ArrayLike<number>, share: number, sorted?: Float64Array): number {
  if (!(share >= 0 && share <= 1)) {
    throw new RangeError(`contamination must be between 0 and 1, got ${share}`);
  }
  const n = scores.length;
  if (n === 0) throw new RangeError('cannot pick a contamination threshold without scores');
  sorted ??= sortScores(scores);
  return thresholdForPercentile(sorted, 100 * (1 - share));
}

/**
 * The threshold of a percentile method: numpy's `percentile(scores, p)`
 * (see `scorePercentile`), unless the units tied at it would flag more than
 * {@link unitsAsked}; then the threshold moves up past the tied block
 * (`thresholdForCount`), so that ties never flag more than asked.
 *
 * @param sorted scores sorted ascending (score units), no NaN
 * @param p percentile (percent, 0..100); units at or above it are flagged
 * @returns the threshold (score units); +Infinity when nothing may be flagged
 * @throws RangeError when p is outside [0, 100] or NaN, or there are no scores
 */
export function thresholdForPercentile(sorted: ArrayLike<number>, p: number): number {
  const t = scorePercentile(sorted, p);
  return capThreshold(sorted, t, unitsAsked(sorted.length, p));
}

/**
 * How many units a percentile threshold asks for: those numpy's
 * `percentile(scores, p)` flags when no two scores tie, n − ⌈(n − 1)·p/100⌉
 * (the rank of its virtual index, computed the way numpy computes it), and
 * 0 at p = 100. For a share s (p = 100 (1 − s)) that is 1 + ⌊(n − 1)·s⌋:
 * s × n rounded to one of its two neighbouring whole numbers, never more
 * than ⌈s × n⌉ (397 of 7,940 at 5 %; 1 of 8 at 5 %, as scikit-learn flags).
 *
 * @param n number of units (count)
 * @param p percentile (percent, 0..100)
 * @returns a count of units, 0..n
 */
export function unitsAsked(n: number, p: number): number {
  if (n === 0 || p >= 100) return 0;
  return n - Math.ceil((n - 1) * (p / 100));
}

/**
 * The scores sorted ascending, as a new array.
 * @throws RangeError naming the first NaN score (numpy would return NaN, and a
 *   NaN threshold flags nothing, silently)
 */
export function sortScores(scores: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(scores);
  for (let i = 0; i < sorted.length; i++) if (Number.isNaN(sorted[i])) throw new RangeError(`score at unit ${i} is NaN`);
  return sorted.sort();
}

import { scorePercentile } from './score-percentile.ts';

/**
 * The score threshold that flags a given share of units: numpy's
 * `percentile(scores, 100 * (1 - share))` with the default linear
 * interpolation. This mirrors how scikit-learn sets `offset_` from a
 * `contamination` prior, flipped to our higher-is-more-anomalous convention.
 * Apply it as `score >= threshold`.
 *
 * Because of interpolation and ties the flagged share is only approximately
 * `share`. In particular `share = 0` gives the maximum score, which still
 * flags the unit(s) tied at the maximum, and `share = 1` gives the minimum,
 * which flags every unit.
 *
 * @param scores one score per unit (score units), higher = more anomalous; not modified
 * @param share expected share of anomalous units (fraction 0..1, the `contamination`)
 * @param sorted the same scores sorted ascending, when the caller keeps them
 *   (the page does, so moving a threshold slider does not sort again)
 * @returns the threshold (score units)
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

  // numpy's percentile at q = 100 (1 − share): scorePercentile's virtual
  // index (n − 1) · (q / 100) is the expression numpy evaluates, to the last bit.
  return scorePercentile(sorted, 100 * (1 - share));
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

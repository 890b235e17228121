/**
 * numpy's `percentile(scores, p)` with the default linear interpolation
 * (Hyndman & Fan method 7), on scores already sorted ascending.
 *
 * The arithmetic follows numpy 2.x step by step (q = p / 100, virtual index
 * (n − 1) · q, and its two-sided `_lerp`) so results agree to the last bit.
 * `thresholdForContamination` is this at p = `100 · (1 − share)`.
 *
 * @param sorted scores sorted ascending (score units), no NaN (see `sortScores`)
 * @param p percentile (percent, 0..100)
 * @returns the percentile (score units)
 * @throws RangeError when p is outside [0, 100] or NaN, or there are no scores
 */
export function scorePercentile(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  const n = sorted.length;
  if (n === 0) throw new RangeError('cannot take a percentile without scores');
  const virtualIndex = (n - 1) * (p / 100);
  if (virtualIndex >= n - 1) return sorted[n - 1];
  const lo = Math.floor(virtualIndex);
  const a = sorted[lo];
  const b = sorted[lo + 1];
  const t = virtualIndex - lo;
  // Equal neighbours need no interpolation; this also keeps infinite scores
  // from becoming NaN through Infinity − Infinity (numpy would give NaN).
  if (t === 0 || a === b) return a;
  const diff = b - a;
  // numpy interpolates from the nearer end, for accuracy and monotonicity.
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

import type { Ranking } from './rank-by-score.ts';

/**
 * Precision at k: the share of anomalies among the k highest-scored units.
 * With k = the number of labelled anomalies this is R-precision, where
 * precision and recall are equal and a perfect ranking scores 1.
 *
 * Ties: when the k-th place falls inside a group of tied scores, that group
 * counts with its share of anomalies (the expected precision over every order
 * of the tied units), so the value does not depend on unit order and a run
 * scoring everything the same gets the prevalence, not 0 or 1.
 *
 * O(log n): a binary search over the ranking's cumulative counts.
 *
 * @param ranking from `rankByScore` (labels 1 = anomalous, 0 = normal)
 * @param k units taken from the top (count of units); capped at the number of units
 * @returns the precision (share 0..1), or null when k < 1 or there are no units
 * @throws RangeError when k is not a number
 */
export function precisionAtK(ranking: Ranking, k: number): number | null {
  if (Number.isNaN(k)) throw new RangeError('k is NaN');
  const { tps, fps } = ranking;
  const m = tps.length;
  const n = m ? tps[m - 1] + fps[m - 1] : 0;
  const kk = Math.min(Math.floor(k), n);
  if (kk < 1) return null;
  // First ranking row whose cumulative unit count reaches kk.
  let lo = 0, hi = m - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tps[mid] + fps[mid] >= kk) hi = mid;
    else lo = mid + 1;
  }
  const tpBefore = lo ? tps[lo - 1] : 0;
  const takenBefore = lo ? tps[lo - 1] + fps[lo - 1] : 0;
  const group = tps[lo] + fps[lo] - takenBefore;
  const tpInGroup = tps[lo] - tpBefore;
  return (tpBefore + ((kk - takenBefore) * tpInGroup) / group) / kk;
}

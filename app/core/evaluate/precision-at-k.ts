import { partitionPoint } from '../bisect.ts';
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
  // First ranking row whose cumulative unit count reaches kk (the last row does: it counts all n ≥ kk).
  const row = partitionPoint(m - 1, (i) => tps[i] + fps[i] < kk);
  const tpBefore = row ? tps[row - 1] : 0;
  const takenBefore = row ? tps[row - 1] + fps[row - 1] : 0;
  const group = tps[row] + fps[row] - takenBefore;
  const tpInGroup = tps[row] - tpBefore;
  return (tpBefore + ((kk - takenBefore) * tpInGroup) / group) / kk;
}

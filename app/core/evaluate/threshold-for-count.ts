/**
 * The tie rule every count-bounded threshold ends in (contamination,
 * percentile, alert budget), so that the page, `law run`, `law score` and
 * `law fit` flag the same units.
 *
 * The rule: a threshold asked to flag at most `count` units never flags more.
 * When the units at the cut tie, so that flagging them all would overflow
 * the count, the threshold moves up to the next higher distinct score: the
 * whole tied block is left unflagged, and fewer than `count` units may be
 * flagged (none, when the tie is at the top). Breaking the tie instead
 * (flagging some of the tied units, at random or by position) would make a
 * unit's flag depend on the order of the rows or on a seed, and two units with
 * the same score would get different answers; leaving the block out keeps
 * `score >= threshold` the whole rule, and the flagged count within what was
 * asked.
 */

import { bisectLeft, bisectRight } from '../bisect.ts';

/**
 * The lowest threshold that flags at most `count` units (`score >= threshold`).
 *
 * @param sorted the scores sorted ascending (score units), no NaN
 * @param count the most units to flag (count; fractions are rounded down)
 * @returns one of the scores: the `count`-th highest, raised to the next
 *   higher distinct score when the unit below it ties with it; the lowest score
 *   when `count` covers every unit; +Infinity (flags nothing) when `count` is 0
 *   or the top score is tied beyond `count`
 */
export function thresholdForCount(sorted: ArrayLike<number>, count: number): number {
  const n = sorted.length;
  const k = Math.floor(count);
  if (n === 0 || !(k > 0)) return Infinity;
  if (k >= n) return sorted[0];
  // Ascending order: the k-th highest is at n − k, the next one down just before it.
  const cut = sorted[n - k];
  return sorted[n - k - 1] < cut ? cut : nextAbove(sorted, cut);
}

/**
 * A threshold held to at most `count` flagged units: `threshold` itself when it
 * flags no more, else {@link thresholdForCount} (which is higher).
 *
 * @param sorted the scores sorted ascending (score units)
 * @param threshold a candidate threshold (score units)
 * @param count the most units to flag (count)
 * @returns a threshold (score units) flagging at most `count` units
 */
export function capThreshold(sorted: ArrayLike<number>, threshold: number, count: number): number {
  return flaggedAt(sorted, threshold) <= count ? threshold : thresholdForCount(sorted, count);
}

/** Units left out by the tie rule: the tied block just below a threshold. */
export interface TieAtCut {
  /** Units in the block (count). */
  units: number;
  /** Their common score (score units). */
  score: number;
}

/**
 * The block of tied units the rule left out under `threshold`, when flagging
 * it would have overflowed `count`: the units sharing the highest score below
 * the threshold, reported only when they are two or more, fewer than `count`
 * units are flagged, and flagging them too would exceed `count`. Null
 * otherwise (no tie was cut).
 *
 * @param sorted the scores sorted ascending (score units)
 * @param threshold the threshold applied (score units)
 * @param count the most units that were asked for (count)
 */
export function tieAtCut(sorted: ArrayLike<number>, threshold: number, count: number): TieAtCut | null {
  const n = sorted.length;
  const flagged = flaggedAt(sorted, threshold);
  if (flagged >= count || flagged >= n) return null;
  const score = sorted[n - flagged - 1];
  const units = flaggedAt(sorted, score) - flagged;
  return units >= 2 && flagged + units > count ? { units, score } : null;
}

/**
 * Units with `score >= threshold`, by binary search.
 * @param sorted the scores sorted ascending (score units)
 * @param threshold (score units)
 * @returns a count
 */
export function flaggedAt(sorted: ArrayLike<number>, threshold: number): number {
  return sorted.length - bisectLeft(sorted, threshold);
}

/** The smallest score strictly above `v` in ascending `sorted`, or +Infinity. */
function nextAbove(sorted: ArrayLike<number>, v: number): number {
  const i = bisectRight(sorted, v);
  return i < sorted.length ? sorted[i] : Infinity;
}

/**
 * Binary search, written once. The workbench searches sorted scores (how many
 * units a threshold flags), cumulative counts (a ranking's row at k units,
 * word2vec's negative draws) and sorted unit indices; every one of them asks
 * "where does a sorted run stop being before this value", which is all these
 * functions answer. The names and sides follow Python's `bisect` and numpy's
 * `searchsorted(side='left' | 'right')`.
 */

/**
 * The first index in `[0, length)` at which `before` is false, or `length`
 * when it never is. `before` must be true on a prefix and false after it
 * (a partition), as C++'s `std::partition_point`; it is asked O(log length)
 * times. For arrays not sorted ascending (a ranking's falling thresholds) or
 * values computed per index (a ranking's `tps[i] + fps[i]`).
 * @param length the number of indices searched (a count)
 */
export function partitionPoint(length: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first index whose value is `>= v` in the ascending `sorted`
 * (`sorted.length` when none is): the count of values below `v`.
 * NaN in `sorted` or as `v` gives no meaningful answer.
 */
export function bisectLeft(sorted: ArrayLike<number>, v: number): number {
  return partitionPoint(sorted.length, (i) => sorted[i] < v);
}

/**
 * The first index whose value is `> v` in the ascending `sorted`
 * (`sorted.length` when none is): the count of values at or below `v`.
 */
export function bisectRight(sorted: ArrayLike<number>, v: number): number {
  return partitionPoint(sorted.length, (i) => sorted[i] <= v);
}

/**
 * The index of `v` in the ascending `sorted` (its first place when it stands
 * several times), or -1 when it is not there.
 */
export function indexOfSorted(sorted: ArrayLike<number>, v: number): number {
  const i = bisectLeft(sorted, v);
  return i < sorted.length && sorted[i] === v ? i : -1;
}

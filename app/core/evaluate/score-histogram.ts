/** One bin of a score histogram, counts per label. */
export interface ScoreBin {
  /** Bin start and end (score units); the last bin includes its end. */
  x0: number;
  x1: number;
  normal: number;
  anomalous: number;
  /** Units without labels. */
  unlabelled: number;
}

/**
 * Counts scores in `bins` equal-width bins between the smallest and largest
 * score, split by label — so a chart of a million units draws a few dozen
 * bars instead of binning a million objects.
 * @param labels 1 anomalous, 0 normal; null when unlabelled
 */
export function scoreHistogram(scores: ArrayLike<number>, labels: ArrayLike<number> | null, bins = 60): ScoreBin[] {
  const n = scores.length;
  if (n === 0) return [];
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (scores[i] < lo) lo = scores[i];
    if (scores[i] > hi) hi = scores[i];
  }
  const width = hi > lo ? (hi - lo) / bins : 1;
  const out: ScoreBin[] = Array.from({ length: hi > lo ? bins : 1 }, (_, b) => ({
    x0: lo + b * width, x1: lo + (b + 1) * width, normal: 0, anomalous: 0, unlabelled: 0,
  }));
  for (let i = 0; i < n; i++) {
    const b = Math.min(out.length - 1, Math.floor((scores[i] - lo) / width));
    const bin = out[b];
    if (!labels) bin.unlabelled++;
    else if (labels[i] === 1) bin.anomalous++;
    else bin.normal++;
  }
  return out;
}

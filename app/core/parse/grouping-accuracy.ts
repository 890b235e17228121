/**
 * Grouping accuracy (GA) of a log parser (Zhu et al., "Tools and Benchmarks
 * for Automated Log Parsing", ICSE-SEIP 2019): the share of lines whose
 * predicted group holds exactly the same lines as their ground-truth group.
 * A ground-truth group that is split, or merged with any other line, counts
 * every one of its lines as wrong.
 */

/**
 * @param predicted predicted group (template id) per line
 * @param truth ground-truth group (event id) per line, same length
 * @returns GA in [0, 1]; 1 for no lines
 */
export function groupingAccuracy(predicted: ArrayLike<number>, truth: ArrayLike<string | number>): number {
  const n = predicted.length;
  if (truth.length !== n) throw new Error(`groupingAccuracy: ${n} predictions but ${truth.length} truth labels`);
  if (n === 0) return 1;
  const predictedSize = new Map<number, number>();
  for (let i = 0; i < n; i++) predictedSize.set(predicted[i], (predictedSize.get(predicted[i]) ?? 0) + 1);
  // Per truth group: its size, and its one predicted group (NaN once two differ).
  const truthSize = new Map<string | number, number>();
  const truthPredicted = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    const t = truth[i];
    const p = predicted[i];
    const seen = truthPredicted.get(t);
    if (seen === undefined) truthPredicted.set(t, p);
    else if (seen !== p) truthPredicted.set(t, NaN);
    truthSize.set(t, (truthSize.get(t) ?? 0) + 1);
  }
  let correct = 0;
  for (const [t, size] of truthSize) {
    const p = truthPredicted.get(t)!;
    if (!Number.isNaN(p) && predictedSize.get(p) === size) correct += size;
  }
  return correct / n;
}

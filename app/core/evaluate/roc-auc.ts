/**
 * Area under the ROC curve (unit: probability that a random anomaly scores
 * above a random normal unit, ties counting one half) — the Mann–Whitney
 * statistic, equal to scikit-learn's `roc_auc_score`.
 *
 * @param scores one score per unit, higher = more anomalous
 * @param labels 1 = anomalous, 0 = normal
 * @returns the AUC, or null when only one class is present
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const midRank = (i + j) / 2 + 1; // 1-based average rank of the tie group
    for (let t = i; t <= j; t++) if (labels[order[t]] === 1) { positives++; rankSum += midRank; }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

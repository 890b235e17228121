/**
 * Indices of the `k` highest scores, highest first (ties by index), in
 * O(n + k log k) given the scores sorted ascending: the k-th highest value is
 * read off the sorted copy, one pass collects what is at or above it.
 * @param sorted the scores sorted ascending (see `sortScores`)
 */
export function topK(scores: ArrayLike<number>, sorted: ArrayLike<number>, k: number): number[] {
  const n = scores.length;
  if (n === 0 || k <= 0) return [];
  const cut = sorted[Math.max(0, n - Math.min(k, n))];
  const picked: number[] = [];
  for (let i = 0; i < n; i++) if (scores[i] >= cut) picked.push(i);
  picked.sort((a, b) => scores[b] - scores[a] || a - b);
  return picked.slice(0, k);
}

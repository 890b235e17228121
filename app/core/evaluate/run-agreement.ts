import { sortScores } from './contamination-threshold.ts';
import { topK } from './top-k.ts';

/** How much several runs agree on their top-k units. */
export interface RunAgreement {
  /** The k used: the requested k, capped at the number of units (count of units). */
  readonly k: number;
  /** Per run, its top-k unit indices, highest score first. */
  readonly top: number[][];
  /** `overlap[a][b]` = |topA ∩ topB| / k (share 0..1); symmetric, diagonal 1. */
  readonly overlap: number[][];
  /** `jaccard[a][b]` = |topA ∩ topB| / |topA ∪ topB| (share 0..1); symmetric, diagonal 1. */
  readonly jaccard: number[][];
}

/**
 * Pairwise agreement of runs scored on the same units: the overlap of their
 * top-k sets as a share of k, and as a Jaccard index.
 *
 * Every top set has exactly k units: units tied at the k-th score are taken
 * lowest unit index first (as `topK` does), so a run with many tied scores is
 * cut deterministically rather than allowed to grow its set.
 *
 * @param runs one score array per run (score units, higher = more anomalous), all of the same length
 * @param k units per top set (count, a whole number ≥ 1; capped at the number of units)
 * @param sorted each run's scores sorted ascending (`sortScores`), when the
 *   caller already has them: the page keeps them, and a new k then costs no sort
 * @throws RangeError on no runs, no units, differing lengths, a NaN score, or a bad k
 */
export function runAgreement(runs: readonly ArrayLike<number>[], k: number, sorted?: readonly ArrayLike<number>[]): RunAgreement {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k: ${k} is not a whole number of at least 1`);
  if (runs.length === 0) throw new RangeError('runs: no runs to compare');
  const n = runs[0].length;
  if (n === 0) throw new RangeError('runs: no units to compare');
  runs.forEach((r, i) => {
    if (r.length !== n) throw new RangeError(`runs[${i}]: ${r.length} scores, but runs[0] has ${n}`);
  });
  const kk = Math.min(k, n);
  const top = runs.map((r, i) => topK(r, sorted?.[i] ?? sortScores(r), kk));
  // A byte mask per run makes each pair's intersection one O(k) pass.
  const masks = top.map((t) => {
    const mask = new Uint8Array(n);
    for (const i of t) mask[i] = 1;
    return mask;
  });
  const size = runs.length;
  const overlap = Array.from({ length: size }, () => new Array<number>(size).fill(1));
  const jaccard = Array.from({ length: size }, () => new Array<number>(size).fill(1));
  for (let a = 0; a < size; a++) {
    for (let b = a + 1; b < size; b++) {
      let common = 0;
      for (const i of top[b]) common += masks[a][i];
      overlap[a][b] = overlap[b][a] = common / kk;
      jaccard[a][b] = jaccard[b][a] = common / (2 * kk - common);
    }
  }
  return { k: kk, top, overlap, jaccard };
}

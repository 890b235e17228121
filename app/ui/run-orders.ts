/**
 * What the detector worker sorted and ranked for a run (`runRanked`), kept
 * beside the run: the page's `sorted` and `rankings` take it instead of
 * sorting a million scores on its own thread, as long as the labels judged
 * by are the ones the run was ranked against.
 */
import type { Judging } from '../core/evaluate/review-marks.ts';
import type { Ranking } from '../core/evaluate/index.ts';
import type { DetectorRun } from '../core/experiment/run-experiment.ts';

interface Orders {
  sorted: Float64Array;
  ranking: Ranking | null;
  /** The judging the ranking is against (the page's object, by identity). */
  judging: Judging | null;
}

const orders = new WeakMap<DetectorRun, Orders>();

export function rememberOrders(run: DetectorRun, sorted: Float64Array, ranking: Ranking | null, judging: Judging | null): void {
  orders.set(run, { sorted, ranking, judging });
}

/** The run's judged scores sorted: the worker's, or `sort()`. */
export function sortedOf(run: DetectorRun, sort: () => Float64Array): Float64Array {
  return orders.get(run)?.sorted ?? sort();
}

/** The run ranked under `judging`: the worker's when it ranked against this very judging, else `rank()`. */
export function rankingOf(run: DetectorRun, judging: Judging, rank: () => Ranking): Ranking {
  const o = orders.get(run);
  return o && o.ranking && o.judging === judging ? o.ranking : rank();
}

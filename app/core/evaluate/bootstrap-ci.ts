/**
 * Bootstrap confidence intervals for ROC-AUC and PR-AUC (average precision),
 * and a paired comparison of two runs on the same resamples.
 *
 * A resample draws the units with replacement, which is the same as giving
 * each unit a multiplicity (how often it was drawn). Sorting by score does
 * not depend on the multiplicities, so each run is sorted once and every
 * resample is one weighted pass over the sorted units: O(n) per resample, not
 * O(n log n). With every multiplicity 1, the weighted metrics are exactly
 * `rocAuc` and `averagePrecision` (scikit-learn's definitions, ties included).
 * Percentile intervals; a resample with no anomaly or no normal unit is
 * drawn again.
 */
import { createRandom } from '../random.ts';

/** A 95 % interval, [low, high], in the metric's units. */
export type Interval = [number, number];

/** The units of one run sorted by score, highest first, with tie groups marked. */
export interface SortedRun {
  /** Unit indices, highest score first. */
  order: Uint32Array;
  /** `groupEnd[k]`: whether the unit at sorted position k is the last of its tie group. */
  groupEnd: Uint8Array;
}

/** Sorts a run's units once (scores: higher = more anomalous; no NaN). */
export function sortRun(scores: ArrayLike<number>): SortedRun {
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  const groupEnd = new Uint8Array(n);
  for (let k = 0; k < n; k++) groupEnd[k] = k === n - 1 || scores[order[k + 1]] !== scores[order[k]] ? 1 : 0;
  return { order, groupEnd };
}

/**
 * ROC-AUC and average precision of a sorted run with unit multiplicities
 * `weight` (all 1 for the plain metrics). Null when no anomaly or no normal
 * unit carries weight.
 */
export function weightedRankMetrics(run: SortedRun, labels: ArrayLike<number>, weight: ArrayLike<number>): { rocAuc: number; prAuc: number } | null {
  const { order, groupEnd } = run;
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) positives += weight[i];
    else negatives += weight[i];
  }
  if (positives === 0 || negatives === 0) return null;
  // Highest first: normal units ranked above each tie group, and anomalies so far.
  let fpAbove = 0;
  let tp = 0;
  let fp = 0;
  let groupTp = 0;
  let groupFp = 0;
  let pairs = 0; // anomaly–normal pairs ranked right, ties counted half
  let ap = 0;
  let prevRecall = 0;
  for (let k = 0; k < order.length; k++) {
    const u = order[k];
    const w = weight[u];
    if (labels[u] === 1) groupTp += w;
    else groupFp += w;
    if (!groupEnd[k]) continue;
    // The tie group's anomalies rank above the normal units below it (negatives − fpAbove − groupFp), tie half.
    pairs += groupTp * (negatives - fpAbove - groupFp) + groupTp * groupFp * 0.5;
    tp += groupTp;
    fp += groupFp;
    fpAbove = fp;
    if (groupTp > 0) {
      const recall = tp / positives;
      ap += (recall - prevRecall) * (tp / (tp + fp));
      prevRecall = recall;
    }
    groupTp = 0;
    groupFp = 0;
  }
  return { rocAuc: pairs / (positives * negatives), prAuc: ap };
}

export interface BootstrapOptions {
  /** Resamples (default 1000). */
  resamples?: number;
  /** Seed of the resampling (default 0): the same seed, the same intervals. */
  seed?: number;
}

/** Intervals of every run, and the resampled metrics kept for paired comparisons. */
export interface BootstrapResult {
  /** Per run: the 95 % percentile interval of ROC-AUC and of PR-AUC. */
  ci: { rocAuc: Interval; prAuc: Interval }[];
  /** Per run, per resample: ROC-AUC and PR-AUC (resample r of every run used the same draw). */
  samples: { rocAuc: Float64Array; prAuc: Float64Array }[];
}

/**
 * Bootstrap 95 % intervals of ROC-AUC and PR-AUC for several runs scored on
 * the same units, every run on the same resamples (so they can be compared
 * pairwise). Units are drawn stratified by label — as many anomalies and
 * normal units as the data has — so that every resample can be judged.
 */
export function bootstrapRankMetrics(runs: ArrayLike<number>[], labels: ArrayLike<number>, options: BootstrapOptions = {}): BootstrapResult {
  const resamples = options.resamples ?? 1000;
  if (!(Number.isInteger(resamples) && resamples >= 10)) throw new RangeError(`resamples: ${resamples} is not a whole number ≥ 10`);
  const n = labels.length;
  const anomalies: number[] = [];
  const normal: number[] = [];
  for (let i = 0; i < n; i++) (labels[i] === 1 ? anomalies : normal).push(i);
  if (anomalies.length === 0 || normal.length === 0) throw new RangeError('bootstrap intervals need both anomalous and normal units');
  const sorted = runs.map((s) => sortRun(s));
  const samples = runs.map(() => ({ rocAuc: new Float64Array(resamples), prAuc: new Float64Array(resamples) }));
  const random = createRandom(options.seed ?? 0);
  const weight = new Float64Array(n);
  for (let r = 0; r < resamples; r++) {
    weight.fill(0);
    for (let k = 0; k < anomalies.length; k++) weight[anomalies[random.int(anomalies.length)]]++;
    for (let k = 0; k < normal.length; k++) weight[normal[random.int(normal.length)]]++;
    sorted.forEach((run, j) => {
      const m = weightedRankMetrics(run, labels, weight)!;
      samples[j].rocAuc[r] = m.rocAuc;
      samples[j].prAuc[r] = m.prAuc;
    });
  }
  return { samples, ci: samples.map((s) => ({ rocAuc: percentileInterval(s.rocAuc), prAuc: percentileInterval(s.prAuc) })) };
}

/** The 2.5 % and 97.5 % percentiles (linear interpolation, as numpy's default). */
export function percentileInterval(values: Float64Array): Interval {
  const s = Float64Array.from(values).sort();
  const at = (q: number) => {
    const x = q * (s.length - 1);
    const lo = Math.floor(x);
    return lo + 1 < s.length ? s[lo] + (s[lo + 1] - s[lo]) * (x - lo) : s[lo];
  };
  return [at(0.025), at(0.975)];
}

/** How two runs compare on the same resamples. */
export interface PairedComparison {
  /** 95 % interval of (a − b). */
  difference: Interval;
  /** Share of resamples where a is not better than b: a one-sided bootstrap p-value. */
  pValue: number;
  /** Whether a is better than b at 95 %: the interval of the difference lies above 0. */
  significant: boolean;
}

/** Compares run a with run b on one metric's resampled values (the same resamples). */
export function pairedComparison(a: Float64Array, b: Float64Array): PairedComparison {
  const diff = new Float64Array(a.length);
  let notBetter = 0;
  for (let r = 0; r < a.length; r++) {
    diff[r] = a[r] - b[r];
    if (diff[r] <= 0) notBetter++;
  }
  const difference = percentileInterval(diff);
  return { difference, pValue: notBetter / a.length, significant: difference[0] > 0 };
}

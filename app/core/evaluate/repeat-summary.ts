import type { Metrics } from './summarize-metrics.ts';

/** The metrics a repeat over seeds summarises (all in 0..1). */
export const REPEAT_METRICS = ['rocAuc', 'prAuc', 'bestF1', 'precision', 'recall', 'f1'] as const;
export type RepeatMetric = (typeof REPEAT_METRICS)[number];

/** Mean and spread of one number over repeats. */
export interface MeanStd {
  /** Arithmetic mean of the values; null when there are none. */
  mean: number | null;
  /**
   * Sample standard deviation, with n − 1 in the denominator (numpy's
   * `std(ddof=1)`, pandas' default): the spread one would expect of one more
   * seed, not of these n alone. Null with fewer than two values.
   */
  std: number | null;
  /** How many values there were (nulls are not counted). */
  n: number;
}

/**
 * Mean and sample standard deviation (n − 1) of numbers; null entries — a
 * metric not measurable on a run — are left out.
 * Two passes (mean, then squared deviations) keep it exact enough for values
 * that differ only in late digits, as AUCs over seeds do.
 */
export function meanStd(values: readonly (number | null)[]): MeanStd {
  const xs = values.filter((v): v is number => v !== null && !Number.isNaN(v));
  const n = xs.length;
  if (n === 0) return { mean: null, std: null, n };
  const mean = xs.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { mean, std: null, n };
  const ss = xs.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { mean, std: Math.sqrt(ss / (n - 1)), n };
}

/**
 * Per metric, mean ± sample std over runs of one detector that differ only in
 * their seed.
 * @param runs the metrics of each repeat
 */
export function repeatSummary(runs: readonly Metrics[]): Record<RepeatMetric, MeanStd> {
  return Object.fromEntries(REPEAT_METRICS.map((k) => [k, meanStd(runs.map((m) => m[k]))])) as Record<RepeatMetric, MeanStd>;
}

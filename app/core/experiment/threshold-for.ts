import { flaggingNotes, pickThresholdWithNotes, type PickThresholdOptions, type ThresholdMethodSpec, type ThresholdNote } from '../evaluate/threshold-methods.ts';
import { sortScores, thresholdForContamination, unitsAsked } from '../evaluate/contamination-threshold.ts';
import type { FeatureUnits } from '../features/feature-units.ts';
import { isWholeSplit, type Split } from '../features/split.ts';
import { DEFAULT_CONTAMINATION, type ThresholdSpec } from './spec.ts';

/** What a threshold method may need besides the scores: see `PickThresholdOptions` (labels, times, sorted, ranking). */
export type ThresholdContext = PickThresholdOptions;

/**
 * Whether the spec's threshold applies to a run. It always applies to its own
 * run (`threshold.run`). Every method but `score` also applies to every other
 * run, since a share, a percentile, an alert budget, a false-positive rate or
 * "the best F1" means the same for any detector; a score value is in one
 * detector's units only.
 */
export function thresholdAppliesTo(threshold: ThresholdSpec | undefined, runId: string): threshold is ThresholdSpec {
  return !!threshold && (threshold.run === runId || threshold.method !== 'score');
}

/**
 * The score threshold of a run (score units; `score >= threshold` is flagged),
 * as `law run`, `law score` and the page compute it. The spec's threshold
 * where it applies ({@link thresholdAppliesTo}), else the top 5 %
 * (`DEFAULT_CONTAMINATION`). May be +Infinity (flags nothing) for
 * `alert-budget` and `fpr`, see `pickThreshold`.
 *
 * @param scores the run's scores on the judged units (score units)
 * @param context per judged unit: labels (`best-f1`, `fpr`) and times in ms
 *   since the epoch (`alert-budget`, see {@link judgedTimes}); sorted scores
 *   or a ranking when the caller keeps them
 * @throws FieldError naming `threshold.method` (or `threshold.value`) when the
 *   data cannot serve the method: no labels for `best-f1`/`fpr`, no
 *   timestamps for `alert-budget`
 */
export function thresholdFor(scores: ArrayLike<number>, runId: string, threshold: ThresholdSpec | undefined, context: ThresholdContext = {}): number {
  return thresholdWithNotes(scores, runId, threshold, context).threshold;
}

/**
 * {@link thresholdFor} and what the user should know about it (see
 * `thresholdNotes`: a tie left out at the cut, a budget above the units,
 * nothing or everything flagged), for the page and `law`'s stderr.
 * Arguments and errors as {@link thresholdFor}.
 */
export function thresholdWithNotes(
  scores: ArrayLike<number>,
  runId: string,
  threshold: ThresholdSpec | undefined,
  context: ThresholdContext = {},
): { threshold: number; notes: ThresholdNote[] } {
  if (!thresholdAppliesTo(threshold, runId)) {
    const sorted = context.sorted ?? sortScores(scores);
    const t = thresholdForContamination(scores, DEFAULT_CONTAMINATION, sorted);
    return { threshold: t, notes: flaggingNotes(sorted, t, unitsAsked(sorted.length, 100 * (1 - DEFAULT_CONTAMINATION))) };
  }
  // pickThreshold's errors are FieldErrors naming the threshold's field already.
  return pickThresholdWithNotes(scores, methodSpec(threshold), context);
}

/** The spec's threshold in `pickThreshold`'s terms (no run; only the fields the method uses). */
export function methodSpec(threshold: Omit<ThresholdSpec, 'run'>): ThresholdMethodSpec {
  const { method } = threshold;
  const value = threshold.value as number;
  if (method === 'best-f1') return { method };
  if (method === 'alert-budget') return { method, value, per: threshold.per ?? 'hour' };
  return { method, value };
}

/**
 * The time of each judged unit (ms since the epoch, NaN where unknown), for
 * an `alert-budget` threshold: the rows' timestamps for line and row units,
 * a session's first timestamp or a window's start for sessions and windows.
 * Returns `rowTimes` itself when nothing needs picking (no copy).
 *
 * @param units the sessions or windows, or null when units are rows
 * @param rowTimes per row, ms since the epoch
 * @param split which units are judged
 */
export function judgedTimes(units: Pick<FeatureUnits, 'time'> | null, rowTimes: Float64Array, split: Split): Float64Array {
  const times = units ? units.time : rowTimes;
  return isWholeSplit(split) ? times : Float64Array.from(split.test, (i) => times[i]);
}

/**
 * A run judged: its scores on the judged units, the threshold its spec asks
 * for, and the metrics at that threshold. One function for every place that
 * turns scores into metrics — `law run` (and so `law fit`, `law score`'s
 * retraining and `law watch`'s retrainer, which report through it), the
 * page's runs table and threshold cell, its sweeps, and the detector worker
 * that sorts and ranks a run before the page sees it — so that the page and
 * the command line cannot disagree about a number.
 *
 * The steps: scores → judged scores (the split's judged part) → sorted and
 * ranked against what is judged → the threshold (`thresholdWithNotes`) →
 * metrics (`judgingMetrics`). The sorted scores and the ranking are the
 * costly steps (a sort of every judged unit each); a caller that keeps them
 * (the page, while a slider moves) passes them in `cache`.
 */
import { rankByScore, sortScores, type Metrics, type Ranking } from '../evaluate/index.ts';
import { judgingMetrics, judgingScores, type Judging } from '../evaluate/review-marks.ts';
import type { ThresholdNote } from '../evaluate/threshold-methods.ts';
import { isWholeSplit, type Split } from '../features/split.ts';
import type { ThresholdSpec } from './spec.ts';
import { thresholdWithNotes, type ThresholdContext } from './threshold-for.ts';

/** What judging needs of prepared data, whichever side holds it (core's `Prepared`, the page's view). */
export interface JudgeBasis {
  /** Which units are judged (`split.test`). */
  split: Split;
  /** The labels judged by (with review marks over them); null: nothing to judge. */
  judging: Judging | null;
  /** The judged units' times (ms since the epoch); asked for only by an alert budget. */
  times?: () => Float64Array | null;
}

/** The orders of a run's judged scores, kept by a caller so that a new threshold costs no sort. */
export interface JudgeCache {
  /** The run's scores on the judged units. */
  judged?: Float64Array;
  /** `judged` sorted ascending. */
  sorted?: Float64Array;
  /** `rankByScore` of the judged positions against `judging.labels`. */
  ranking?: Ranking;
}

export interface JudgeOptions {
  /**
   * When the data cannot serve the threshold's method (best F1 without
   * labels, an alert budget without timestamps): false (default) throws the
   * `FieldError`, as `law run` must; true flags the top 5 % instead and says
   * why in `error`, as the page does while the person picks another method.
   */
  fallBack?: boolean;
}

export interface JudgedRun {
  judged: Float64Array;
  /** Sorted judged scores, when a method or the cache had them. */
  sorted?: Float64Array;
  ranking?: Ranking;
  /** Score units; `score >= threshold` is flagged (+Infinity flags nothing). */
  threshold: number;
  notes: ThresholdNote[];
  metrics: Metrics;
  /** With `fallBack`: why the spec's method could not be used; null when it was. */
  error: string | null;
}

/** Judges one run; see the module comment. */
export function judgeRun(
  scores: Float64Array,
  runId: string,
  threshold: ThresholdSpec | undefined,
  basis: JudgeBasis,
  cache: JudgeCache = {},
  options: JudgeOptions = {},
): JudgedRun {
  const judged = cache.judged ?? judgedScores(basis, scores);
  const ranking = cache.ranking ?? rankJudged(judged, basis.judging);
  const sorted = cache.sorted;
  const context = { ...basis, sorted };
  let picked: { threshold: number; notes: ThresholdNote[] };
  let error: string | null = null;
  try {
    picked = pickOn(judged, runId, threshold, context, ranking);
  } catch (e) {
    if (!options.fallBack) throw e;
    error = (e as Error).message;
    picked = thresholdWithNotes(judged, runId, undefined, { sorted });
  }
  const metrics = judgingMetrics(judged, basis.judging, picked.threshold, ranking);
  return { judged, sorted, ranking, threshold: picked.threshold, notes: picked.notes, metrics, error };
}

/** A run's judged scores sorted, and ranked against the judging (null without one): what the detector worker hands the page. */
export function judgeOrders(scores: Float64Array, basis: Pick<JudgeBasis, 'split' | 'judging'>): { sorted: Float64Array; ranking: Ranking | null } {
  const judged = judgedScores(basis, scores);
  return { sorted: sortScores(judged), ranking: rankJudged(judged, basis.judging) ?? null };
}

/**
 * The scores and context a threshold is picked from, as `thresholdFor`
 * takes them. The label methods (best-f1, fpr) look at the judged units that
 * have a label — all of them unless only review marks label the data — and
 * the others at every judged unit.
 */
export function thresholdInputs(
  judged: Float64Array,
  threshold: Pick<ThresholdSpec, 'method'> | undefined,
  basis: Pick<JudgeBasis, 'judging' | 'times'> & { sorted?: Float64Array },
  ranking: Ranking | undefined,
): { scores: Float64Array; context: ThresholdContext } {
  const { judging } = basis;
  const times = threshold?.method === 'alert-budget' ? (basis.times?.() ?? null) : null;
  const subset = (threshold?.method === 'best-f1' || threshold?.method === 'fpr') && judging?.positions;
  return {
    scores: subset ? judgingScores(judged, judging) : judged,
    context: { sorted: subset ? undefined : basis.sorted, ranking, labels: judging?.labels ?? null, times },
  };
}

function pickOn(
  judged: Float64Array,
  runId: string,
  threshold: ThresholdSpec | undefined,
  basis: JudgeBasis & { sorted?: Float64Array },
  ranking: Ranking | undefined,
): { threshold: number; notes: ThresholdNote[] } {
  const { scores, context } = thresholdInputs(judged, threshold, basis, ranking);
  return thresholdWithNotes(scores, runId, threshold, context);
}

/** The judged scores ranked against what `judging` judges (undefined without one). */
export function rankJudged(judged: Float64Array, judging: Judging | null): Ranking | undefined {
  return judging ? rankByScore(judgingScores(judged, judging), judging.labels) : undefined;
}

/** A run's scores on the judged part of the split (all units with `all`). */
export function judgedScores(prepared: { split: Split }, scores: Float64Array): Float64Array {
  return isWholeSplit(prepared.split) ? scores : Float64Array.from(prepared.split.test, (i) => scores[i]);
}

/** The labels of the judged part of the split, or null without labels. */
export function judgedLabels(prepared: { split: Split; labels: Int8Array | null }): Int8Array | null {
  const { labels, split } = prepared;
  if (!labels) return null;
  return isWholeSplit(split) ? labels : Int8Array.from(split.test, (i) => labels[i]);
}

/** Every judged unit judged against the data's labels (no review marks): what `law run` judges by. */
export function labelJudging(prepared: { split: Split; labels: Int8Array | null }): Judging | null {
  const labels = judgedLabels(prepared);
  return labels ? { positions: null, labels } : null;
}

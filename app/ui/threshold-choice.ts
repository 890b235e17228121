// The threshold cell's logic: the setting it edits, how it becomes the spec's
// `threshold`, and what the cell says about it (the thresholds themselves are
// `judgeRun`'s, as in `law run`). Plain functions, so the notebook only wires them up.
import { ALERT_PERIOD_MS, explainThreshold, thresholdNotes, type AlertPeriod, type Ranking } from '../core/evaluate/index.ts';
import type { Judging } from '../core/evaluate/review-marks.ts';
import { thresholdInputs } from '../core/experiment/judge-run.ts';
import { methodSpec } from '../core/experiment/threshold-for.ts';
import type { ThresholdMethod, ThresholdSpec } from '../core/experiment/spec.ts';

/**
 * The threshold as the cell edits it: the spec's `threshold`, except that
 * `value` is always kept (best-f1 ignores it) so that switching methods
 * back and forth has a number to start from.
 */
export interface ThresholdSetting {
  run: string;
  method: ThresholdMethod;
  value: number;
  /** The alert budget's period; kept when another method is picked. */
  per?: AlertPeriod;
}

/** The menu of the cell, in `THRESHOLD_METHODS` order. */
export const METHOD_LABELS: Readonly<Record<ThresholdMethod, string>> = {
  contamination: 'contamination (share flagged)',
  score: 'score',
  percentile: 'percentile of the scores',
  'best-f1': 'best F1 (labelled)',
  'alert-budget': 'alert budget',
  fpr: 'false-positive rate (labelled)',
};

/** Slider bounds of the methods that have one (score: the run's range, set by the cell). */
export const SLIDERS = {
  contamination: { min: 0, max: 0.5, step: 0.001 },
  percentile: { min: 50, max: 100, step: 0.1 },
  fpr: { min: 0, max: 0.2, step: 0.001 },
} as const;

/** The spec's `threshold` for a setting: only the fields its method uses. */
export function specThreshold(t: ThresholdSetting): ThresholdSpec {
  const { run, method, value } = t;
  if (method === 'best-f1') return { run, method };
  if (method === 'alert-budget') return { run, method, value, per: t.per ?? 'hour' };
  return { run, method, value };
}

/** The setting for a spec's `threshold` (none: `fallback` on `run`). */
export function thresholdSetting(spec: ThresholdSpec | undefined, fallback: ThresholdSetting, run: string): ThresholdSetting {
  if (!spec) return { ...fallback, run };
  return { ...spec, value: spec.value ?? fallback.value };
}

/** What the threshold cell's explanation needs from the notebook (judged units only). */
export interface ExplanationInputs {
  /** Per run id, its judged scores sorted. */
  sorted: Record<string, Float64Array>;
  /** Per run id, `rankByScore` over what `judging` judges. */
  rankings: Record<string, Ranking>;
  /** Labels and review marks: what is judged (null: nothing). */
  judging: Judging | null;
  /** The judged units' times (ms since the epoch); asked for only by an alert budget. */
  times: () => Float64Array | null;
}

/**
 * The cell's line about the shown run's threshold (see `explainThreshold`)
 * and its notes (see `thresholdNotes`: ties left out at the cut, a budget
 * above the units, nothing or everything flagged), or null when there is
 * nothing to say.
 */
export function thresholdExplanation(
  t: ThresholdSetting,
  judged: Float64Array | undefined,
  inputs: ExplanationInputs,
): { line: string; notes: string[] } | null {
  if (!judged || judged.length === 0) return null;
  const spec = specThreshold(t);
  const { scores, context } = thresholdInputs(judged, spec, { ...inputs, sorted: inputs.sorted[t.run] }, inputs.rankings[t.run]);
  try {
    return { line: explainThreshold(scores, methodSpec(spec), context), notes: thresholdNotes(scores, methodSpec(spec), context).map((n) => n.text) };
  } catch {
    return null; // the notebook's judgeRun reports the problem
  }
}

/** Where the threshold is now, for carrying it over to another method. */
export interface ThresholdNow {
  /** The shown run's threshold (score units). */
  threshold: number | null;
  /** Judged units flagged, and judged units in all. */
  flagged: number;
  units: number;
  /** False-positive rate now (0..1), null without labels. */
  fpr: number | null;
  /** The judged units' time span (ms), null without timestamps. */
  spanMs: number | null;
  /** The shown run's score range, for a score threshold with nothing to carry over. */
  hi: number;
}

/**
 * The setting after picking another method, flagging about what is flagged
 * now: the same share, score, percentile, rate or alerts per period
 * (clamped to the new method's slider).
 */
export function switchMethod(t: ThresholdSetting, method: ThresholdMethod, now: ThresholdNow): ThresholdSetting {
  const share = now.units > 0 ? now.flagged / now.units : 0.05;
  const clamp = (v: number, r: { min: number; max: number }) => Math.min(r.max, Math.max(r.min, v));
  const base = { run: t.run, method, per: t.per };
  switch (method) {
    case 'contamination':
      return { ...base, value: round(clamp(share, SLIDERS.contamination), 3) };
    case 'score':
      return { ...base, value: now.threshold !== null && Number.isFinite(now.threshold) ? now.threshold : now.hi };
    case 'percentile':
      return { ...base, value: round(clamp(100 * (1 - share), SLIDERS.percentile), 1) };
    case 'fpr':
      return { ...base, value: now.fpr === null ? 0.01 : round(clamp(now.fpr, SLIDERS.fpr), 3) };
    case 'alert-budget': {
      const per = t.per ?? 'hour';
      const periods = Math.max(1, (now.spanMs ?? 0) / ALERT_PERIOD_MS[per]);
      return { ...base, per, value: Math.max(1, Math.round(now.flagged / periods)) };
    }
    case 'best-f1':
      return { ...base, value: t.value };
  }
}

/** The span of the finite times (ms), or null when none is finite. */
export function timeSpan(times: ArrayLike<number> | null): number | null {
  if (!times) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (Number.isFinite(t)) {
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
  }
  return lo <= hi ? hi - lo : null;
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));

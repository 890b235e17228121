/**
 * Ways to choose an operating threshold, resolved to a score value. Every
 * method ends in the same rule: a unit is flagged when `score >= threshold`.
 */
import { FieldError } from '../field-error.ts';
import { bestF1FromRanking } from './best-f1.ts';
import { sortScores, thresholdForContamination, thresholdForPercentile, unitsAsked } from './contamination-threshold.ts';
import { rankByScore, type Ranking } from './rank-by-score.ts';
import { flaggedAt, thresholdForCount, tieAtCut } from './threshold-for-count.ts';

/** The threshold methods, in the order a menu shows them. */
export const THRESHOLD_METHODS = ['contamination', 'score', 'percentile', 'best-f1', 'alert-budget', 'fpr'] as const;

/** One of {@link THRESHOLD_METHODS}. */
export type ThresholdMethodName = (typeof THRESHOLD_METHODS)[number];

/** The period of an alert budget. */
export type AlertPeriod = 'hour' | 'day';

/** Length of each {@link AlertPeriod} (ms). */
export const ALERT_PERIOD_MS: Readonly<Record<AlertPeriod, number>> = { hour: 3_600_000, day: 86_400_000 };

/**
 * A threshold as the user states it:
 * - `contamination`: `value` is the share of units to flag (0..1);
 * - `score`: `value` is the threshold itself (score units);
 * - `percentile`: `value` is p (percent, 0..100); the threshold is numpy's linear `percentile(scores, p)`;
 * - `best-f1`: the threshold of the best F1 on the labels;
 * - `alert-budget`: at most `value` alerts (count) per `per` over the data's time span;
 * - `fpr`: `value` is the highest acceptable false-positive rate on the labels (0..1).
 */
export type ThresholdMethodSpec =
  | { method: 'contamination'; value: number }
  | { method: 'score'; value: number }
  | { method: 'percentile'; value: number }
  | { method: 'best-f1' }
  | { method: 'alert-budget'; value: number; per: AlertPeriod }
  | { method: 'fpr'; value: number };

/** What some methods need besides the scores. */
export interface PickThresholdOptions {
  /** Per unit, 1 = anomalous, 0 = normal; required by `best-f1` and `fpr`. */
  labels?: ArrayLike<number> | null;
  /** Per unit, time in ms since the epoch (NaN where unknown); required by `alert-budget`. */
  times?: ArrayLike<number> | null;
  /** The scores sorted ascending, when the caller keeps them (saves a sort). */
  sorted?: Float64Array;
  /** `rankByScore(scores, labels)`, when the caller keeps it (saves a sort for `best-f1` and `fpr`). */
  ranking?: Ranking;
}

/** A resolved threshold and what the explanation needs to say about it. */
interface Resolved {
  threshold: number;
  flagged: number;
  /** Units the method asks for at most (count): contamination, percentile and alert budget; else undefined. */
  asked?: number;
  /** Method-specific clause for {@link explainThreshold}. */
  detail: string;
}

/**
 * Resolves a threshold spec to a score value; flag units with `score >= threshold`.
 *
 * `contamination` and `percentile`: numpy's linear percentile, held to the
 * units it asks for when scores tie at the cut (the tie rule of
 * `threshold-for-count.ts`: the tied block is left unflagged, so a 5 %
 * threshold never flags more than 5 % of the units).
 *
 * `alert-budget`: the span is max − min of the finite `times` (ms), counted as
 * at least one period; `allowed = floor(value × span / period)` units may be
 * flagged. The threshold is the allowed-th highest score, raised to the next
 * higher distinct score when the following unit ties with it (so ties never
 * push the count over the budget, and fewer may be flagged). It is always one
 * of the scores, or +Infinity (flags nothing) when even the top score is tied
 * beyond the budget or `allowed` is 0.
 *
 * `fpr`: the lowest distinct score whose false-positive rate (normal units
 * flagged / normal units) is at most `value`; +Infinity when even the top
 * score exceeds it.
 *
 * @param scores one score per unit (score units), higher = more anomalous
 * @param spec the method and its value(s)
 * @param options labels, times or pre-sorted scores, as the method needs
 * @returns the threshold (score units); may be +Infinity as described above
 * @throws FieldError naming the field (`threshold.method`, `threshold.value`,
 *   `threshold.per`, or `threshold` itself) on an invalid spec, missing labels
 *   or times, a length mismatch, a NaN score, or no scores
 */
export function pickThreshold(scores: ArrayLike<number>, spec: ThresholdMethodSpec, options: PickThresholdOptions = {}): number {
  return resolve(scores, spec, options).threshold;
}

/**
 * {@link pickThreshold} and {@link thresholdNotes} at once, resolving the
 * method one time. Arguments and errors as {@link pickThreshold}.
 */
export function pickThresholdWithNotes(scores: ArrayLike<number>, spec: ThresholdMethodSpec, options: PickThresholdOptions = {}): { threshold: number; notes: ThresholdNote[] } {
  const sorted = options.sorted ?? (scores.length ? sortScores(scores) : undefined);
  const r = resolve(scores, spec, { ...options, sorted });
  return { threshold: r.threshold, notes: flaggingNotes(sorted!, r.threshold, r.asked) };
}

/**
 * A one-line explanation of a threshold spec on these scores, for the page
 * and the CLI, e.g. "at most 10 alerts per hour over 6.2 h: 62 alerts
 * allowed, 58 flagged (ties)". Arguments and errors as {@link pickThreshold}.
 */
export function explainThreshold(scores: ArrayLike<number>, spec: ThresholdMethodSpec, options: PickThresholdOptions = {}): string {
  const r = resolve(scores, spec, options);
  return spec.method === 'alert-budget' ? r.detail : `${r.detail}: score ≥ ${fmt(r.threshold)}, ${r.flagged} of ${scores.length} flagged`;
}

/** Kinds of {@link ThresholdNote}. */
export type ThresholdNoteKind = 'tie' | 'budget-above-units' | 'none-flagged' | 'all-flagged';

/**
 * Something a threshold did that the user should know, in words.
 * `material` is false only for a tie that cost less than
 * {@link MATERIAL_SHORTFALL} of the units asked for: the page shows every
 * note, `law` prints the material ones on stderr (all are in `--format json`).
 */
export interface ThresholdNote {
  kind: ThresholdNoteKind;
  text: string;
  material: boolean;
}

/** Share of the asked-for units (0–1) a tie must leave unflagged before `law` warns about it on stderr. */
export const MATERIAL_SHORTFALL = 0.1;

/**
 * What the user should know about a threshold beyond its line, for the
 * page's threshold cell and `law`'s stderr (empty when nothing is odd):
 * - units tied at the cut that the tie rule left out (see
 *   `threshold-for-count.ts`), with the share actually flagged;
 * - an alert budget that allows more alerts than there are units;
 * - a threshold that flags no unit, or every unit.
 * Arguments and errors as {@link pickThreshold}.
 */
export function thresholdNotes(scores: ArrayLike<number>, spec: ThresholdMethodSpec, options: PickThresholdOptions = {}): ThresholdNote[] {
  return pickThresholdWithNotes(scores, spec, options).notes;
}

/**
 * {@link thresholdNotes} for a threshold already resolved.
 * @param sorted the scores sorted ascending (score units)
 * @param threshold the threshold applied (score units)
 * @param asked the most units the method asked for (count), when it asks for a count
 */
export function flaggingNotes(sorted: ArrayLike<number>, threshold: number, asked?: number): ThresholdNote[] {
  const n = sorted.length;
  if (n === 0) return [];
  const flagged = flaggedAt(sorted, threshold);
  const notes: ThresholdNote[] = [];
  const tie = asked === undefined ? null : tieAtCut(sorted, threshold, asked);
  if (tie) {
    notes.push({
      kind: 'tie',
      text: `${count(tie.units)} units tie at the cut (score ${fmt(tie.score)}); flagging them would exceed the ${count(asked!)} asked for, so none of them is flagged: ${count(flagged)} of ${count(n)} flagged (${share(flagged, n)})`,
      material: flagged < (1 - MATERIAL_SHORTFALL) * Math.min(asked!, n),
    });
  }
  if (asked !== undefined && asked > n) {
    notes.push({ kind: 'budget-above-units', text: `the method allows ${count(asked)} units and there are only ${count(n)}: every unit is flagged`, material: true });
  } else if (flagged === n) notes.push({ kind: 'all-flagged', text: `every unit is flagged (${count(n)} of ${count(n)})`, material: true });
  if (flagged === 0) notes.push({ kind: 'none-flagged', text: `no unit is flagged (0 of ${count(n)})`, material: true });
  return notes;
}

function resolve(scores: ArrayLike<number>, spec: ThresholdMethodSpec, options: PickThresholdOptions): Resolved {
  const method = spec?.method;
  if (!(THRESHOLD_METHODS as readonly string[]).includes(method)) {
    throw new FieldError('threshold.method', `${JSON.stringify(method)} is not known (known: ${THRESHOLD_METHODS.join(', ')})`);
  }
  // Specs arrive from JSON, so the value's type is checked here, not trusted.
  const value: unknown = 'value' in spec ? spec.value : undefined;
  if (spec.method === 'score') {
    if (typeof value !== 'number' || Number.isNaN(value)) throw new FieldError('threshold.value', `${value} is not a score`);
    return { threshold: value, flagged: countAtLeast(scores, value), detail: 'fixed threshold' };
  }
  if (scores.length === 0) throw new FieldError('threshold', `cannot apply method ${method} without scores`);
  const sorted = options.sorted ?? sortScores(scores);
  const done = (threshold: number, detail: string, asked?: number): Resolved => ({ threshold, flagged: flaggedAt(sorted, threshold), detail, asked });
  switch (spec.method) {
    case 'contamination':
      if (!inRange(value, 0, 1)) throw new FieldError('threshold.value', `${value} is not a share between 0 and 1`);
      return done(thresholdForContamination(scores, value, sorted), `contamination ${fmt(value)}`, unitsAsked(sorted.length, 100 * (1 - value)));
    case 'percentile':
      if (!inRange(value, 0, 100)) throw new FieldError('threshold.value', `${value} is not a percentile between 0 and 100`);
      return done(thresholdForPercentile(sorted, value), `percentile ${fmt(value)}`, unitsAsked(sorted.length, value));
    case 'best-f1': {
      const best = bestF1FromRanking(ranked(scores, options, method));
      if (best === null) throw new FieldError('threshold.method', 'best-f1 needs labels with both anomalous and normal units');
      return done(best.threshold, `best F1 ${fmt(best.f1)} on the labels`);
    }
    case 'fpr':
      if (!inRange(value, 0, 1)) throw new FieldError('threshold.value', `${value} is not a false-positive rate between 0 and 1`);
      return done(thresholdForFpr(ranked(scores, options, method), value), `false-positive rate ≤ ${fmt(value)}`);
    case 'alert-budget':
      if (!inRange(value, 0, Number.MAX_VALUE)) throw new FieldError('threshold.value', `${value} is not a number of alerts (0 or more)`);
      return alertBudget(sorted, value, spec.per, options.times);
  }
}

function alertBudget(sorted: Float64Array, value: number, per: AlertPeriod, times: ArrayLike<number> | null | undefined): Resolved {
  if (per !== 'hour' && per !== 'day') throw new FieldError('threshold.per', `${JSON.stringify(per)} is not known (known: hour, day)`);
  const n = sorted.length;
  if (!times) throw new FieldError('threshold.method', 'alert-budget needs timestamps, and none were given');
  if (times.length !== n) throw new FieldError('threshold', `${n} scores but ${times.length} timestamps`);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (Number.isFinite(t)) {
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
  }
  if (lo > hi) throw new FieldError('threshold.method', 'alert-budget needs timestamps, and no unit has one');
  const period = ALERT_PERIOD_MS[per];
  // A burst inside a few minutes still gets one period's budget, not a fraction of an alert.
  const span = Math.max(hi - lo, period);
  const allowed = Math.floor((value * span) / period);
  const threshold = thresholdForCount(sorted, allowed);
  const flagged = flaggedAt(sorted, threshold);
  // Below the budget with units left unflagged can only come from a tie at the cut.
  const why = flagged < allowed && flagged < n ? ' (ties)' : '';
  const unit = per === 'hour' ? 'h' : 'd';
  const over = hi - lo < period ? `${fmt((hi - lo) / period)} ${unit} (counted as 1 ${per})` : `${fmt(span / period)} ${unit}`;
  const detail = `at most ${fmt(value)} alerts per ${per} over ${over}: ${allowed} alerts allowed, ${flagged} flagged${why}`;
  return { threshold, flagged, detail, asked: allowed };
}

/** The lowest distinct score whose FPR is at most `target`, or +Infinity. */
function thresholdForFpr(ranking: Ranking, target: number): number {
  const { thresholds, fps, negatives } = ranking;
  if (negatives === 0) throw new FieldError('threshold.method', 'fpr needs labels with normal units, and all units are anomalous');
  // fps grows as the threshold falls, so the last index within target is the lowest threshold.
  let threshold = Infinity;
  for (let k = 0; k < thresholds.length && fps[k] / negatives <= target; k++) threshold = thresholds[k];
  return threshold;
}

/** The caller's ranking, or one made from the labels (which must be there). */
function ranked(scores: ArrayLike<number>, options: PickThresholdOptions, method: string): Ranking {
  const labels = needLabels(scores, options.labels, method);
  return options.ranking ?? rankByScore(scores, labels);
}

function needLabels(scores: ArrayLike<number>, labels: ArrayLike<number> | null | undefined, method: string): ArrayLike<number> {
  if (!labels) throw new FieldError('threshold.method', `${method} needs labels, and this data has none`);
  if (labels.length !== scores.length) throw new FieldError('threshold', `${scores.length} scores but ${labels.length} labels`);
  return labels;
}

function countAtLeast(scores: ArrayLike<number>, threshold: number): number {
  let c = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] >= threshold) c++;
  return c;
}

const inRange = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && v >= lo && v <= hi;

/** Short number for messages: 4 significant digits (whole numbers from 10 000 up), no trailing zeros. */
function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1e4 ? x.toFixed(0) : String(Number(x.toPrecision(4)));
}

/** A count with thousands separators: 7,940. */
const count = (k: number) => k.toLocaleString('en-US');

/** A share in percent with one decimal: 4.9 %. */
const share = (k: number, n: number) => `${((100 * k) / n).toFixed(1)} %`;

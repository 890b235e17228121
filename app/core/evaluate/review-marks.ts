/**
 * Review marks as labels. A person's marks ("anomalous" / "normal" on a unit)
 * feed the metrics the same way labels do, by one rule:
 *
 * - the data has labels: a mark replaces the label of its unit, and every
 *   judged unit is judged as before;
 * - the data has no labels: only the marked units in the judged part are
 *   judged, with their marks as labels. A threshold that needs no labels is
 *   still picked on all judged units (a contamination share is a share of
 *   all of them); the metrics then say how it does on the reviewed units.
 *
 * Marks may also add units to the training baseline: units marked normal join
 * the training part of a time or ratio split (`baselineWithMarks`).
 */
import { indexOfSorted } from '../bisect.ts';
import { isWholeSplit, type Split } from '../features/split.ts';
import type { Ranking } from './rank-by-score.ts';
import { summarizeMetrics, type Metrics } from './summarize-metrics.ts';

/** One person's verdict on one unit. */
export interface ReviewMark {
  /** 0-based unit index (row, session or window), over all units. */
  unit: number;
  /** 1 = anomalous, 0 = normal. */
  label: 0 | 1;
}

/** What the metrics judge once marks count as labels. */
export interface Judging {
  /**
   * Positions among the judged units (the split's `test` order) that are
   * judged, ascending; null = all of them.
   */
  positions: Int32Array | null;
  /** One label per judged position: 1 anomalous, 0 normal. */
  labels: Int8Array;
}

/** Labels and judging with marks applied; see the module comment for the rule. */
export interface MarkedLabels {
  /** Per unit, the data's labels with the marks over them; null when the data has no labels. */
  labels: Int8Array | null;
  /** What metrics judge; null when there is nothing to judge (no labels, no marked judged unit). */
  judging: Judging | null;
}

function checkMarks(marks: readonly ReviewMark[], units: number): void {
  for (const m of marks) {
    if (!(Number.isInteger(m.unit) && m.unit >= 0 && m.unit < units)) {
      throw new RangeError(`review mark: unit ${m.unit} is not a unit index (0–${units - 1})`);
    }
    if (m.label !== 0 && m.label !== 1) throw new RangeError(`review mark of unit ${m.unit}: label ${m.label} is not 0 or 1`);
  }
}

/**
 * Applies review marks to the labels and says what the metrics judge.
 *
 * @param units the number of units (rows, sessions or windows)
 * @param split the split the judged part comes from
 * @param labels per unit 1/0, or null when the data has no labels
 * @param marks at most one per unit (a later mark of the same unit wins)
 * @throws RangeError on a unit out of range, a label other than 0/1, or labels of another length
 */
export function marksAsLabels(units: number, split: Split, labels: Int8Array | null, marks: readonly ReviewMark[]): MarkedLabels {
  checkMarks(marks, units);
  if (labels && labels.length !== units) throw new RangeError(`labels: ${labels.length} for ${units} units`);
  const whole = isWholeSplit(split);
  if (labels) {
    // Without marks the labels stay the same object, so what depends on them need not be redone.
    const marked = marks.length ? Int8Array.from(labels) : labels;
    for (const m of marks) marked[m.unit] = m.label;
    const judged = whole ? marked : Int8Array.from(split.test, (u) => marked[u]);
    return { labels: marked, judging: { positions: null, labels: judged } };
  }
  const byPosition = new Map<number, 0 | 1>();
  for (const m of marks) {
    const p = whole ? m.unit : indexOfSorted(split.test, m.unit);
    if (p >= 0) byPosition.set(p, m.label);
  }
  if (byPosition.size === 0) return { labels: null, judging: null };
  const positions = Int32Array.from(byPosition.keys()).sort();
  return { labels: null, judging: { positions, labels: Int8Array.from(positions, (p) => byPosition.get(p)!) } };
}

/**
 * The scores of the judged positions a judging picks.
 * @param scores one score per judged unit (the split's `test` order)
 */
export function judgingScores(scores: Float64Array, judging: Judging | null): Float64Array {
  return judging?.positions ? Float64Array.from(judging.positions, (p) => scores[p]) : scores;
}

/**
 * A run's metrics under a judging: `summarizeMetrics` over the judged
 * positions, except `flagged`, which still counts every judged unit at the
 * threshold, so that judging only the reviewed units does not shrink it.
 *
 * @param scores one score per judged unit (score units)
 * @param judging from `marksAsLabels`; null = no labels
 * @param threshold score threshold (score units); `score >= threshold` is flagged
 * @param ranking `rankByScore` of the judged positions, when the caller has it
 */
export function judgingMetrics(scores: Float64Array, judging: Judging | null, threshold: number, ranking?: Ranking): Metrics {
  const metrics = summarizeMetrics(judgingScores(scores, judging), judging?.labels ?? null, threshold, ranking);
  if (!judging?.positions) return metrics;
  let flagged = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] >= threshold) flagged++;
  return { ...metrics, flagged };
}

/**
 * The training units of a split with the units marked normal added, ascending
 * and without repeats: what detectors re-fit on when the user asks for the
 * normal marks to join the baseline. A whole split (`all`) already trains on
 * every unit, so it is returned as it is.
 */
export function baselineWithMarks(split: Split, marks: readonly ReviewMark[]): Int32Array {
  if (isWholeSplit(split)) return split.train;
  const extra = marks.filter((m) => m.label === 0 && indexOfSorted(split.train, m.unit) < 0).map((m) => m.unit);
  if (extra.length === 0) return split.train;
  const all = Int32Array.from([...split.train, ...extra]).sort();
  return all.filter((u, i) => i === 0 || u !== all[i - 1]);
}

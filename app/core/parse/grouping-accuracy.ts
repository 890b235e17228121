/**
 * Grouping metrics of a log parser: a predicted group is exact when it holds
 * the same lines as one ground-truth group.
 * - GA, grouping accuracy (Zhu et al., "Tools and Benchmarks for Automated
 *   Log Parsing", ICSE-SEIP 2019): the share of lines in exact groups. A
 *   ground-truth group that is split, or merged with any other line, counts
 *   every one of its lines as wrong.
 * - FGA, the F1 of grouping (Jiang et al., "A Large-scale Evaluation for Log
 *   Parsing Techniques: How Far are We?", ISSTA 2024, Loghub-2.0): exact
 *   groups over predicted groups (precision) and over truth groups (recall),
 *   so a rare event grouped wrong weighs as much as a frequent one. As
 *   `get_accuracy` in logpai/loghub-2.0 `benchmark/logparser/utils/evaluator.py`.
 */

type Key = string | number;
/** Marks a truth group whose lines fall in more than one predicted group. */
const SPLIT = Symbol('split');

interface ExactGroups {
  /** Lines in exact groups. */
  lines: number;
  /** Exact groups. */
  groups: number;
  predictedGroups: number;
  truthGroups: number;
}

function exactGroups(name: string, predicted: ArrayLike<Key>, truth: ArrayLike<Key>): ExactGroups {
  const n = predicted.length;
  if (truth.length !== n) throw new Error(`${name}: ${n} predictions but ${truth.length} truth labels`);
  const predictedSize = new Map<Key, number>();
  for (let i = 0; i < n; i++) predictedSize.set(predicted[i], (predictedSize.get(predicted[i]) ?? 0) + 1);
  // Per truth group: its size, and its one predicted group (a marker once two differ).
  const truthSize = new Map<Key, number>();
  const truthPredicted = new Map<Key, Key | typeof SPLIT>();
  for (let i = 0; i < n; i++) {
    const t = truth[i];
    const p = predicted[i];
    const seen = truthPredicted.get(t);
    if (seen === undefined) truthPredicted.set(t, p);
    else if (seen !== p) truthPredicted.set(t, SPLIT);
    truthSize.set(t, (truthSize.get(t) ?? 0) + 1);
  }
  let lines = 0;
  let groups = 0;
  for (const [t, size] of truthSize) {
    const p = truthPredicted.get(t)!;
    if (p !== SPLIT && predictedSize.get(p) === size) {
      lines += size;
      groups++;
    }
  }
  return { lines, groups, predictedGroups: predictedSize.size, truthGroups: truthSize.size };
}

/**
 * @param predicted predicted group (template id or text) per line
 * @param truth ground-truth group (event id or template) per line, same length
 * @returns GA in [0, 1]; 1 for no lines
 */
export function groupingAccuracy(predicted: ArrayLike<Key>, truth: ArrayLike<Key>): number {
  const e = exactGroups('groupingAccuracy', predicted, truth);
  return predicted.length === 0 ? 1 : e.lines / predicted.length;
}

/**
 * @param predicted predicted group (template id or text) per line
 * @param truth ground-truth group (event id or template) per line, same length
 * @returns FGA in [0, 1]: 0 when no group is exact; 1 for no lines
 */
export function groupingF1(predicted: ArrayLike<Key>, truth: ArrayLike<Key>): number {
  const e = exactGroups('groupingF1', predicted, truth);
  if (predicted.length === 0) return 1;
  return f1(e.groups / e.predictedGroups, e.groups / e.truthGroups);
}

/** Harmonic mean of precision and recall; 0 when both are 0. */
export function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

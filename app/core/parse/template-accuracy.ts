/**
 * Template metrics of a log parser (Jiang et al., "A Large-scale Evaluation
 * for Log Parsing Techniques: How Far are We?", ISSTA 2024, Loghub-2.0),
 * on template texts compared exactly; pass texts in one normal form (the
 * truth's corrected templates and the parser's through `normaliseTemplate`).
 * - PA, parsing accuracy: the share of lines whose predicted template is the
 *   truth template (`calculate_parsing_accuracy` in logpai/loghub-2.0
 *   `benchmark/evaluation/utils/PA_calculator.py`).
 * - FTA, the F1 of template accuracy (`evaluate_template_level` in
 *   `benchmark/evaluation/utils/template_level_analysis.py`): the lines are
 *   grouped by predicted template text, and a group is correct when all its
 *   lines have one truth template and that template is the group's text.
 *   Precision is over predicted groups, recall over truth templates. As in
 *   that code, a correct group need not hold every line of its truth
 *   template (the rest, under other texts, are counted wrong instead).
 */
import { f1 } from './grouping-accuracy.ts';

function checkLengths(name: string, predicted: ArrayLike<string>, truth: ArrayLike<string>): void {
  if (truth.length !== predicted.length) throw new Error(`${name}: ${predicted.length} predictions but ${truth.length} truth templates`);
}

/**
 * @param predicted predicted template text per line
 * @param truth truth template text per line, same length
 * @returns PA in [0, 1]; 1 for no lines
 */
export function parsingAccuracy(predicted: ArrayLike<string>, truth: ArrayLike<string>): number {
  checkLengths('parsingAccuracy', predicted, truth);
  const n = predicted.length;
  if (n === 0) return 1;
  let correct = 0;
  for (let i = 0; i < n; i++) if (predicted[i] === truth[i]) correct++;
  return correct / n;
}

/**
 * @param predicted predicted template text per line (lines with one text form one group)
 * @param truth truth template text per line, same length
 * @returns FTA in [0, 1]: 0 when no template is correct; 1 for no lines
 */
export function templateF1(predicted: ArrayLike<string>, truth: ArrayLike<string>): number {
  checkLengths('templateF1', predicted, truth);
  const n = predicted.length;
  if (n === 0) return 1;
  // Per predicted text: its lines' one truth template, or null once two differ.
  const groupTruth = new Map<string, string | null>();
  const truths = new Set<string>();
  for (let i = 0; i < n; i++) {
    truths.add(truth[i]);
    const seen = groupTruth.get(predicted[i]);
    if (seen === undefined) groupTruth.set(predicted[i], truth[i]);
    else if (seen !== truth[i]) groupTruth.set(predicted[i], null);
  }
  let correct = 0;
  for (const [text, t] of groupTruth) if (t === text) correct++;
  return f1(correct / groupTruth.size, correct / truths.size);
}

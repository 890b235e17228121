/**
 * The "rare pattern" baseline: how rare, in the training data, is the exact
 * feature vector of a row? It answers "does a model beat the obvious?" —
 * flagging whatever pattern was seldom seen.
 *
 * Semantics. Rows are compared by their exact values (a row's pattern is its
 * whole feature vector; 0 and −0 are equal). Fitting counts how often each
 * distinct pattern occurs among the n training rows; with K distinct
 * patterns and smoothing α > 0, the Laplace-smoothed probability of a
 * pattern v is
 *
 *     p(v) = (count(v) + α) / (n + α · (K + 1)),
 *
 * where the extra "+1" reserves mass for every pattern not seen in training
 * (count 0), so the probabilities of the K seen patterns and "unseen" sum to
 * 1. The score is −ln p(v) in nats: higher = rarer = more anomalous. Unseen
 * patterns all get the highest score, −ln(α / (n + α(K + 1))); patterns
 * seen equally often tie.
 *
 * What that means for log features:
 * - session rows of event counts: the score is the rarity of the session's
 *   exact count vector ("this combination of templates in these numbers");
 * - line rows with a template-id column (and nothing else): the rarity of
 *   the line's template;
 * - line rows with other columns too (time, length, ...): the rarity of the
 *   whole combination, which for continuous columns makes nearly every row
 *   unique — select the categorical columns first.
 *
 * The model stores each distinct training pattern once with its count, so
 * its size grows with K (at worst the whole training matrix).
 */
import type { Matrix } from '../matrix.ts';
import { checkParamNames, checkFeatureMatrix, type Detector } from './detector.ts';
import { throwIfAborted, type RunOptions } from '../progress.ts';
import { positiveNumber } from './param-checks.ts';
import { eachRow, scoreRows } from './score-rows.ts';
import type { DetectorDeclaration } from './declaration.ts';

export interface RareTemplateParams {
  /** Laplace pseudo-count α added to every pattern's count, > 0. Default 1. */
  smoothing: number;
}

export interface RareTemplateModel {
  type: 'rare-template';
  version: 1;
  params: RareTemplateParams;
  /** Number of columns the model was fitted on. */
  cols: number;
  /** Number of training rows n. */
  rows: number;
  /** The distinct training patterns (K of them), in order of first occurrence. */
  patterns: number[][];
  /** How many training rows had each pattern (parallel to `patterns`). */
  counts: number[];
}

const DEFAULTS: Readonly<RareTemplateParams> = Object.freeze({ smoothing: 1 });

const PARAM_NAMES = Object.keys(DEFAULTS) as (keyof RareTemplateParams)[];

/** Bounds of the parameters: a pseudo-count beyond a million drowns every real count. */
export const RARE_TEMPLATE_LIMITS = Object.freeze({
  smoothing: Object.freeze({ min: 0, max: 1_000_000, exclusiveMin: true }),
});

/** The rare-pattern baseline's parameters, form and docs (see `declaration.ts`). */
export const RARE_TEMPLATE_DECLARATION: DetectorDeclaration<RareTemplateParams> = {
  type: 'rare-template',
  label: 'Rare-pattern baseline',
  summary: 'How rare the row’s exact feature pattern is — the obvious baseline a model should beat.',
  idPrefix: 'rare',
  docs: 'how rare the row\'s exact feature pattern is, the baseline a model has to beat',
  defaults: DEFAULTS,
  params: {
    smoothing: { kind: 'number', label: 'Smoothing', limit: RARE_TEMPLATE_LIMITS.smoothing, input: { step: 0.5 } },
  },
};

function normalize(params: Partial<RareTemplateParams> = {}): RareTemplateParams {
  checkParamNames('rare-template', params, PARAM_NAMES);
  return { smoothing: positiveNumber('smoothing', params.smoothing ?? DEFAULTS.smoothing, RARE_TEMPLATE_LIMITS.smoothing) };
}

/** The key of a row's pattern: its values as they print (exact for doubles; −0 prints as 0). */
function patternKey(values: ArrayLike<number>, off: number, cols: number): string {
  let key = String(values[off]);
  for (let j = 1; j < cols; j++) key += ',' + String(values[off + j]);
  return key;
}

function fit(x: Matrix, params: RareTemplateParams, options: RunOptions = {}): RareTemplateModel {
  const p = normalize(params);
  checkFeatureMatrix(x, 'rare-template');
  const { rows, cols, data } = x;
  if (rows === 0) throw new Error('feature matrix has no rows: rare-template needs at least one row to fit');
  throwIfAborted(options.signal);

  const index = new Map<string, number>();
  const patterns: number[][] = [];
  const counts: number[] = [];
  eachRow(rows, options, (i) => {
    const off = i * cols;
    const key = patternKey(data, off, cols);
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, patterns.length);
      patterns.push(Array.from(data.subarray(off, off + cols), (v) => v + 0)); // + 0: −0 → 0
      counts.push(1);
    } else {
      counts[at]++;
    }
  });
  return { type: 'rare-template', version: 1, params: p, cols, rows, patterns, counts };
}

function score(model: RareTemplateModel, x: Matrix, options: RunOptions = {}): Float64Array {
  if (model === null || typeof model !== 'object' || model.type !== 'rare-template'
      || !Array.isArray(model.patterns) || !Array.isArray(model.counts) || model.patterns.length !== model.counts.length) {
    throw new Error('not a rare-template model (expected type "rare-template" with parallel patterns and counts)');
  }
  checkFeatureMatrix(x, 'rare-template');
  const { rows, cols, data } = x;
  if (cols !== model.cols) {
    throw new Error(`feature matrix has ${cols} columns but the rare-template model was fitted on ${model.cols}`);
  }
  throwIfAborted(options.signal);

  const alpha = normalize(model.params).smoothing;
  const denominator = Math.log(model.rows + alpha * (model.patterns.length + 1));
  const index = new Map<string, number>();
  model.patterns.forEach((v, k) => {
    if (!Array.isArray(v) || v.length !== cols) throw new Error(`rare-template model is malformed: pattern ${k + 1} does not have ${cols} values`);
    index.set(patternKey(v, 0, cols), denominator - Math.log(model.counts[k] + alpha));
  });
  const unseen = denominator - Math.log(alpha);

  return scoreRows(rows, options, (i) => index.get(patternKey(data, i * cols, cols)) ?? unseen);
}

export const rareTemplate: Detector<RareTemplateParams, RareTemplateModel> = {
  type: RARE_TEMPLATE_DECLARATION.type,
  defaults: RARE_TEMPLATE_DECLARATION.defaults,
  limits: RARE_TEMPLATE_LIMITS,
  declaration: RARE_TEMPLATE_DECLARATION,
  normalize,
  fit,
  score,
};

/**
 * A template much rarer (or commoner) in a unit than in the baseline: each
 * window's or session's mix of templates against the training units' mix.
 * The columns are the unit's template columns (`templates`, named by each
 * template's text, and `unseen` with `features.unseen`); an aggregate
 * column (`count`, `errors`, `sum:F`, …) is not a template and is refused.
 * The judged data is the unit: one window over the judged period compares
 * the whole of it with the baseline.
 *
 * Fit: K_j = count of template j over the training units, N = Σ_j K_j, with
 * T columns and smoothing α (`smoothing`, default 1):
 *
 *     p_j = (K_j + α) / (N + α·T)        the template's baseline share
 *
 * (never 0, and below 1 when T ≥ 2). Score of a unit with counts k_j and
 * n = Σ_j k_j: for each template, the log-likelihood ratio (the G statistic;
 * Dunning 1993, "Accurate methods for the statistics of surprise and
 * coincidence") of its count under the unit's own share q_j = k_j / n
 * against the baseline share p_j,
 *
 *     G_j = 2 [ k_j ln(k_j / (n p_j)) + (n − k_j) ln((n − k_j) / (n (1 − p_j))) ],
 *
 * with 0 · ln 0 = 0: twice n times the Kullback–Leibler divergence of
 * Bernoulli(q_j) from Bernoulli(p_j). It grows with the unit's size (0 of 4
 * events where the baseline has 50 % is weaker evidence than 0 of 400), and
 * under the baseline it is about χ²(1): 3.84 is p = 0.05, 10.83 is p = 0.001,
 * a natural `score` threshold. The score is the largest G_j among the
 * templates rarer here than in the baseline (q_j < p_j; `direction`
 * `rarer`, the default), commoner (q_j > p_j; `commoner`) or either
 * (`both`); 0 for a unit without events.
 *
 * Meant for raw counts (`features.scaling` none); a negative value (a
 * zero-mean or standard scaling) is refused.
 */
import { isAggregateColumn } from '../features/unit-columns.ts';
import type { Matrix } from '../matrix.ts';
import { checkFeatureMatrix, checkParamNames, type Detector } from './detector.ts';
import { throwIfAborted, type RunOptions } from '../progress.ts';
import { oneOf, positiveNumber } from './param-checks.ts';
import { largestTerm, scoreRows } from './score-rows.ts';
import type { DetectorDeclaration } from './declaration.ts';

export const SHARE_DIRECTIONS = ['rarer', 'commoner', 'both'] as const;
export type ShareDirection = (typeof SHARE_DIRECTIONS)[number];

export interface TemplateShareParams {
  /** Pseudo-count α added to every template's training count, > 0. Default 1. */
  smoothing: number;
  /** Templates `rarer` (default), `commoner` or `both` ways off their baseline share. */
  direction: ShareDirection;
}

export interface TemplateShareModel {
  type: 'template-share';
  version: 1;
  params: TemplateShareParams;
  cols: number;
  /** Training units. */
  rows: number;
  /** Per column: K_j, its count over the training units. */
  counts: number[];
  /** N = Σ K_j. */
  total: number;
}

const DEFAULTS: Readonly<TemplateShareParams> = Object.freeze({ smoothing: 1, direction: 'rarer' });
const PARAM_NAMES = Object.keys(DEFAULTS) as (keyof TemplateShareParams)[];

/** Bounds of the parameters: a pseudo-count beyond a million drowns every real count, as for rare-template. */
export const TEMPLATE_SHARE_LIMITS = Object.freeze({
  smoothing: Object.freeze({ min: 0, max: 1_000_000, exclusiveMin: true }),
});

/** The template-share kind's parameters, form and docs (see `declaration.ts`). */
export const TEMPLATE_SHARE_DECLARATION: DetectorDeclaration<TemplateShareParams> = {
  type: 'template-share',
  label: 'Template share vs baseline',
  summary: 'Per session or window, the template whose share is furthest below (or above) its share of the baseline: the G statistic (χ²(1): 3.84 is p = 0.05). Reads the “templates” columns.',
  idPrefix: 'share',
  docs: 'per session or window, the template whose share is furthest from its share of the baseline (the G statistic)',
  defaults: DEFAULTS,
  params: {
    direction: {
      kind: 'choice', label: 'Direction', choices: SHARE_DIRECTIONS,
      description: 'Templates rarer in the unit than in the baseline, commoner, or both. Score: the largest G statistic. Reads template columns (templates, unseen) only.',
    },
    smoothing: {
      kind: 'number', label: 'Smoothing', limit: TEMPLATE_SHARE_LIMITS.smoothing, input: { step: 0.5 },
      help: 'pseudo-count added to every template of the baseline', description: 'Pseudo-count added to every template\'s training count.',
    },
  },
};

function normalize(params: Partial<TemplateShareParams> = {}): TemplateShareParams {
  checkParamNames('template-share', params, PARAM_NAMES);
  const smoothing = positiveNumber('smoothing', params.smoothing ?? DEFAULTS.smoothing, TEMPLATE_SHARE_LIMITS.smoothing);
  const direction = oneOf('direction', params.direction ?? DEFAULTS.direction, SHARE_DIRECTIONS);
  return { smoothing, direction };
}

/** Refuses columns that are not templates, and values that are not counts, naming what to change. */
function checkCounts(x: Matrix): void {
  const aggregate = x.names.find(isAggregateColumn);
  if (aggregate !== undefined) {
    throw new Error(`template-share compares templates' shares: "${aggregate}" is not a template column; use features.columns ["templates"] (with features.unseen for templates the baseline never had)`);
  }
  for (let i = 0; i < x.data.length; i++) {
    if (x.data[i] < 0) {
      throw new Error(`template-share reads counts, and row ${Math.floor(i / x.cols) + 1}, column "${x.names[i % x.cols]}" is ${x.data[i]}: set features.scaling to "none"`);
    }
  }
}

function fit(x: Matrix, params: TemplateShareParams, options: RunOptions = {}): TemplateShareModel {
  const p = normalize(params);
  checkFeatureMatrix(x, 'template-share');
  if (x.rows === 0) throw new Error('feature matrix has no rows: template-share needs at least one training unit');
  checkCounts(x);
  throwIfAborted(options.signal);
  const { rows, cols, data } = x;
  const counts = new Array<number>(cols).fill(0);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) counts[j] += data[i * cols + j];
  options.onProgress?.(1);
  return { type: 'template-share', version: 1, params: p, cols, rows, counts, total: counts.reduce((s, c) => s + c, 0) };
}

/** p_j of every column: the baseline shares (see the module comment). */
export function baselineShares(model: TemplateShareModel): Float64Array {
  const a = model.params.smoothing;
  const denominator = model.total + a * model.cols;
  return Float64Array.from(model.counts, (k) => (k + a) / denominator);
}

/** k ln(k / e), with 0 ln 0 = 0. */
function xlogx(k: number, e: number): number {
  return k === 0 ? 0 : k * Math.log(k / e);
}

/**
 * Per column, G_j of a unit's counts when the template is off its baseline
 * share in the model's direction, else 0: what the score takes the largest
 * of, and the explanation ranks.
 * @param shares `baselineShares(model)`
 */
export function shareTerms(model: TemplateShareModel, shares: Float64Array, values: ArrayLike<number>, out = new Float64Array(model.cols)): Float64Array {
  let n = 0;
  for (let j = 0; j < model.cols; j++) n += values[j];
  const dir = model.params.direction;
  for (let j = 0; j < model.cols; j++) {
    const k = values[j], p = shares[j];
    if (n === 0 || (dir === 'rarer' && !(k / n < p)) || (dir === 'commoner' && !(k / n > p))) {
      out[j] = 0;
      continue;
    }
    // With one column p is 1 and so is q: no evidence either way.
    out[j] = p >= 1 ? 0 : Math.max(0, 2 * (xlogx(k, n * p) + xlogx(n - k, n * (1 - p))));
  }
  return out;
}

function checkModel(model: TemplateShareModel, cols: number): void {
  if (model === null || typeof model !== 'object' || model.type !== 'template-share' || !Array.isArray(model.counts)) {
    throw new Error('not a template-share model (expected type "template-share" with counts per column)');
  }
  if (cols !== model.cols) throw new Error(`feature matrix has ${cols} columns but the template-share model was fitted on ${model.cols}`);
  if (model.counts.length !== cols || !model.counts.every((c) => Number.isFinite(c) && c >= 0) || !(model.total >= 0)) {
    throw new Error(`template-share model is malformed: expected ${cols} counts >= 0 and their total`);
  }
}

function score(model: TemplateShareModel, x: Matrix, options: RunOptions = {}): Float64Array {
  checkFeatureMatrix(x, 'template-share');
  checkModel(model, x.cols);
  normalize(model.params);
  checkCounts(x);
  const { rows, cols, data } = x;
  const shares = baselineShares(model);
  const terms = new Float64Array(cols);
  return scoreRows(rows, options, (i) => largestTerm(shareTerms(model, shares, data.subarray(i * cols, (i + 1) * cols), terms)));
}

export const templateShare: Detector<TemplateShareParams, TemplateShareModel> = {
  type: TEMPLATE_SHARE_DECLARATION.type,
  defaults: TEMPLATE_SHARE_DECLARATION.defaults,
  limits: TEMPLATE_SHARE_LIMITS,
  declaration: TEMPLATE_SHARE_DECLARATION,
  normalize,
  fit,
  score,
};

/**
 * A template's count per window (or session) far from its baseline rate.
 * Every column is read as a count: a window's or session's `templates`
 * columns (one per template, named by its text), `unseen`, and `count` or
 * `errors` alike. Fitting learns each column's mean and variance over the
 * training units; a unit scores by the column furthest from its mean, in
 * standard deviations, and the explanation names that column.
 *
 * Fit, per column j over the N training units:
 *
 *     μ_j  = mean of the counts,
 *     s²_j = their sample variance (÷ (N − 1); 0 with one unit),
 *     σ_j  = √max(s²_j, μ_j, v),   v = `minVariance` (default 1).
 *
 * The floor μ_j is the variance of a Poisson count with that mean: a count
 * varies at least that much, however steady a short baseline looked. The
 * floor v keeps a template the baseline saw seldom (μ_j near 0) from turning
 * one occurrence into dozens of σ.
 *
 * Score of a unit with counts x_j: z_j = (x_j − μ_j) / σ_j, and the largest
 * over the columns of |z_j| (`direction` `both`, the default), of z_j
 * (`more`: bursts) or of −z_j (`fewer`: a template gone quiet), at least 0.
 *
 * Meant for raw counts (`features.scaling` none): other scalings change what
 * the mean and the floors mean, though the ranking stays a z-score's.
 */
import type { Matrix } from '../matrix.ts';
import { checkFeatureMatrix, checkParamNames, type Detector } from './detector.ts';
import { throwIfAborted, type RunOptions } from '../progress.ts';
import { oneOf, positiveNumber } from './param-checks.ts';
import { largestTerm, scoreRows } from './score-rows.ts';
import type { DetectorDeclaration } from './declaration.ts';

export const RATE_DIRECTIONS = ['both', 'more', 'fewer'] as const;
export type RateDirection = (typeof RATE_DIRECTIONS)[number];

export interface TemplateRateParams {
  /** Floor of every column's variance (count², > 0). Default 1. */
  minVariance: number;
  /** Which deviations count: `both` (default), `more` or `fewer` than the baseline's mean. */
  direction: RateDirection;
}

export interface TemplateRateModel {
  type: 'template-rate';
  version: 1;
  params: TemplateRateParams;
  cols: number;
  /** Training units N. */
  rows: number;
  /** Per column: μ_j, the mean count of a training unit. */
  mean: number[];
  /** Per column: σ_j after the floors (> 0). */
  sd: number[];
}

const DEFAULTS: Readonly<TemplateRateParams> = Object.freeze({ minVariance: 1, direction: 'both' });
const PARAM_NAMES = Object.keys(DEFAULTS) as (keyof TemplateRateParams)[];

/** Bounds of the parameters: a variance floor of 10⁹ (σ ≥ 31,623 counts) already hides every real count. */
export const TEMPLATE_RATE_LIMITS = Object.freeze({
  minVariance: Object.freeze({ min: 0, max: 1_000_000_000, exclusiveMin: true }),
});

/** The template-rate kind's parameters, form and docs (see `declaration.ts`). */
export const TEMPLATE_RATE_DECLARATION: DetectorDeclaration<TemplateRateParams> = {
  type: 'template-rate',
  label: 'Template count vs baseline rate',
  summary: 'Per session or window, the template (or count column) furthest from its baseline mean, in standard deviations (at least Poisson’s).',
  idPrefix: 'rate',
  docs: 'per session or window, the template (or count column) furthest from its baseline mean, in standard deviations',
  defaults: DEFAULTS,
  params: {
    direction: {
      kind: 'choice', label: 'Direction', choices: RATE_DIRECTIONS,
      description: 'Counts above the baseline\'s mean, below it, or both. Score: the largest z over the columns.',
    },
    minVariance: {
      kind: 'number', label: 'Least variance', limit: TEMPLATE_RATE_LIMITS.minVariance, input: { step: 0.5 },
      help: 'floor of every column’s variance, in counts²', description: 'Floor of each column\'s variance (counts²), beside the Poisson floor (its mean).',
    },
  },
};

function normalize(params: Partial<TemplateRateParams> = {}): TemplateRateParams {
  checkParamNames('template-rate', params, PARAM_NAMES);
  const minVariance = positiveNumber('minVariance', params.minVariance ?? DEFAULTS.minVariance, TEMPLATE_RATE_LIMITS.minVariance);
  const direction = oneOf('direction', params.direction ?? DEFAULTS.direction, RATE_DIRECTIONS);
  return { minVariance, direction };
}

function fit(x: Matrix, params: TemplateRateParams, options: RunOptions = {}): TemplateRateModel {
  const p = normalize(params);
  checkFeatureMatrix(x, 'template-rate');
  const { rows: n, cols, data } = x;
  if (n === 0) throw new Error('feature matrix has no rows: template-rate needs at least one training unit');
  throwIfAborted(options.signal);
  const mean = new Array<number>(cols).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= n;
  const ss = new Array<number>(cols).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < cols; j++) ss[j] += (data[i * cols + j] - mean[j]) ** 2;
  const sd = ss.map((s, j) => Math.sqrt(Math.max(n > 1 ? s / (n - 1) : 0, mean[j], p.minVariance)));
  options.onProgress?.(1);
  return { type: 'template-rate', version: 1, params: p, cols, rows: n, mean, sd };
}

/**
 * Per column, how far a unit's count is from the baseline in the model's
 * direction (0 when the other way): what the score takes the largest of,
 * and the explanation ranks.
 */
export function rateTerms(model: TemplateRateModel, values: ArrayLike<number>, out = new Float64Array(model.cols)): Float64Array {
  const dir = model.params.direction;
  for (let j = 0; j < model.cols; j++) {
    const z = (values[j] - model.mean[j]) / model.sd[j];
    out[j] = dir === 'both' ? Math.abs(z) : Math.max(0, dir === 'more' ? z : -z);
  }
  return out;
}

/** Checks a model before it scores: its type and its lists fit its columns. */
function checkRateModel(model: TemplateRateModel, cols: number): void {
  if (model === null || typeof model !== 'object' || model.type !== 'template-rate' || !Array.isArray(model.mean) || !Array.isArray(model.sd)) {
    throw new Error('not a template-rate model (expected type "template-rate" with mean and sd per column)');
  }
  if (cols !== model.cols) throw new Error(`feature matrix has ${cols} columns but the template-rate model was fitted on ${model.cols}`);
  if (model.mean.length !== cols || model.sd.length !== cols || !model.sd.every((s) => s > 0 && Number.isFinite(s)) || !model.mean.every(Number.isFinite)) {
    throw new Error(`template-rate model is malformed: expected ${cols} finite means and ${cols} standard deviations > 0`);
  }
}

function score(model: TemplateRateModel, x: Matrix, options: RunOptions = {}): Float64Array {
  checkFeatureMatrix(x, 'template-rate');
  checkRateModel(model, x.cols);
  normalize(model.params);
  const { rows, cols, data } = x;
  const terms = new Float64Array(cols);
  return scoreRows(rows, options, (i) => largestTerm(rateTerms(model, data.subarray(i * cols, (i + 1) * cols), terms)));
}

export const templateRate: Detector<TemplateRateParams, TemplateRateModel> = {
  type: TEMPLATE_RATE_DECLARATION.type,
  defaults: TEMPLATE_RATE_DECLARATION.defaults,
  limits: TEMPLATE_RATE_LIMITS,
  declaration: TEMPLATE_RATE_DECLARATION,
  normalize,
  fit,
  score,
};

/**
 * A template never seen in the baseline (the training units), read from the
 * columns the features already have:
 * - line unit: `template`, the share of the training lines that have the
 *   line's template — 0 for a line that matched none of the templates the
 *   training lines taught. Score 1 when the share is at most `minShare`
 *   (default 0: never seen), else 0.
 * - session and window units: `unseen` (with `features.unseen`: the unit's
 *   lines whose template no training unit had) and, when `minShare` > 0,
 *   every template column whose share of the training units' events is at
 *   most `minShare`. Score = how many of the unit's lines that makes.
 *
 * The baseline is the features' (templates are mined on the training units
 * only; `law score` matches new lines against them), so without a baseline
 * split every template is seen and every score is 0. Scores are counts and
 * tie (every new line scores 1): flag with a score threshold
 * (`{ "method": "score", "value": 1 }`); a contamination share leaves out
 * a tied block that would exceed it.
 *
 * The line unit needs the raw share (`features.scaling` none, or log1p or
 * tfidf, which keep 0 at 0): values outside [0, 1], or a training minimum of
 * exactly 0 beside a maximum of exactly 1 (min-max scaling), are refused.
 */
import { isAggregateColumn } from '../features/unit-columns.ts';
import type { Matrix } from '../matrix.ts';
import { checkFeatureMatrix, checkParamNames, type Detector } from './detector.ts';
import { throwIfAborted, type RunOptions } from '../progress.ts';
import { scoreRows } from './score-rows.ts';
import { showValue as show } from '../show-value.ts';
import { checkRange, ParamRangeError } from './param-limits.ts';
import type { DetectorDeclaration } from './declaration.ts';

/** The line column holding the line's template share. */
export const TEMPLATE_SHARE_COLUMN = 'template';
/** The session and window column counting lines of templates the training units never had. */
export const UNSEEN_TEMPLATES_COLUMN = 'unseen';

export interface TemplateNoveltyParams {
  /** A template with at most this share of the baseline counts as new (0–1). Default 0: never seen. */
  minShare: number;
}

/** A column the model counts as new, with its share of the baseline (0 for `unseen`). */
export interface NovelColumn {
  index: number;
  name: string;
  share: number;
}

export interface TemplateNoveltyModel {
  type: 'template-novelty';
  version: 1;
  params: TemplateNoveltyParams;
  cols: number;
  /** Training units. */
  rows: number;
  /** `line`: one line's template share in column `column`; `units`: the new lines of a session or window in `novel`. */
  mode: 'line' | 'units';
  /** Line mode: the `template` column. */
  column?: number;
  /** Units mode: the columns counted, `unseen` first. */
  novel?: NovelColumn[];
}

const DEFAULTS: Readonly<TemplateNoveltyParams> = Object.freeze({ minShare: 0 });
const PARAM_NAMES = Object.keys(DEFAULTS) as (keyof TemplateNoveltyParams)[];

export const TEMPLATE_NOVELTY_LIMITS = Object.freeze({
  minShare: Object.freeze({ min: 0, max: 1 }),
});

/** The new-template kind's parameters, form and docs (see `declaration.ts`). */
export const TEMPLATE_NOVELTY_DECLARATION: DetectorDeclaration<TemplateNoveltyParams> = {
  type: 'template-novelty',
  label: 'New template',
  summary: 'Lines whose template the baseline never had: the line column “template” (share 0), or “unseen” per session or window. Scores 1 per new line; flag with a score threshold of 1.',
  idPrefix: 'new',
  docs: 'lines (or sessions and windows) with a template the baseline never had',
  defaults: DEFAULTS,
  params: {
    minShare: {
      kind: 'number', label: 'Counts as new up to share', limit: TEMPLATE_NOVELTY_LIMITS.minShare, input: { step: 0.001 },
      help: 'a template with at most this share of the baseline is new too',
      description: 'A template with at most this share of the baseline counts as new; 0: never seen. Reads the line column template, or unseen (features.unseen) of sessions and windows.',
    },
  },
};

function normalize(params: Partial<TemplateNoveltyParams> = {}): TemplateNoveltyParams {
  checkParamNames('template-novelty', params, PARAM_NAMES);
  const minShare = params.minShare ?? DEFAULTS.minShare;
  try {
    checkRange('minShare', minShare, TEMPLATE_NOVELTY_LIMITS.minShare);
  } catch (e) {
    // Above 1 is a range error the spec names; the rest is not a share at all.
    if (e instanceof ParamRangeError && typeof minShare === 'number' && minShare > 1) throw e;
    throw new Error(`invalid minShare: ${show(minShare)} (expected a share in [0, 1])`);
  }
  return { minShare };
}

function fit(x: Matrix, params: TemplateNoveltyParams, options: RunOptions = {}): TemplateNoveltyModel {
  const p = normalize(params);
  checkFeatureMatrix(x, 'template-novelty');
  const { rows, cols, data, names } = x;
  if (rows === 0) throw new Error('feature matrix has no rows: template-novelty needs at least one training unit');
  throwIfAborted(options.signal);
  const base = { type: 'template-novelty' as const, version: 1 as const, params: p, cols, rows };
  const column = names.indexOf(TEMPLATE_SHARE_COLUMN);
  if (column >= 0) {
    checkShares(x, column);
    options.onProgress?.(1);
    return { ...base, mode: 'line', column };
  }
  // Sessions and windows: templates' shares of the training units' events.
  const templates = names.map((n, j) => (isAggregateColumn(n) ? -1 : j)).filter((j) => j >= 0);
  const totals = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (const j of templates) totals[j] += data[i * cols + j];
  const all = templates.reduce((s, j) => s + totals[j], 0);
  const novel: NovelColumn[] = [];
  const unseen = names.indexOf(UNSEEN_TEMPLATES_COLUMN);
  if (unseen >= 0) novel.push({ index: unseen, name: UNSEEN_TEMPLATES_COLUMN, share: all > 0 ? totals[unseen] / all : 0 });
  if (p.minShare > 0) {
    for (const j of templates) {
      const share = all > 0 ? totals[j] / all : 0;
      if (j !== unseen && share <= p.minShare) novel.push({ index: j, name: names[j], share });
    }
  }
  if (unseen < 0 && p.minShare === 0) {
    throw new Error(
      `template-novelty reads the line column "${TEMPLATE_SHARE_COLUMN}" (a line unit) or "${UNSEEN_TEMPLATES_COLUMN}" (sessions and windows: set features.unseen to true), and the columns have neither (${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}; a column with one value in every unit is dropped)`,
    );
  }
  for (const c of novel) {
    for (let i = 0; i < rows; i++) {
      if (data[i * cols + c.index] < 0) throw new Error(`template-novelty reads counts, and row ${i + 1}, column "${c.name}" is ${data[i * cols + c.index]}: set features.scaling to "none"`);
    }
  }
  options.onProgress?.(1);
  return { ...base, mode: 'units', novel };
}

/** The training shares are shares: in [0, 1], and not what min-max scaling makes of them. */
function checkShares(x: Matrix, column: number): void {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < x.rows; i++) {
    const v = x.data[i * x.cols + column];
    if (v < 0 || v > 1) {
      throw new Error(`template-novelty reads the template's share of the training lines, and row ${i + 1} has ${v}: set features.scaling to "none" (it rescales the share)`);
    }
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  // Raw shares reach 1 only when the baseline has one template, whose lines then all have it (none has 0).
  if (lo === 0 && hi === 1) {
    throw new Error('template-novelty reads the template\'s share of the training lines, and they run from exactly 0 to exactly 1, as min-max scaling makes them: set features.scaling to "none"');
  }
}

/**
 * Per column, the unit's lines the model counts as new there: what the
 * score adds up and the explanation lists.
 */
export function noveltyTerms(model: TemplateNoveltyModel, values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(model.cols);
  if (model.mode === 'line') {
    const j = model.column!;
    out[j] = values[j] <= model.params.minShare ? 1 : 0;
  } else {
    for (const c of model.novel!) out[c.index] = Math.max(0, values[c.index]);
  }
  return out;
}

function checkModel(model: TemplateNoveltyModel, x: Matrix): void {
  if (model === null || typeof model !== 'object' || model.type !== 'template-novelty' || (model.mode !== 'line' && model.mode !== 'units')) {
    throw new Error('not a template-novelty model (expected type "template-novelty", mode "line" or "units")');
  }
  if (x.cols !== model.cols) throw new Error(`feature matrix has ${x.cols} columns but the template-novelty model was fitted on ${model.cols}`);
  const columns = model.mode === 'line' ? [{ index: model.column, name: TEMPLATE_SHARE_COLUMN }] : model.novel;
  if (!Array.isArray(columns)) throw new Error('template-novelty model is malformed: no columns to read');
  for (const c of columns) {
    if (!Number.isInteger(c.index) || x.names[c.index!] !== c.name) {
      throw new Error(`template-novelty model reads column ${c.index} as "${c.name}", but the matrix has ${JSON.stringify(x.names[c.index!])} there`);
    }
  }
}

function score(model: TemplateNoveltyModel, x: Matrix, options: RunOptions = {}): Float64Array {
  checkFeatureMatrix(x, 'template-novelty');
  checkModel(model, x);
  normalize(model.params);
  const { rows, cols, data } = x;
  return scoreRows(rows, options, (i) => {
    const off = i * cols;
    if (model.mode === 'line') return data[off + model.column!] <= model.params.minShare ? 1 : 0;
    let s = 0;
    for (const c of model.novel!) s += Math.max(0, data[off + c.index]);
    return s;
  });
}

export const templateNovelty: Detector<TemplateNoveltyParams, TemplateNoveltyModel> = {
  type: TEMPLATE_NOVELTY_DECLARATION.type,
  defaults: TEMPLATE_NOVELTY_DECLARATION.defaults,
  limits: TEMPLATE_NOVELTY_LIMITS,
  declaration: TEMPLATE_NOVELTY_DECLARATION,
  normalize,
  fit,
  score,
};

/**
 * A numeric variable of a template out of that template's own range: the
 * latency in `took <*> ms` judged among the lines of that template only.
 * The baseline — per template and variable, the training lines' median m
 * and robust scale s — is learned by the features (`features.columns`
 * `variable-range`, see `features/template-variables.ts`), which give each
 * line z, the largest |v − m| / s of its numeric variables. This detector
 * reads that column and scores how far outside the range m ± k·s the line
 * is, in scales:
 *
 *     score = max(0, z − k)        k = `k` (default 3)
 *
 * so 0 is inside the range, and 2 is two scales beyond its edge. Meant for
 * the column as built (`features.scaling` none): scaled, k is no longer in
 * scales; a negative value (a zero-mean or standard scaling) is refused.
 */
import { VARIABLE_RANGE_COLUMN } from '../features/template-variables.ts';
import type { Matrix } from '../matrix.ts';
import { checkFeatureMatrix, checkParamNames, type Detector } from './detector.ts';
import type { RunOptions } from '../progress.ts';
import { scoreRows } from './score-rows.ts';
import { showValue as show } from '../show-value.ts';
import { checkUpper } from './param-limits.ts';
import type { DetectorDeclaration } from './declaration.ts';

export interface VariableRangeParams {
  /** Half-width of the range in robust scales, ≥ 0. Default 3. */
  k: number;
}

export interface VariableRangeModel {
  type: 'variable-range';
  version: 1;
  params: VariableRangeParams;
  cols: number;
  /** Training units. */
  rows: number;
  /** Index of the `variable-range` column. */
  column: number;
}

const DEFAULTS: Readonly<VariableRangeParams> = Object.freeze({ k: 3 });
const PARAM_NAMES = Object.keys(DEFAULTS) as (keyof VariableRangeParams)[];

/** Bounds of the parameters: a range of a thousand scales either side holds every value a log has. */
export const VARIABLE_RANGE_LIMITS = Object.freeze({
  k: Object.freeze({ min: 0, max: 1_000 }),
});

/** The variable-range kind's parameters, form and docs (see `declaration.ts`). */
export const VARIABLE_RANGE_DECLARATION: DetectorDeclaration<VariableRangeParams> = {
  type: 'variable-range',
  label: 'Variable out of its template’s range',
  summary: 'Lines whose numbers lie outside their own template’s baseline range (median ± k robust scales); reads the line column “variable-range”. Score = scales beyond the range.',
  idPrefix: 'range',
  docs: 'lines whose numbers lie outside their template\'s baseline range (median ± k robust scales)',
  defaults: DEFAULTS,
  params: {
    k: {
      kind: 'number', label: 'Range ± k scales', limit: VARIABLE_RANGE_LIMITS.k, input: { step: 0.5 },
      description: 'Half-width of the range (median ± k robust scales). Reads the line column variable-range; score = scales beyond the range.',
    },
  },
};

function normalize(params: Partial<VariableRangeParams> = {}): VariableRangeParams {
  checkParamNames('variable-range', params, PARAM_NAMES);
  const k = params.k ?? DEFAULTS.k;
  if (typeof k !== 'number' || !Number.isFinite(k) || k < 0) throw new Error(`invalid k: ${show(k)} (expected a finite number >= 0)`);
  checkUpper('k', k, VARIABLE_RANGE_LIMITS.k);
  return { k };
}

function columnOf(x: Matrix): number {
  const j = x.names.indexOf(VARIABLE_RANGE_COLUMN);
  if (j < 0) {
    throw new Error(
      `variable-range reads the line column "${VARIABLE_RANGE_COLUMN}" (each line's numbers against its template's baseline): add it to features.columns (columns: ${x.names.slice(0, 6).join(', ')}${x.names.length > 6 ? ', …' : ''}); if it is there, it was dropped for holding one value in every line: no template has a numeric variable with a range`,
    );
  }
  for (let i = 0; i < x.rows; i++) {
    const v = x.data[i * x.cols + j];
    if (v < 0) throw new Error(`variable-range reads robust z-scores (>= 0), and row ${i + 1} has ${v}: set features.scaling to "none"`);
  }
  return j;
}

function fit(x: Matrix, params: VariableRangeParams, options: RunOptions = {}): VariableRangeModel {
  const p = normalize(params);
  checkFeatureMatrix(x, 'variable-range');
  if (x.rows === 0) throw new Error('feature matrix has no rows: variable-range needs at least one training unit');
  const column = columnOf(x);
  options.onProgress?.(1);
  return { type: 'variable-range', version: 1, params: p, cols: x.cols, rows: x.rows, column };
}

/** How far outside its range a z-score is, in scales: max(0, z − k). */
export function outsideRange(model: VariableRangeModel, z: number): number {
  return Math.max(0, z - model.params.k);
}

function score(model: VariableRangeModel, x: Matrix, options: RunOptions = {}): Float64Array {
  if (model === null || typeof model !== 'object' || model.type !== 'variable-range' || !Number.isInteger(model.column)) {
    throw new Error('not a variable-range model (expected type "variable-range" with the column it reads)');
  }
  checkFeatureMatrix(x, 'variable-range');
  if (x.cols !== model.cols) throw new Error(`feature matrix has ${x.cols} columns but the variable-range model was fitted on ${model.cols}`);
  normalize(model.params);
  if (x.names[model.column] !== VARIABLE_RANGE_COLUMN) {
    throw new Error(`variable-range model reads column ${model.column} as "${VARIABLE_RANGE_COLUMN}", but the matrix has ${JSON.stringify(x.names[model.column])} there`);
  }
  return scoreRows(x.rows, options, (i) => outsideRange(model, x.data[i * x.cols + model.column]));
}

export const variableRange: Detector<VariableRangeParams, VariableRangeModel> = {
  type: VARIABLE_RANGE_DECLARATION.type,
  defaults: VARIABLE_RANGE_DECLARATION.defaults,
  limits: VARIABLE_RANGE_LIMITS,
  declaration: VARIABLE_RANGE_DECLARATION,
  normalize,
  fit,
  score,
};

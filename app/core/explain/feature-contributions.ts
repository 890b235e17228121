/**
 * Why a row was flagged, feature by feature, for any detector: each column
 * gets a share of the row's anomaly, measured the way the detector sees it.
 *
 * | detector           | kind                    | raw, per column                                          |
 * |--------------------|-------------------------|----------------------------------------------------------|
 * | `autoencoder`      | `reconstruction-error`  | squared reconstruction error (standardised units)         |
 * | `isolation-forest` | `path-usage`            | path-usage weight (see `forest-path-usage.ts`)            |
 * | `lof`              | `neighbour-difference`  | (value − mean of the k nearest training rows)², + the list |
 * | `pca`              | `pca-residual`          | squared residual off the normal subspace (SPE term)       |
 * | `template-novelty` | `template-novelty`      | lines counted as new (see `baseline-kinds.ts`)            |
 * | `template-share`   | `template-share`        | G statistic of the template's share against the baseline  |
 * | `template-rate`    | `template-rate`         | \|z\| of the count against the baseline's mean and σ        |
 * | `variable-range`   | `variable-range`        | the line's robust z-score (one column)                    |
 * | any other          | `z-score-fallback`      | \|z\| against this matrix's column mean and population std |
 *
 * The four that judge against a baseline also say so in a sentence
 * (`note`) naming the template and its value here and in the baseline.
 *
 * Contributions are the raw terms divided by their sum, so they add up to 1
 * (all 0 when every term is 0); features come largest first, ties in column
 * order. The LOF terms use the raw feature values whatever the metric, since
 * they answer "which values differ from the neighbours", not "which
 * distance term is largest".
 */
import type { Matrix } from '../matrix.ts';
import { reconstructionErrors, type AutoencoderModel } from '../detect/autoencoder.ts';
import { showValue as show } from '../show-value.ts';
import type { IsolationForestModel } from '../detect/isolation-forest.ts';
import type { LofModel } from '../detect/lof.ts';
import type { PcaModel } from '../detect/pca.ts';
import { forestPathUsage, PATH_WEIGHTINGS, type PathWeighting } from './forest-path-usage.ts';
import { explainBaselineKind, type BaselineKind, type ExplainContext } from './baseline-kinds.ts';
import { lofNeighbours, type LofNeighbour } from './nearest-neighbours.ts';

export type ExplanationKind = 'reconstruction-error' | 'path-usage' | 'neighbour-difference' | 'pca-residual' | BaselineKind | 'z-score-fallback';

export interface FeatureContribution {
  /** Column name, from `x.names`. */
  name: string;
  /** The row's value in that column. */
  value: number;
  /** Share of the row's anomaly in [0, 1]; the shares of all columns add up to 1 (or are all 0). */
  contribution: number;
  /** The unnormalised term, in the units of the kind (see the module comment). */
  raw: number;
}

export interface RowExplanation {
  kind: ExplanationKind;
  /** Largest contribution first. */
  features: FeatureContribution[];
  /** LOF only: the k nearest training rows, nearest first. */
  neighbours?: LofNeighbour[];
  /** LOF only: the row's local reachability density, beside each neighbour's `lrd`. */
  lrd?: number;
  /** What the user should know, e.g. that a fallback was used. */
  note?: string;
}

export interface ExplainOptions {
  /** Keep only this many features (integer ≥ 1), or null for all. Default null. */
  top: number | null;
  /** Isolation Forest split weighting. Default `'separation'`. */
  weighting: PathWeighting;
  /** The baseline kinds: the unit's lines and the features' state, to name a line's template (see `baseline-kinds.ts`). */
  context?: ExplainContext;
}

const DEFAULTS: Readonly<ExplainOptions> = Object.freeze({ top: null, weighting: 'separation' });

function normalize(options: Partial<ExplainOptions>): Omit<ExplainOptions, 'context'> {
  const top = options.top ?? DEFAULTS.top;
  if (top !== null && (typeof top !== 'number' || !Number.isSafeInteger(top) || top < 1)) {
    throw new Error(`invalid top: ${show(top)} (expected an integer >= 1 or null)`);
  }
  const weighting = options.weighting ?? DEFAULTS.weighting;
  if (!PATH_WEIGHTINGS.includes(weighting)) {
    throw new Error(`invalid weighting: ${show(weighting)} (expected one of ${PATH_WEIGHTINGS.join(', ')})`);
  }
  return { top, weighting };
}

/** The row's values, checked: a valid index and finite values. */
function rowValues(x: Matrix, row: number): Float64Array {
  if (!Number.isSafeInteger(row) || row < 0 || row >= x.rows) {
    throw new Error(`invalid row: ${show(row)} (expected an integer in [0, ${x.rows}))`);
  }
  const values = x.data.slice(row * x.cols, (row + 1) * x.cols);
  values.forEach((v, j) => {
    if (!Number.isFinite(v)) throw new Error(`row ${row + 1}, column "${x.names[j]}" is ${v} (expected a finite number)`);
  });
  return values;
}

function rank(x: Matrix, values: Float64Array, raw: ArrayLike<number>, top: number | null): FeatureContribution[] {
  let total = 0;
  for (let j = 0; j < x.cols; j++) total += raw[j];
  const features = Array.from({ length: x.cols }, (_, j) => ({
    name: x.names[j],
    value: values[j],
    contribution: total > 0 ? raw[j] / total : 0,
    raw: raw[j],
  }));
  features.sort((a, b) => b.contribution - a.contribution); // stable: ties stay in column order
  return top === null ? features : features.slice(0, top);
}

function autoencoderTerms(model: AutoencoderModel, x: Matrix, values: Float64Array): Float64Array {
  // Only the one row goes through the network.
  return reconstructionErrors(model, { rows: 1, cols: x.cols, data: values, names: x.names }).data;
}

function neighbourTerms(model: LofModel, x: Matrix, row: number, values: Float64Array) {
  const hood = lofNeighbours(model, x, row);
  const terms = new Float64Array(x.cols);
  if (hood.neighbours.length === 0) return { hood, terms };
  for (let j = 0; j < x.cols; j++) {
    let mean = 0;
    for (const o of hood.neighbours) mean += model.train[o.index * x.cols + j];
    mean /= hood.neighbours.length;
    terms[j] = (values[j] - mean) ** 2;
  }
  return { hood, terms };
}

function pcaTerms(model: PcaModel, x: Matrix, values: Float64Array): Float64Array {
  const d = x.cols;
  if (model.cols !== d) throw new Error(`feature matrix has ${d} columns but the pca model was fitted on ${show(model.cols)}`);
  if (model.mean?.length !== d || !Array.isArray(model.components) || model.components.some((v) => v?.length !== d)) {
    throw new Error(`pca model is malformed: mean and every component must have ${d} values`);
  }
  // Residual r = (I − PᵀP)(x − μ), formed as the detector forms it; the score is Σ r_j².
  const r = Float64Array.from(values, (v, j) => v - model.mean[j]);
  const proj = model.components.map((v) => v.reduce((s, p, j) => s + p * r[j], 0));
  model.components.forEach((v, c) => {
    if (proj[c] !== 0) for (let j = 0; j < d; j++) r[j] -= proj[c] * v[j];
  });
  return r.map((v) => v * v);
}

function zScoreTerms(x: Matrix, values: Float64Array): Float64Array {
  const { rows, cols, data } = x;
  const mean = new Float64Array(cols), sq = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) sq[j] += (data[i * cols + j] - mean[j]) ** 2;
  // A constant column has std 0, and the row (part of x) sits on the constant: z = 0, not 0/0.
  return values.map((v, j) => {
    const sd = Math.sqrt(sq[j] / rows);
    return sd > 0 ? Math.abs(v - mean[j]) / sd : 0;
  });
}

/**
 * Explains row `row` of `x` under a fitted model of detector `detectorType`:
 * per-feature contributions, and for LOF the neighbours (see the module
 * comment for what each detector's contribution is).
 *
 * @param detectorType the spec `type` of the detector, e.g. `lof`
 * @param model the fitted model of that detector
 * @param x the feature matrix the row belongs to (the model's columns)
 * @param row 0-based row index of `x`
 * @throws on a bad row, a model of another type, a column-count mismatch or an invalid option
 */
export function explainRow(
  detectorType: string,
  model: unknown,
  x: Matrix,
  row: number,
  options: Partial<ExplainOptions> = {},
): RowExplanation {
  const { top, weighting } = normalize(options);
  const values = rowValues(x, row);
  const modelType = (model as { type?: unknown } | null)?.type;
  if (modelType !== undefined && modelType !== detectorType) {
    throw new Error(`cannot explain with a ${show(modelType)} model as detector ${show(detectorType)}`);
  }
  switch (detectorType) {
    case 'autoencoder':
      return { kind: 'reconstruction-error', features: rank(x, values, autoencoderTerms(model as AutoencoderModel, x, values), top) };
    case 'isolation-forest': {
      const usage = forestPathUsage(model as IsolationForestModel, x, row, weighting);
      return { kind: 'path-usage', features: rank(x, values, usage.weight, top) };
    }
    case 'lof': {
      const { hood, terms } = neighbourTerms(model as LofModel, x, row, values);
      return { kind: 'neighbour-difference', features: rank(x, values, terms, top), neighbours: hood.neighbours, lrd: hood.lrd };
    }
    case 'pca':
      return { kind: 'pca-residual', features: rank(x, values, pcaTerms(model as PcaModel, x, values), top) };
    case 'template-novelty':
    case 'template-share':
    case 'template-rate':
    case 'variable-range': {
      const { raw, note } = explainBaselineKind(detectorType, model, x, values, options.context);
      return { kind: detectorType, features: rank(x, values, raw, top), note };
    }
    default:
      return {
        kind: 'z-score-fallback',
        features: rank(x, values, zScoreTerms(x, values), top),
        note: `no ${detectorType}-specific explanation: features are ranked by |z-score| against this matrix's column means and standard deviations`,
      };
  }
}

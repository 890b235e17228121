import { assertFinite, type Matrix } from '../matrix.ts';
import type { RunOptions } from '../progress.ts';
import { showValue } from '../show-value.ts';
import type { DetectorDeclaration } from './declaration.ts';
import type { ParamLimits } from './param-limits.ts';

/**
 * The one contract every detector follows. Higher scores are more anomalous.
 * Models are plain JSON-serialisable objects so that a fitted model can be
 * exported in a spec and restored by the CLI.
 */
export interface Detector<Params extends object, Model> {
  /** The `type` used in specs, e.g. `isolation-forest`. */
  readonly type: string;
  readonly defaults: Readonly<Params>;
  /** The bounds of its numeric parameters (`normalize` refuses values outside them); seeds take any safe integer. */
  readonly limits?: ParamLimits;
  /** Its parameters declared once (labels, bounds, help, docs): the page's form, the schema and the README are made from it. */
  readonly declaration: DetectorDeclaration<Params>;
  /** Fills defaults and validates; errors name the field and the value got. */
  normalize(params?: Partial<Params>): Params;
  fit(x: Matrix, params: Params, options?: RunOptions): Model;
  /** One score per row of `x`; higher = more anomalous. */
  score(model: Model, x: Matrix, options?: RunOptions): Float64Array;
}

/**
 * Checks a feature matrix before a detector uses it: its shape matches its
 * values, it has a column, and every value is finite (else the error names
 * the row and column).
 * @param detector how the detector is named in the message
 */
export function checkFeatureMatrix(x: Matrix, detector: string): void {
  if (!Number.isInteger(x.rows) || x.rows < 0 || !Number.isInteger(x.cols) || x.cols < 0 || x.data.length !== x.rows * x.cols) {
    throw new Error(`feature matrix: ${x.rows} × ${x.cols} does not match its ${x.data.length} values`);
  }
  if (x.cols === 0) throw new Error(`feature matrix has no columns: ${detector} needs at least one feature`);
  assertFinite(x);
}

/** Checks that `params` is an object whose keys are all known parameters of `type`. */
export function checkParamNames(type: string, params: unknown, names: readonly string[]): void {
  if (params === null || typeof params !== 'object') {
    throw new Error(`invalid ${type} parameters: ${showValue(params)} (expected an object)`);
  }
  for (const key of Object.keys(params)) {
    if (!names.includes(key)) throw new Error(`unknown ${type} parameter: ${key} (expected one of ${names.join(', ')})`);
  }
}

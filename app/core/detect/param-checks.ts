/**
 * The checks `normalize` makes of a parameter that many detectors share, so
 * that each says what it expects in the same words. Like Plot's `keyword()`:
 * the error names the field and the value it got.
 */
import { showValue } from '../show-value.ts';
import { checkUpper, type ParamLimit } from './param-limits.ts';

/**
 * `v` when it is one of `choices`.
 * @throws `invalid <field>: <v> (expected one of a, b, c)`
 */
export function oneOf<T extends string>(field: string, v: unknown, choices: readonly T[]): T {
  if (!choices.includes(v as T)) throw new Error(`invalid ${field}: ${showValue(v)} (expected one of ${choices.join(', ')})`);
  return v as T;
}

/**
 * `v` when it is a finite number above 0 and within `limit`'s maximum.
 * @throws `invalid <field>: <v> (expected a finite number > 0)`, or ParamRangeError above the maximum
 */
export function positiveNumber(field: string, v: unknown, limit: Readonly<ParamLimit>): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new Error(`invalid ${field}: ${showValue(v)} (expected a finite number > 0)`);
  checkUpper(field, v, limit);
  return v;
}

/**
 * Upper and lower bounds of numeric options (detector parameters, feature
 * options): generous for real use, small enough that no single option can
 * take a 24 GiB machine's memory (`trees: 1e9` once ran out of it). Each
 * detector keeps its table beside its defaults; validation, the page's forms
 * and the JSON Schema read the same table.
 */
import { showValue } from '../show-value.ts';

/** The range of one numeric option. */
export interface ParamLimit {
  /** The smallest value allowed (above it only, with `exclusiveMin`). */
  min: number;
  /** The largest value allowed (below it only, with `exclusiveMax`). */
  max: number;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  /** Whole numbers only. */
  integer?: boolean;
  /** A list option (autoencoder layers): at most this many entries, each within min..max. */
  maxItems?: number;
}

/** Per option name, its range. */
export type ParamLimits = Readonly<Record<string, Readonly<ParamLimit>>>;

/**
 * An option outside its bounds. `field` names it (`trees`, `layers[0]`) and
 * `detail` says what is wrong (`1000000000 is above the limit 10000`), so a
 * spec error can write `detectors[0].params.trees: …`; the message alone
 * reads `invalid trees: 1000000000 is above the limit 10000`.
 */
export class ParamRangeError extends Error {
  constructor(readonly field: string, readonly detail: string) {
    super(`invalid ${field}: ${detail}`);
    this.name = 'ParamRangeError';
  }
}

/** A number as a limit message shows it: plain digits for whole numbers (1000000000, not 1e9). */
export function showNumber(v: number): string {
  return Number.isSafeInteger(v) ? v.toFixed(0) : String(v);
}

/**
 * Refuses a number above its limit's `max` (the lower bound and the type are
 * checked by the caller, whose messages say what the option expects).
 * @throws ParamRangeError `<v> is above the limit <max>`
 */
export function checkUpper(field: string, v: number, limit: Readonly<ParamLimit>): void {
  if (limit.exclusiveMax ? v >= limit.max : v > limit.max) {
    throw new ParamRangeError(field, `${showNumber(v)} is ${limit.exclusiveMax ? 'at or ' : ''}above the limit ${showNumber(limit.max)}`);
  }
}

/**
 * Checks a value against both bounds of its limit, for options that had no
 * lower bound message of their own.
 * @throws ParamRangeError naming the bound passed
 */
export function checkRange(field: string, v: unknown, limit: Readonly<ParamLimit>): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (limit.integer && !Number.isInteger(v))) {
    throw new ParamRangeError(field, `${showValue(v)} is not ${limit.integer ? 'a whole number' : 'a number'}`);
  }
  if (limit.exclusiveMin ? v <= limit.min : v < limit.min) {
    throw new ParamRangeError(field, `${showNumber(v)} is ${limit.exclusiveMin ? 'at or ' : ''}below the limit ${showNumber(limit.min)}`);
  }
  checkUpper(field, v, limit);
  return v;
}

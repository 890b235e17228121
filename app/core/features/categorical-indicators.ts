/**
 * Indicator columns for a string field (a WAF log's action, country, method,
 * status…), so that detectors, which only see numbers, can tell a value the
 * training rows had from one they never had.
 *
 * Two modes:
 * - `known`: one column `<field>:unknown`, 1 where the value is not a known
 *   one. Cheap, one column whatever the cardinality; the question it answers
 *   ("have we seen this before?") is the anomaly-relevant one.
 * - `onehot`: one column `<field>=<value>` per known value, then
 *   `<field>=<other>` for every other value. Lets a detector weigh a rare but
 *   known value too.
 *
 * With `missing`, a row without a value (null) gets its own column
 * `<field>:missing` and no other 1; without it, a missing value is just not a
 * known one (unknown / other). `:` names a status of the value, `=` a value.
 * An empty string is a value like any other (ingest already turns empty cells
 * into null).
 */
import { FEATURE_LIMITS } from './feature-spec.ts';

export const CATEGORICAL_MODES = ['known', 'onehot'] as const;
export type CategoricalMode = (typeof CATEGORICAL_MODES)[number];

/** Options of {@link fitCategorical}. */
export interface CategoricalOptions {
  /** The field's name, the prefix of every column name. */
  field: string;
  mode: CategoricalMode;
  /** The known values, in column order; omitted = learned from the training rows. */
  known?: string[];
  /** When learning: a value is known if the training rows have it at least this often; default 1. */
  minCount?: number;
  /** Add a `<field>:missing` column; default false. */
  missing?: boolean;
}

/** A fitted categorical encoding, plain JSON. */
export interface CategoricalState {
  field: string;
  mode: CategoricalMode;
  /** Known values; learned ones are in code-unit order, so the columns do not depend on row order. */
  known: string[];
  missing: boolean;
}

/** The column for values that are not known, in `onehot` mode. */
export const OTHER_VALUE = '<other>';

/**
 * Fits the known values: the listed ones, or those the training rows have at
 * least `minCount` times. A value only the other rows have stays unknown.
 * @param rows indices of the training rows; all rows when omitted
 * @throws on an invalid option, naming it and the value got
 */
export function fitCategorical(values: ArrayLike<string | null>, options: CategoricalOptions, rows?: ArrayLike<number>): CategoricalState {
  const { field, mode } = options;
  const missing = options.missing ?? false;
  const minCount = options.minCount ?? 1;
  if (typeof field !== 'string' || field === '') throw new Error(`categorical field: invalid name ${JSON.stringify(field)} (expected a non-empty string)`);
  if (!(CATEGORICAL_MODES as readonly string[]).includes(mode)) {
    throw new Error(`categorical field "${field}": unknown mode ${JSON.stringify(mode)} (expected one of ${CATEGORICAL_MODES.join(', ')})`);
  }
  if (!Number.isInteger(minCount) || minCount < 1) {
    throw new Error(`categorical field "${field}": invalid minCount ${minCount} (expected a whole number ≥ 1)`);
  }
  let known: string[];
  if (options.known) {
    known = [...options.known];
    const seen = new Set<string>();
    for (const v of known) {
      if (typeof v !== 'string') throw new Error(`categorical field "${field}": known value ${JSON.stringify(v)} is not a string`);
      if (seen.has(v)) throw new Error(`categorical field "${field}": "${v}" is listed twice in known`);
      seen.add(v);
    }
  } else {
    const counts = new Map<string, number>();
    const n = rows ? rows.length : values.length;
    for (let k = 0; k < n; k++) {
      const v = values[rows ? rows[k] : k];
      if (v !== null && v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    known = [...counts].filter(([, c]) => c >= minCount).map(([v]) => v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  const maxColumns = FEATURE_LIMITS.categorical.known;
  if (mode === 'onehot' && known.length > maxColumns) {
    // A column per value: an id-like field (an IP, a user) would make a dense matrix of rows × distinct values.
    throw new Error(
      `categorical field "${field}": ${known.length.toLocaleString('en-US')} ${options.known ? 'known values' : 'distinct values in the training rows'}, ` +
        `more one-hot columns than the limit ${maxColumns.toLocaleString('en-US')}; use mode "known" (one column) or raise minCount`,
    );
  }
  if (mode === 'onehot' && known.includes(OTHER_VALUE)) {
    throw new Error(`categorical field "${field}": a value "${OTHER_VALUE}" would clash with the column for other values`);
  }
  return { field, mode, known, missing };
}

/** The column names a state produces, in order. */
export function categoricalNames(state: CategoricalState): string[] {
  const names = state.mode === 'onehot'
    ? [...state.known.map((v) => `${state.field}=${v}`), `${state.field}=${OTHER_VALUE}`]
    : [`${state.field}:unknown`];
  if (state.missing) names.push(`${state.field}:missing`);
  return names;
}

/**
 * The indicator columns of any rows: 0/1 values, row-major n × k with k =
 * `names.length`; each row has exactly one 1 in `onehot` mode, at most one in
 * `known` mode.
 */
export function categoricalColumns(values: ArrayLike<string | null>, state: CategoricalState): { names: string[]; data: Float64Array } {
  const names = categoricalNames(state);
  const k = names.length;
  const n = values.length;
  const data = new Float64Array(n * k);
  const column = new Map<string, number>();
  state.known.forEach((v, j) => column.set(v, state.mode === 'onehot' ? j : -1));
  // Where the unknown / other values go, and where missing ones go.
  const other = state.mode === 'onehot' ? state.known.length : 0;
  const missingCol = state.missing ? k - 1 : other;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      data[i * k + missingCol] = 1;
      continue;
    }
    const j = column.get(v);
    if (j === undefined) data[i * k + other] = 1;
    else if (j >= 0) data[i * k + j] = 1;
  }
  return { names, data };
}

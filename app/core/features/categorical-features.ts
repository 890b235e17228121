import type { LogData } from '../ingest/log-data.ts';
import { fieldColumn, isNumericColumn } from '../ingest/log-data.ts';
import type { Matrix } from '../matrix.ts';
import { keyValues } from '../parse/key-values.ts';
import { categoricalColumns, fitCategorical, type CategoricalState } from './categorical-indicators.ts';
import type { CategoricalSpec } from './feature-spec.ts';

/**
 * Per row, the text value of a field: a JSON/CSV field (numbers as text, so
 * a status 404 is the value "404"), else a key=value pair of the message.
 * Null where the row has none.
 * @throws when neither the fields nor any message has it, naming the fields there are
 */
export function categoricalValues(data: LogData, field: string): (string | null)[] {
  const col = fieldColumn(data, field);
  if (col) {
    const numeric = isNumericColumn(col);
    return Array.from(col as ArrayLike<string | number | null>, (v) =>
      v === null || (numeric && Number.isNaN(v as number)) ? null : String(v),
    );
  }
  let found = false;
  const needle = `${field}=`;
  const values = Array.from(data.message, (message) => {
    if (!message.includes(needle)) return null;
    const v = keyValues(message)[field];
    if (v === undefined) return null;
    found = true;
    return v;
  });
  if (!found) {
    const names = Object.keys(data.fields);
    throw new Error(`features.categorical: no field or key=value "${field}" in the data` + (names.length ? ` (fields: ${names.slice(0, 20).join(', ')})` : ''));
  }
  return values;
}

/**
 * Indicator columns for every categorical spec, side by side. Known values
 * are learned on the training rows only (or taken from `fitted`), so a value
 * that first shows up in the judged part is unknown there, as it would be in
 * production.
 * @param trainRows training rows; all rows when omitted
 */
export function categoricalFeatures(
  data: LogData,
  specs: CategoricalSpec[],
  fitted?: CategoricalState[],
  trainRows?: ArrayLike<number>,
): { matrix: Matrix; states: CategoricalState[] } {
  const n = data.line.length;
  const states: CategoricalState[] = [];
  const parts: { names: string[]; data: Float64Array }[] = [];
  specs.forEach((spec, i) => {
    const values = categoricalValues(data, spec.field);
    let state = fitted?.[i];
    if (!state) {
      try {
        state = fitCategorical(values, { field: spec.field, mode: spec.mode ?? 'known', known: spec.known, minCount: spec.minCount, missing: spec.missing }, trainRows);
      } catch (e) {
        throw new Error(`features.categorical[${i}]: ${(e as Error).message}`);
      }
    }
    states.push(state);
    parts.push(categoricalColumns(values, state));
  });
  const cols = parts.reduce((s, p) => s + p.names.length, 0);
  const out = new Float64Array(n * cols);
  let offset = 0;
  for (const p of parts) {
    const k = p.names.length;
    for (let r = 0; r < n; r++) out.set(p.data.subarray(r * k, (r + 1) * k), r * cols + offset);
    offset += k;
  }
  return { matrix: { rows: n, cols, data: out, names: parts.flatMap((p) => p.names) }, states };
}

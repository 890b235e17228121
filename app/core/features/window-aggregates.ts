import type { LogData } from '../ingest/log-data.ts';
import { fieldColumn, isNumericColumn } from '../ingest/log-data.ts';
import { ownValue } from '../ingest/own-record.ts';
import type { Matrix } from '../matrix.ts';
import { keyValues } from '../parse/key-values.ts';
import type { ParsedLines } from '../parse/line-fields.ts';
import { eventCountMatrix, fitEventColumns, templateEvents, type EventColumns } from './event-count-matrix.ts';
import type { UnitMembership } from './session-units.ts';

/** The aggregates a window (or session) can be described by; `FIELD` is a field or key=value name. */
export const WINDOW_AGGREGATES = ['count', 'errors', 'templates', 'distinct:FIELD', 'sum:FIELD', 'mean:FIELD', 'max:FIELD'] as const;

/** Spec of the aggregate columns, e.g. `{ aggregates: ["count", "errors", "distinct:src_ip", "sum:bytes"] }`. */
export interface WindowAggregateSpec {
  aggregates: string[];
}

/** Severity from which a row counts as an error: ERROR (4) and FATAL (5). */
const ERROR_LEVEL = 4;

/**
 * One row per unit (window or session), one or more columns per aggregate,
 * each named as asked:
 * - `count`: rows in the unit;
 * - `errors`: rows of level ERROR or FATAL;
 * - `templates`: one column per template of `vocabulary` (named by its
 *   text, plus `unseen` if the vocabulary has it), counting its rows;
 * - `distinct:F`: distinct values of field F (a JSON/CSV field, else a
 *   key=value pair of the message) among the rows that have one;
 * - `sum:F`, `mean:F`, `max:F`: over the rows where the number F (numeric
 *   field or key=value number) is present; 0 when no row has it, the neutral
 *   fill line features use too.
 * @param vocabulary template columns learned on the training units; pass it
 *   for test data, or templates only the test part has would become columns.
 *   Omitted, they are learned on these units.
 * @throws on an unknown aggregate (naming it and the known ones) or an absent field (naming the fields there are)
 */
export function windowFeatures(
  units: UnitMembership,
  parsed: ParsedLines,
  data: LogData,
  spec: WindowAggregateSpec,
  vocabulary?: EventColumns,
): Matrix {
  const count = units.rowStart.length - 1;
  const names: string[] = [];
  const columns: Float64Array[] = [];
  for (const name of spec.aggregates) {
    const colon = name.indexOf(':');
    const op = colon < 0 ? name : name.slice(0, colon);
    const field = colon < 0 ? '' : name.slice(colon + 1);
    if (colon < 0 && op === 'count') {
      names.push(name);
      columns.push(perUnit(units, () => 1));
    } else if (colon < 0 && op === 'errors') {
      const level = parsed.level;
      names.push(name);
      columns.push(perUnit(units, (row) => (level[row] >= ERROR_LEVEL ? 1 : 0)));
    } else if (colon < 0 && op === 'templates') {
      const events = templateEvents(parsed.templateId, parsed.templates, units);
      const m = eventCountMatrix(events, vocabulary ?? fitEventColumns(events));
      for (let j = 0; j < m.cols; j++) {
        const col = new Float64Array(count);
        for (let u = 0; u < count; u++) col[u] = m.data[u * m.cols + j];
        names.push(m.names[j]);
        columns.push(col);
      }
    } else if (field !== '' && op === 'distinct') {
      names.push(name);
      columns.push(distinctPerUnit(units, valueCodes(parsed, data, field)));
    } else if (field !== '' && (op === 'sum' || op === 'mean' || op === 'max')) {
      names.push(name);
      columns.push(numericPerUnit(units, numberColumn(parsed, data, field), op));
    } else {
      throw new Error(`features.aggregates: unknown aggregate "${name}" (known: ${WINDOW_AGGREGATES.join(', ')})`);
    }
  }
  const cols = columns.length;
  const out = new Float64Array(count * cols);
  for (let j = 0; j < cols; j++) {
    const col = columns[j];
    for (let u = 0; u < count; u++) out[u * cols + j] = col[u];
  }
  return { rows: count, cols, data: out, names };
}

function perUnit(units: UnitMembership, value: (row: number) => number): Float64Array {
  const count = units.rowStart.length - 1;
  const out = new Float64Array(count);
  for (let u = 0; u < count; u++) {
    let s = 0;
    for (let p = units.rowStart[u]; p < units.rowStart[u + 1]; p++) s += value(units.rows[p]);
    out[u] = s;
  }
  return out;
}

function numericPerUnit(units: UnitMembership, values: Float64Array, op: 'sum' | 'mean' | 'max'): Float64Array {
  const count = units.rowStart.length - 1;
  const out = new Float64Array(count);
  for (let u = 0; u < count; u++) {
    let sum = 0, max = -Infinity, k = 0;
    for (let p = units.rowStart[u]; p < units.rowStart[u + 1]; p++) {
      const v = values[units.rows[p]];
      if (Number.isNaN(v)) continue;
      sum += v;
      if (v > max) max = v;
      k++;
    }
    out[u] = k === 0 ? 0 : op === 'sum' ? sum : op === 'mean' ? sum / k : max;
  }
  return out;
}

/** Distinct codes per unit, with a stamp per code instead of a set per unit. */
function distinctPerUnit(units: UnitMembership, codes: { code: Int32Array; values: number }): Float64Array {
  const count = units.rowStart.length - 1;
  const out = new Float64Array(count);
  const stamp = new Int32Array(codes.values).fill(-1);
  for (let u = 0; u < count; u++) {
    let k = 0;
    for (let p = units.rowStart[u]; p < units.rowStart[u + 1]; p++) {
      const c = codes.code[units.rows[p]];
      if (c < 0 || stamp[c] === u) continue;
      stamp[c] = u;
      k++;
    }
    out[u] = k;
  }
  return out;
}

/** Per row: a code for the field's value (equal values, equal codes), −1 where absent. */
function valueCodes(parsed: ParsedLines, data: LogData, field: string): { code: Int32Array; values: number } {
  const n = data.line.length;
  const code = new Int32Array(n).fill(-1);
  const index = new Map<string | number, number>();
  const put = (row: number, v: string | number): void => {
    let c = index.get(v);
    if (c === undefined) index.set(v, (c = index.size));
    code[row] = c;
  };
  const col: ArrayLike<string | number | null> | undefined = fieldColumn(data, field) ?? ownValue(parsed.numbers, field);
  if (col) {
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (v !== null && v !== '' && !(typeof v === 'number' && Number.isNaN(v))) put(i, v);
    }
    return { code, values: index.size };
  }
  // Not a field: a key=value pair of the message (e.g. `user=alice` in plain
  // text). Only this key is wanted, so a regex for it alone stands in for
  // `keyValues` (same delimiters, last pair wins), about 3× faster on a million
  // rows; a line with quotes goes through `keyValues`, which skips a `key=`
  // inside a quoted value.
  const needle = `${field}=`;
  const pair = new RegExp(`(?:^|[\\s,;(\\[{])${escapeRegExp(field)}=([^\\s,;)\\]}]+)`, 'g');
  let found = false;
  for (let i = 0; i < n; i++) {
    const message = data.message[i];
    if (message.indexOf(needle) < 0) continue;
    let v: string | undefined;
    if (message.indexOf('"') >= 0 || message.indexOf("'") >= 0) v = keyValues(message)[field];
    else {
      pair.lastIndex = 0;
      for (let m = pair.exec(message); m; m = pair.exec(message)) v = m[1];
    }
    if (v === undefined || v === '') continue;
    found = true;
    put(i, v);
  }
  if (!found) throw new Error(`features.aggregates: no field or key=value "${field}" in the data` + fieldList(data, parsed));
  return { code, values: index.size };
}

function numberColumn(parsed: ParsedLines, data: LogData, field: string): Float64Array {
  const col = ownValue(parsed.numbers, field) ?? fieldColumn(data, field);
  if (col && isNumericColumn(col)) return col;
  if (col) throw new Error(`features.aggregates: field "${field}" is not numeric (sum, mean and max need numbers)`);
  throw new Error(`features.aggregates: no numeric field or key=value number "${field}" in the data` + fieldList(data, parsed));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

function fieldList(data: LogData, parsed: ParsedLines): string {
  const names = [...new Set([...Object.keys(data.fields), ...Object.keys(parsed.numbers)])];
  return names.length ? ` (fields: ${names.slice(0, 20).join(', ')})` : '';
}

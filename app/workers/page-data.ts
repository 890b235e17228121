/**
 * What the page holds of loaded logs, and what it asks the data worker for.
 * The rows' text (raw lines, messages, text fields) stays in the worker: a
 * million strings posted to the page would block its thread for a second and
 * hold hundreds of MB there. The page keeps the per-row numbers (file, line,
 * time) and asks for the text of the rows it shows (`RowRecord`).
 */
import { isNumericColumn, type LogData, type SourceFile } from '../core/ingest/log-data.ts';
import type { IngestWarning } from '../core/ingest/warnings.ts';

/** A field's kind, as the cells that pick fields need it. */
export type FieldKind = 'number' | 'text';

/** The loaded logs without their text: a few typed arrays and the field names. */
export interface PageData {
  files: SourceFile[];
  /** Per row: index into `files`. */
  file: Int32Array;
  /** Per row: 1-based line number in its file. */
  line: Int32Array;
  /** Per row: milliseconds since the epoch (UTC), NaN where none was recognised. */
  timestamp: Float64Array;
  /** Every field the rows have, in the data's order, with its kind (a null-prototype object, as `LogData.fields`). */
  fieldKinds: Record<string, FieldKind>;
  messageField: (string | null)[];
  warnings: IngestWarning[];
  /** The first rows' text, so the Data cell's preview shows with the rows. */
  head: RowRecord[];
}

/** The text of one row: what the panels that show a row print (as text, never as HTML). */
export interface RowRecord {
  row: number;
  raw: string;
  message: string;
  /** Every field's value in this row (null where missing). */
  fields: Record<string, string | number | null>;
}

/** Rows the page's preview shows first. */
export const HEAD_ROWS = 10;

/** The kind of every field (a null-prototype object, in the fields' order). */
export function fieldKindsOf(fields: LogData['fields']): Record<string, FieldKind> {
  const kinds: Record<string, FieldKind> = Object.create(null);
  for (const name of Object.keys(fields)) kinds[name] = isNumericColumn(fields[name]) ? 'number' : 'text';
  return kinds;
}

/** The page's part of `data`: copies of the per-row numbers (the worker keeps its own), the field kinds, the head rows. */
export function pageDataOf(data: LogData): PageData {
  const fieldKinds = fieldKindsOf(data.fields);
  const head = Array.from({ length: Math.min(HEAD_ROWS, data.line.length) }, (_, r) => r);
  return {
    files: data.files,
    file: data.file.slice(),
    line: data.line.slice(),
    timestamp: data.timestamp.slice(),
    fieldKinds,
    messageField: data.messageField,
    warnings: data.warnings,
    head: rowRecords(data, head),
  };
}

/** The text of the given rows (rows out of range are left out). */
export function rowRecords(data: LogData, rows: ArrayLike<number>): RowRecord[] {
  const names = Object.keys(data.fields);
  const out: RowRecord[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!(r >= 0 && r < data.line.length)) continue;
    const fields: Record<string, string | number | null> = Object.create(null);
    for (const name of names) fields[name] = data.fields[name][r] ?? null;
    out.push({ row: r, raw: data.raw[r], message: data.message[r], fields });
  }
  return out;
}

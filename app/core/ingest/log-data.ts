import { ownValue } from './own-record.ts';
import type { Format } from './sniff-format.ts';
import type { IngestWarning } from './warnings.ts';

/** A field column: numbers (NaN where missing) or strings (null where missing). */
export type FieldColumn = Float64Array | (string | null)[];

/** One file that was read. */
export interface SourceFile {
  name: string;
  format: Format;
  /** Why the format was chosen (sniffed) or "chosen by you". */
  reason: string;
  /** Size in bytes (decompressed, for a gzip file). */
  bytes: number;
  /** For a gzip-compressed file only: its size as given, in bytes. */
  compressedBytes?: number;
  /** Rows it contributed. */
  rows: number;
}

/**
 * Loaded logs as columns, one entry per row (a log line, or a CSV record).
 * Plain arrays and typed arrays only, so it crosses from a worker by
 * structured clone and becomes an Arquero table with `toTable`.
 */
export interface LogData {
  files: SourceFile[];
  /** Per row: index into `files`. */
  file: Int32Array;
  /** Per row: 1-based line number in its file. */
  line: Int32Array;
  /** Per row: the text as it stands in the file. */
  raw: string[];
  /** Per row: the text that parsing sees (the message field of JSON/CSV, else the line). */
  message: string[];
  /** Per row: milliseconds since the epoch (UTC), NaN where none was recognised. */
  timestamp: Float64Array;
  /**
   * Fields of JSON and CSV rows, flattened with dotted names. Keyed by what
   * the logs hold, so `__proto__` or `constructor` may be a field: made
   * without a prototype, and read with `fieldColumn` / `hasField` (own keys
   * only; after a structured clone it has `Object.prototype` again).
   */
  fields: Record<string, FieldColumn>;
  /** Which field `message` came from, per file (null: the whole line). */
  messageField: (string | null)[];
  warnings: IngestWarning[];
}

export function rowCount(data: LogData): number {
  return data.line.length;
}

/** The column of a field, or undefined when the data has no such field (never an inherited property such as `constructor`). */
export function fieldColumn(data: Pick<LogData, 'fields'>, name: string): FieldColumn | undefined {
  return ownValue(data.fields, name);
}

/** True when the data has a field of that name (an own key of `fields`). */
export function hasField(data: Pick<LogData, 'fields'>, name: string): boolean {
  return Object.hasOwn(data.fields, name);
}

/** True when a field column holds numbers. */
export function isNumericColumn(c: FieldColumn): c is Float64Array {
  return c instanceof Float64Array;
}

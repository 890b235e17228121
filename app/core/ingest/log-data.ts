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
  /** Fields of JSON and CSV rows, flattened with dotted names. */
  fields: Record<string, FieldColumn>;
  /** Which field `message` came from, per file (null: the whole line). */
  messageField: (string | null)[];
  warnings: IngestWarning[];
}

export function rowCount(data: LogData): number {
  return data.line.length;
}

/** True when a field column holds numbers. */
export function isNumericColumn(c: FieldColumn): c is Float64Array {
  return c instanceof Float64Array;
}

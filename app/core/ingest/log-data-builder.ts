import { jsonText } from './json-text.ts';
import type { FieldColumn, LogData, SourceFile } from './log-data.ts';
import { ownRecord } from './own-record.ts';
import type { IngestWarning } from './warnings.ts';

/**
 * Accumulates rows from one or more files into columns. Field columns are
 * created when a field first appears and padded, so sparse JSON fields cost
 * one array each, not an object per row.
 */
export class LogDataBuilder {
  readonly files: SourceFile[] = [];
  private file: number[] = [];
  private line: number[] = [];
  private raw: string[] = [];
  private message: string[] = [];
  private timestamp: number[] = [];
  private fields = new Map<string, unknown[]>();
  /** The row where each field first appeared, so `truncate` can drop fields only later rows had. */
  private fieldStart = new Map<string, number>();
  private messageField: (string | null)[] = [];
  private warnings: IngestWarning[] = [];
  /** Rows handed out by `drain` so far. */
  private drained = 0;

  /** Rows held now (added since the last `drain`). */
  get rows(): number {
    return this.line.length;
  }

  /** Rows ever added, those already drained included: a position that survives `drain`. */
  get total(): number {
    return this.drained + this.line.length;
  }

  beginFile(info: SourceFile, messageField: string | null): number {
    this.files.push(info);
    this.messageField.push(messageField);
    return this.files.length - 1;
  }

  setMessageField(fileIndex: number, name: string | null): void {
    this.messageField[fileIndex] = name;
  }

  addWarnings(list: IngestWarning[]): void {
    this.warnings.push(...list);
  }

  /** Appends a row; `fields` may be empty. Its own keys are the field names (`__proto__` included). */
  addRow(fileIndex: number, line: number, raw: string, message: string, timestamp: number, fields?: Record<string, unknown>): void {
    const row = this.line.length;
    this.file.push(fileIndex);
    this.line.push(line);
    this.raw.push(raw);
    this.message.push(message);
    this.timestamp.push(timestamp);
    if (!fields) return;
    for (const name of Object.keys(fields)) {
      let col = this.fields.get(name);
      if (!col) {
        col = [];
        this.fields.set(name, col);
        this.fieldStart.set(name, row);
      }
      col[row] = fields[name];
    }
  }

  /**
   * Drops the rows from `from` (a `total` position) on, used when a file
   * fails after adding rows. Rows already drained are gone and stay so.
   */
  truncate(at: number): void {
    const from = Math.max(0, at - this.drained);
    for (const arr of [this.file, this.line, this.raw, this.message, this.timestamp]) arr.length = from;
    for (const [name, col] of this.fields) {
      if (this.fieldStart.get(name)! >= from) {
        this.fields.delete(name);
        this.fieldStart.delete(name);
      } else if (col.length > from) col.length = from;
    }
  }

  /**
   * The rows held so far as a `LogData` of their own, and an empty builder
   * for the rows to come (files stay open): what streaming hands on, batch by
   * batch, so memory holds one batch and not the whole stream. A field column
   * is typed per batch, as `finish` types it per load.
   */
  drain(): LogData {
    const data = this.finish();
    const copy = { ...data, files: data.files.map((f) => ({ ...f })), messageField: [...data.messageField], warnings: [...data.warnings] };
    this.drained += this.line.length;
    this.file = [];
    this.line = [];
    this.raw = [];
    this.message = [];
    this.timestamp = [];
    this.fields = new Map();
    this.fieldStart = new Map();
    this.warnings = [];
    return copy;
  }

  finish(): LogData {
    const n = this.rows;
    const fields = ownRecord<FieldColumn>();
    for (const [name, values] of this.fields) {
      if (values.length === 0 && n > 0) continue;
      values.length = n;
      fields[name] = typeColumn(values);
    }
    return {
      files: this.files,
      file: Int32Array.from(this.file),
      line: Int32Array.from(this.line),
      raw: this.raw,
      message: this.message,
      timestamp: Float64Array.from(this.timestamp),
      fields,
      messageField: this.messageField,
      warnings: this.warnings,
    };
  }
}

const NUMBER = /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * A column is numeric when every present value is a number or reads as one.
 * Otherwise text: an object or array value (nested deeper than flattening
 * goes) is kept as its JSON text, at any depth (`jsonText`, no recursion).
 */
export function typeColumn(values: unknown[]): FieldColumn {
  let numeric = true;
  let present = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined || v === null || v === '') continue;
    present++;
    if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string' || !NUMBER.test(v)) {
      numeric = false;
      break;
    }
  }
  if (numeric && present > 0) {
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      out[i] = v === undefined || v === null || v === '' ? NaN : Number(v);
    }
    return out;
  }
  return Array.from(values, (v) =>
    v === undefined || v === null ? null : typeof v === 'string' ? v : typeof v === 'object' ? (jsonText(v) ?? 'null') : String(v),
  );
}

import { isNumericColumn, type FieldColumn, type LogData } from './log-data.ts';
import { typeColumn } from './log-data-builder.ts';
import { ownRecord, ownValue } from './own-record.ts';

/**
 * The given rows of `data`, in the given order, as a `LogData` of their own
 * (files, message fields and warnings shared as they are). A text field is
 * typed again over the rows kept, as reading them alone would type it: the
 * rows of "12", "slow", "14" without "slow" have a numeric field.
 * @param rows row indices into `data`
 */
export function selectLogRows(data: LogData, rows: ArrayLike<number>): LogData {
  const n = rows.length;
  const pick = <T>(a: ArrayLike<T>): T[] => Array.from({ length: n }, (_, i) => a[rows[i]]);
  const fields = ownRecord<FieldColumn>();
  for (const name of Object.keys(data.fields)) {
    const col = data.fields[name];
    fields[name] = isNumericColumn(col) ? Float64Array.from(pick(col)) : typeColumn(pick(col));
  }
  return {
    files: data.files,
    file: Int32Array.from(pick(data.file)),
    line: Int32Array.from(pick(data.line)),
    raw: pick(data.raw),
    message: pick(data.message),
    timestamp: Float64Array.from(pick(data.timestamp)),
    fields,
    messageField: data.messageField,
    warnings: data.warnings,
  };
}

/**
 * Batches of one stream (same files, in order) as one `LogData`. A field
 * missing from a batch is missing in its rows. A field that is numeric in
 * every batch that has it stays numeric; one that is text in any batch is
 * text throughout, numbers written as JavaScript prints them — as reading
 * the whole stream at once would type it, but for how a number was spelled
 * ("1.50" becomes "1.5").
 */
export function concatLogData(parts: LogData[]): LogData {
  if (parts.length === 1) return parts[0];
  const last = parts[parts.length - 1] ?? emptyLike();
  const total = parts.reduce((s, p) => s + p.line.length, 0);
  const names = new Set<string>();
  for (const p of parts) for (const name of Object.keys(p.fields)) names.add(name);
  const fields = ownRecord<FieldColumn>();
  for (const name of names) {
    const numeric = parts.every((p) => !Object.hasOwn(p.fields, name) || isNumericColumn(p.fields[name]));
    if (numeric) {
      const out = new Float64Array(total).fill(NaN);
      let at = 0;
      for (const p of parts) {
        const col = ownValue(p.fields, name) as Float64Array | undefined;
        if (col) out.set(col, at);
        at += p.line.length;
      }
      fields[name] = out;
    } else {
      const out: (string | null)[] = new Array(total).fill(null);
      let at = 0;
      for (const p of parts) {
        const col = ownValue(p.fields, name);
        if (col) for (let i = 0; i < p.line.length; i++) out[at + i] = isNumericColumn(col) ? (Number.isNaN(col[i]) ? null : String(col[i])) : col[i];
        at += p.line.length;
      }
      fields[name] = out;
    }
  }
  const join = <T extends Int32Array | Float64Array>(make: new (n: number) => T, get: (p: LogData) => T): T => {
    const out = new make(total);
    let at = 0;
    for (const p of parts) {
      out.set(get(p), at);
      at += p.line.length;
    }
    return out;
  };
  return {
    files: last.files,
    file: join(Int32Array, (p) => p.file),
    line: join(Int32Array, (p) => p.line),
    raw: parts.flatMap((p) => p.raw),
    message: parts.flatMap((p) => p.message),
    timestamp: join(Float64Array, (p) => p.timestamp),
    fields,
    messageField: last.messageField,
    warnings: parts.flatMap((p) => p.warnings),
  };
}

function emptyLike(): LogData {
  return { files: [], file: new Int32Array(0), line: new Int32Array(0), raw: [], message: [], timestamp: new Float64Array(0), fields: ownRecord(), messageField: [], warnings: [] };
}

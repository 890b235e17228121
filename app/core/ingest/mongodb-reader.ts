import { hasExtendedJsonMarkers, unwrapExtendedJson } from './extended-json.ts';
import { IngestError } from './ingest-error.ts';
import { parseJsonDocument, valueLines } from './whole-json.ts';
import { flatten, MESSAGE_FIELDS, parseObjectLine, timestampOf, type ReaderContext, type RowReader } from './row-readers.ts';
import { parseTimestampValue } from './timestamp.ts';
import { jsonText } from './json-text.ts';
import { LogDataBuilder } from './log-data-builder.ts';
import { ownRecord } from './own-record.ts';
import type { LogData } from './log-data.ts';

/** Which document fields hold the message, the host and the time (reader options). */
export interface MongodbFieldNames {
  /** Default `message`. */
  messageField: string;
  /** Default `hostname`; its value becomes the field `host`. */
  hostField: string;
  /** Default `received_at`. */
  timeField: string;
}

export const MONGODB_DEFAULTS: MongodbFieldNames = { messageField: 'message', hostField: 'hostname', timeField: 'received_at' };

/** True when the start of a document is a JSON array of MongoDB documents (`mongoexport --jsonArray`). */
export function looksLikeMongodbArray(head: string): boolean {
  return /^\s*\[\s*\{/.test(head) && hasExtendedJsonMarkers(head);
}

/** The field names from `readerOptions`, checked. */
export function mongodbFieldNames(ctx: ReaderContext): MongodbFieldNames {
  const out = { ...MONGODB_DEFAULTS };
  for (const key of Object.keys(MONGODB_DEFAULTS) as (keyof MongodbFieldNames)[]) {
    const v = ctx.options[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v === '') {
      throw new IngestError(ctx.fileName, `readerOptions.${key} must be a field name (text), not ${JSON.stringify(v)}`, { field: key });
    }
    out[key] = v;
  }
  return out;
}

/**
 * Adds one MongoDB document as a row. Extended JSON is unwrapped first
 * (`{"$oid": …}` → text, `{"$date": …}` → ISO time, `$numberLong` → number),
 * then the document is flattened like a JSON line. The message is
 * `messageField` (else the usual message names, else the whole document), the
 * time `timeField` (else the usual time names), and `hostField` is renamed
 * `host` so every format names hosts alike.
 * @returns the message field used, or null
 */
function addDocument(ctx: Pick<ReaderContext, 'builder' | 'fileIndex'>, names: MongodbFieldNames, doc: Record<string, unknown>, line: number, raw: string): string | null {
  const fields = flatten(unwrapExtendedJson(doc) as Record<string, unknown>);
  if (Object.hasOwn(fields, names.hostField) && names.hostField !== 'host') {
    fields.host = fields[names.hostField];
    delete fields[names.hostField];
  }
  const messageField = typeof fields[names.messageField] === 'string' ? names.messageField : (MESSAGE_FIELDS.find((f) => typeof fields[f] === 'string') ?? null);
  const message = messageField ? (fields[messageField] as string) : raw;
  const t = parseTimestampValue(fields[names.timeField]);
  ctx.builder.addRow(ctx.fileIndex, line, raw, message, Number.isNaN(t) ? timestampOf(fields) : t, fields);
  return messageField;
}

/** `mongoexport`'s default output: one document per line. A line that is not a JSON object is skipped with a warning. */
export function mongodbLineReader(ctx: ReaderContext): RowReader {
  const names = mongodbFieldNames(ctx);
  let first = true;
  return {
    line({ number, text }) {
      if (text.trim() === '') return;
      const value = parseObjectLine(ctx, number, text, 'mongodb', () => 'not a JSON object (a MongoDB document)');
      if (!value) return;
      const used = addDocument(ctx, names, value, number, text);
      if (first) ctx.builder.setMessageField(ctx.fileIndex, used);
      first = false;
    },
    end() {},
  };
}

/** `mongoexport --jsonArray`: one JSON array of documents; each row keeps the line where its document starts. */
export function readMongodbDocument(ctx: ReaderContext, text: string): void {
  const names = mongodbFieldNames(ctx);
  const docs = parseJsonDocument(text, ctx.fileName, 'a JSON array of MongoDB documents');
  if (!Array.isArray(docs)) throw new IngestError(ctx.fileName, 'expected a JSON array of MongoDB documents (mongoexport --jsonArray) or one document per line');
  const lines = valueLines(text, ['*']);
  let first = true;
  docs.forEach((doc, k) => {
    const line = lines[k] ?? 1;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      ctx.warnings.add('mongodb-not-object', line, () => `${ctx.fileName}, line ${line}: array element ${k + 1} is not a JSON object (a MongoDB document); skipped`);
      return;
    }
    const used = addDocument(ctx, names, doc as Record<string, unknown>, line, jsonText(doc)!);
    if (first) ctx.builder.setMessageField(ctx.fileIndex, used);
    first = false;
  });
}

/**
 * Documents a service reads from a database (MongoDB documents, SQL rows as
 * objects) as rows, the way `law` reads them from a `mongoexport` file: so a
 * spec trained on an export scores the live collection or table alike.
 * Values a driver gives as objects of its own are made plain first: a Date
 * becomes its ISO time, bytes their UTF-8 text, a bigint a number.
 * @param lineOf the row's line number (its id, when the id is a number)
 */
export function documentsToLogData(name: string, docs: Record<string, unknown>[], names: Partial<MongodbFieldNames> = {}, lineOf: (doc: Record<string, unknown>, i: number) => number = (_d, i) => i + 1): LogData {
  const builder = new LogDataBuilder();
  const fileIndex = builder.beginFile({ name, format: 'mongodb', reason: 'read from the database', bytes: 0, rows: 0 }, null);
  const all = { ...MONGODB_DEFAULTS, ...names };
  let used: string | null = null;
  docs.forEach((d, i) => {
    const doc = plainValues(d) as Record<string, unknown>;
    const field = addDocument({ builder, fileIndex }, all, doc, lineOf(d, i), jsonText(doc)!);
    if (i === 0) used = field;
  });
  builder.setMessageField(fileIndex, used);
  builder.files[fileIndex].rows = docs.length;
  return builder.finish();
}

function plainValues(v: unknown): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plainValues);
  if (v !== null && typeof v === 'object') {
    // A driver's own id type (MongoDB's ObjectId) prints as its hex text.
    if (typeof (v as { toHexString?: unknown }).toHexString === 'function') return (v as { toHexString(): string }).toHexString();
    // No prototype: a column or key named __proto__ stays a field, never a prototype.
    const out = ownRecord<unknown>();
    for (const k of Object.keys(v)) out[k] = plainValues((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

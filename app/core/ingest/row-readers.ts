import { CsvRecords } from './csv-records.ts';
import type { LogDataBuilder } from './log-data-builder.ts';
import type { SplitLine } from './line-splitter.ts';
import { findLineTimestamp, parseTimestampValue, TIMESTAMP_FIELDS } from './timestamp.ts';
import type { WarningLog } from './warnings.ts';
import { IngestError } from './ingest-error.ts';
import { ownRecord } from './own-record.ts';

/** Field names that hold the log message in JSON and CSV logs, in order of preference. */
export const MESSAGE_FIELDS = ['message', 'msg', 'log', 'Content', 'content', 'text', 'MESSAGE', 'Message'];

/** Turns lines of one file into rows of the builder. */
export interface RowReader {
  line(l: SplitLine): void;
  end(): void;
}

/** What every reader of one file gets. */
export interface ReaderContext {
  fileName: string;
  fileIndex: number;
  builder: LogDataBuilder;
  warnings: WarningLog;
  /** The year of syslog-style times that have none (reader option `syslogYear`). */
  syslogYear: number;
  /** Reader options as the caller gave them (`readerOptions`); each reader checks its own. */
  options: Record<string, unknown>;
}

/**
 * Plain text: one row per non-blank line.
 * @param mixedJson the file was sniffed as a mix of JSON objects and text: each
 *   JSON line is reported (it is kept, as text), so the mix is plain to see
 */
export function textReader(ctx: ReaderContext, mixedJson = false): RowReader {
  return {
    line({ number, text }) {
      if (text.trim() === '') return;
      if (mixedJson && isJsonObjectLine(text)) {
        ctx.warnings.add('mixed-json', number, () =>
          `${ctx.fileName}, line ${number}: a JSON object in a file read as text (too few lines are JSON for JSON lines); kept as a text line — choose the format jsonl to read its fields and skip the other lines`);
      }
      ctx.builder.addRow(ctx.fileIndex, number, text, text, findLineTimestamp(text, ctx.syslogYear));
    },
    end() {},
  };
}

/** True when a line is one JSON object. */
export function isJsonObjectLine(line: string): boolean {
  const t = line.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return false;
  try {
    const v: unknown = JSON.parse(t);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/**
 * One line as a JSON object. A line that is not JSON, or not an object, is
 * skipped with a counted warning (`<kind>-not-json`, `<kind>-not-object`)
 * naming the file and line; returns null then.
 */
export function parseObjectLine(
  ctx: ReaderContext,
  number: number,
  text: string,
  kind: string,
  notObject: (value: unknown) => string,
): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    ctx.warnings.add(`${kind}-not-json`, number, () => `${ctx.fileName}, line ${number}: not valid JSON (${(e as Error).message}); line skipped`);
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.warnings.add(`${kind}-not-object`, number, () => `${ctx.fileName}, line ${number}: ${notObject(value)}; line skipped`);
    return null;
  }
  return value as Record<string, unknown>;
}

/** JSON lines: one object per line, nested objects flattened with dots. */
export function jsonlReader(ctx: ReaderContext): RowReader {
  let messageField: string | null | undefined;
  return {
    line({ number, text }) {
      if (text.trim() === '') return;
      const value = parseObjectLine(ctx, number, text, 'jsonl', (v) => `a JSON ${Array.isArray(v) ? 'array' : typeof v}, not an object`);
      if (!value) return;
      const fields = flatten(value as Record<string, unknown>);
      if (messageField === undefined) {
        messageField = MESSAGE_FIELDS.find((f) => typeof fields[f] === 'string') ?? null;
        ctx.builder.setMessageField(ctx.fileIndex, messageField);
      }
      const message = messageField && typeof fields[messageField] === 'string' ? (fields[messageField] as string) : text;
      ctx.builder.addRow(ctx.fileIndex, number, text, message, timestampOf(fields), fields);
    },
    end() {},
  };
}

/** How a table format built on CSV (Loghub's) differs from plain CSV. */
export interface CsvHooks {
  /** The message column, whatever `MESSAGE_FIELDS` would pick. */
  messageField?: string;
  /** The row's time, instead of the usual timestamp fields. */
  timestamp?: (fields: Record<string, unknown>) => number;
}

/** CSV or TSV under a header row; quoted fields may span lines. */
export function csvReader(ctx: ReaderContext, delimiter: string, hooks: CsvHooks = {}): RowReader {
  const records = new CsvRecords(delimiter);
  let header: string[] | null = null;
  let messageField: string | null = null;
  let rawLines: string[] = [];
  return {
    line(l) {
      if (!records.open && l.text.trim() === '') return;
      rawLines.push(l.text);
      const record = records.pushLine(l.text, l.number);
      if (!record) return;
      const raw = rawLines.join('\n');
      rawLines = [];
      if (!header) {
        header = uniqueNames(record.map((h) => h.trim()));
        messageField = hooks.messageField && header.includes(hooks.messageField) ? hooks.messageField : (MESSAGE_FIELDS.find((f) => header!.includes(f)) ?? null);
        ctx.builder.setMessageField(ctx.fileIndex, messageField);
        return;
      }
      if (record.length !== header.length) {
        const start = records.startLine;
        ctx.warnings.add('csv-field-count', start, () =>
          `${ctx.fileName}, line ${start}: ${record.length} fields where the header has ${header!.length}; row skipped`);
        return;
      }
      const fields = ownRecord<unknown>();
      for (let j = 0; j < header.length; j++) fields[header[j]] = record[j];
      const message = messageField ? (fields[messageField] as string) : raw;
      ctx.builder.addRow(ctx.fileIndex, records.startLine, raw, message, (hooks.timestamp ?? timestampOf)(fields), fields);
    },
    end() {
      if (records.open) {
        throw new IngestError(ctx.fileName, 'a quoted field opened here is never closed (unterminated quote)', { line: records.startLine });
      }
    },
  };
}

/** The time of a row from the usual timestamp fields, NaN if none reads as one. */
export function timestampOf(fields: Record<string, unknown>): number {
  for (const name of TIMESTAMP_FIELDS) {
    if (Object.hasOwn(fields, name)) {
      const t = parseTimestampValue(fields[name]);
      if (!Number.isNaN(t)) return t;
    }
  }
  return NaN;
}

/**
 * Levels of names nested objects are flattened to: `a.b.c.d` at most. An
 * object deeper than that stays whole in its field, which holds its JSON
 * text (written without recursion, so a line nested 100 000 deep loads: its
 * deep part is a text field, nothing is lost).
 */
export const FLATTEN_LEVELS = 4;

/**
 * Flattens nested objects (`{http: {status: 200}}` → `http.status`) to
 * {@link FLATTEN_LEVELS} levels of names; arrays, and objects deeper than
 * that, stay whole. Every own key is a name, `__proto__` and `constructor`
 * included: the result has no prototype.
 */
export function flatten(obj: Record<string, unknown>, prefix = '', out: Record<string, unknown> = ownRecord(), depth = 0): Record<string, unknown> {
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    const name = prefix + key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < FLATTEN_LEVELS - 1) flatten(v as Record<string, unknown>, name + '.', out, depth + 1);
    else out[name] = v;
  }
  return out;
}

/** Empty or repeated header names get a suffix so every column has a name. */
function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n, j) => {
    const base = n === '' ? `column${j + 1}` : n;
    const k = seen.get(base) ?? 0;
    seen.set(base, k + 1);
    return k === 0 ? base : `${base}_${k + 1}`;
  });
}

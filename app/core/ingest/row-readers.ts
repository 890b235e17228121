import { CsvRecords } from './csv-records.ts';
import type { LogDataBuilder } from './log-data-builder.ts';
import type { SplitLine } from './line-splitter.ts';
import { findLineTimestamp, parseTimestampValue, TIMESTAMP_FIELDS } from './timestamp.ts';
import type { WarningLog } from './warnings.ts';
import { IngestError } from './ingest-error.ts';

/** Field names that hold the log message in JSON and CSV logs, in order of preference. */
export const MESSAGE_FIELDS = ['message', 'msg', 'log', 'Content', 'content', 'text', 'MESSAGE', 'Message'];

/** Turns lines of one file into rows of the builder. */
export interface RowReader {
  line(l: SplitLine): void;
  end(): void;
}

interface ReaderContext {
  fileName: string;
  fileIndex: number;
  builder: LogDataBuilder;
  warnings: WarningLog;
}

/** Plain text: one row per non-blank line. */
export function textReader(ctx: ReaderContext): RowReader {
  return {
    line({ number, text }) {
      if (text.trim() === '') return;
      ctx.builder.addRow(ctx.fileIndex, number, text, text, findLineTimestamp(text));
    },
    end() {},
  };
}

/** JSON lines: one object per line, nested objects flattened with dots. */
export function jsonlReader(ctx: ReaderContext): RowReader {
  let messageField: string | null | undefined;
  return {
    line({ number, text }) {
      if (text.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        ctx.warnings.add('jsonl-not-json', number, () => `${ctx.fileName}, line ${number}: not valid JSON (${(e as Error).message}); line skipped`);
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        ctx.warnings.add('jsonl-not-object', number, () => `${ctx.fileName}, line ${number}: a JSON ${Array.isArray(value) ? 'array' : typeof value}, not an object; line skipped`);
        return;
      }
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

/** CSV or TSV under a header row; quoted fields may span lines. */
export function csvReader(ctx: ReaderContext, delimiter: string): RowReader {
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
        messageField = MESSAGE_FIELDS.find((f) => header!.includes(f)) ?? null;
        ctx.builder.setMessageField(ctx.fileIndex, messageField);
        return;
      }
      if (record.length !== header.length) {
        const start = records.startLine;
        ctx.warnings.add('csv-field-count', start, () =>
          `${ctx.fileName}, line ${start}: ${record.length} fields where the header has ${header!.length}; row skipped`);
        return;
      }
      const fields: Record<string, unknown> = {};
      for (let j = 0; j < header.length; j++) fields[header[j]] = record[j];
      const message = messageField ? (fields[messageField] as string) : raw;
      ctx.builder.addRow(ctx.fileIndex, records.startLine, raw, message, timestampOf(fields), fields);
    },
    end() {
      if (records.open) {
        throw new IngestError(ctx.fileName, 'a quoted field opened here is never closed (unterminated quote)', { line: records.startLine });
      }
    },
  };
}

function timestampOf(fields: Record<string, unknown>): number {
  for (const name of TIMESTAMP_FIELDS) {
    if (name in fields) {
      const t = parseTimestampValue(fields[name]);
      if (!Number.isNaN(t)) return t;
    }
  }
  return NaN;
}

/** Flattens nested objects (`{http: {status: 200}}` → `http.status`); arrays stay whole. */
function flatten(obj: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}, depth = 0): Record<string, unknown> {
  for (const key in obj) {
    const v = obj[key];
    const name = prefix + key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < 3) flatten(v as Record<string, unknown>, name + '.', out, depth + 1);
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

import { IngestError } from './ingest-error.ts';
import { isLogfmtLine, parseLogfmt } from './logfmt-reader.ts';
import { copyOwn, ownRecord } from './own-record.ts';
import { parseJsonDocument, valueLines } from './whole-json.ts';
import type { ReaderContext } from './row-readers.ts';

/** True when the start of a document is a Loki query response (`"data":{"resultType":…`) or push body (`{"streams":[`). */
export function looksLikeLoki(head: string): boolean {
  return /^\s*\{/.test(head) && (/"data"\s*:\s*\{\s*"resultType"\s*:\s*"(streams|matrix|vector)"/.test(head) || /^\s*\{\s*"streams"\s*:\s*\[\s*\{\s*"stream"\s*:/.test(head));
}

interface Entry {
  t: number;
  line: number;
  text: string;
  fields: Record<string, unknown>;
}

/**
 * A Grafana Loki `query_range` (or `query`) response for a log query:
 * `{"status":"success","data":{"resultType":"streams","result":[{"stream":{labels},"values":[["<ns>","<line>"],…]}]}}`,
 * or a push body `{"streams":[…]}`. One row per value: raw and message are
 * the log line, fields are the stream's labels (and the structured metadata
 * Loki 3 puts third in a value), the timestamp comes from the nanoseconds.
 * A line in logfmt (`src_ip=… bytes=…`) also gets a field per pair, as
 * LogQL's `| logfmt` would extract them: a pair named like a label becomes
 * `NAME_extracted`, as in Loki.
 *
 * Rows are sorted by time, ties in the order of the response: Loki answers
 * newest first by default and one stream after another, and every later step
 * (time windows, sessions) expects time order. Each row keeps the line of its
 * value in the file.
 */
export function readLokiDocument(ctx: ReaderContext, text: string): void {
  const doc = parseJsonDocument(text, ctx.fileName, 'a Loki response') as Record<string, unknown> | null;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new IngestError(ctx.fileName, 'not a Loki response: expected a JSON object');
  let result: unknown;
  let path: string[];
  if (Array.isArray(doc.streams)) {
    result = doc.streams;
    path = ['streams', '*', 'values', '*'];
  } else {
    if (doc.status !== undefined && doc.status !== 'success') {
      throw new IngestError(ctx.fileName, `a Loki error response (status "${String(doc.status)}"${doc.error ? `: ${String(doc.error)}` : ''})`, { field: 'status' });
    }
    const data = doc.data as Record<string, unknown> | undefined;
    if (!data || typeof data !== 'object') throw new IngestError(ctx.fileName, 'not a Loki response: no "data" object', { field: 'data' });
    if (data.resultType !== 'streams') {
      throw new IngestError(ctx.fileName, `Loki resultType "${String(data.resultType)}" holds metric samples, not log lines: export a log query (without rate(), count_over_time() …)`, { field: 'data.resultType' });
    }
    result = data.result;
    path = ['data', 'result', '*', 'values', '*'];
  }
  if (!Array.isArray(result)) throw new IngestError(ctx.fileName, 'not a Loki response: the result is not a list of streams', { field: path.slice(0, -3).join('.') });
  const lines = valueLines(text, path);
  const entries: Entry[] = [];
  let k = 0;
  for (const stream of result) {
    const labels = (stream as { stream?: unknown })?.stream;
    const values = (stream as { values?: unknown })?.values;
    if (!Array.isArray(values)) continue;
    for (const value of values) {
      const line = lines[k++] ?? 1;
      const entry = toEntry(value, labels, line);
      if (entry) entries.push(entry);
      else {
        ctx.warnings.add('loki-bad-value', line, () =>
          `${ctx.fileName}, line ${line}: a Loki value that is not ["<nanoseconds>", "<line>"]; skipped`);
      }
    }
  }
  if (entries.length === 0) throw new IngestError(ctx.fileName, 'the Loki response holds no log lines (its result is empty)');
  // Array.prototype.sort is stable, so equal times keep the response's order.
  entries.sort((a, b) => a.t - b.t);
  for (const e of entries) ctx.builder.addRow(ctx.fileIndex, e.line, e.text, e.text, e.t, e.fields);
}

function toEntry(value: unknown, labels: unknown, line: number): Entry | null {
  if (!Array.isArray(value) || typeof value[1] !== 'string') return null;
  const t = nanosToMs(value[0]);
  if (Number.isNaN(t)) return null;
  // Own keys only, into a record without a prototype: a label `__proto__` is a label.
  const fields = labels && typeof labels === 'object' ? copyOwn(labels as Record<string, unknown>) : ownRecord<unknown>();
  const metadata = value[2];
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) for (const k of Object.keys(metadata)) fields[k] = (metadata as Record<string, unknown>)[k];
  if (isLogfmtLine(value[1])) {
    const pairs = parseLogfmt(value[1]).pairs;
    for (const k of Object.keys(pairs)) fields[Object.hasOwn(fields, k) ? `${k}_extracted` : k] = pairs[k];
  }
  return { t, line, text: value[1], fields };
}

/** Nanoseconds since the epoch, as Loki writes them (a decimal string), to milliseconds without losing the sub-second digits a double keeps. */
export function nanosToMs(v: unknown): number {
  const s = typeof v === 'number' ? String(v) : v;
  if (typeof s !== 'string' || !/^\d{1,20}$/.test(s)) return NaN;
  if (s.length <= 6) return Number(s) / 1e6;
  return Number(s.slice(0, -6)) + Number(s.slice(-6)) / 1e6;
}

/**
 * Reading a large file for a line-unit experiment without keeping its text:
 * each batch of rows is labelled (the label token cut) and parsed as it is
 * read, then dropped, so memory holds the parsed columns (about 100 bytes a
 * row), not the text (the text was most of `law run`'s peak on 1M lines).
 * The result is what reading the file whole, `applyLabels` and `parseLines`
 * give, for the specs `whyNotStreamed` accepts.
 */
import { applyLabels } from '../ingest/apply-labels.ts';
import { maybeGunzip } from '../ingest/gunzip.ts';
import type { LogData } from '../ingest/log-data.ts';
import type { LogSource } from '../ingest/read-logs.ts';
import type { Format } from '../ingest/sniff-format.ts';
import { StreamIngest } from '../ingest/stream-ingest.ts';
import type { IngestWarning } from '../ingest/warnings.ts';
import { VARIABLE_RANGE_COLUMN } from '../features/template-variables.ts';
import { LineParser, type ParsedLines } from '../parse/line-fields.ts';
import type { Spec } from './spec.ts';

/** Rows labelled and parsed as they were read: what `prepareExperiment` takes instead of reading them. */
export interface StreamedLines {
  /**
   * The rows without their text: files, line numbers and times are kept;
   * `raw` and `message` are empty (nothing after parsing reads them for the
   * specs streamed), and no fields (plain text has none).
   */
  data: LogData;
  labels: Int8Array | null;
  parsed: ParsedLines;
  warnings: IngestWarning[];
}

/**
 * Why this spec needs its data read whole (the reason, in words), or null
 * when its rows can be parsed as they are read: line units whose columns come
 * from parsing alone, learned from every row, labels by first token or none,
 * one model for all rows.
 */
export function whyNotStreamed(spec: Pick<Spec, 'labels' | 'features' | 'split' | 'detectors'>): string | null {
  const f = spec.features;
  if (f.unit !== 'line') return `unit "${f.unit}"`;
  if (f.state) return 'fitted features';
  if (f.categorical?.length) return 'categorical columns read the text';
  if (f.text) return 'text columns read the text';
  if (f.columns?.includes(VARIABLE_RANGE_COLUMN)) return `the ${VARIABLE_RANGE_COLUMN} column reads the text`;
  if (spec.split && spec.split.method !== 'all') return 'a split mines templates on the training part first';
  if (spec.labels && !('firstToken' in spec.labels)) return 'labels other than firstToken read fields or files';
  if (spec.detectors.some((d) => d.groupBy !== undefined)) return 'groupBy reads fields';
  return null;
}

export interface StreamLinesOptions {
  format?: Format | 'auto';
  readerOptions?: Record<string, unknown>;
  maxBytes?: number;
  maxRows?: number;
}

/**
 * Reads, labels and parses `source` batch by batch for a spec `whyNotStreamed`
 * accepts. Resolves to null, having read only the first batch, when the file
 * turns out not to be plain text (fields, JSON documents): read it whole
 * then. Throws what `readLogs` throws for the same file (`IngestError`).
 */
export async function streamLines(
  source: LogSource,
  spec: Pick<Spec, 'labels' | 'parse'>,
  options: StreamLinesOptions = {},
): Promise<StreamedLines | null> {
  const ingest = new StreamIngest({ fileName: source.name, format: options.format, readerOptions: options.readerOptions, maxBytes: options.maxBytes, maxRows: options.maxRows });
  const parser = new LineParser({ options: spec.parse?.templates });
  const rule = spec.labels && 'firstToken' in spec.labels ? spec.labels : undefined;
  const file: Int32Array[] = [];
  const line: Int32Array[] = [];
  const timestamp: Float64Array[] = [];
  const labels: Int8Array[] = [];
  // The latest batch: its file entry has the rows and bytes read so far.
  let last: LogData | null = null;
  const take = (data: LogData | null): boolean => {
    if (!data) return true;
    if (Object.keys(data.fields).length > 0 || data.files.some((f) => f.format !== 'text')) return false;
    if (!last && source.size > 0) {
      // Rows to expect, from the first batch's bytes per row (5 % over): the
      // columns are made that long once instead of doubling as they fill.
      const bytes = data.raw.reduce((n, r) => n + r.length + 1, 0);
      if (bytes > 0) parser.reserve((source.size / bytes) * data.raw.length * 1.05);
    }
    last = data;
    const labelled = applyLabels(data, rule);
    parser.push(labelled.data);
    file.push(data.file);
    line.push(data.line);
    timestamp.push(data.timestamp);
    if (labelled.labels) labels.push(labelled.labels);
    return true;
  };
  const chunks = maybeGunzip(source.chunks, source.name, () => {}, () => (ingest.compressed = true));
  for await (const chunk of chunks) {
    if (!take(ingest.push(chunk))) return null;
  }
  if (!take(ingest.end()) || !last) return null;
  const tail: LogData = last;
  const data: LogData = {
    files: tail.files,
    file: concat(file, Int32Array),
    line: concat(line, Int32Array),
    raw: [],
    message: [],
    timestamp: concat(timestamp, Float64Array),
    fields: tail.fields,
    messageField: tail.messageField,
    warnings: ingest.warnings(),
  };
  return { data, labels: rule ? concat(labels, Int8Array) : null, parsed: parser.finish(), warnings: ingest.warnings() };
}

function concat<T extends Int32Array | Float64Array | Int8Array>(parts: T[], Kind: { new (n: number): T }): T {
  const out = new Kind(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p as never, at);
    at += p.length;
  }
  return out;
}

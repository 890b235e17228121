import { splitCsvLine } from './csv-records.ts';
import { csvReader, type ReaderContext, type RowReader } from './row-readers.ts';
import { findLineTimestamp, fromEpoch } from './timestamp.ts';

/**
 * True for the header of a Loghub structured CSV (`*.log_structured.csv`):
 * `LineId` first, `Content` among the columns (then usually `EventId`,
 * `EventTemplate`).
 */
export function isLoghubStructuredHeader(line: string): boolean {
  const names = splitCsvLine(line, ',').map((n) => n.trim());
  return names[0] === 'LineId' && names.includes('Content');
}

/**
 * Loghub structured CSV: a row per log line, the message is `Content`.
 * `EventId` and `EventTemplate` (and `Label` where there is one) stay as
 * fields: they are ground truth, which the experiment keeps out of the
 * features. The timestamp is rebuilt from the columns each system has (see
 * `loghubTimestamp`).
 */
export function loghubStructuredReader(ctx: ReaderContext): RowReader {
  return csvReader(ctx, ',', { messageField: 'Content', timestamp: (f) => loghubTimestamp(f, ctx.syslogYear) });
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/**
 * The time of a Loghub row from the columns its system has, tried in order:
 * `Date` + `Time` (HDFS `081109 203615`, Hadoop, Zookeeper, OpenStack, Windows),
 * `Month` + `Date`/`Day` + `Time` (Linux, Thunderbird: syslog style, year
 * `year` unless a dotted `Date` gives it), `Time` alone (Apache ctime, BGL),
 * then `Timestamp` or a numeric `Time` as epoch seconds (BGL, HPC).
 * @returns milliseconds since the epoch, NaN when none reads as a time
 */
export function loghubTimestamp(f: Record<string, unknown>, year: number): number {
  let date = text(f.Date);
  let time = text(f.Time);
  // HDFS's yymmdd/hhmmss, after a spreadsheet took them for numbers (the
  // corrected HDFS file has Date 81109): put the leading zeros back.
  if (/^\d{5,6}$/.test(date) && /^\d{1,6}$/.test(time)) {
    date = date.padStart(6, '0');
    time = time.padStart(6, '0');
  }
  const candidates: string[] = [];
  if (date && time) candidates.push(`${date} ${time}`);
  if (f.Month !== undefined && time) {
    const day = text(f.Day) || date;
    // A dotted Date (Thunderbird: 2005.11.09) gives the year the syslog time lacks.
    candidates.push(`${f.Month} ${day} ${time}${/^\d{4}\.\d{2}\.\d{2}$/.test(date) ? ` ${date}` : ''}`);
  }
  if (time) candidates.push(time);
  for (const c of candidates) {
    const t = findLineTimestamp(c, year);
    if (!Number.isNaN(t)) return t;
  }
  for (const v of [f.Timestamp, f.Time]) {
    // Epoch seconds only when large enough to be one (HDFS's `Time` 203615 is not).
    if (/^\d{9,}$/.test(text(v))) return fromEpoch(Number(v));
  }
  return NaN;
}

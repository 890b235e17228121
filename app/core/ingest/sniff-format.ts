import { isClfLine } from './clf-reader.ts';
import { CsvRecords, splitCsvLine } from './csv-records.ts';
import { looksLikeElasticsearch } from './elasticsearch-reader.ts';
import { hasExtendedJsonMarkers } from './extended-json.ts';
import { isLogfmtLine } from './logfmt-reader.ts';
import { isLoghubSessionsHeader } from './loghub-sessions-reader.ts';
import { isLoghubStructuredHeader } from './loghub-structured-reader.ts';
import { looksLikeLoki } from './loki-reader.ts';
import { looksLikeMongodbArray } from './mongodb-reader.ts';
import { isJsonObjectLine } from './row-readers.ts';
import { parseSyslog } from './syslog-reader.ts';

/** The readers the workbench has (a spec's `source.format`, the page's format menu). */
export const FORMATS = [
  'text', 'jsonl', 'csv', 'tsv',
  'logfmt', 'syslog', 'clf', 'loghub-structured', 'loghub-sessions',
  'mongodb', 'loki', 'elasticsearch',
] as const;
export type Format = (typeof FORMATS)[number];

/** Formats read as one JSON document (API responses), not line by line. `mongodb` is one too when its file is a JSON array. */
export const DOCUMENT_FORMATS: readonly Format[] = ['loki', 'elasticsearch'];

export interface SniffResult {
  format: Format;
  /** Why this format was picked, in words shown to the user. */
  reason: string;
  /** Set when text was picked although some lines are JSON objects: the reader reports them. */
  mixedJson?: true;
}

/** How many non-blank lines sniffing looks at. */
export const SNIFF_LINES = 50;

/** Share of the sampled lines that must match a line format (syslog, CLF, logfmt). */
const LINE_FORMAT_SHARE = 0.8;

/**
 * Recognises a whole-document JSON format from the start of a file (its
 * first kilobytes): a Loki response, an Elasticsearch response, a JSON array
 * of MongoDB documents.
 * @returns null when the start is none of them
 */
export function sniffDocument(head: string): SniffResult | null {
  if (looksLikeLoki(head)) return { format: 'loki', reason: 'a Grafana Loki query response (data.resultType and streams of values)' };
  if (looksLikeElasticsearch(head)) return { format: 'elasticsearch', reason: 'an Elasticsearch/OpenSearch search response (hits.hits)' };
  if (looksLikeMongodbArray(head)) return { format: 'mongodb', reason: 'a JSON array of MongoDB documents (Extended JSON "$oid"/"$date")' };
  return null;
}

/**
 * Guesses the format of a log from its first non-blank lines, in this order:
 * 1. a whole JSON document (Loki, Elasticsearch, MongoDB array) from its start;
 * 2. JSON lines when nearly all (90%) lines are JSON objects — `mongodb` when
 *    most of those hold Extended JSON (`{"$oid": …}`, `{"$date": …}`);
 * 3. Loghub's headers: `BlockId,Label,EventTemplateSequence` (sessions),
 *    `LineId,…,Content,…` (structured);
 * 4. syslog, CLF, logfmt when 80% of the lines match;
 * 5. TSV/CSV when the first line looks like a header and the following lines
 *    have as many fields;
 * 6. otherwise plain text (saying so when some lines are JSON objects).
 */
export function sniffFormat(lines: string[]): SniffResult {
  const sample = lines.filter((l) => l.trim() !== '').slice(0, SNIFF_LINES);
  if (sample.length === 0) return { format: 'text', reason: 'no lines to look at' };

  const doc = sniffDocument(sample.join('\n'));
  if (doc) return doc;

  const jsonLines = sample.filter(isJsonObjectLine);
  const json = jsonLines.length;
  if (json >= Math.max(1, Math.ceil(sample.length * 0.9))) {
    const extended = jsonLines.filter(hasExtendedJsonMarkers).length;
    if (extended * 2 > json) {
      return { format: 'mongodb', reason: `${json} of the first ${sample.length} lines are JSON objects, ${extended} with MongoDB Extended JSON ("$oid"/"$date")` };
    }
    return { format: 'jsonl', reason: `${json} of the first ${sample.length} lines are JSON objects` };
  }
  if (isLoghubSessionsHeader(sample[0])) {
    return { format: 'loghub-sessions', reason: 'the header BlockId,Label,EventTemplateSequence of Loghub block sessions' };
  }
  if (isLoghubStructuredHeader(sample[0])) {
    return { format: 'loghub-structured', reason: 'a Loghub structured header (LineId first, a Content column)' };
  }
  const lineFormat = sniffLineFormat(sample);
  if (lineFormat) return lineFormat;
  for (const [format, delimiter, name] of [['tsv', '\t', 'tab'], ['csv', ',', 'comma']] as const) {
    const header = splitCsvLine(sample[0], delimiter);
    if (header.length < 2 || !looksLikeHeader(header)) continue;
    const rest = sample.slice(1);
    // Counted line by line, and record by record so that quoted fields holding
    // newlines (one record over several lines) do not hide a CSV.
    const byLine = rest.filter((l) => splitCsvLine(l, delimiter).length === header.length).length;
    const matching = Math.max(byLine, linesInRecords(rest, delimiter, header.length));
    if (rest.length === 0 || matching >= Math.ceil(rest.length * 0.8)) {
      return {
        format,
        reason: `a header of ${header.length} ${name}-separated names, and ${matching} of the next ${rest.length} lines have as many fields`,
      };
    }
  }
  // Some JSON objects among text lines: said in the reason, and each is reported when read.
  if (json > 0 && json >= Math.ceil(sample.length * 0.1)) {
    return {
      format: 'text',
      reason: `a mix: ${json} of the first ${sample.length} lines are JSON objects, too few for JSON lines (90%), so all are read as text`,
      mixedJson: true,
    };
  }
  return { format: 'text', reason: 'lines are neither JSON objects nor delimited rows under a header' };
}

/** Syslog, CLF or logfmt, when enough of the sample matches one. */
function sniffLineFormat(sample: string[]): SniffResult | null {
  const need = Math.ceil(sample.length * LINE_FORMAT_SHARE);
  let rfc3164 = 0;
  let rfc5424 = 0;
  for (const l of sample) {
    const p = parseSyslog(l, 1970);
    if (p?.variant === 'rfc5424') rfc5424++;
    else if (p) rfc3164++;
  }
  if (rfc3164 + rfc5424 >= need) {
    const kind = rfc5424 > rfc3164 ? 'RFC 5424' : 'RFC 3164';
    return { format: 'syslog', reason: `${rfc3164 + rfc5424} of the first ${sample.length} lines start with a syslog header (${kind})` };
  }
  const clf = sample.filter(isClfLine).length;
  if (clf >= need) {
    return { format: 'clf', reason: `${clf} of the first ${sample.length} lines are access-log lines (Common/Combined Log Format)` };
  }
  const logfmt = sample.filter(isLogfmtLine).length;
  if (logfmt >= need) {
    return { format: 'logfmt', reason: `${logfmt} of the first ${sample.length} lines are key=value pairs (logfmt)` };
  }
  return null;
}

/** How many of `lines` belong to complete records of `width` fields. */
function linesInRecords(lines: string[], delimiter: string, width: number): number {
  const records = new CsvRecords(delimiter);
  let span = 0;
  let count = 0;
  for (const line of lines) {
    span++;
    const record = records.pushLine(line, 0);
    if (!record) continue;
    if (record.length === width) count += span;
    span = 0;
  }
  return count;
}

/** A header is short names, none empty, none purely numeric, no duplicates. */
function looksLikeHeader(fields: string[]): boolean {
  const names = fields.map((f) => f.trim());
  return (
    names.every((n) => n.length > 0 && n.length <= 64 && !/^-?\d+(\.\d+)?$/.test(n)) &&
    new Set(names).size === names.length
  );
}

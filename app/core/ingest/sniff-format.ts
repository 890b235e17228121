import { CsvRecords, splitCsvLine } from './csv-records.ts';

/** The readers the workbench has. */
export const FORMATS = ['text', 'jsonl', 'csv', 'tsv'] as const;
export type Format = (typeof FORMATS)[number];

export interface SniffResult {
  format: Format;
  /** Why this format was picked, in words shown to the user. */
  reason: string;
}

/** How many non-blank lines sniffing looks at. */
export const SNIFF_LINES = 50;

/**
 * Guesses the format of a log from its first non-blank lines.
 * JSON lines win when nearly all lines are JSON objects; CSV/TSV when the
 * first line looks like a header and the following lines have as many fields;
 * otherwise plain text.
 */
export function sniffFormat(lines: string[]): SniffResult {
  const sample = lines.filter((l) => l.trim() !== '').slice(0, SNIFF_LINES);
  if (sample.length === 0) return { format: 'text', reason: 'no lines to look at' };

  const json = sample.filter(isJsonObject).length;
  if (json >= Math.max(1, Math.ceil(sample.length * 0.9))) {
    return { format: 'jsonl', reason: `${json} of the first ${sample.length} lines are JSON objects` };
  }
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
  return { format: 'text', reason: 'lines are neither JSON objects nor delimited rows under a header' };
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

function isJsonObject(line: string): boolean {
  const t = line.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return false;
  try {
    const v: unknown = JSON.parse(t);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** A header is short names, none empty, none purely numeric, no duplicates. */
function looksLikeHeader(fields: string[]): boolean {
  const names = fields.map((f) => f.trim());
  return (
    names.every((n) => n.length > 0 && n.length <= 64 && !/^-?\d+(\.\d+)?$/.test(n)) &&
    new Set(names).size === names.length
  );
}

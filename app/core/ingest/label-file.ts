import { CsvRecords } from './csv-records.ts';
import { IngestError } from './ingest-error.ts';
import { ownRecord } from './own-record.ts';

/**
 * Reads a label file (CSV under a header, e.g. HDFS's `anomaly_label.csv`:
 * `BlockId,Label` then `blk_-1608999687919862906,Normal` …) into rows keyed
 * by the header's names. Tab-separated when the header has tabs and no
 * commas. Core never reads files: the caller (page or CLI) reads the text and
 * passes it here, then the rows to the label rule `{ join: { rows, … } }`.
 *
 * Ground truth must be exact, so unlike a log a malformed row is an error
 * naming the file and line, not a warning. Rows have no prototype: a
 * column named `__proto__` or `constructor` is a column like any other.
 */
export function parseLabelFile(text: string, fileName: string): Record<string, string>[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const firstLine = lines.find((l) => l.trim() !== '');
  if (firstLine === undefined) throw new IngestError(fileName, 'the label file is empty');
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const records = new CsvRecords(delimiter);
  let header: string[] | null = null;
  const rows: Record<string, string>[] = [];
  lines.forEach((line, k) => {
    if (!records.open && line.trim() === '') return;
    const record = records.pushLine(line, k + 1);
    if (!record) return;
    if (!header) {
      header = record.map((h) => h.trim());
      const seen = new Set<string>();
      for (const h of header) {
        if (h === '' || seen.has(h)) throw new IngestError(fileName, `the header needs distinct, non-empty column names (got ${JSON.stringify(header)})`, { line: k + 1 });
        seen.add(h);
      }
      return;
    }
    if (record.length !== header.length) {
      throw new IngestError(fileName, `${record.length} fields where the header has ${header.length}`, { line: records.startLine });
    }
    const row = ownRecord<string>();
    header.forEach((h, j) => (row[h] = record[j].trim()));
    rows.push(row);
  });
  if (records.open) throw new IngestError(fileName, 'a quoted field opened here is never closed (unterminated quote)', { line: records.startLine });
  if (rows.length === 0) throw new IngestError(fileName, 'the label file has a header but no rows');
  return rows;
}

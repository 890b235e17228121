/**
 * CSV/TSV records from lines (RFC 4180): quoted fields may hold the delimiter,
 * doubled quotes and newlines, so one record can span several lines.
 */
export class CsvRecords {
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  /** Line number where the record under construction started. */
  startLine = 0;

  constructor(private readonly delimiter: string) {}

  /** The fields read so far, the unfinished one included. */
  partial(): string[] {
    return [...this.fields, this.field];
  }

  /** True while a quoted field is open at the end of the last line pushed. */
  get open(): boolean {
    return this.inQuotes;
  }

  /**
   * Feeds one line (without its newline).
   * @returns the completed record, or null while a quoted field is still open
   */
  pushLine(line: string, lineNumber: number): string[] | null {
    if (!this.inQuotes) {
      this.fields = [];
      this.field = '';
      this.startLine = lineNumber;
    } else {
      this.field += '\n';
    }
    const d = this.delimiter;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (this.inQuotes) {
        if (c === '"') {
          if (line[i + 1] === '"') {
            this.field += '"';
            i++;
          } else this.inQuotes = false;
        } else this.field += c;
      } else if (c === d) {
        this.fields.push(this.field);
        this.field = '';
      } else if (c === '"' && this.field.length === 0) {
        this.inQuotes = true;
      } else {
        this.field += c;
      }
    }
    if (this.inQuotes) return null;
    this.fields.push(this.field);
    return this.fields;
  }
}

/** Splits one line as CSV, ignoring quotes left open (used for sniffing). */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const r = new CsvRecords(delimiter);
  return r.pushLine(line, 1) ?? r.partial();
}

/**
 * Recoverable oddities met while reading (a malformed line skipped, a long
 * line truncated). They are counted per kind, like Observable Plot's
 * warnings, so a file with 10,000 bad lines yields one message, not 10,000.
 */
export interface IngestWarning {
  /** Stable kind, e.g. `csv-field-count`. */
  code: string;
  /** The first occurrence, readable as it is: names the file and line. */
  message: string;
  /** How many times this kind occurred. */
  count: number;
  /** Up to five line numbers (1-based) where it occurred. */
  lines: number[];
}

export class WarningLog {
  private byCode = new Map<string, IngestWarning>();

  add(code: string, line: number, message: () => string): void {
    const seen = this.byCode.get(code);
    if (seen) {
      seen.count++;
      if (seen.lines.length < 5) seen.lines.push(line);
    } else {
      this.byCode.set(code, { code, message: message(), count: 1, lines: [line] });
    }
  }

  list(): IngestWarning[] {
    return [...this.byCode.values()];
  }
}

/** A readable summary: the first message, plus how many more there were. */
export function describeWarning(w: IngestWarning): string {
  return w.count > 1 ? `${w.message} (and ${w.count - 1} more like it, lines ${w.lines.join(', ')}…)` : w.message;
}

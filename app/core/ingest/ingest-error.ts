/**
 * An input problem the user can act on: it names the file and, where there is
 * one, the line (1-based) and the field.
 */
/** The per-file read limits (`maxBytes`, `maxRows`), by their option names. */
export type ReadLimit = 'maxBytes' | 'maxRows';

export class IngestError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
  /** The read limit the file went over, when that is what stopped it (the CLI and the page say how to raise it). */
  readonly limit?: ReadLimit;

  constructor(file: string, detail: string, where: { line?: number; field?: string; limit?: ReadLimit } = {}, cause?: unknown) {
    const at = [where.line !== undefined ? `line ${where.line}` : '', where.field ? `field "${where.field}"` : '']
      .filter(Boolean)
      .join(', ');
    super(`${file}${at ? `, ${at}` : ''}: ${detail}`, cause === undefined ? undefined : { cause });
    this.name = 'IngestError';
    this.file = file;
    this.line = where.line;
    this.field = where.field;
    this.limit = where.limit;
  }
}

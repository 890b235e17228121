/**
 * An input problem the user can act on: it names the file and, where there is
 * one, the line (1-based) and the field.
 */
export class IngestError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;

  constructor(file: string, detail: string, where: { line?: number; field?: string } = {}, cause?: unknown) {
    const at = [where.line !== undefined ? `line ${where.line}` : '', where.field ? `field "${where.field}"` : '']
      .filter(Boolean)
      .join(', ');
    super(`${file}${at ? `, ${at}` : ''}: ${detail}`, cause === undefined ? undefined : { cause });
    this.name = 'IngestError';
    this.file = file;
    this.line = where.line;
    this.field = where.field;
  }
}

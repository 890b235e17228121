import { lineReader, readDocument, syslogYearOption } from './format-readers.ts';
import { IngestError, type ReadLimit } from './ingest-error.ts';
import { LineSplitter, type SplitLine } from './line-splitter.ts';
import type { LogDataBuilder } from './log-data-builder.ts';
import type { ReaderContext, RowReader } from './row-readers.ts';
import { DOCUMENT_FORMATS, SNIFF_LINES, sniffDocument, sniffFormat, type Format, type SniffResult } from './sniff-format.ts';
import { WarningLog, type IngestWarning } from './warnings.ts';

export interface FileIngestOptions {
  /** Shown in every message about this file. */
  fileName: string;
  /** `auto` sniffs; a named format overrides sniffing. */
  format?: Format | 'auto';
  /** Longest line kept, in characters; the rest of a longer line is dropped with a warning. Default 1 MiB. */
  maxLineLength?: number;
  /**
   * Options of the readers: `syslogYear` (the year of syslog times that have
   * none, default 1970), and for `mongodb` `messageField`, `hostField`,
   * `timeField` (default `message`, `hostname`, `received_at`).
   */
  readerOptions?: Record<string, unknown>;
  /**
   * Reading resumes inside a file (a service restarted from a checkpoint):
   * the first line pushed is line `line`; a CSV-like file's `header` line is
   * read first, as line 1, so the rows get their fields.
   */
  resume?: { line: number; header?: string };
  /**
   * Most bytes read from this file, after decompression; beyond them the file
   * is refused (and its rows dropped) rather than let a gzip bomb exhaust
   * memory. Unbounded when not given: streams (`law score -`, `law watch`)
   * hold no more than a batch.
   */
  maxBytes?: number;
  /** Most rows read from this file; beyond them the file is refused. Unbounded when not given. */
  maxRows?: number;
}

export const DEFAULT_MAX_LINE_LENGTH = 1 << 20;
/** How many leading bytes the binary check looks at. */
const BINARY_PROBE_BYTES = 8192;
/**
 * How much text, in UTF-16 code units, is held before lines are split, to
 * recognise a whole JSON document by its start: a document must be read
 * whole, never cut into lines of at most `maxLineLength`.
 */
const HEAD_CHARS = 1 << 16;

/**
 * Reads one file, fed as byte chunks, into a shared builder. Sniffs the format
 * from the first lines, decodes UTF-8 (invalid bytes become U+FFFD and are
 * counted), and refuses binary input. If the file fails, the rows it added are
 * removed so that what was loaded before stays as it was.
 *
 * Line formats stream: only the first lines are held, for sniffing. A whole
 * JSON document (Loki, Elasticsearch, a MongoDB array), recognised from the
 * first 64 Ki characters or named by `format`, is held whole and parsed at
 * `end()` — these are API responses, not endless logs.
 */
export class FileIngest {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private readonly splitter: LineSplitter;
  private readonly warnings = new WarningLog();
  private readonly firstRow: number;
  private fileIndex = -1;
  private bytes = 0;
  /** Set by the caller when the chunks are decompressed gzip (the limit message then says so). */
  compressed = false;
  private probe = new Uint8Array(0);
  private buffered: SplitLine[] | null = [];
  private nonBlank = 0;
  private reader: RowReader | null = null;
  private replaced = 0;
  private readonly emit = (l: SplitLine) => this.onLine(l);
  private readonly chosen: Format | null;
  private readonly syslogYear: number;
  /** `head`: text held until the format's kind is known; then `lines` or `document`. */
  private mode: 'head' | 'lines' | 'document';
  private head = '';
  private documentParts: string[] = [];
  private documentFormat: SniffResult | null = null;

  constructor(private readonly builder: LogDataBuilder, private readonly options: FileIngestOptions) {
    this.splitter = new LineSplitter(options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH);
    this.firstRow = builder.total;
    this.chosen = options.format && options.format !== 'auto' ? options.format : null;
    this.syslogYear = syslogYearOption(options.fileName, options.readerOptions ?? {});
    if (this.chosen && DOCUMENT_FORMATS.includes(this.chosen)) {
      this.mode = 'document';
      this.documentFormat = { format: this.chosen, reason: 'chosen by you' };
    } else {
      // A chosen line format needs no look at the start; mongodb is a document only when it is a JSON array.
      this.mode = this.chosen && this.chosen !== 'mongodb' ? 'lines' : 'head';
    }
    const resume = options.resume;
    if (resume) {
      if (resume.header !== undefined) this.push(new TextEncoder().encode(resume.header.replace(/\r?\n?$/, '\n')));
      this.splitter.continueAt(resume.line);
    }
  }

  push(chunk: Uint8Array): void {
    if (this.probe.length < BINARY_PROBE_BYTES) {
      const more = chunk.subarray(0, BINARY_PROBE_BYTES - this.probe.length);
      const next = new Uint8Array(this.probe.length + more.length);
      next.set(this.probe);
      next.set(more, this.probe.length);
      this.probe = next;
      if (this.probe.length >= BINARY_PROBE_BYTES) this.checkBinary();
    }
    this.bytes += chunk.length;
    const maxBytes = this.options.maxBytes;
    if (maxBytes !== undefined && this.bytes > maxBytes) {
      this.fail(`more than ${formatBytes(maxBytes)} of text${this.compressed ? ' once decompressed' : ''}, the limit per file (maxBytes); nothing from it was kept`, 'maxBytes');
    }
    const text = this.decoder.decode(chunk, { stream: true });
    this.countReplaced(text);
    this.guard(() => this.onText(text));
  }

  /** Finishes the file; throws `IngestError` (and removes its rows) if it cannot be used. */
  end(): void {
    const name = this.options.fileName;
    if (this.bytes === 0) this.fail('the file is empty');
    this.checkBinary();
    const tail = this.decoder.decode();
    this.countReplaced(tail);
    this.guard(() => {
      this.onText(tail);
      if (this.mode === 'head') this.decideKind();
      if (this.mode === 'document') {
        this.readDocument();
      } else {
        this.splitter.end(this.emit);
        if (this.buffered) this.startReading();
        this.reader!.end();
      }
    });
    const rows = this.builder.total - this.firstRow;
    if (rows === 0) this.fail(this.warnings.list().length ? `no usable rows (${this.warnings.list()[0].message})` : 'no lines with content');
    if (this.replaced > 0) {
      this.warnings.add('invalid-utf8', 0, () => `${name}: ${this.replaced} invalid UTF-8 byte sequence(s) replaced with “\uFFFD”`);
    }
    this.builder.files[this.fileIndex].rows = rows;
    this.builder.files[this.fileIndex].bytes = this.bytes;
    this.builder.addWarnings(this.warnings.list());
  }

  /** What reading met so far (streaming shows it before `end`, which hands the whole list to the builder). */
  warningsSoFar(): IngestWarning[] {
    return this.warnings.list();
  }

  /** Removes the rows of this file from the builder (after a failure or a cancel). */
  discard(): void {
    this.builder.truncate(this.firstRow);
    if (this.fileIndex >= 0) this.builder.files.length = this.fileIndex;
  }

  private onText(text: string): void {
    if (this.mode === 'lines') {
      this.splitter.push(text, this.emit);
    } else if (this.mode === 'document') {
      if (text) this.documentParts.push(text);
    } else {
      this.head += text;
      const known = this.chosen === 'mongodb' ? /\S/.test(this.head) : this.head.length >= HEAD_CHARS;
      if (known) this.decideKind();
    }
  }

  /** Whether the file is a whole JSON document or lines, from the text held so far. */
  private decideKind(): void {
    const head = this.head;
    this.head = '';
    if (this.chosen === 'mongodb') {
      this.documentFormat = head.trimStart().startsWith('[') ? { format: 'mongodb', reason: 'chosen by you' } : null;
    } else {
      this.documentFormat = sniffDocument(head);
    }
    this.mode = this.documentFormat ? 'document' : 'lines';
    this.onText(head);
  }

  private readDocument(): void {
    const sniffed = this.documentFormat!;
    const text = this.documentParts.join('');
    this.documentParts = [];
    if (text.trim() === '') return;
    readDocument(sniffed.format, this.context(sniffed), text);
    this.checkRows();
  }

  private context(sniffed: SniffResult): ReaderContext {
    this.fileIndex = this.builder.beginFile(
      { name: this.options.fileName, format: sniffed.format, reason: sniffed.reason, bytes: 0, rows: 0 },
      null,
    );
    return {
      fileName: this.options.fileName,
      fileIndex: this.fileIndex,
      builder: this.builder,
      warnings: this.warnings,
      syslogYear: this.syslogYear,
      options: this.options.readerOptions ?? {},
    };
  }

  private onLine(l: SplitLine): void {
    if (l.dropped > 0) {
      const kept = l.text.length;
      this.warnings.add('long-line', l.number, () =>
        `${this.options.fileName}, line ${l.number}: ${formatSize(kept + l.dropped)} long; kept its first ${formatSize(kept)}`);
    }
    if (this.buffered) {
      this.buffered.push(l);
      if (l.text.trim() !== '') this.nonBlank++;
      // A chosen format needs no sniffing: reading starts at the first line with content
      // (a stream's first line is then scored at once, not after SNIFF_LINES more).
      if (this.nonBlank >= (this.chosen ? 1 : SNIFF_LINES)) this.startReading();
      return;
    }
    this.reader!.line(l);
    this.checkRows();
  }

  private checkRows(): void {
    const maxRows = this.options.maxRows;
    if (maxRows !== undefined && this.builder.total - this.firstRow > maxRows) {
      this.fail(`more than ${maxRows.toLocaleString('en-US')} rows, the limit per file (maxRows); nothing from it was kept`, 'maxRows');
    }
  }

  private startReading(): void {
    const lines = this.buffered ?? [];
    this.buffered = null;
    const sniffed: SniffResult = this.chosen ? { format: this.chosen, reason: 'chosen by you' } : sniffFormat(lines.map((l) => l.text));
    const firstLine = lines.find((l) => l.text.trim() !== '')?.text ?? '';
    this.reader = lineReader(sniffed, this.context(sniffed), firstLine);
    for (const l of lines) this.reader.line(l);
    this.checkRows();
  }

  private checkBinary(): void {
    const p = this.probe;
    let nul = 0;
    let control = 0;
    for (let i = 0; i < p.length; i++) {
      const b = p[i];
      if (b === 0) nul++;
      else if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) control++;
    }
    if (p.length >= 2 && p[0] === 0x1f && p[1] === 0x8b) {
      // readLogs decompresses gzip; FileIngest alone gets only text.
      this.fail('this is gzip-compressed data that was not decompressed (read .gz files through readLogs)');
    }
    if (nul > 0 || control > p.length * 0.1) {
      this.fail(`this looks like a binary file, not a text log (${nul} NUL and ${control} other control bytes in the first ${p.length} bytes)`);
    }
  }

  private countReplaced(text: string): void {
    for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) this.replaced++;
  }

  private guard(work: () => void): void {
    try {
      work();
    } catch (e) {
      this.discard();
      throw e;
    }
  }

  private fail(detail: string, limit?: ReadLimit): never {
    this.discard();
    throw new IngestError(this.options.fileName, detail, { limit });
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1 << 30 ? `${+(bytes / (1 << 30)).toFixed(2)} GiB` : bytes >= 1 << 20 ? `${+(bytes / (1 << 20)).toFixed(1)} MiB` : `${bytes.toLocaleString('en-US')} bytes`;
}

function formatSize(chars: number): string {
  return chars >= 1 << 20 ? `${(chars / (1 << 20)).toFixed(1)} MiB` : chars >= 1024 ? `${(chars / 1024).toFixed(1)} KiB` : `${chars} characters`;
}

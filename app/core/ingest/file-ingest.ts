import { IngestError } from './ingest-error.ts';
import { LineSplitter, type SplitLine } from './line-splitter.ts';
import type { LogDataBuilder } from './log-data-builder.ts';
import { csvReader, jsonlReader, textReader, type RowReader } from './row-readers.ts';
import { SNIFF_LINES, sniffFormat, type Format } from './sniff-format.ts';
import { WarningLog } from './warnings.ts';

export interface FileIngestOptions {
  /** Shown in every message about this file. */
  fileName: string;
  /** `auto` sniffs; a named format overrides sniffing. */
  format?: Format | 'auto';
  /** Longest line kept, in characters; the rest of a longer line is dropped with a warning. Default 1 MiB. */
  maxLineLength?: number;
}

export const DEFAULT_MAX_LINE_LENGTH = 1 << 20;
/** How many leading bytes the binary check looks at. */
const BINARY_PROBE_BYTES = 8192;

/**
 * Reads one file, fed as byte chunks, into a shared builder. Sniffs the format
 * from the first lines, decodes UTF-8 (invalid bytes become U+FFFD and are
 * counted), and refuses binary input. If the file fails, the rows it added are
 * removed so that what was loaded before stays as it was.
 */
export class FileIngest {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private readonly splitter: LineSplitter;
  private readonly warnings = new WarningLog();
  private readonly firstRow: number;
  private fileIndex = -1;
  private bytes = 0;
  private probe = new Uint8Array(0);
  private buffered: SplitLine[] | null = [];
  private nonBlank = 0;
  private reader: RowReader | null = null;
  private replaced = 0;
  private readonly emit = (l: SplitLine) => this.onLine(l);

  constructor(private readonly builder: LogDataBuilder, private readonly options: FileIngestOptions) {
    this.splitter = new LineSplitter(options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH);
    this.firstRow = builder.rows;
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
    const text = this.decoder.decode(chunk, { stream: true });
    this.countReplaced(text);
    this.guard(() => this.splitter.push(text, this.emit));
  }

  /** Finishes the file; throws `IngestError` (and removes its rows) if it cannot be used. */
  end(): void {
    const name = this.options.fileName;
    if (this.bytes === 0) this.fail('the file is empty');
    this.checkBinary();
    const tail = this.decoder.decode();
    this.countReplaced(tail);
    this.guard(() => {
      this.splitter.push(tail, this.emit);
      this.splitter.end(this.emit);
      if (this.buffered) this.startReading();
      this.reader!.end();
    });
    const rows = this.builder.rows - this.firstRow;
    if (rows === 0) this.fail(this.warnings.list().length ? `no usable rows (${this.warnings.list()[0].message})` : 'no lines with content');
    if (this.replaced > 0) {
      this.warnings.add('invalid-utf8', 0, () => `${name}: ${this.replaced} invalid UTF-8 byte sequence(s) replaced with “\uFFFD”`);
    }
    this.builder.files[this.fileIndex].rows = rows;
    this.builder.files[this.fileIndex].bytes = this.bytes;
    this.builder.addWarnings(this.warnings.list());
  }

  /** Removes the rows of this file from the builder (after a failure or a cancel). */
  discard(): void {
    this.builder.truncate(this.firstRow);
    if (this.fileIndex >= 0) this.builder.files.length = this.fileIndex;
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
      if (this.nonBlank >= SNIFF_LINES) this.startReading();
      return;
    }
    this.reader!.line(l);
  }

  private startReading(): void {
    const lines = this.buffered ?? [];
    this.buffered = null;
    const chosen = this.options.format && this.options.format !== 'auto' ? this.options.format : null;
    const sniffed = chosen ? { format: chosen, reason: 'chosen by you' } : sniffFormat(lines.map((l) => l.text));
    this.fileIndex = this.builder.beginFile(
      { name: this.options.fileName, format: sniffed.format, reason: sniffed.reason, bytes: 0, rows: 0 },
      null,
    );
    const ctx = { fileName: this.options.fileName, fileIndex: this.fileIndex, builder: this.builder, warnings: this.warnings };
    this.reader =
      sniffed.format === 'jsonl' ? jsonlReader(ctx)
      : sniffed.format === 'csv' ? csvReader(ctx, ',')
      : sniffed.format === 'tsv' ? csvReader(ctx, '\t')
      : textReader(ctx);
    for (const l of lines) this.reader.line(l);
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

  private fail(detail: string): never {
    this.discard();
    throw new IngestError(this.options.fileName, detail);
  }
}

function formatSize(chars: number): string {
  return chars >= 1 << 20 ? `${(chars / (1 << 20)).toFixed(1)} MiB` : chars >= 1024 ? `${(chars / 1024).toFixed(1)} KiB` : `${chars} characters`;
}

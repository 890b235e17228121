import { FileIngest, type FileIngestOptions } from './file-ingest.ts';
import type { LogData } from './log-data.ts';
import { LogDataBuilder } from './log-data-builder.ts';
import type { IngestWarning } from './warnings.ts';

/**
 * Reads one endless stream (standard input, a followed file) the way
 * `readLogs` reads a file — the same sniffing, readers, line numbers and
 * warnings — but hands on the rows completed by each chunk as a `LogData` of
 * their own, so a row is scored as soon as its line ends and memory holds one
 * batch, never the stream.
 *
 * Give `format` where it is known (a fitted spec records the training data's):
 * sniffing `auto` holds the first lines until there are enough to tell. A whole
 * JSON document (a Loki or Elasticsearch response) is held to its end, as
 * `readLogs` does: such a stream yields its rows at `end()`.
 */
export class StreamIngest {
  private readonly builder = new LogDataBuilder();
  private readonly file: FileIngest;

  constructor(options: FileIngestOptions) {
    this.file = new FileIngest(this.builder, options);
  }

  /** Feeds bytes; returns the rows they completed, or null when none did (a partial line is held). */
  push(chunk: Uint8Array): LogData | null {
    this.file.push(chunk);
    return this.take();
  }

  /**
   * The stream ended: the last line (even without a newline) and any held
   * document become rows. Throws `IngestError` as `readLogs` does for an
   * empty or binary stream.
   */
  end(): LogData | null {
    this.file.end();
    return this.take();
  }

  /** Set when the bytes pushed are decompressed gzip (a limit's message then says so). */
  set compressed(yes: boolean) {
    this.file.compressed = yes;
  }

  /** Rows handed on so far. */
  get rows(): number {
    return this.builder.total;
  }

  /** Recoverable oddities so far, counted per kind (see `WarningLog`). */
  warnings(): IngestWarning[] {
    return this.file.warningsSoFar();
  }

  private take(): LogData | null {
    return this.builder.rows > 0 ? this.builder.drain() : null;
  }
}

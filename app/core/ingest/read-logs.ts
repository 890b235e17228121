import { throwIfAborted } from '../progress.ts';
import { FileIngest, type FileIngestOptions } from './file-ingest.ts';
import { maybeGunzip } from './gunzip.ts';
import type { LogData } from './log-data.ts';
import { LogDataBuilder } from './log-data-builder.ts';

/** One file to read: its name, size and a source of byte chunks. */
export interface LogSource {
  name: string;
  /** Size in bytes, for progress (0 if unknown). */
  size: number;
  chunks: AsyncIterable<Uint8Array>;
}

export interface ReadLogsOptions {
  format?: FileIngestOptions['format'];
  maxLineLength?: number;
  /** Options of the readers (`syslogYear`; for mongodb `messageField`, `hostField`, `timeField`): see `FileIngestOptions`. */
  readerOptions?: FileIngestOptions['readerOptions'];
  /** Called with bytes read so far and the total, in bytes (of the files as given: compressed for .gz). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  signal?: AbortSignal;
  /** Most bytes per file once decompressed (default `DEFAULT_MAX_FILE_BYTES`); a larger file is refused, naming it. */
  maxBytes?: number;
  /** Most rows per file (default `DEFAULT_MAX_FILE_ROWS`). */
  maxRows?: number;
}

/**
 * Default limits of a file read whole (the page, `law run`, `law fit`,
 * `law parse`, `law score FILE`): past them memory, not the user, would
 * decide how reading ends — a 10 MB gzip that inflates to 2.9 GB aborted Node
 * with "heap out of memory". A million typical lines (150 MB) fit easily;
 * bigger inputs are scored as streams, which are not limited.
 */
export const DEFAULT_MAX_FILE_BYTES = 512 * (1 << 20);
export const DEFAULT_MAX_FILE_ROWS = 5_000_000;

/**
 * Streams one or more files into one `LogData`. Both the page (through a
 * worker, from `File.stream()`) and the CLI (from `fs` streams) call this, so
 * a file is read the same way everywhere. A gzip-compressed file (told by its
 * first bytes, not its name) is decompressed as it streams.
 */
export async function readLogs(sources: LogSource[], options: ReadLogsOptions = {}): Promise<LogData> {
  const builder = new LogDataBuilder();
  const total = sources.reduce((s, f) => s + f.size, 0);
  let read = 0;
  let lastReport = 0;
  for (const source of sources) {
    const file = new FileIngest(builder, {
      fileName: source.name,
      format: options.format,
      maxLineLength: options.maxLineLength,
      readerOptions: options.readerOptions,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_FILE_BYTES,
      maxRows: options.maxRows ?? DEFAULT_MAX_FILE_ROWS,
    });
    let compressed = 0;
    let gzip = false;
    const onBytes = (n: number) => {
      read += n;
      compressed += n;
      if (options.onProgress && (read - lastReport > total / 200 || read === total)) {
        lastReport = read;
        options.onProgress(read, total);
      }
    };
    try {
      for await (const chunk of maybeGunzip(source.chunks, source.name, onBytes, () => (gzip = file.compressed = true))) {
        throwIfAborted(options.signal);
        file.push(chunk);
      }
      file.end();
    } catch (e) {
      file.discard();
      throw e;
    }
    if (gzip) builder.files[builder.files.length - 1].compressedBytes = compressed;
  }
  options.onProgress?.(total, total);
  return builder.finish();
}

/** A source over an in-memory string or bytes (tests, pasted text, bundled samples). */
export function sourceFromText(name: string, text: string | Uint8Array, chunkSize = 1 << 16): LogSource {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return {
    name,
    size: bytes.length,
    chunks: (async function* () {
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
    })(),
  };
}

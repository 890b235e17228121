import { throwIfAborted } from '../detect/detector.ts';
import { FileIngest, type FileIngestOptions } from './file-ingest.ts';
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
  /** Called with bytes read so far and the total, in bytes. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  signal?: AbortSignal;
}

/**
 * Streams one or more files into one `LogData`. Both the page (through a
 * worker, from `File.stream()`) and the CLI (from `fs` streams) call this, so
 * a file is read the same way everywhere.
 */
export async function readLogs(sources: LogSource[], options: ReadLogsOptions = {}): Promise<LogData> {
  const builder = new LogDataBuilder();
  const total = sources.reduce((s, f) => s + f.size, 0);
  let read = 0;
  let lastReport = 0;
  for (const source of sources) {
    const file = new FileIngest(builder, { fileName: source.name, format: options.format, maxLineLength: options.maxLineLength });
    try {
      for await (const chunk of source.chunks) {
        throwIfAborted(options.signal);
        file.push(chunk);
        read += chunk.length;
        if (options.onProgress && (read - lastReport > total / 200 || read === total)) {
          lastReport = read;
          options.onProgress(read, total);
        }
      }
      file.end();
    } catch (e) {
      file.discard();
      throw e;
    }
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

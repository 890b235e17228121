import { StreamIngest } from '../../core/ingest/stream-ingest.ts';
import type { Format } from '../../core/ingest/sniff-format.ts';
import type { SourceBatch, WatchSource } from './source.ts';
import { untilAborted } from '../until-aborted.ts';

/** Standard input: read as it comes until it ends. It cannot be read again, so it has no position to resume from. */
export class StdinSource implements WatchSource {
  readonly name = 'stdin';

  constructor(private readonly format: Format | 'auto' | undefined, private readonly chunks: AsyncIterable<Uint8Array> = process.stdin, private readonly readerOptions?: Record<string, unknown>) {}

  async *batches(_position: unknown, signal: AbortSignal): AsyncGenerator<SourceBatch> {
    const ingest = new StreamIngest({ fileName: this.name, format: this.format, readerOptions: this.readerOptions });
    let bytes = 0;
    for await (const chunk of untilAborted(this.chunks, signal)) {
      bytes += chunk.length;
      const data = ingest.push(chunk);
      if (data) yield { data, position: null };
    }
    // Stopped by a signal: a last line without its newline is left; standard input cannot be read again anyway.
    if (signal.aborted) return;
    const last = bytes > 0 ? ingest.end() : null;
    if (last) yield { data: last, position: null };
  }
}

import { StreamIngest } from '../../core/ingest/stream-ingest.ts';
import type { Format } from '../../core/ingest/sniff-format.ts';
import type { SourceBatch, WatchSource } from './source.ts';

/** Standard input: read as it comes until it ends. It cannot be read again, so it has no position to resume from. */
export class StdinSource implements WatchSource {
  readonly name = 'stdin';

  constructor(private readonly format: Format | 'auto' | undefined, private readonly chunks: AsyncIterable<Uint8Array> = process.stdin) {}

  async *batches(_position: unknown, signal: AbortSignal): AsyncGenerator<SourceBatch> {
    const ingest = new StreamIngest({ fileName: this.name, format: this.format });
    let bytes = 0;
    const it = this.chunks[Symbol.asyncIterator]();
    try {
      while (!signal.aborted) {
        let onAbort = () => {};
        const stopped = new Promise<null>((resolve) => {
          onAbort = () => resolve(null);
          signal.addEventListener('abort', onAbort, { once: true });
        });
        const next = await Promise.race([it.next(), stopped]);
        signal.removeEventListener('abort', onAbort);
        if (next === null) return;
        if (next.done) break;
        bytes += next.value.length;
        const data = ingest.push(next.value);
        if (data) yield { data, position: null };
      }
      const last = bytes > 0 ? ingest.end() : null;
      if (last) yield { data: last, position: null };
    } finally {
      await it.return?.();
    }
  }
}

/// <reference lib="webworker" />
// Reads dropped files off the main thread. Cancel = the page terminates this worker.
import { expose } from 'comlink';
import { readLogs } from '../core/ingest/read-logs.ts';
import type { Format } from '../core/ingest/sniff-format.ts';

const api = {
  async read(files: File[], format: Format | 'auto', onProgress: (read: number, total: number) => void) {
    return readLogs(
      files.map((f) => ({ name: f.name, size: f.size, chunks: f.stream() as unknown as AsyncIterable<Uint8Array> })),
      { format, onProgress },
    );
  },
};
export type IngestApi = typeof api;
expose(api);

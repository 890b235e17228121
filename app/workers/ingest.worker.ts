/// <reference lib="webworker" />
// Digests the loaded files off the main thread for a fitted spec (the data worker holds the rows). Cancel = the page terminates this worker.
import { expose } from 'comlink';
import type { Format } from '../core/ingest/sniff-format.ts';
import type { TrainingFile } from '../core/experiment/spec.ts';
import { FileDigest } from '../core/score/sha256.ts';

const api = {
  /** What a fitted spec records of the files it was trained on: bytes, lines, SHA-256 (streamed, so a big file costs no memory). */
  async describe(files: File[], formats: Format[]): Promise<TrainingFile[]> {
    const out: TrainingFile[] = [];
    for (const [i, f] of files.entries()) {
      const digest = new FileDigest();
      for await (const chunk of f.stream() as unknown as AsyncIterable<Uint8Array>) digest.update(chunk);
      out.push({ name: f.name, ...digest.result(), format: formats[i] });
    }
    return out;
  },
};
export type IngestApi = typeof api;
expose(api);

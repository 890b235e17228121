/// <reference lib="webworker" />
// A screen's work off the main thread: the feature sets to try, one set's
// candidates (features built once, every detector run), and the ranking of
// all of them with bootstrap intervals. The page spreads the sets over its
// worker pool; cancel = the page terminates the workers.
import { expose, transfer } from 'comlink';
import { labelColumnOf, rankScreen, runScreenSet, type ScreenRow } from '../core/experiment/screen.ts';
import { screenCandidates, type FeatureCandidate } from '../core/experiment/screen-candidates.ts';
import type { Spec } from '../core/experiment/spec.ts';
import { readLogs } from '../core/ingest/read-logs.ts';
import type { LogData } from '../core/ingest/log-data.ts';
import type { Format } from '../core/ingest/sniff-format.ts';
import { initWebBackend } from './tf-web.ts';

export interface ScreenInput {
  files: File[];
  format: Format | 'auto';
  readerOptions: Record<string, unknown>;
  spec: Spec;
}

function read(input: ScreenInput, onProgress?: (f: number) => void): Promise<LogData> {
  return readLogs(
    input.files.map((f) => ({ name: f.name, size: f.size, chunks: f.stream() as unknown as AsyncIterable<Uint8Array> })),
    { format: input.format, readerOptions: input.readerOptions, onProgress: onProgress && ((read, total) => onProgress(total ? read / total : 0)) },
  );
}

const api = {
  async featureSets(input: ScreenInput): Promise<FeatureCandidate[]> {
    return screenCandidates(await read(input), input.spec.features, labelColumnOf(input.spec));
  },
  async runSet(input: ScreenInput, set: FeatureCandidate, detectors: string[], seed: number, onProgress: (f: number) => void): Promise<ScreenRow[]> {
    if (detectors.includes('autoencoder')) await initWebBackend();
    const data = await read(input, (f) => onProgress(0.2 * f));
    const rows = runScreenSet(data, input.spec, set, { detectors, seed, onCandidate: (done, total) => onProgress(0.2 + (0.8 * done) / total) });
    const buffers = rows.flatMap((r) => [r.judged?.buffer, r.labels?.buffer]).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    return transfer(rows, [...new Set(buffers)]);
  },
  async rank(rows: ScreenRow[], resamples: number, seed: number) {
    return rankScreen(rows, { resamples, seed });
  },
};
export type ScreenApi = typeof api;
expose(api);

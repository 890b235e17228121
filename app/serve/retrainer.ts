import { Worker } from 'node:worker_threads';
import type { Spec } from '../core/experiment/spec.ts';
import type { LogData } from '../core/ingest/log-data.ts';
import type { Format } from '../core/ingest/sniff-format.ts';
import { unfittedSpec } from '../core/score/fit-spec.ts';

/**
 * The retrain thread's entry. From the sources (tsx) it is the .mjs that
 * registers tsx in the thread; from the CLI build (dist-cli/) it is the built
 * retrain-thread.js beside this module's chunk.
 */
function retrainThreadUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './retrain-thread.mjs' : './retrain-thread.js', import.meta.url);
}

export interface RetrainRequest {
  spec: Spec;
  data: LogData;
  /** Names the baseline in the fitted spec's provenance. */
  name: string;
  format: Format;
  version: string;
}

export type RetrainResult = { ok: true; spec: Spec; ms: number } | { ok: false; error: string; ms: number };

/**
 * Retrains in a worker thread of its own, so scoring on the main thread
 * never waits for a fit (on two cores, each gets one). One retrain at a time.
 */
export class Retrainer {
  private worker: Worker | null = null;
  private busy = false;

  get running(): boolean {
    return this.busy;
  }

  /**
   * Fits the spec again on the baseline: the same features and detectors,
   * trained on all of it (a split's cut belongs to the first training), the
   * threshold re-derived by its method; labels only where they cut a label
   * out of the lines (the baseline has no label file).
   */
  async retrain(current: Spec, data: LogData, name: string, format: Format, version: string): Promise<RetrainResult> {
    if (this.busy) throw new Error('a retrain is already running');
    this.busy = true;
    try {
      const base = unfittedSpec(current);
      const labels = base.labels && ('firstToken' in base.labels || ('column' in base.labels && !('file' in base.labels))) ? base.labels : undefined;
      const spec: Spec = { ...base, labels, split: { method: 'all' } };
      delete spec.review;
      delete spec.results;
      const worker = (this.worker ??= new Worker(retrainThreadUrl()));
      return await new Promise<RetrainResult>((resolve, reject) => {
        const onError = (e: Error) => reject(e);
        worker.once('error', onError);
        worker.once('message', (r: RetrainResult) => {
          worker.off('error', onError);
          resolve(r);
        });
        worker.postMessage({ spec, data, name, format, version } satisfies RetrainRequest);
      });
    } finally {
      this.busy = false;
    }
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}

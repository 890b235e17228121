/// <reference lib="webworker" />
// Explains one unit off the main thread: the autoencoder needs TF.js and its
// backend, and LOF's neighbour search runs over every training row.
import { expose } from 'comlink';
import { explainRow, type ExplainOptions } from '../core/explain/feature-contributions.ts';
import type { Matrix } from '../core/matrix.ts';
import { initWebBackend } from './tf-web.ts';

const api = {
  async explain(detectorType: string, model: unknown, x: Matrix, row: number, options: Partial<ExplainOptions>) {
    if (detectorType === 'autoencoder') await initWebBackend();
    return explainRow(detectorType, model, x, row, options);
  },
};
export type ExplainApi = typeof api;
expose(api);

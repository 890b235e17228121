/// <reference lib="webworker" />
// One detector fit and score per call; cancel = the page terminates this worker.
import { expose, transfer } from 'comlink';
import { runDetector } from '../core/experiment/run-experiment.ts';
import type { DetectorSpec } from '../core/experiment/spec.ts';
import type { Matrix } from '../core/matrix.ts';
import { initWebBackend } from './tf-web.ts';

/** One epoch of an autoencoder's training, as the page plots it. */
export interface EpochLoss {
  epoch: number;
  loss: number;
  valLoss: number | null;
}

const api = {
  async run(x: Matrix, spec: DetectorSpec, onProgress: (fraction: number) => void, onEpoch: (e: EpochLoss) => void, groups?: string[], trainRows?: Int32Array) {
    // TF.js picks its backend asynchronously; the detector itself is synchronous.
    if (spec.type === 'autoencoder') await initWebBackend();
    const run = runDetector(x, spec, { onProgress, onEpoch: (epoch, loss, valLoss) => onEpoch({ epoch, loss, valLoss }) }, groups, trainRows);
    return transfer(run, [run.scores.buffer]);
  },
};
export type DetectApi = typeof api;
expose(api);

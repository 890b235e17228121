/// <reference lib="webworker" />
// One detector fit and score per call; cancel = the page terminates this worker.
import { expose, transfer } from 'comlink';
import { runDetector } from '../core/experiment/run-experiment.ts';
import type { DetectorSpec } from '../core/experiment/spec.ts';
import type { Matrix } from '../core/matrix.ts';

const api = {
  run(x: Matrix, spec: DetectorSpec, onProgress: (fraction: number) => void) {
    const run = runDetector(x, spec, { onProgress });
    return transfer(run, [run.scores.buffer]);
  },
};
export type DetectApi = typeof api;
expose(api);

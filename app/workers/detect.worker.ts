/// <reference lib="webworker" />
// One detector fit and score per call; cancel = the page terminates this worker.
import { expose, transfer } from 'comlink';
import { runDetector, type DetectorRun } from '../core/experiment/run-experiment.ts';
import { judgeOrders } from '../core/experiment/judge-run.ts';
import type { Ranking } from '../core/evaluate/index.ts';
import type { Judging } from '../core/evaluate/review-marks.ts';
import type { Split } from '../core/features/split.ts';
import type { DetectorSpec } from '../core/experiment/spec.ts';
import type { Matrix } from '../core/matrix.ts';
import { initWebBackend } from './tf-web.ts';
import { fitOnly, scoreBlock } from './split-score.ts';

/** One epoch of an autoencoder's training, as the page plots it. */
export interface EpochLoss {
  epoch: number;
  loss: number;
  valLoss: number | null;
}

/** A run with its judged scores sorted and ranked against the labels it was judged by when it started (see app/ui/run-orders.ts). */
export interface RankedRun {
  run: DetectorRun;
  sorted: Float64Array;
  /** Null without labels to judge by. */
  ranking: Ranking | null;
}

const api = {
  async run(x: Matrix, spec: DetectorSpec, onProgress: (fraction: number) => void, onEpoch: (e: EpochLoss) => void, groups?: string[], trainRows?: Int32Array) {
    // TF.js picks its backend asynchronously; the detector itself is synchronous.
    if (spec.type === 'autoencoder') await initWebBackend();
    const run = runDetector(x, spec, { onProgress, onEpoch: (epoch, loss, valLoss) => onEpoch({ epoch, loss, valLoss }) }, groups, trainRows);
    return transfer(run, [run.scores.buffer]);
  },
  /**
   * `run`, then the sort and the ranking the page needs of every run: a
   * million scores sorted and ranked would hold the page's thread for a
   * quarter of a second, here they cost the page nothing.
   */
  async runRanked(x: Matrix, spec: DetectorSpec, onProgress: (fraction: number) => void, onEpoch: (e: EpochLoss) => void, groups: string[] | undefined, trainRows: Int32Array | undefined, judge: { split: Split; judging: Judging | null }): Promise<RankedRun> {
    const run = await api.run(x, spec, onProgress, onEpoch, groups, trainRows);
    const { sorted, ranking } = judgeOrders(run.scores, judge);
    const buffers = [run.scores.buffer, sorted.buffer, ...(ranking ? [ranking.thresholds.buffer, ranking.tps.buffer, ranking.fps.buffer] : [])];
    return transfer({ run, sorted, ranking }, [...new Set(buffers)] as ArrayBuffer[]);
  },

  // A run split by rows across workers (see split-score.ts and app/ui/split-run.ts): fit, score blocks, rank.
  fitOnly(x: Matrix, spec: DetectorSpec, trainRows: Int32Array | undefined, onProgress: (fraction: number) => void) {
    return fitOnly(x, spec, trainRows, onProgress);
  },
  scoreBlock(block: Matrix, spec: DetectorSpec, model: unknown, onProgress: (fraction: number) => void): DetectorRun {
    const run = scoreBlock(block, spec, model, onProgress);
    return transfer(run, [run.scores.buffer]);
  },
  rank(scores: Float64Array, judge: { split: Split; judging: Judging | null }): Omit<RankedRun, 'run'> {
    const o = judgeOrders(scores, judge);
    return transfer(o, [o.sorted.buffer, ...(o.ranking ? [o.ranking.thresholds.buffer, o.ranking.tps.buffer, o.ranking.fps.buffer] : [])] as ArrayBuffer[]);
  },
};

export type DetectApi = typeof api;
expose(api);

import { proxy, transfer, type Remote } from 'comlink';
import type { DetectorSpec } from '../core/experiment/spec.ts';
import type { Judging } from '../core/evaluate/review-marks.ts';
import type { Split } from '../core/features/split.ts';
import type { Matrix } from '../core/matrix.ts';
import type { DetectApi, EpochLoss, RankedRun } from '../workers/detect.worker.ts';
import { joinBlocks, ROW_WISE_TYPES, rowBlock } from '../workers/split-score.ts';
import type { JobPool } from './job-pool.ts';
import { JobCancelled, type WorkerJob } from './worker-job.ts';
import { createDetectWorker } from './workers.ts';

/** From this many rows on, a detector that scores row by row is scored in blocks, one worker each. */
export const SPLIT_FROM_ROWS = 200_000;

export interface RunRequest {
  x: Matrix;
  spec: DetectorSpec;
  groups?: string[];
  trainRows?: Int32Array;
  /** What the scores are sorted and ranked against (see run-orders.ts). */
  judge: { split: Split; judging: Judging | null };
  onProgress: (fraction: number) => void;
  onEpoch: (e: EpochLoss) => void;
}

/**
 * A detector run in the pool, with its scores sorted and ranked. Isolation
 * Forest on a large matrix is fitted once and scored in as many blocks as the
 * pool has workers, at once (the scores are exactly those of one run, see
 * app/workers/split-score.ts); every other run is one job.
 */
export function startRankedRun(pool: JobPool, r: RunRequest): WorkerJob<RankedRun> {
  const blocks = ROW_WISE_TYPES.has(r.spec.type) && !r.spec.groupBy && !r.spec.model && r.x.rows >= SPLIT_FROM_ROWS ? Math.min(pool.limit, 4) : 1;
  if (blocks < 2) {
    return pool.start<DetectApi, RankedRun>(createDetectWorker, (api) =>
      api.runRanked(r.x, r.spec, proxy(r.onProgress), proxy(r.onEpoch), r.groups, r.trainRows, r.judge),
    );
  }
  const jobs: WorkerJob<unknown>[] = [];
  let cancelled = false;
  const start = <T>(call: (api: Remote<DetectApi>) => Promise<T>): Promise<T> => {
    if (cancelled) return Promise.reject(new JobCancelled());
    const job = pool.start<DetectApi, T>(createDetectWorker, call);
    jobs.push(job);
    return job.result;
  };
  const result = (async (): Promise<RankedRun> => {
    const { model, fitMs } = await start<{ model: unknown; fitMs: number }>((api) => api.fitOnly(r.x, r.spec, r.trainRows, proxy((f: number) => r.onProgress(0.1 * f))));
    const fractions = new Array<number>(blocks).fill(0);
    const size = Math.ceil(r.x.rows / blocks);
    const runs = await Promise.all(
      fractions.map((_, i) => {
        // A copy of the block, handed over: posting a view would copy the whole matrix's buffer.
        const view = rowBlock(r.x, i * size, Math.min(r.x.rows, (i + 1) * size));
        const block = { ...view, data: view.data.slice() };
        const onProgress = proxy((f: number) => {
          fractions[i] = f;
          r.onProgress(0.1 + (0.85 * fractions.reduce((a, b) => a + b, 0)) / blocks);
        });
        return start<RankedRun['run']>((api) => api.scoreBlock(transfer(block, [block.data.buffer]), r.spec, model, onProgress));
      }),
    );
    const run = joinBlocks(r.spec, model, fitMs, runs);
    const { sorted, ranking } = await start<Omit<RankedRun, 'run'>>((api) => api.rank(run.scores, r.judge));
    r.onProgress(1);
    return { run, sorted, ranking };
  })();
  return {
    result,
    cancel() {
      cancelled = true;
      for (const job of jobs) job.cancel();
    },
  };
}

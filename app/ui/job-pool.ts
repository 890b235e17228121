import type { Remote } from 'comlink';
import { JobCancelled, startWorkerJob, type WorkerJob } from './worker-job.ts';

/**
 * Runs worker jobs at most `limit` at a time (one per core by default), in
 * the order they were asked for. A queued job can be cancelled before it
 * starts; a running one is cancelled by terminating its worker.
 */
export class JobPool {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly limit = Math.max(1, Math.min(8, globalThis.navigator?.hardwareConcurrency ?? 2))) {}

  start<Api, T>(createWorker: () => Worker, call: (api: Remote<Api>) => Promise<T>): WorkerJob<T> {
    let inner: WorkerJob<T> | null = null;
    let cancelled = false;
    let rejectQueued!: (e: Error) => void;
    const result = new Promise<T>((resolve, reject) => {
      rejectQueued = reject;
      const begin = () => {
        if (cancelled) return this.next();
        this.running++;
        inner = startWorkerJob(createWorker, call);
        inner.result.then(resolve, reject).finally(() => {
          this.running--;
          this.next();
        });
      };
      if (this.running < this.limit) begin();
      else this.queue.push(begin);
    });
    return {
      result,
      cancel: () => {
        cancelled = true;
        if (inner) inner.cancel();
        else rejectQueued(new JobCancelled());
      },
    };
  }

  private next(): void {
    const begin = this.queue.shift();
    if (begin) begin();
  }
}

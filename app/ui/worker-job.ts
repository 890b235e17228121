import { wrap, type Remote } from 'comlink';

/** A job in a worker of its own, cancellable at any moment. */
export interface WorkerJob<T> {
  result: Promise<T>;
  /** Stops the work at once (the worker is terminated); `result` rejects with `JobCancelled`. */
  cancel(): void;
}

export class JobCancelled extends Error {
  override name = 'JobCancelled';
  constructor() {
    super('cancelled');
  }
}

/**
 * Runs `call` against a fresh worker and terminates the worker when done.
 * A fresh worker per job makes cancel immediate and certain — terminating is
 * the only way to stop a synchronous loop — and costs a few milliseconds.
 */
export function startWorkerJob<Api, T>(createWorker: () => Worker, call: (api: Remote<Api>) => Promise<T>): WorkerJob<T> {
  const worker = createWorker();
  let cancelled!: (e: Error) => void;
  const cancelPromise = new Promise<never>((_, reject) => (cancelled = reject));
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(e.message || 'the worker failed to start')));
  });
  const result = Promise.race([call(wrap<Api>(worker)).catch(explainCloneFailure), cancelPromise, failed]).finally(() => worker.terminate());
  return {
    result,
    cancel() {
      worker.terminate();
      cancelled(new JobCancelled());
    },
  };
}

/** The result of a job could not be copied to the page: it is too large (or holds something uncopyable). */
export class ResultTooLarge extends Error {
  override name = 'ResultTooLarge';
}

/**
 * comlink reports a result the browser could not copy out of the worker
 * (a string or buffer past the engine's limits, memory exhausted) as
 * "Unserializable return value", which tells a user nothing.
 */
export function explainCloneFailure(e: unknown): never {
  if (e instanceof Error && /Unserializable return value/.test(e.message)) {
    throw new ResultTooLarge('too large to hand from the worker to the page', { cause: e });
  }
  throw e;
}

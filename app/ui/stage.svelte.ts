import { JobCancelled, type WorkerJob } from './worker-job.ts';

/** One stage of the pipeline as the page shows it. */
export class Stage {
  running = $state(false);
  /** Share done, 0–1. */
  progress = $state(0);
  error = $state<string | null>(null);
  note = $state<string | null>(null);
  private job: WorkerJob<unknown> | null = null;
  private quiet = false;

  /** Runs a job, superseding (cancelling) any job of this stage still running. */
  async run<T>(job: WorkerJob<T>, onDone: (value: T) => void): Promise<boolean> {
    this.cancel(true);
    this.quiet = false;
    this.job = job;
    this.running = true;
    this.progress = 0;
    this.error = null;
    this.note = null;
    try {
      const value = await job.result;
      if (this.job !== job) return false;
      onDone(value);
      return true;
    } catch (e) {
      if (this.job !== job) return false;
      if (e instanceof JobCancelled) this.note = this.quiet ? null : 'Cancelled; what was there before is kept.';
      else this.error = (e as Error).message;
      return false;
    } finally {
      if (this.job === job) {
        this.running = false;
        this.job = null;
      }
    }
  }

  /** Stops the running job; `quiet` when the page stops it (new data), not the user. */
  cancel(quiet = false): void {
    this.quiet = quiet;
    this.job?.cancel();
  }

  fail(message: string): void {
    this.error = message;
  }
}

import { proxy, wrap, type Remote } from 'comlink';
import type { Spec } from '../core/experiment/spec.ts';
import type { FeatureUnits } from '../core/features/feature-units.ts';
import type { Format } from '../core/ingest/sniff-format.ts';
import type { DataApi } from '../workers/data.worker.ts';
import type { PageData, RowRecord } from '../workers/page-data.ts';
import { DataRows } from './data-rows.svelte.ts';
import type { PreparedView } from '../core/experiment/prepared-view.ts';
import { explainCloneFailure, JobCancelled, type WorkerJob } from './worker-job.ts';
import { createDataWorker } from './workers.ts';

/** What a data worker was opened on: enough to open another on the same rows. */
interface Opening {
  files: File[];
  format: Format | 'auto';
  readerOptions: Record<string, unknown>;
  limits: { maxBytes?: number; maxRows?: number };
}

/** One data worker holding one load of files. */
class DataWorker {
  readonly api: Remote<DataApi>;
  dead = false;
  private readonly worker: Worker;
  /** Rejects when the worker fails or is stopped: every call races it, as a stopped worker never answers. */
  readonly stopped: Promise<never>;
  private stop!: (e: Error) => void;

  constructor(readonly opening: Opening) {
    this.worker = createDataWorker();
    this.api = wrap<DataApi>(this.worker);
    this.stopped = new Promise<never>((_, reject) => (this.stop = reject));
    this.stopped.catch(() => {});
    this.worker.addEventListener('error', (e) => this.kill(new Error(e.message || 'the data worker failed to start')));
  }

  call<T>(f: (api: Remote<DataApi>) => Promise<T>): Promise<T> {
    if (this.dead) return Promise.reject(new JobCancelled());
    return Promise.race([f(this.api).catch(explainCloneFailure), this.stopped]);
  }

  kill(reason: Error = new JobCancelled()): void {
    if (this.dead) return;
    this.dead = true;
    this.worker.terminate();
    this.stop(reason);
  }
}

/** A job on a data worker: cancel stops the worker (a synchronous build can be stopped no other way). */
function job<T>(worker: () => DataWorker | Promise<DataWorker>, f: (api: Remote<DataApi>) => Promise<T>): WorkerJob<T> {
  let cancelled = false;
  let held: DataWorker | null = null;
  let cancel!: (e: Error) => void;
  const cancelling = new Promise<never>((_, reject) => (cancel = reject));
  const result = Promise.race([
    // The worker is looked up after this task: a job this one supersedes is stopped first, so this one reads the files again.
    Promise.resolve().then(worker).then((w) => {
      held = w;
      if (cancelled) w.kill();
      return w.call(f);
    }),
    cancelling,
  ]);
  return {
    result,
    cancel() {
      cancelled = true;
      held?.kill();
      cancel(new JobCancelled());
    },
  };
}

/**
 * The loaded logs as the page reaches them: a worker that holds them (read
 * once, text included), builds the features from them and answers for the
 * rows shown. The page holds only `PageData` and the rows it asked for.
 * A build cancelled midway stops that worker; the next request reads the
 * files again in a fresh one, which the user does not see.
 */
export class DataSource {
  private current: DataWorker | null = null;
  private reopening: Promise<DataWorker> | null = null;

  /**
   * Reads files in a new worker. The worker becomes the source only through
   * `use()` on the result, so a load that fails or is cancelled keeps the data before.
   */
  open(opening: Opening, onProgress: (read: number, total: number) => void): WorkerJob<{ data: PageData; use: () => DataRows }> {
    const w = new DataWorker(opening);
    const inner = job(() => w, (api) => api.read(opening.files, opening.format, opening.readerOptions, opening.limits, proxy(onProgress)));
    const result = inner.result.then((data) => ({
      data,
      use: () => {
        if (this.current !== w) this.current?.kill();
        this.current = w;
        this.reopening = null;
        // Bound to this load: a request still on its way when other files are loaded gets nothing.
        return new DataRows((rows) => this.rows(rows, opening), data.head);
      },
    }));
    result.catch(() => w.kill());
    return { result, cancel: inner.cancel };
  }

  /** Labels, split and features of the data held. */
  prepare(spec: Pick<Spec, 'labels' | 'features' | 'split'>, onProgress: (f: number) => void): WorkerJob<PreparedView> {
    return job(() => this.live(), (api) => api.prepare(spec, proxy(onProgress)) as Promise<PreparedView>);
  }

  /** The text of rows (of the load `of`, when given). */
  rows(rows: number[], of?: Opening): Promise<RowRecord[]> {
    return this.live().then((w) => (of && w.opening !== of ? Promise.reject(new Error('other files were loaded since')) : w.call((api) => api.rows(rows))));
  }

  /** The group of every unit for a detector's `groupBy`. */
  groupValues(field: string, units: Pick<FeatureUnits, 'rowStart' | 'rows' | 'group' | 'groupField'> | null): Promise<string[]> {
    const plain = units && { rowStart: units.rowStart, rows: units.rows, group: units.group, groupField: units.groupField };
    return this.live().then((w) => w.call((api) => api.groupValues(field, plain)));
  }

  /** The worker holding the data, reading the files again in a new one when a cancelled build stopped it. */
  private live(): Promise<DataWorker> {
    const w = this.current;
    if (!w) return Promise.reject(new Error('no data is loaded'));
    if (!w.dead) return Promise.resolve(w);
    if (!this.reopening) {
      const next = new DataWorker(w.opening);
      const o = w.opening;
      this.reopening = next.call((api) => api.read(o.files, o.format, o.readerOptions, o.limits, proxy(() => {}))).then(() => {
        if (this.current === w) this.current = next;
        else next.kill();
        this.reopening = null;
        return next;
      });
      this.reopening.catch(() => (this.reopening = null));
    }
    return this.reopening;
  }
}

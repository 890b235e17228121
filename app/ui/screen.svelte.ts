import { proxy } from 'comlink';
import { pooledPrecision, pooledReviewSample, type PooledPrecision, type PooledReviewSample } from '../core/evaluate/pooled-review.ts';
import { screenDetectorTypes, type ScreenResult, type ScreenRow } from '../core/experiment/screen.ts';
import type { FeatureCandidate } from '../core/experiment/screen-candidates.ts';
import type { ScreenApi, ScreenInput } from '../workers/screen.worker.ts';
import type { JobPool } from './job-pool.ts';
import { JobCancelled, startWorkerJob, type WorkerJob } from './worker-job.ts';
import { createScreenWorker } from './workers.ts';

/** Bootstrap resamples of the page's screen: fewer than `law screen`'s 1000, so a screen answers in seconds; the seed is fixed. */
const RESAMPLES = 500;

/** A pooled review in progress: its sample, over the candidates that judge the same units. */
export interface PooledReview {
  sample: PooledReviewSample;
  /** Index in the result's candidates of each ranking in `sample.tops`. */
  candidates: number[];
  /** Judged position → unit index of the notebook's prepared units. */
  unitOf: (judged: number) => number;
  marks: Map<number, 0 | 1>;
  position: number;
}

/**
 * The Screen cell's work: every candidate feature set × every detector with
 * default parameters, one feature set per job in the notebook's worker pool
 * (with progress and cancel), ranked in a worker of its own; then, without
 * labels, a pooled review of the candidates' top units.
 */
export class Screen {
  running = $state(false);
  /** Share of the work done, 0–1. */
  progress = $state(0);
  status = $state('');
  error = $state<string | null>(null);
  result = $state.raw<ScreenResult | null>(null);
  /** Judged scores per candidate of `result` (same order), kept for the pooled review. */
  private judged: (Float64Array | null)[] = [];
  /** What the result was screened on: a result on other files or units is out of date. */
  key = $state('');
  review = $state.raw<PooledReview | null>(null);
  k = $state(20);
  size = $state(40);
  seed = $state(1);

  private jobs: WorkerJob<unknown>[] = [];
  /** Bumped by each run: a cancelled run that settles late must not touch the next one's state. */
  private generation = 0;

  constructor(private readonly pool: JobPool) {}

  /** Runs the screen; `input` says what to read and the spec (labels, split, unit); `key` names that input. */
  async run(input: ScreenInput, key: string): Promise<void> {
    this.cancel();
    const generation = ++this.generation;
    this.running = true;
    this.error = null;
    this.result = null;
    this.review = null;
    this.progress = 0;
    this.status = 'finding candidate feature sets…';
    this.key = key;
    try {
      const sets = await this.track(startWorkerJob<ScreenApi, FeatureCandidate[]>(createScreenWorker, (api) => api.featureSets(input)));
      const detectors = screenDetectorTypes();
      const fractions = sets.map(() => 0);
      const total = sets.length * detectors.length;
      const update = () => {
        this.progress = 0.9 * (fractions.reduce((a, b) => a + b, 0) / sets.length);
        this.status = `screening ${sets.length} feature sets × ${detectors.length} detectors (${total} candidates)…`;
      };
      update();
      const parts = await Promise.all(sets.map((set, i) =>
        this.track(this.pool.start<ScreenApi, ScreenRow[]>(createScreenWorker, (api) =>
          api.runSet(input, set, detectors, 0, proxy((f: number) => { fractions[i] = f; update(); })))),
      ));
      this.status = 'ranking, with bootstrap intervals…';
      const rows = parts.flat();
      // The ranking sorts the candidates: keep each one's judged scores beside it.
      const byCandidate = new Map(rows.map((r) => [JSON.stringify([r.c.name, r.c.detector.type]), r.judged]));
      const result = await this.track(startWorkerJob<ScreenApi, ScreenResult>(createScreenWorker, (api) => api.rank(rows.map((r) => ({ ...r, judged: r.judged && r.labels ? r.judged : null })), RESAMPLES, 0)));
      this.judged = result.candidates.map((c) => byCandidate.get(JSON.stringify([c.name, c.detector.type])) ?? null);
      this.result = result;
      this.progress = 1;
      this.status = '';
    } catch (e) {
      if (generation !== this.generation) return;
      if (e instanceof JobCancelled) this.status = 'cancelled';
      else {
        this.error = `The screen failed: ${(e as Error).message}`;
        this.status = '';
      }
    } finally {
      if (generation === this.generation) {
        this.jobs = [];
        this.running = false;
      }
    }
  }

  cancel(): void {
    for (const j of this.jobs) j.cancel();
    this.jobs = [];
    if (this.running) this.status = 'cancelled';
    this.running = false;
  }

  /**
   * Draws a pooled review over the candidates that judged `units` units (the
   * notebook's current unit kind); `unitOf` maps a judged position to the unit shown.
   */
  drawReview(units: number, unitOf: (judged: number) => number): void {
    const r = this.result;
    if (!r) return;
    const candidates = r.candidates.flatMap((c, i) => (!c.error && this.judged[i]?.length === units ? [i] : []));
    if (!candidates.length) {
      this.error = 'No candidate judged the units shown here; change the unit to review them.';
      return;
    }
    const sample = pooledReviewSample(candidates.map((i) => this.judged[i]!), { k: this.k, size: this.size, seed: this.seed });
    this.review = { sample, candidates, unitOf, marks: new Map(), position: 0 };
  }

  /** Marks the shown unit and moves on. */
  mark(label: 0 | 1): void {
    const rv = this.review;
    if (!rv) return;
    const unit = rv.sample.units[rv.position];
    const marks = new Map(rv.marks).set(unit, label);
    this.review = { ...rv, marks, position: Math.min(rv.position + 1, rv.sample.units.length - 1) };
  }

  move(delta: number): void {
    const rv = this.review;
    if (!rv) return;
    this.review = { ...rv, position: Math.max(0, Math.min(rv.sample.units.length - 1, rv.position + delta)) };
  }

  /** Precision at k per candidate of the result (null for those outside the review). */
  precisions(): (PooledPrecision | null)[] {
    const rv = this.review;
    const r = this.result;
    if (!rv || !r) return [];
    const own = pooledPrecision(rv.sample, rv.marks);
    const out: (PooledPrecision | null)[] = r.candidates.map(() => null);
    rv.candidates.forEach((ci, j) => (out[ci] = own[j]));
    return out;
  }

  private track<T>(job: WorkerJob<T>): Promise<T> {
    this.jobs.push(job as WorkerJob<unknown>);
    return job.result;
  }
}

import { proxy } from 'comlink';
import { isRandomDetector, parameterGrid, seedGrid, showParamValue, type GridAxis, type ParameterGrid, type ParamValue } from '../core/experiment/parameter-grid.ts';
import { ENSEMBLE_TYPE } from '../core/experiment/run-ensemble.ts';
import { judgedTimes, thresholdAppliesTo, type DetectorRun } from '../core/experiment/run-experiment.ts';
import { judgeRun, type JudgeBasis } from '../core/experiment/judge-run.ts';
import type { DetectorSpec, ThresholdSpec } from '../core/experiment/spec.ts';
import type { Metrics } from '../core/evaluate/index.ts';
import { repeatSummary, type MeanStd, type RepeatMetric } from '../core/evaluate/repeat-summary.ts';
import { isWholeSplit } from '../core/features/split.ts';
import type { DetectApi } from '../workers/detect.worker.ts';
import type { Notebook } from './notebook.svelte.ts';
import type { PreparedView } from '../core/experiment/prepared-view.ts';
import type { DetectorSetting } from './settings.ts';
import { JobCancelled, type WorkerJob } from './worker-job.ts';
import { createDetectWorker } from './workers.ts';

export type SweepMode = 'grid' | 'repeat';

/** One finished run of a sweep: what the table and the plot show. */
export interface SweepRow {
  /** Position in the grid (0-based); the table keeps this order, not the order runs finish in. */
  index: number;
  /** The swept parameters of this run. */
  params: Record<string, ParamValue>;
  metrics: Metrics;
  /** Wall-clock milliseconds in the worker. */
  timing: { fitMs: number; scoreMs: number };
}

/** What a started sweep was over. */
export interface SweepPlan {
  baseId: string;
  type: string;
  mode: SweepMode;
  axes: GridAxis[];
  points: Record<string, ParamValue>[];
  /** The matrix it ran on: results on another one are out of date. */
  prepared: PreparedView;
  /** How the threshold behind F1, precision and recall was set, in words. */
  threshold: string;
}

/** `a = 1, b = 2` */
export function describePoint(p: Record<string, ParamValue>): string {
  return Object.entries(p).map(([k, v]) => `${k} = ${showParamValue(v)}`).join(', ');
}

/** The threshold setting in words, for the base run (see `thresholdAppliesTo`). */
function describeThreshold(t: ThresholdSpec, runId: string): string {
  if (!thresholdAppliesTo(t, runId)) return 'the top 5 % flagged';
  const v = t.value ?? NaN;
  switch (t.method) {
    case 'contamination': return `the top ${+(v * 100).toFixed(3)} % flagged`;
    case 'score': return `score ≥ ${v}`;
    case 'percentile': return `the ${v}th percentile of each run's scores`;
    case 'best-f1': return "each run's best-F1 threshold";
    case 'alert-budget': return `at most ${v} alerts per ${t.per ?? 'hour'}`;
    case 'fpr': return `a false-positive rate of at most ${v}`;
    default: return `${t.method} ${v}`;
  }
}

/**
 * A sweep (a grid over a detector cell's parameters) or repeats over seeds:
 * every run goes to the notebook's worker pool, each result is judged on the
 * spot (one `judgeRun`) and its scores are dropped, so a 200-run sweep
 * keeps 200 rows of metrics, not 200 score arrays.
 */
export class Sweep {
  /** The detector cell swept (the first non-ensemble one if unset or removed). */
  baseId = $state('');
  mode = $state<SweepMode>('grid');
  /** Values typed per parameter, by `type.name`, so each detector type keeps its own. */
  texts = $state<Record<string, string>>({});
  seeds = $state(5);

  running = $state(false);
  /** Runs finished (or failed). */
  done = $state(0);
  /** Share of all the runs' work done, 0–1, from each worker's own progress. */
  progress = $state(0);
  rows = $state.raw<SweepRow[]>([]);
  plan = $state.raw<SweepPlan | null>(null);
  errors = $state.raw<string[]>([]);
  note = $state<string | null>(null);

  private jobs: WorkerJob<DetectorRun>[] = [];
  private fractions: number[] = [];

  /** Detector cells that can be swept (not ensembles). */
  candidates: DetectorSetting[];
  /** The detector cell swept (the first candidate if unset or removed). */
  base: DetectorSetting | null;
  canRepeat: boolean;
  /** The runs the Run button would start, or why it cannot; recomputed as the person types. */
  grid: { grid: ParameterGrid } | { error: string } | null;
  /** Mean ± std per metric, for repeats over seeds. */
  summary: Record<RepeatMetric, MeanStd> | null;
  /** The features changed after the sweep ran: its rows are about another matrix. */
  stale: boolean;

  private readonly nb: Notebook;

  constructor(nb: Notebook) {
    this.nb = nb;
    // Derived in the constructor, where `nb` is set (Svelte allows runes in a constructor's first assignment).
    this.candidates = $derived(nb.settings.detectors.filter((d) => d.type !== ENSEMBLE_TYPE));
    this.base = $derived(this.candidates.find((d) => d.id === this.baseId) ?? this.candidates[0] ?? null);
    this.canRepeat = $derived(this.base ? isRandomDetector(this.base.type) : false);
    this.grid = $derived.by(() => {
      const base = this.base;
      if (!base) return null;
      const params = $state.snapshot(base.params) as Record<string, unknown>;
      try {
        if (this.mode === 'repeat') return { grid: seedGrid(base.type, params, Number(this.seeds)) };
        const prefix = `${base.type}.`;
        const texts = Object.fromEntries(Object.entries(this.texts).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
        // Nothing typed yet is not an error: there is simply no sweep to plan (the cell says what to do).
        if (!Object.values(texts).some((v) => v.trim())) return null;
        return { grid: parameterGrid(base.type, params, texts) };
      } catch (e) {
        return { error: (e as Error).message };
      }
    });
    this.summary = $derived(this.plan?.mode === 'repeat' && this.rows.length ? repeatSummary(this.rows.map((r) => r.metrics)) : null);
    this.stale = $derived(this.plan !== null && this.plan.prepared !== nb.prepared);
  }

  text(type: string, name: string): string {
    return this.texts[`${type}.${name}`] ?? '';
  }

  setText(type: string, name: string, value: string): void {
    this.texts[`${type}.${name}`] = value;
  }

  /** Starts every run of the grid; a sweep still running is cancelled first. */
  async start(): Promise<void> {
    const nb = this.nb;
    const prepared = nb.prepared;
    const base = this.base;
    const grid = this.grid;
    if (!prepared || !base || !grid || 'error' in grid) return;
    this.stop();
    const setting = $state.snapshot(base) as DetectorSetting;
    const threshold = $state.snapshot(nb.settings.threshold) as ThresholdSpec;
    // Judged as the runs table judges (labels with review marks over them), at the threshold cell's setting.
    const data = nb.data;
    const basis: JudgeBasis = { split: prepared.split, judging: nb.judging, times: () => (data ? judgedTimes(prepared.units, data.timestamp, prepared.split) : null) };
    const { axes, points } = grid.grid;
    this.plan = { baseId: setting.id, type: setting.type, mode: this.mode, axes, points, prepared, threshold: describeThreshold(threshold, setting.id) };
    this.rows = [];
    this.errors = [];
    this.note = null;
    this.done = 0;
    this.progress = 0;
    let groups: string[] | undefined;
    try {
      groups = setting.groupBy && nb.data ? await nb.source.groupValues(setting.groupBy, prepared.units) : undefined;
    } catch (e) {
      this.errors = [(e as Error).message];
      return;
    }
    // Another start (or new features) while the groups were asked for: that one runs.
    if (this.plan?.prepared !== prepared || nb.prepared !== prepared) return;
    const trainRows = isWholeSplit(prepared.split) ? undefined : prepared.split.train;
    this.fractions = points.map(() => 0);
    this.running = true;
    const jobs = points.map((point, index) => {
      const spec: DetectorSpec = { id: setting.id, type: setting.type, params: { ...setting.params, ...point }, ...(setting.groupBy ? { groupBy: setting.groupBy } : {}) };
      return nb.pool.start<DetectApi, DetectorRun>(createDetectWorker, (api) =>
        api.run(prepared.matrix, spec, proxy((f: number) => this.advance(jobs, index, f)), proxy(() => {}), groups, trainRows),
      );
    });
    this.jobs = jobs;
    await Promise.all(
      jobs.map((job, index) =>
        job.result
          .then((run) => {
            if (this.jobs !== jobs) return;
            if (nb.prepared !== prepared) {
              this.stop('The data or features changed, so the sweep stopped: run it again.');
              return;
            }
            const { metrics } = judgeRun(run.scores, setting.id, threshold, basis);
            const row: SweepRow = { index, params: points[index], metrics, timing: run.timing };
            this.rows = [...this.rows, row].sort((a, b) => a.index - b.index);
          })
          .catch((e: Error) => {
            if (this.jobs !== jobs || e instanceof JobCancelled) return;
            this.errors = [...this.errors, `run ${index + 1} (${describePoint(points[index])}): ${e.message}`];
          })
          .finally(() => {
            if (this.jobs !== jobs) return;
            this.done++;
            this.advance(jobs, index, 1);
          }),
      ),
    );
    if (this.jobs === jobs) {
      this.jobs = [];
      this.running = false;
    }
  }

  /** Cancels the running and queued runs; finished rows stay. */
  cancel(): void {
    if (!this.running) return;
    const total = this.plan?.points.length ?? 0;
    this.stop(`Cancelled after ${this.done} of ${total} runs; the finished ones are kept.`);
  }

  /** The data or features changed while a sweep ran: its remaining runs would be about the old matrix. */
  dataChanged(): void {
    if (this.running && this.plan && this.plan.prepared !== this.nb.prepared) this.stop('The data or features changed, so the sweep stopped: run it again.');
  }

  /** Copies a row's parameters into the base detector cell, which re-runs. */
  use(row: SweepRow): void {
    const setting = this.nb.settings.detectors.find((d) => d.id === this.plan?.baseId);
    if (!setting) return;
    for (const [k, v] of Object.entries(row.params)) setting.params[k] = Array.isArray(v) ? [...v] : v;
    this.nb.changedDetector(setting.id);
  }

  private stop(note?: string): void {
    const jobs = this.jobs;
    this.jobs = [];
    for (const job of jobs) job.cancel();
    this.running = false;
    if (note) this.note = note;
  }

  private advance(jobs: WorkerJob<DetectorRun>[], index: number, fraction: number): void {
    if (this.jobs !== jobs) return;
    this.fractions[index] = fraction;
    this.progress = this.fractions.reduce((s, f) => s + f, 0) / this.fractions.length;
  }
}

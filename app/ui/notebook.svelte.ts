import type { Remote } from 'comlink';
import { proxy } from 'comlink';
import type { ColumnTable } from 'arquero';
import type { DetectorRun } from '../core/experiment/run-experiment.ts';
import { thresholdFor } from '../core/experiment/run-experiment.ts';
import { parseSpec } from '../core/experiment/parse-spec.ts';
import type { Spec } from '../core/experiment/spec.ts';
import { rankByScore, rocCurveFromRanking, summarizeMetrics, type Metrics } from '../core/evaluate/index.ts';
import type { FeatureState } from '../core/features/build-features.ts';
import type { LogData } from '../core/ingest/log-data.ts';
import { isNumericColumn } from '../core/ingest/log-data.ts';
import type { Format } from '../core/ingest/sniff-format.ts';
import { toTable } from '../core/ingest/to-table.ts';
import type { Matrix } from '../core/matrix.ts';
import type { DetectApi } from '../workers/detect.worker.ts';
import type { FeaturesApi } from '../workers/features.worker.ts';
import type { IngestApi } from '../workers/ingest.worker.ts';
import { loadFiles, loadSettings, saveFiles, saveSettings } from './persist.ts';
import { defaultSettings, labelChoice, labelRule, RUN_ID, type Settings } from './settings.ts';
import { JobCancelled, startWorkerJob, type WorkerJob } from './worker-job.ts';
import { createDetectWorker, createFeaturesWorker, createIngestWorker } from './workers.ts';

/** Field names taken as a label column when new data arrives. */
const LABEL_COLUMN = /^(label|is_?anomaly|anomaly|is_?anomalous|outlier)$/i;

/** The bundled sample's file name, as a user would see it after downloading it. */
export const SAMPLE_NAME = 'webapp-10k.log';

/** One stage of the pipeline as the page shows it. */
export class Stage {
  running = $state(false);
  /** Share done, 0–1. */
  progress = $state(0);
  error = $state<string | null>(null);
  note = $state<string | null>(null);
  private job: WorkerJob<unknown> | null = null;

  /** Runs a job, superseding (cancelling) any job of this stage still running. */
  async run<T>(job: WorkerJob<T>, onDone: (value: T) => void): Promise<boolean> {
    this.job?.cancel();
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
      if (e instanceof JobCancelled) this.note = 'Cancelled; what was there before is kept.';
      else this.error = (e as Error).message;
      return false;
    } finally {
      if (this.job === job) {
        this.running = false;
        this.job = null;
      }
    }
  }

  cancel(): void {
    this.job?.cancel();
  }

  fail(message: string): void {
    this.error = message;
  }
}

/** What the features worker sends back. */
export interface PreparedView {
  labels: Int8Array | null;
  matrix: Matrix;
  columns: string[];
  state: FeatureState;
  available: string[];
  templateId: Int32Array | null;
  templates: string[] | null;
}

/**
 * The notebook: settings of every cell, the data and results they produce,
 * and the re-running of what depends on a changed cell
 * (data → labels & features → detector → threshold & metrics).
 */
export class Notebook {
  settings = $state<Settings>(defaultSettings());
  files = $state.raw<File[]>([]);
  data = $state.raw<LogData | null>(null);
  prepared = $state.raw<PreparedView | null>(null);
  run = $state.raw<DetectorRun | null>(null);
  /** A spec-level message (import problems). */
  specError = $state<string | null>(null);
  specNote = $state<string | null>(null);

  readonly load = new Stage();
  readonly prepare = new Stage();
  readonly detect = new Stage();

  table: ColumnTable | null = $derived(this.data ? toTable(this.data) : null);
  labels = $derived(this.prepared?.labels ?? null);
  /** Scores sorted once per run; the threshold slider only recounts. */
  ranking = $derived(this.run && this.labels ? rankByScore(this.run.scores, this.labels) : null);
  roc = $derived(this.ranking ? rocCurveFromRanking(this.ranking) : null);
  threshold = $derived(
    this.run ? thresholdFor(this.run.scores, RUN_ID, { run: RUN_ID, ...this.settings.threshold }) : null,
  );
  metrics: Metrics | null = $derived(
    this.run && this.threshold !== null
      ? summarizeMetrics(this.run.scores, this.labels, this.threshold, this.ranking ?? undefined)
      : null,
  );

  /** Restores the last notebook, or opens the bundled sample on a first visit. */
  async start(sampleUrl: string): Promise<void> {
    const saved = loadSettings<Settings>();
    const files = saved ? await loadFiles() : null;
    if (saved && files?.length) {
      this.settings = { ...defaultSettings(), ...saved };
      await this.loadFiles(files, { restoring: true });
    } else {
      await this.loadSample(sampleUrl);
    }
  }

  /** Loads the bundled sample with the settings made for it. */
  async loadSample(url: string, name = SAMPLE_NAME): Promise<void> {
    this.load.error = null;
    let blob: Blob;
    try {
      blob = await (await fetch(url)).blob();
    } catch (e) {
      this.load.fail(`could not open the bundled sample ${name}: ${(e as Error).message}`);
      return;
    }
    this.settings = defaultSettings();
    await this.loadFiles([new File([blob], name)], { restoring: true });
  }

  /**
   * Reads files in a worker. On failure or cancel the data loaded before stays.
   * @param restoring keep the cells' settings (reload, import) instead of
   *   fitting them to the new data
   */
  async loadFiles(files: File[], { restoring = false } = {}): Promise<void> {
    if (files.length === 0) return;
    const job = startWorkerJob<IngestApi, LogData>(createIngestWorker, (api: Remote<IngestApi>) =>
      api.read(files, this.settings.format, proxy((read: number, total: number) => (this.load.progress = total ? read / total : 0))),
    );
    const ok = await this.load.run(job, (data) => {
      this.files = files;
      this.data = data;
      if (!restoring) this.fitSettingsTo(data);
    });
    if (!ok) return;
    void saveFiles(files);
    this.save();
    await this.prepareAndRun();
  }

  setFormat(format: Format | 'auto'): void {
    this.settings.format = format;
    this.save();
    if (this.files.length) void this.loadFiles(this.files, { restoring: true });
  }

  /** Labels or features changed: rebuild the matrix, then re-run the detector. */
  changedFeatures(): void {
    this.save();
    void this.prepareAndRun();
  }

  /** Detector parameters changed: re-run it. */
  changedDetector(): void {
    this.save();
    void this.runDetector();
  }

  changedThreshold(): void {
    this.save();
  }

  async prepareAndRun(): Promise<void> {
    const data = this.data;
    if (!data) return;
    const spec = this.specParts();
    const job = startWorkerJob<FeaturesApi, PreparedView>(createFeaturesWorker, (api) => api.prepare(data, spec));
    this.run = null;
    const ok = await this.prepare.run(job, (prepared) => (this.prepared = prepared));
    if (ok) await this.runDetector();
  }

  async runDetector(): Promise<void> {
    const prepared = this.prepared;
    if (!prepared) return;
    const detector = { id: RUN_ID, type: 'isolation-forest', params: $state.snapshot(this.settings.detector) };
    const job = startWorkerJob<DetectApi, DetectorRun>(createDetectWorker, (api) =>
      api.run(prepared.matrix, detector, proxy((f: number) => (this.detect.progress = f))),
    );
    await this.detect.run(job, (run) => (this.run = run));
  }

  /** The experiment as a spec (docs/interfaces.md), with what the page showed as `results`. */
  exportSpec(): Spec {
    const s = this.settings;
    const spec: Spec = {
      version: 1,
      name: s.name,
      source: { path: this.files.length === 1 ? this.files[0].name : this.files.map((f) => f.name).join(','), format: s.format },
      labels: labelRule(s.labels),
      features: { unit: s.features.unit, columns: this.prepared?.columns ?? s.features.columns ?? undefined, scaling: s.features.scaling },
      split: { method: 'all' },
      detectors: [{ id: RUN_ID, type: 'isolation-forest', params: { ...s.detector } }],
      threshold: { run: RUN_ID, ...s.threshold },
    };
    if (this.metrics && this.prepared) {
      spec.results = { rows: this.prepared.matrix.rows, runs: [{ id: RUN_ID, metrics: { ...this.metrics } }] };
    }
    return spec;
  }

  /**
   * Restores the notebook from a spec file's text and re-runs it on the loaded
   * data. An invalid spec changes nothing and says why.
   */
  async importSpec(text: string, fileName: string): Promise<void> {
    this.specError = null;
    this.specNote = null;
    let spec: Spec;
    try {
      spec = parseSpec(JSON.parse(text));
    } catch (e) {
      this.specError = `${fileName}: ${e instanceof SyntaxError ? `not valid JSON (${e.message})` : (e as Error).message}`;
      return;
    }
    const detector = spec.detectors.find((d) => d.id === (spec.threshold?.run ?? spec.detectors[0].id)) ?? spec.detectors[0];
    if (detector.type !== 'isolation-forest') {
      this.specError = `${fileName}: detector "${detector.type}" is valid but the page runs isolation-forest only for now`;
      return;
    }
    const base = defaultSettings();
    this.settings = {
      name: spec.name ?? base.name,
      format: spec.source?.format ?? 'auto',
      labels: labelChoice(spec.labels),
      features: { unit: spec.features.unit, columns: spec.features.columns ?? null, scaling: spec.features.scaling ?? 'none' },
      detector: { ...base.detector, ...(detector.params as Partial<Settings['detector']>) },
      threshold: spec.threshold ? { method: spec.threshold.method, value: spec.threshold.value } : base.threshold,
    };
    const source = spec.source?.path?.split(/[\\/]/).pop();
    const loaded = this.files.map((f) => f.name).join(',');
    this.specNote = `Imported ${fileName}` + (source && loaded && source !== loaded ? ` (made on ${source}; running on the loaded ${loaded})` : '');
    this.save();
    if (this.files.length) await this.loadFiles(this.files, { restoring: true });
  }

  /** Plain copies: settings are reactive proxies, which cannot be posted to a worker. */
  private specParts(): Pick<Spec, 'labels' | 'features'> {
    const f = $state.snapshot(this.settings.features);
    return {
      labels: labelRule($state.snapshot(this.settings.labels)),
      features: { unit: f.unit, columns: f.columns ?? undefined, scaling: f.scaling },
    };
  }

  /** New data from the user: drop settings that cannot apply to it, pick the unit that fits. */
  private fitSettingsTo(data: LogData): void {
    const s = this.settings;
    const delimited = data.files.every((f) => f.format === 'csv' || f.format === 'tsv');
    const numeric = Object.values(data.fields).some(isNumericColumn);
    s.features = { ...s.features, unit: delimited && numeric ? 'row' : 'line', columns: null };
    if (s.labels.kind === 'column' && !(s.labels.column in data.fields)) s.labels = { kind: 'none' };
    if (s.labels.kind === 'firstToken' && !data.files.every((f) => f.format === 'text')) s.labels = { kind: 'none' };
    // A column that is plainly a label is taken as one (and so kept out of the
    // features); the values box shows what counts as anomalous, to be edited.
    const labelColumn = Object.keys(data.fields).find((f) => LABEL_COLUMN.test(f));
    if (s.labels.kind === 'none' && labelColumn) {
      s.labels = { kind: 'column', column: labelColumn, values: '1, true, Anomaly, anomalous, abnormal', mean: 'anomalous' };
    }
    const base = data.files.length === 1 ? data.files[0].name.replace(/\.[^.]+$/, '') : 'experiment';
    s.name = `${base}-isolation-forest`;
  }

  private save(): void {
    saveSettings($state.snapshot(this.settings));
  }
}

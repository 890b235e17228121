import { declarationOf, detectorDefaults, DETECTORS } from '../core/detect/registry.ts';
import type { DetectorRun } from '../core/experiment/run-experiment.ts';
import { judgedLabels, judgedScores, judgedTimes } from '../core/experiment/run-experiment.ts';
import { judgeRun, rankJudged, type JudgedRun } from '../core/experiment/judge-run.ts';
import type { PreparedView } from '../core/experiment/prepared-view.ts';
import { specThreshold } from './threshold-choice.ts';
import { ENSEMBLE_TYPE, runEnsemble } from '../core/experiment/run-ensemble.ts';
import { sourceReaderOptions, type DetectorSpec, type Spec } from '../core/experiment/spec.ts';
import { rocCurveFromRanking, sortScores, type Metrics, type Ranking } from '../core/evaluate/index.ts';
import type { PageData } from '../workers/page-data.ts';
import { DataSource } from './data-source.ts';
import type { DataRows } from './data-rows.svelte.ts';
import type { Format } from '../core/ingest/sniff-format.ts';
import type { EpochLoss } from '../workers/detect.worker.ts';
import { startRankedRun } from './split-run.ts';
import { rankingOf, rememberOrders, sortedOf } from './run-orders.ts';
import { JobPool } from './job-pool.ts';
import { loadFiles, loadLabelFile, loadSettings, saveFiles, saveLabelFile, saveSettings } from './persist.ts';
import { defaultSettings, featureSpec, labelRule, upgradeSettings, type DetectorSetting, type FeatureSettings, type Settings } from './settings.ts';
import { parseLabelFile } from '../core/ingest/label-file.ts';
import { Stage } from './stage.svelte.ts';
import { namedTooLarge } from './named-too-large.ts';
import { workScale } from './parts/own-task.svelte.ts';
import { marksAsLabels } from '../core/evaluate/review-marks.ts';
import { Review, reviewKey } from './review.svelte.ts';
import { Triage } from './triage.svelte.ts';
import { detectorSpec, fitSettingsTo } from './spec-settings.ts';
import { Screen } from './screen.svelte.ts';
import { screenInput } from './notebook-screen.ts';

export { Stage } from './stage.svelte.ts';
export type { PreparedView } from '../core/experiment/prepared-view.ts';


/** The bundled sample's file name, as a user would see it after downloading it. */
export const SAMPLE_NAME = 'webapp-10k.log';

function mapRuns<T>(runs: Record<string, DetectorRun>, f: (r: DetectorRun) => T): Record<string, T> {
  return Object.fromEntries(Object.values(runs).map((r) => [r.id, f(r)]));
}

/** One row of the runs table: a run and its metrics at its threshold. */
export interface RunSummary {
  id: string;
  detector: string;
  metrics: Metrics;
  timing: DetectorRun['timing'];
}

/**
 * The notebook: settings of every cell, the data and results they produce,
 * and the re-running of what depends on a changed cell
 * (data → labels & features → detectors → threshold & metrics).
 */
export class Notebook {
  settings = $state<Settings>(defaultSettings());
  files = $state.raw<File[]>([]);
  /** The loaded rows' numbers and field names; their text stays in the data worker (`rows`). */
  data = $state.raw<PageData | null>(null);
  /** The text of the rows shown, asked of the data worker as they are read. */
  rows = $state.raw<DataRows | null>(null);
  /** The worker that holds the loaded logs and builds their features. */
  readonly source = new DataSource();
  prepared = $state.raw<PreparedView | null>(null);
  /** Scored runs by detector id. */
  runs = $state.raw<Record<string, DetectorRun>>({});
  /** Autoencoder loss per epoch, by detector id, as it trains. */
  losses = $state.raw<Record<string, EpochLoss[]>>({});
  /** The rows of a label file the user picked (labels of kind `file`). */
  labelFile = $state.raw<{ name: string; rows: Record<string, string>[] } | null>(null);
  /** A progress bar and Cancel per detector cell. */
  stages = $state.raw<Record<string, Stage>>({});
  /** A spec-level message (import problems). */
  specError = $state<string | null>(null);
  specNote = $state<string | null>(null);
  /** The unit the explanation panel shows (a click in the top rows), or null. */
  explained = $state<number | null>(null);
  /** Review marks, kept per data and unit and used as labels (see core/evaluate/review-marks.ts). */
  readonly review = new Review(() => reviewKey(this.files.map((f) => f.name), this.settings.features));
  /** Optional LLM triage of explained units: its endpoint and answers. */
  readonly triage = new Triage();

  readonly load = new Stage();
  readonly prepare = new Stage();
  /** Workers for detector runs, shared with sweeps so that together they use as many cores as there are. */
  readonly pool = new JobPool();
  /** The Screen cell: candidate feature sets × detectors, in the same pool. */
  readonly screen = new Screen(this.pool);

  /** The data's labels with the review marks over them, and what the metrics judge. */
  marked = $derived(this.prepared ? marksAsLabels(this.prepared.matrix.rows, this.prepared.split, this.prepared.labels, this.review.marksWithin(this.prepared.matrix.rows)) : null);
  labels = $derived(this.marked?.labels ?? null);
  /** Every judged unit with labels; without labels, only the reviewed ones (null: nothing to judge). */
  judging = $derived(this.marked?.judging ?? null);
  /** Labels of the judged rows (all rows without a split). */
  judgedLabels = $derived(this.prepared && this.labels ? judgedLabels({ split: this.prepared.split, labels: this.labels }) : null);
  /** Per run, its scores on the judged rows: what metrics, thresholds and charts are about. */
  judged: Record<string, Float64Array> = $derived(this.prepared ? mapRuns(this.runs, (r) => judgedScores(this.prepared!, r.scores)) : {});
  /** The run the threshold and results cells show. */
  run: DetectorRun | null = $derived(this.runs[this.settings.threshold.run] ?? null);
  /** Per run, sorted once: a threshold slider then costs a lookup, not a sort. */
  sorted: Record<string, Float64Array> = $derived(mapRuns(this.runs, (r) => sortedOf(r, () => sortScores(this.judged[r.id] ?? r.scores))));
  /** Per run, ranked against the labels once: the slider only recounts. */
  rankings: Record<string, Ranking> = $derived(this.judging ? mapRuns(this.runs, (r) => rankingOf(r, this.judging!, () => rankJudged(this.judged[r.id], this.judging)!)) : {});
  /** Per judged unit, its time (ms since the epoch): what an alert budget spreads over. */
  judgedTimes: Float64Array | null = $derived(this.prepared && this.data ? judgedTimes(this.prepared.units, this.data.timestamp, this.prepared.split) : null);
  /**
   * Per run, judged as `law run` judges it (`judgeRun`): its threshold, notes
   * and metrics, with the orders above as the cache, so a slider move only
   * recounts. When the data cannot serve the method, the top 5 % and why.
   */
  judgedRuns: Record<string, JudgedRun> = $derived.by(() => {
    const prepared = this.prepared;
    if (!prepared) return {};
    const spec = specThreshold($state.snapshot(this.settings.threshold));
    const basis = { split: prepared.split, judging: this.judging, times: () => this.judgedTimes };
    return mapRuns(this.runs, (r) => judgeRun(r.scores, r.id, spec, basis, { judged: this.judged[r.id], sorted: this.sorted[r.id], ranking: this.rankings[r.id] }, { fallBack: true }));
  });
  /** Per run, its threshold score; `error` when the data cannot serve the method. */
  thresholdPick = $derived({
    values: mapRuns(this.runs, (r) => this.judgedRuns[r.id]?.threshold ?? NaN),
    error: Object.values(this.judgedRuns).find((j) => j.error)?.error ?? null,
  });
  thresholds: Record<string, number> = $derived(this.thresholdPick.values);
  ranking = $derived(this.run ? (this.rankings[this.run.id] ?? null) : null);
  roc = $derived(this.ranking ? rocCurveFromRanking(this.ranking) : null);
  threshold = $derived(this.run ? (this.thresholds[this.run.id] ?? null) : null);
  /** Every run with its metrics, as `law run` reports them. */
  summaries: RunSummary[] = $derived(
    this.settings.detectors
      .map((d) => this.runs[d.id])
      .filter((r): r is DetectorRun => !!r && !!this.judgedRuns[r.id])
      .map((r) => ({ id: r.id, detector: r.detector, timing: r.timing, metrics: this.judgedRuns[r.id].metrics })),
  );
  metrics: Metrics | null = $derived(this.summaries.find((r) => r.id === this.run?.id)?.metrics ?? null);

  /** Restores the last notebook, or opens the bundled sample on a first visit. */
  async start(sampleUrl: string): Promise<void> {
    const saved = loadSettings<Settings>();
    const files = saved ? await loadFiles() : null;
    if (saved && files?.length) {
      this.settings = upgradeSettings(saved);
      const labels = await loadLabelFile();
      if (labels) this.setLabelFile(labels.name, labels.text, { rerun: false });
      this.syncStages();
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
    this.syncStages();
    await this.loadFiles([new File([blob], name)], { restoring: true });
  }

  /**
   * Reads files in a worker. On failure or cancel the data loaded before stays.
   * @param restoring keep the cells' settings (reload, import) instead of
   *   fitting them to the new data
   */
  async loadFiles(files: File[], { restoring = false } = {}): Promise<void> {
    if (files.length === 0) return;
    // A format override belongs to the files it was chosen for: new files are sniffed.
    const format = restoring ? this.settings.format : 'auto';
    const opening = { files, format, readerOptions: this.readerOptions(), limits: $state.snapshot(this.settings.readLimits) ?? {} };
    const job = this.source.open(opening, (read, total) => (this.load.progress = total ? read / total : 0));
    const ok = await this.load.run(namedTooLarge(job, files), ({ data, use }) => {
      // A build of the data before stops with the worker that held it.
      this.prepare.cancel(true);
      this.files = files;
      this.data = data;
      this.rows = use();
      // Results of the data before must not be shown against the new rows.
      this.cancelDetectors();
      this.prepared = null;
      this.runs = {};
      this.settings.format = format;
      if (!restoring) fitSettingsTo(this.settings, data);
    });
    if (!ok) return;
    void saveFiles(files);
    this.save();
    await this.prepareAndRun();
  }

  /** Raises or lowers the limits of a file read here; they apply from the next file loaded. */
  setReadLimits(limits: { maxBytes: number; maxRows: number }): void {
    this.settings.readLimits = limits;
    this.save();
  }

  /** The year given to syslog-style times without one; the files are read again with it. Unset (null): 1970. */
  setSyslogYear(year: number | null): void {
    if (year === null) delete this.settings.syslogYear;
    else this.settings.syslogYear = year;
    this.save();
    if (this.files.length) void this.loadFiles(this.files, { restoring: true });
  }

  readerOptions(): Record<string, unknown> {
    return sourceReaderOptions({ syslogYear: this.settings.syslogYear });
  }

  setFormat(format: Format | 'auto'): void {
    this.settings.format = format;
    this.save();
    if (this.files.length) void this.loadFiles(this.files, { restoring: true });
  }

  /** A label file picked in the labels cell: parsed here, kept across reloads, joined when features are built. */
  setLabelFile(name: string, text: string, { rerun = true } = {}): void {
    try {
      this.labelFile = { name, rows: parseLabelFile(text, name) };
    } catch (e) {
      this.prepare.fail((e as Error).message);
      return;
    }
    if (this.settings.labels.kind === 'file') this.settings.labels.fileName = name;
    void saveLabelFile({ name, text });
    if (rerun) this.changedFeatures();
  }

  /** Labels or features changed: rebuild the matrix, then re-run every detector. */
  changedFeatures(): void {
    this.save();
    void this.prepareAndRun();
  }

  /** A detector's parameters changed: re-run it (and ensembles over it). */
  changedDetector(id: string): void {
    this.save();
    void this.runDetector(id);
  }

  changedThreshold(): void {
    this.save();
  }

  /** Shows a run in the threshold and results cells. */
  selectRun(id: string): void {
    this.settings.threshold.run = id;
    this.save();
  }

  /** Adds a detector cell with the detector's defaults, and runs it. */
  addDetector(type: string, params?: Record<string, unknown>): string {
    const id = this.freshId(declarationOf(type)?.idPrefix ?? type);
    const defaults = detectorDefaults(type);
    this.settings.detectors.push({ id, type, params: { ...defaults, ...params } });
    this.syncStages();
    this.save();
    void this.runDetector(id);
    return id;
  }

  /** Starts a screen of the loaded files. */
  runScreen(): void {
    const s = screenInput(this);
    if (s) void this.screen.run(s.input, s.key);
  }

  /** The multi-host syslog flow's LOF + autoencoder ensemble, in one click. */
  addLofAutoencoderEnsemble(): void {
    const lof = this.addDetector('lof');
    const ae = this.addDetector('autoencoder');
    const ens = this.addDetector(ENSEMBLE_TYPE, { runs: [lof, ae] });
    this.selectRun(ens);
  }

  /** The detector cells the last Remove took away, with their runs and places, until Undo or another change. */
  removed = $state.raw<{ cells: { index: number; setting: DetectorSetting; run?: DetectorRun }[]; thresholdRun: string; prepared: PreparedView | null } | null>(null);

  async prepareAndRun(): Promise<void> {
    if (!this.data) return;
    let spec: Pick<Spec, 'labels' | 'features' | 'split'>;
    try {
      spec = this.specParts();
    } catch (e) {
      this.prepare.fail((e as Error).message);
      return;
    }
    // Built where the rows are: posting a million strings would block this thread for seconds.
    const job = this.source.prepare(spec, (f) => (this.prepare.progress = f));
    // Runs on the matrix being replaced would land on the wrong rows.
    this.cancelDetectors();
    this.runs = {};
    const ok = await this.prepare.run(job, (prepared) => {
      workScale.units = prepared.matrix.rows;
      this.prepared = prepared;
      // Units may now be other lines, sessions or windows.
      this.explained = null;
      this.triage.reset();
    });
    // The new matrix is shown first; copying it to the detector workers is a task of its own.
    if (ok) await new Promise((resolve) => setTimeout(resolve, 0));
    if (ok && this.prepared) await Promise.all(this.settings.detectors.filter((d) => d.type !== ENSEMBLE_TYPE).map((d) => this.runDetector(d.id)));
  }

  /** Runs one detector in the worker pool; an ensemble is combined on the spot. */
  async runDetector(id: string): Promise<void> {
    const prepared = this.prepared;
    const setting = this.settings.detectors.find((d) => d.id === id);
    const stage = this.stages[id];
    if (!prepared || !setting || !stage) return;
    if (setting.type === ENSEMBLE_TYPE) return this.combine(setting);
    const spec = this.detectorSpecOf(setting);
    let groups: string[] | undefined;
    try {
      groups = spec.groupBy ? await this.source.groupValues(spec.groupBy, prepared.units) : undefined;
    } catch (e) {
      stage.fail((e as Error).message);
      return;
    }
    if (this.prepared !== prepared) return;
    const losses: EpochLoss[] = [];
    // The worker also sorts and ranks the scores, against the labels judged by now.
    const judging = this.judging;
    const job = startRankedRun(this.pool, {
      x: prepared.matrix,
      spec,
      groups,
      trainRows: this.review.trainUnits(prepared.split, id),
      judge: { split: prepared.split, judging },
      onProgress: (f) => (stage.progress = f),
      onEpoch: (e) => (this.losses = { ...this.losses, [id]: (losses.push(e), [...losses]) }),
    });
    const ok = await stage.run(job, ({ run, sorted, ranking }) => {
      rememberOrders(run, sorted, ranking, judging);
      if (this.prepared === prepared) this.runs = { ...this.runs, [id]: run };
    });
    if (ok) for (const d of this.settings.detectors) if (d.type === ENSEMBLE_TYPE && (d.params.runs as string[]).includes(id)) this.combine(d);
  }

  /** The detector types a cell can be added for (registered ones). */
  get detectorTypes(): string[] {
    return Object.keys(DETECTORS);
  }

  cancelDetectors(): void {
    for (const stage of Object.values(this.stages)) stage.cancel(true);
  }

  private combine(setting: DetectorSetting): void {
    const stage = this.stages[setting.id];
    const inputs = (setting.params.runs as string[]) ?? [];
    if (!inputs.every((r) => this.runs[r])) return; // combined when its last input finishes
    try {
      // The ensemble's scale is learned on the training units, as law fit learns it.
      const train = this.prepared ? this.review.trainUnits(this.prepared.split, setting.id) : undefined;
      const run = runEnsemble(this.detectorSpecOf(setting), this.runs, train);
      this.runs = { ...this.runs, [setting.id]: run };
      if (stage) stage.error = null;
    } catch (e) {
      stage?.fail((e as Error).message);
    }
  }

  /** A cell's setting as the spec's detector (a plain copy). */
  detectorSpecOf(d: DetectorSetting): DetectorSpec {
    return detectorSpec($state.snapshot(d) as DetectorSetting);
  }

  /** One Stage per detector cell, kept across edits so a running job stays visible. */
  syncStages(): void {
    const next: Record<string, Stage> = {};
    for (const d of this.settings.detectors) next[d.id] = this.stages[d.id] ?? new Stage();
    this.stages = next;
  }

  freshId(prefix: string): string {
    const taken = new Set(this.settings.detectors.map((d) => d.id));
    if (!taken.has(prefix)) return prefix;
    for (let i = 2; ; i++) if (!taken.has(`${prefix}${i}`)) return `${prefix}${i}`;
  }

  /** Plain copies: settings are reactive proxies, which cannot be posted to a worker. */
  specParts(): Pick<Spec, 'labels' | 'features' | 'split'> {
    return {
      split: $state.snapshot(this.settings.split),
      labels: labelRule($state.snapshot(this.settings.labels), this.labelFile?.rows),
      features: featureSpec($state.snapshot(this.settings.features) as FeatureSettings),
    };
  }

  save(): void {
    saveSettings($state.snapshot(this.settings));
  }
}

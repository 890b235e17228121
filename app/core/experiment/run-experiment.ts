import type { RunOptions } from '../progress.ts';
import { getDetector } from '../detect/registry.ts';
import type { Metrics } from '../evaluate/index.ts';
import { buildFeatures, type Features } from '../features/build-features.ts';
import { applyLabels, countAnomalies } from '../ingest/apply-labels.ts';
import type { LogData } from '../ingest/log-data.ts';
import { assertFinite, type Matrix } from '../matrix.ts';
import { DEFAULT_MIN_GROUP_ROWS, type DetectorSpec, type Spec, type ThresholdSpec } from './spec.ts';
import { judgedTimes } from './threshold-for.ts';
import { judgeRun, labelJudging } from './judge-run.ts';

export { judgedLabels, judgedScores } from './judge-run.ts';
import type { ThresholdNote } from '../evaluate/threshold-methods.ts';

export { judgedTimes, thresholdAppliesTo, thresholdFor, thresholdWithNotes } from './threshold-for.ts';
import { fitPerGroup, scorePerGroup, selectRows, type PerGroupModel, type SmallGroup } from '../detect/per-group.ts';
import { isWholeSplit, splitUnits, type Split } from '../features/split.ts';
import { groupValues, unitGroupValues } from '../features/group-values.ts';
import { featureUnits } from '../features/feature-units.ts';
import { unitLabels } from '../features/unit-labels.ts';
import { ENSEMBLE_TYPE, runEnsemble } from './run-ensemble.ts';
import type { StreamedLines } from './streamed-lines.ts';

/** Data after labels were read and cut, the units split, and features built. */
export interface Prepared {
  /** The data as parsing saw it (no label column or token). */
  data: LogData;
  /** Per unit (row, session or window): 1 anomalous, 0 normal; null without labels. */
  labels: Int8Array | null;
  features: Features;
  /** Which units detectors learn from, and which are judged. */
  split: Split;
}

/**
 * Labels, units, split, then features: the part of a spec that turns logs
 * into a matrix. Sessions and windows are cut before the split, since the
 * split is over units, and a unit is anomalous when any of its rows is.
 */
export function prepareExperiment(
  data: LogData,
  spec: Pick<Spec, 'labels' | 'features' | 'parse' | 'split'>,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
  streamed?: Pick<StreamedLines, 'labels' | 'parsed'>,
): Prepared {
  const rule = spec.labels;
  if (rule && 'file' in rule) {
    throw new Error(`labels.file "${rule.file}": the label file has to be read and joined before running (law run does this)`);
  }
  // Rows labelled and parsed as they were read (`streamLines`): their text is gone.
  const labelled = streamed ? { data, labels: streamed.labels } : applyLabels(data, rule);
  const units = featureUnits(labelled.data, spec.features, spec.features.state);
  // Line and row units are the data rows, so their times are the rows' times.
  const split = units ? splitUnits(units.names.length, spec.split, units.time) : splitUnits(data.line.length, spec.split, data.timestamp);
  const trainUnits = isWholeSplit(split) ? undefined : split.train;
  const features = buildFeatures(labelled.data, spec.features, {
    fitted: spec.features.state,
    onProgress,
    signal,
    minerOptions: spec.parse?.templates,
    trainUnits,
    units,
    parsed: streamed?.parsed,
  });
  const labels = units && labelled.labels ? unitLabels(labelled.labels, units) : labelled.labels;
  return { data: labelled.data, labels, features, split };
}

/** One detector fitted and scored. */
export interface DetectorRun {
  /** With `groupBy`: groups too small for a model of their own (scored by the all-rows model). */
  smallGroups?: SmallGroup[];
  id: string;
  detector: string;
  /** The parameters used, defaults filled in. */
  params: Record<string, unknown>;
  /** One per unit; higher = more anomalous. */
  scores: Float64Array;
  model: unknown;
  /** Wall-clock milliseconds. */
  timing: { fitMs: number; scoreMs: number };
}

/**
 * Fits a detector on `x` (or uses the spec's fitted model) and scores `x`.
 * Both the page's detector worker and the CLI call this.
 * @param groupOf with `spec.groupBy`: the group of each row of `x`
 */
export function runDetector(
  x: Matrix,
  spec: DetectorSpec,
  options: RunOptions = {},
  groupOf?: ArrayLike<string>,
  trainRows?: Int32Array,
): DetectorRun {
  if (spec.type === ENSEMBLE_TYPE) throw new Error(`${spec.id}: an ensemble fits nothing; combine runs with runEnsemble`);
  const detector = getDetector(spec.type);
  const params = detector.normalize((spec.params ?? {}) as object);
  if (x.rows === 0) throw new Error(`${spec.id}: there are no rows to score`);
  if (x.cols === 0) throw new Error(`${spec.id}: the feature matrix has no columns; pick at least one feature`);
  assertFinite(x);
  const progress = options.onProgress;
  const fitOptions = { ...options, onProgress: progress && ((f: number) => progress(f * 0.5)) };
  const scoreOptions = { ...options, onProgress: progress && ((f: number) => progress(0.5 + f * 0.5)) };
  const base = { id: spec.id, detector: spec.type, params: params as Record<string, unknown> };
  if (spec.groupBy) {
    if (!groupOf) throw new Error(`${spec.id}: groupBy "${spec.groupBy}" needs the group of every row`);
    const t0 = performance.now();
    let model = spec.model as PerGroupModel | undefined;
    let smallGroups: SmallGroup[] | undefined;
    if (!model) {
      const train = trainRows ? selectRows(x, Array.from(trainRows)) : x;
      const trainGroups = trainRows ? Array.from(trainRows, (r) => groupOf[r]) : groupOf;
      ({ model, small: smallGroups } = fitPerGroup(detector, params, train, trainGroups, spec.minGroupRows ?? DEFAULT_MIN_GROUP_ROWS, fitOptions));
    }
    const t1 = performance.now();
    const scores = scorePerGroup(detector, model, x, groupOf, scoreOptions);
    return { ...base, scores, model, smallGroups, timing: { fitMs: t1 - t0, scoreMs: performance.now() - t1 } };
  }
  const t0 = performance.now();
  const model = spec.model ?? detector.fit(trainRows ? selectRows(x, Array.from(trainRows)) : x, params, fitOptions);
  const t1 = performance.now();
  const scores = detector.score(model, x, scoreOptions);
  return { ...base, scores, model, timing: { fitMs: t1 - t0, scoreMs: performance.now() - t1 } };
}

/**
 * The group of every unit for a detector with `groupBy` (undefined without);
 * see `unitGroupValues`.
 */
export function groupsFor(prepared: Prepared, spec: DetectorSpec): string[] | undefined {
  if (!spec.groupBy) return undefined;
  return unitGroupValues(spec.groupBy, groupValues(prepared.data, spec.groupBy), prepared.features.units);
}

/** The `law run --format json` output. */
export interface RunReport {
  dataset: { rows: number; labelled: boolean; anomalies: number | null };
  runs: {
    id: string;
    detector: string;
    params: Record<string, unknown>;
    metrics: Metrics;
    timing: { fitMs: number; scoreMs: number };
    /** Per-group runs: the groups too small for a model of their own. */
    groups?: { smallGroups: SmallGroup[] };
    /** What the threshold did that the user should know (ties left out, nothing or everything flagged); absent when nothing. */
    notes?: ThresholdNote[];
  }[];
}

export interface ExperimentResult {
  prepared: Prepared;
  runs: DetectorRun[];
  report: RunReport;
}

/** Runs a whole spec on loaded data: labels, features, every detector, metrics. */
export function runExperiment(data: LogData, spec: Spec, options: RunOptions & { streamed?: Pick<StreamedLines, 'labels' | 'parsed'> } = {}): ExperimentResult {
  const prepared = prepareExperiment(data, spec, undefined, undefined, options.streamed);
  const byId = new Map<string, DetectorRun>();
  spec.detectors.forEach((d, i) => {
    if (d.type === ENSEMBLE_TYPE) return;
    const onProgress = options.onProgress && ((f: number) => options.onProgress!((i + f) / spec.detectors.length));
    byId.set(d.id, runDetector(prepared.features.matrix, d, { signal: options.signal, onProgress }, groupsFor(prepared, d), trainingRows(prepared)));
  });
  // Ensembles last: they combine the scores of the runs above.
  for (const d of spec.detectors) if (d.type === ENSEMBLE_TYPE) byId.set(d.id, runEnsemble(d, byId, trainingRows(prepared)));
  const runs = spec.detectors.map((d) => byId.get(d.id)!);
  return { prepared, runs, report: reportRuns(prepared, runs, spec.threshold) };
}

/** Metrics for each run, in the CLI's report shape (see `judgeRun`). */
export function reportRuns(prepared: Prepared, runs: DetectorRun[], threshold: ThresholdSpec | undefined): RunReport {
  const judging = labelJudging(prepared);
  const labels = judging?.labels ?? null;
  // Only an alert budget needs the units' times.
  const basis = { split: prepared.split, judging, times: () => judgedTimes(prepared.features.units, prepared.data.timestamp, prepared.split) };
  const judge = (r: DetectorRun) => judgeRun(r.scores, r.id, threshold, basis);
  return {
    // Rows counts the judged units: every unit with `all`, the part after the baseline otherwise.
    dataset: { rows: prepared.split.test.length, labelled: labels !== null, anomalies: countAnomalies(labels) },
    runs: runs.map((r) => {
      const { metrics, notes } = judge(r);
      return {
        id: r.id,
        detector: r.detector,
        params: r.params,
        metrics,
        timing: r.timing,
        ...(r.smallGroups ? { groups: { smallGroups: r.smallGroups } } : {}),
        ...(notes.length ? { notes } : {}),
      };
    }),
  };
}

/** The training rows of a split, or undefined when detectors learn from everything. */
export function trainingRows(prepared: Prepared): Int32Array | undefined {
  return isWholeSplit(prepared.split) ? undefined : prepared.split.train;
}

import type { RunOptions } from '../detect/detector.ts';
import { getDetector } from '../detect/registry.ts';
import { summarizeMetrics, thresholdForContamination, type Metrics } from '../evaluate/index.ts';
import { buildFeatures, type Features } from '../features/build-features.ts';
import { applyLabels, countAnomalies } from '../ingest/apply-labels.ts';
import type { LogData } from '../ingest/log-data.ts';
import { assertFinite, type Matrix } from '../matrix.ts';
import { DEFAULT_CONTAMINATION, type DetectorSpec, type Spec, type ThresholdSpec } from './spec.ts';

/** Data after labels were read and cut, and features built. */
export interface Prepared {
  /** The data as parsing saw it (no label column or token). */
  data: LogData;
  labels: Int8Array | null;
  features: Features;
}

/** Labels, then features: the part of a spec that turns logs into a matrix. */
export function prepareExperiment(data: LogData, spec: Pick<Spec, 'labels' | 'features'>): Prepared {
  const labelled = applyLabels(data, spec.labels);
  const features = buildFeatures(labelled.data, spec.features, spec.features.state);
  return { data: labelled.data, labels: labelled.labels, features };
}

/** One detector fitted and scored. */
export interface DetectorRun {
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
 * Fits a detector on `train` (or uses the spec's fitted model) and scores
 * `x`. Both the page's detector worker and the CLI call this.
 */
export function runDetector(x: Matrix, spec: DetectorSpec, options: RunOptions = {}, train: Matrix = x): DetectorRun {
  const detector = getDetector(spec.type);
  const params = detector.normalize((spec.params ?? {}) as object);
  if (x.rows === 0) throw new Error(`${spec.id}: there are no rows to score`);
  if (x.cols === 0) throw new Error(`${spec.id}: the feature matrix has no columns; pick at least one feature`);
  assertFinite(x);
  const progress = options.onProgress;
  const t0 = performance.now();
  const model = spec.model ?? detector.fit(train, params, { ...options, onProgress: progress && ((f) => progress(f * 0.5)) });
  const t1 = performance.now();
  const scores = detector.score(model, x, { ...options, onProgress: progress && ((f) => progress(0.5 + f * 0.5)) });
  const t2 = performance.now();
  return { id: spec.id, detector: spec.type, params: params as Record<string, unknown>, scores, model, timing: { fitMs: t1 - t0, scoreMs: t2 - t1 } };
}

/**
 * The score threshold of a run. The spec's threshold applies to its run; a
 * contamination threshold also applies to every other run (a share means the
 * same for any detector), while other runs fall back to flagging the top 5 %.
 */
export function thresholdFor(scores: ArrayLike<number>, runId: string, threshold: ThresholdSpec | undefined): number {
  if (threshold && (threshold.run === runId || threshold.method === 'contamination')) {
    return threshold.method === 'score' ? threshold.value : thresholdForContamination(scores, threshold.value);
  }
  return thresholdForContamination(scores, DEFAULT_CONTAMINATION);
}

/** The `law run --format json` output. */
export interface RunReport {
  dataset: { rows: number; labelled: boolean; anomalies: number | null };
  runs: { id: string; detector: string; params: Record<string, unknown>; metrics: Metrics; timing: { fitMs: number; scoreMs: number } }[];
}

export interface ExperimentResult {
  prepared: Prepared;
  runs: DetectorRun[];
  report: RunReport;
}

/** Runs a whole spec on loaded data: labels, features, every detector, metrics. */
export function runExperiment(data: LogData, spec: Spec, options: RunOptions = {}): ExperimentResult {
  const prepared = prepareExperiment(data, spec);
  const runs = spec.detectors.map((d, i) =>
    runDetector(prepared.features.matrix, d, {
      signal: options.signal,
      onProgress: options.onProgress && ((f) => options.onProgress!((i + f) / spec.detectors.length)),
    }),
  );
  return { prepared, runs, report: reportRuns(prepared, runs, spec.threshold) };
}

/** Metrics for each run, in the CLI's report shape. */
export function reportRuns(prepared: Prepared, runs: DetectorRun[], threshold: ThresholdSpec | undefined): RunReport {
  const { labels } = prepared;
  return {
    dataset: { rows: prepared.features.matrix.rows, labelled: labels !== null, anomalies: countAnomalies(labels) },
    runs: runs.map((r) => ({
      id: r.id,
      detector: r.detector,
      params: r.params,
      metrics: summarizeMetrics(r.scores, labels, thresholdFor(r.scores, r.id, threshold)),
      timing: r.timing,
    })),
  };
}

import type { RunOptions } from '../progress.ts';
import type { LofModel } from '../detect/lof.ts';
import type { PerGroupModel } from '../detect/per-group.ts';
import type { FeatureState } from '../features/build-features.ts';
import { ownValue } from '../ingest/own-record.ts';
import type { LogData } from '../ingest/log-data.ts';
import { isWholeSplit, type Split } from '../features/split.ts';
import { ENSEMBLE_TYPE } from '../experiment/run-ensemble.ts';
import { runExperiment, type ExperimentResult } from '../experiment/run-experiment.ts';
import { DEFAULT_CONTAMINATION, type Spec, type ThresholdSpec, type TrainingFile } from '../experiment/spec.ts';

/** What fitting records besides the models: the caller knows the files (core reads none). */
export interface FitProvenance {
  /** The files trained on (name, bytes, lines, sha256, format). */
  data: TrainingFile[];
  /** The workbench version (package.json). */
  version: string;
  /** When; default now. */
  at?: Date;
}

export interface FitOptions extends RunOptions {
  /**
   * The labels to train with, when the spec's are a label file the caller
   * has read and joined (`{ join }`): the fitted spec keeps `labels` as written.
   */
  labels?: Spec['labels'];
}

/** A fitted spec and what was learned on the way. */
export interface FitResult {
  spec: Spec;
  experiment: ExperimentResult;
  /** Things a user should know about the artifact (LOF keeps its training rows). */
  notes: string[];
}

/**
 * Trains every detector of a spec on loaded data and returns the fitted spec:
 * the spec as written plus `features.state`, every `detectors[].model`
 * (ensembles: their reference scores), `threshold.scores` (the threshold of
 * each run resolved on the judged training units, as `law run` reports it)
 * and `fitted` (provenance). Scoring with it needs no training data, and
 * gives what scoring right after this training gives.
 *
 * A spec that is already fitted is fitted again from scratch.
 */
export function fitSpec(data: LogData, spec: Spec, provenance: FitProvenance, options: FitOptions = {}): FitResult {
  const base = unfittedSpec(spec);
  const experiment = runExperiment(data, options.labels !== undefined ? { ...base, labels: options.labels } : base, options);
  const { prepared, runs, report } = experiment;
  const fitted = fittedSpec(base, {
    state: prepared.features.state,
    models: Object.fromEntries(runs.map((r) => [r.id, r.model])),
    thresholds: Object.fromEntries(report.runs.map((r) => [r.id, r.metrics.threshold])),
    units: unitCounts(prepared.split),
    provenance,
  });
  return { spec: fitted, experiment, notes: fittedNotes(fitted) };
}

/** Units in all, learned from, and judged, for `fitted.units`. */
export function unitCounts(split: Split): { total: number; train: number; judged: number } {
  const { train, test } = split;
  // Without a split both parts are every unit; a split cuts the units in two.
  return { total: isWholeSplit(split) ? train.length : train.length + test.length, train: train.length, judged: test.length };
}

/** The parts of a fitted spec, however they were trained (`fitSpec`, the page's workers). */
export interface FittedParts {
  state: FeatureState;
  /** Per detector id, its model (an ensemble's: its references). */
  models: Record<string, unknown>;
  /** Per detector id, its threshold in score units (+Infinity: flags nothing). */
  thresholds: Record<string, number>;
  units: { total: number; train: number; judged: number };
  provenance: FitProvenance;
}

/** Assembles a fitted spec from a spec and what training learned. */
export function fittedSpec(spec: Spec, parts: FittedParts): Spec {
  const base = unfittedSpec(spec);
  const threshold: ThresholdSpec = base.threshold ?? { run: base.detectors[0].id, method: 'contamination', value: DEFAULT_CONTAMINATION };
  const scores: Record<string, number | null> = {};
  for (const d of base.detectors) {
    const t = ownValue(parts.thresholds, d.id);
    if (t === undefined) throw new Error(`${d.id}: no threshold was resolved for this run`);
    // JSON has no Infinity: null stands for "flags nothing".
    scores[d.id] = Number.isFinite(t) ? t : null;
  }
  return {
    ...base,
    features: { ...base.features, state: parts.state },
    detectors: base.detectors.map((d) => {
      if (!Object.hasOwn(parts.models, d.id)) throw new Error(`${d.id}: no model was trained for this detector`);
      return { ...d, model: parts.models[d.id] };
    }),
    threshold: { ...threshold, scores },
    fitted: {
      at: (parts.provenance.at ?? new Date()).toISOString(),
      version: parts.provenance.version,
      data: parts.provenance.data,
      units: parts.units,
    },
  };
}

/** The spec without what fitting adds: what a retrain starts from. */
export function unfittedSpec(spec: Spec): Spec {
  const { fitted: _fitted, ...rest } = spec;
  const { state: _state, ...features } = spec.features;
  const threshold = spec.threshold ? (({ scores: _scores, ...t }) => t)(spec.threshold) : undefined;
  return {
    ...rest,
    features,
    detectors: spec.detectors.map(({ model: _model, ...d }) => d),
    ...(threshold ? { threshold } : {}),
  };
}

/** The threshold a fitted spec flags a run's scores at (score units; +Infinity flags nothing). */
export function fittedThreshold(spec: Spec, runId: string): number {
  const v = ownValue(spec.threshold?.scores, runId);
  if (v === undefined) throw new Error(`threshold.scores.${runId}: the fitted spec has no threshold for run "${runId}"`);
  return v === null ? Infinity : v;
}

/**
 * Notes about what a fitted spec holds that a user may not expect: LOF
 * models keep their training rows (LOF compares new rows with them).
 */
export function fittedNotes(spec: Spec): string[] {
  const notes: string[] = [];
  for (const d of spec.detectors) {
    if (d.type !== 'lof' || !d.model) continue;
    const models = d.groupBy ? [...Object.values((d.model as PerGroupModel).groups), (d.model as PerGroupModel).fallback] : [d.model];
    const rows = models.reduce((s: number, m) => s + (m as LofModel).rows, 0);
    const cols = (models[0] as LofModel).cols;
    notes.push(`${d.id}: the LOF model${d.groupBy ? 's keep' : ' keeps'} ${rows.toLocaleString('en-US')} training rows × ${cols} columns (LOF compares every new unit with them)`);
  }
  return notes;
}

/** Above this size (bytes of JSON) `law fit` and the page warn: the README says what makes a spec big. */
export const LARGE_FITTED_SPEC = 50 * 1024 * 1024;

/** Whether a detector spec is an ensemble (its model is references, not a fitted detector). */
export function isEnsemble(d: { type: string }): boolean {
  return d.type === ENSEMBLE_TYPE;
}

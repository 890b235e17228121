import { applyLabels, type LabelRule } from '../ingest/apply-labels.ts';
import { fieldColumn, hasField, type LogData } from '../ingest/log-data.ts';
import { buildFeatures } from '../features/build-features.ts';
import { featureUnits, type FeatureUnits } from '../features/feature-units.ts';
import { groupValues, unitGroupValues } from '../features/group-values.ts';
import { unitFirstRow } from '../features/session-units.ts';
import { runDetector } from '../experiment/run-experiment.ts';
import { ENSEMBLE_TYPE, normalizeEnsembleParams, scoreEnsemble, type EnsembleModel } from '../experiment/run-ensemble.ts';
import type { DetectorSpec, Spec } from '../experiment/spec.ts';
import { fittedThreshold } from './fit-spec.ts';
import { GROUP_WILDCARD, maskMessage } from '../evaluate/anomaly-groups.ts';

/** New data scored by a fitted spec: the rows, their units, a score per unit and the threshold. */
export interface ScoredBatch {
  /** The rows as features saw them (label token or column cut). */
  data: LogData;
  /** Sessions or windows; null when units are the rows. */
  units: FeatureUnits | null;
  /** One per unit; higher = more anomalous. */
  scores: Float64Array;
  /** `score >= threshold` is an anomaly (score units). */
  threshold: number;
  /** What cutting units left out ("12 rows have no session id"). */
  notes: string[];
  /** Per row, its template text when lines were parsed (`<*>` for variables; null where none matched). */
  templates: (string | null)[] | null;
  /** The field naming each unit's host, if the data has one. */
  hostField: string | null;
}

/** One scored unit, as `law score` prints it and `law watch` sends it on. */
export interface ScoredUnit {
  /** The unit's first line, 1-based, in its file. */
  line: number;
  /** The file (or stream) it came from. */
  file: string;
  /** ms since the epoch (a session's first line, a window's start); null when unknown. */
  time: number | null;
  score: number;
  anomaly: boolean;
  /** The line as written; a session's id or a window's span. */
  text: string;
  /**
   * What alerts group by: a line's template with `***` for its variable parts
   * (an unseen line's message, masked), a row's masked message; a session's
   * id or a window's span.
   */
  pattern: string;
  /** The unit's host (a `host`/`hostname` field, or the run's `groupBy`), null when none. */
  host: string | null;
}

/**
 * A fitted spec ready to score new data with one of its runs: the features
 * built from the spec's fitted state, the run's model (an ensemble: its
 * runs' models and reference scores), and the threshold resolved when it was
 * fitted. Nothing is learned from the data it scores, so a unit scores the
 * same alone, in a batch or in the whole file. The one scorer of `law score`,
 * `law watch` and the page's export check.
 */
export class Scorer {
  readonly runId: string;
  /** `score >= threshold` is an anomaly; +Infinity flags nothing. */
  readonly threshold: number;
  private readonly run: DetectorSpec;
  /** The detectors whose models score (the run, or an ensemble's runs). */
  private readonly members: DetectorSpec[];

  /**
   * @param spec a fitted spec (parsed: `parseSpec` checked its fitted parts)
   * @param runId the run to score with; default the threshold's run
   * @throws naming a run the spec does not have, or a spec that is not fitted
   */
  constructor(readonly spec: Spec, runId?: string) {
    if (!spec.fitted || !spec.features.state) throw new Error('the spec is not fitted: fit it first (law fit), or give the training data');
    const id = runId ?? spec.threshold?.run ?? spec.detectors[0].id;
    const run = spec.detectors.find((d) => d.id === id);
    if (!run) throw new Error(`--run: no detector "${id}" (ids: ${spec.detectors.map((d) => d.id).join(', ')})`);
    this.runId = id;
    this.run = run;
    this.threshold = fittedThreshold(spec, id);
    this.members = run.type === ENSEMBLE_TYPE
      ? normalizeEnsembleParams(run.params).runs.map((r) => spec.detectors.find((d) => d.id === r)!)
      : [run];
  }

  /** The unit kind scored: `line`, `row`, `session` or `window`. */
  get unit(): Spec['features']['unit'] {
    return this.spec.features.unit;
  }

  /**
   * Scores every unit of `data`.
   * @param units sessions or windows already cut from `data` (live scoring
   *   cuts them as they close); cut here when omitted
   */
  score(data: LogData, units?: FeatureUnits | null): ScoredBatch {
    const { spec } = this;
    const state = spec.features.state!;
    const labelled = applyLabels(data, scoringLabels(spec.labels, data)).data;
    const cut = units !== undefined ? units : featureUnits(labelled, spec.features, state);
    const count = cut ? cut.rowStart.length - 1 : labelled.line.length;
    const hostField = [this.run.groupBy, ...this.members.map((d) => d.groupBy), 'host', 'hostname'].find((f) => f !== undefined && hasField(labelled, f)) ?? null;
    if (count === 0) return { data: labelled, units: cut, scores: new Float64Array(0), threshold: this.threshold, notes: cut?.notes ?? [], templates: null, hostField };
    const features = buildFeatures(labelled, spec.features, { fitted: state, minerOptions: spec.parse?.templates, units: cut });
    const scoresOf = new Map<string, Float64Array>();
    for (const d of this.members) {
      const groups = d.groupBy ? unitGroupValues(d.groupBy, groupValues(labelled, d.groupBy, { absentIsMissing: true }), cut) : undefined;
      scoresOf.set(d.id, runDetector(features.matrix, d, {}, groups).scores);
    }
    const scores = this.run.type === ENSEMBLE_TYPE
      ? scoreEnsemble(normalizeEnsembleParams(this.run.params), this.run.model as EnsembleModel, (id) => scoresOf.get(id)!)
      : scoresOf.get(this.run.id)!;
    const parsed = features.parsed;
    const templates = parsed ? Array.from(parsed.templateId, (id) => (id >= 0 ? parsed.templates[id] : null)) : null;
    return { data: labelled, units: cut, scores, threshold: this.threshold, notes: cut?.notes ?? [], templates, hostField };
  }
}

/**
 * The label rule to apply to new data before features: only what removes a
 * label from what features see (the first token of a BGL-style line, a label
 * column where the data still has it), as in training. Labels themselves are
 * not needed to score, so a label file is never read.
 */
function scoringLabels(rule: Spec['labels'], data: LogData): LabelRule | null {
  if (!rule) return null;
  if ('firstToken' in rule) return rule;
  if ('column' in rule && !('file' in rule) && hasField(data, rule.column)) return rule as LabelRule;
  return null;
}

function hostOf(col: ArrayLike<string | number | null> | null, row: number): string | null {
  const v = col?.[row];
  return v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v)) ? null : String(v);
}

/** A scored batch as one record per unit, in unit order (units `from` to `to`, by default all). */
export function scoredUnits(batch: ScoredBatch, from = 0, to = batch.scores.length): ScoredUnit[] {
  const { data, units, scores, threshold, templates, hostField } = batch;
  const hosts = hostField ? (fieldColumn(data, hostField) ?? null) : null;
  const out: ScoredUnit[] = new Array(Math.max(0, to - from));
  for (let u = from; u < to; u++) {
    // A session or window is named by its id or span, and placed at its first line.
    const first = unitFirstRow(units, u);
    const time = units ? units.time[u] : data.timestamp[u];
    out[u - from] = {
      line: data.line[first],
      file: data.files[data.file[first]]?.name ?? '',
      time: Number.isFinite(time) ? time : null,
      score: scores[u],
      anomaly: scores[u] >= threshold,
      text: units ? units.names[u] : data.raw[u],
      pattern: units ? units.names[u] : templates?.[u] ? templates[u]!.replaceAll('<*>', GROUP_WILDCARD) : maskMessage(data.message[u]),
      host: hostOf(hosts, first),
    };
  }
  return out;
}

import type { LabelFileRule, LabelRule } from '../ingest/apply-labels.ts';
import type { Format } from '../ingest/sniff-format.ts';
import type { FeatureState } from '../features/build-features.ts';
import type { FeatureSpec } from '../features/feature-spec.ts';
import type { SplitSpec } from '../features/split.ts';
import type { TemplateMinerOptions } from '../parse/template-miner.ts';
import type { ReviewMark } from '../evaluate/review-marks.ts';
import type { AlertPeriod, ThresholdMethodName } from '../evaluate/threshold-methods.ts';
import type { DeploySpec } from './deploy-spec.ts';

export type { FeatureSpec } from '../features/feature-spec.ts';

/** The spec versions this code reads. */
export const SPEC_VERSION = 1;

export interface DetectorSpec {
  /** Unique within the spec; names the run in results and thresholds. */
  id: string;
  /** A registered detector, e.g. `isolation-forest`. */
  type: string;
  params?: Record<string, unknown>;
  /** A fitted model, present in specs exported after training. */
  model?: unknown;
  /** Fit one model per value of this field (per host); each row is scored by its group's model. */
  groupBy?: string;
  /** With `groupBy`: groups with fewer rows get no model of their own (default 20). */
  minGroupRows?: number;
}

/** Default of `minGroupRows`. */
export const DEFAULT_MIN_GROUP_ROWS = 20;

/** `contamination`, `score`, `percentile`, `best-f1`, `alert-budget` or `fpr` (see {@link ThresholdSpec}). */
export type ThresholdMethod = ThresholdMethodName;

/**
 * How the operating threshold is chosen; a unit is flagged when its score is
 * at or above it. Which runs it applies to: see `thresholdFor`.
 */
export interface ThresholdSpec {
  /** The run whose scores the threshold applies to (`law score` uses it). */
  run: string;
  method: ThresholdMethod;
  /**
   * `contamination`: share of units flagged (0–1); `score`: a score value;
   * `percentile`: p (0–100), the threshold is the p-th percentile of the
   * scores; `alert-budget`: alerts (count) allowed per `per`; `fpr`: the
   * highest acceptable false-positive rate (0–1). `best-f1` has none.
   */
  value?: number;
  /** `alert-budget` only: the period of the budget. */
  per?: AlertPeriod;
  /**
   * Fitted specs: per run, the score this threshold came to on the training
   * data's judged units (what `law run` reports as its threshold), which
   * `law score` and `law watch` flag at. `null` means +Infinity: the method
   * allowed no unit on the training data (an alert budget of 0, say). Kept
   * beside `method` and `value`, which a retrain derives it from again.
   */
  scores?: Record<string, number | null>;
}

/** One file a spec was fitted on, for the record (`fitted.data`). */
export interface TrainingFile {
  name: string;
  /** Size in bytes as given (compressed for a .gz). */
  bytes: number;
  /** Lines in it: newline characters, plus one for a last line without one. */
  lines: number;
  /** SHA-256 of its bytes as given, hex. */
  sha256: string;
  /** The reader that read it (sniffed or chosen): what scoring reads new data with. */
  format: Format;
}

/** What training a fitted spec was: when, by which workbench, on what. */
export interface FittedInfo {
  /** ISO 8601, UTC. */
  at: string;
  /** The workbench version (package.json) that fitted it. */
  version: string;
  data: TrainingFile[];
  /** Units of the training data: all of them, those the models learned from, and those judged for the threshold. */
  units: { total: number; train: number; judged: number };
}

/** The experiment spec, version 1 (docs/interfaces.md; JSON Schema in spec.schema.json). */
export interface Spec {
  version: 1;
  name?: string;
  source?: {
    path?: string;
    format?: Format | 'auto';
    /** The year of syslog-style times that carry none (`Oct 11 22:14:15`); default 1970, so replays are deterministic. */
    syslogYear?: number;
  };
  /** A label file (`file`) is read by the caller (CLI, page) and turned into a `join` before running. */
  labels?: LabelRule | LabelFileRule | null;
  /** Template mining: `templates` holds the miner's options (similarity, depth, maxChildren, masks, customMasks). */
  parse?: { templates?: Partial<TemplateMinerOptions> };
  features: FeatureSpec & { state?: FeatureState };
  /** Which units detectors learn from and which are judged (default `all`). */
  split?: SplitSpec;
  detectors: DetectorSpec[];
  threshold?: ThresholdSpec;
  /**
   * Review marks made in the page (unit indices of the data and unit the spec
   * was made on); the page takes them as labels. `law run` ignores them.
   */
  review?: ReviewSpec;
  /** What the page showed when it exported the spec, for the record. */
  results?: unknown;
  /**
   * Present in a fitted spec (`law fit`, the page's export), whose
   * `features.state`, every `detectors[].model` and `threshold.scores` are
   * then required: scoring needs no training data.
   */
  fitted?: FittedInfo;
  /** What `law watch` runs: source, sinks, state, retraining, alerts, watchdog, metrics (see `deploy-spec.ts`). */
  deploy?: DeploySpec;
}

/** A person's review of units, without labels or over them (see `evaluate/review-marks.ts`). */
export interface ReviewSpec {
  marks: ReviewMark[];
  /** Units marked normal join the training part of a time or ratio split (default false). */
  addNormalToBaseline?: boolean;
  /**
   * Patterns (`***` for variable parts) of flagged units marked normal: what
   * `law watch` does not alert on (counted as silenced instead).
   */
  silence?: string[];
}

/** Used where a spec gives no threshold for a run: flag the top 5 %. */
export const DEFAULT_CONTAMINATION = 0.05;

/** The reader options a spec's source sets (`syslogYear`), as `readLogs` and `StreamIngest` take them. */
export function sourceReaderOptions(source: Spec['source']): Record<string, unknown> {
  return source?.syslogYear === undefined ? {} : { syslogYear: source.syslogYear };
}

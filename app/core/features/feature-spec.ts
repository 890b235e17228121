import type { CategoricalMode } from './categorical-indicators.ts';
import { SCALING_KINDS, type ScalingKind } from './scale-columns.ts';
import type { WordVectorOptions } from './word-vectors.ts';

/** Rescaling or weighting applied to every column, fitted on the training units. */
export const SCALINGS = SCALING_KINDS;
export type Scaling = ScalingKind;

/** The units features can be built for. */
export const UNITS = ['line', 'row', 'session', 'window'] as const;
export type Unit = (typeof UNITS)[number];

/** Units made of several rows (the others are one row each). */
export const GROUPED_UNITS: readonly Unit[] = ['session', 'window'];

/** Spec `features.categorical[]`: indicator columns for a string field. */
export interface CategoricalSpec {
  field: string;
  /** `known` (default): one `<field>:unknown` column; `onehot`: a column per known value plus `<other>`. */
  mode?: CategoricalMode;
  /** The known values; omitted = learned from the training units. */
  known?: string[];
  /** When learning: seen at least this often in training to be known (default 1). */
  minCount?: number;
  /** A `<field>:missing` column for rows without the field. */
  missing?: boolean;
}

/** Spec `features.text`: vector columns from each message. */
export type TextSpec =
  | { kind: 'hashed-tfidf'; width?: number; alternateSign?: boolean }
  | ({ kind: 'word-vectors' } & Partial<WordVectorOptions>);

export const TEXT_KINDS = ['hashed-tfidf', 'word-vectors'] as const;

/** Spec `features`. */
export interface FeatureSpec {
  /**
   * `line`: parsed line features; `row`: numeric columns of a table as they
   * are; `session`: rows grouped by `key` (event counts, like loglizer);
   * `window`: rows grouped into time windows of `size` every `step`.
   */
  unit: Unit;
  /**
   * Column names; omitted = the defaults for the unit and data.
   * line: `level`, `status`, … `field:NAME`; row: field names; session and
   * window: aggregates (`templates`, `count`, `errors`, `distinct:F`,
   * `sum:F`, `mean:F`, `max:F`, and for sessions also `length`, `duration`).
   */
  columns?: string[];
  scaling?: Scaling;
  /** Session unit: a field name of the data, or else a regular expression searched in each message (e.g. `blk_-?\\d+`). */
  key?: string;
  /** Window unit: window length, e.g. `"5m"`. */
  size?: string;
  /** Window unit: distance between window starts (default `size`: fixed windows); shorter = sliding. */
  step?: string;
  /** Window unit: windows per value of this field (host, dst_ip); omitted = one timeline. */
  groupBy?: string;
  /**
   * Window unit, live scoring: how far behind the newest line's time a line
   * may arrive and still count in its window (default {@link DEFAULT_LATENESS}).
   * A window is scored once a line at or after its end + lateness arrives, or
   * at the end of input.
   */
  lateness?: string;
  /**
   * Session unit, live scoring: a session ends when the newest line's time is
   * this far past its last line (default {@link DEFAULT_IDLE}), or at the end
   * of input.
   */
  idle?: string;
  /** Session and window units: count templates the training units never had in an `unseen` column. */
  unseen?: boolean;
  /** Line and row units: known/unknown or one-hot columns for string fields. */
  categorical?: CategoricalSpec[];
  /** Line and row units: text vectors of each message. */
  text?: TextSpec;
}

const DAY_MS = 86_400_000;

/**
 * Bounds of the feature options, refused when a spec is validated (and the
 * window counts when windows are cut, as they depend on the data). Chosen
 * generous for real use and safe on a 24 GiB machine: the feature matrix is
 * dense, units × columns × 8 bytes.
 */
export const FEATURE_LIMITS = Object.freeze({
  /** Window unit: `size` in ms, 1 ms to 366 days. */
  size: Object.freeze({ min: 1, max: 366 * DAY_MS }),
  /** Window unit: `lateness` in ms, 0 to 7 days (live scoring holds the rows of open windows). */
  lateness: Object.freeze({ min: 0, max: 7 * DAY_MS }),
  /** Session unit: `idle` in ms, above 0 to 30 days. */
  idle: Object.freeze({ min: 0, max: 30 * DAY_MS, exclusiveMin: true }),
  /** Window unit: windows a row may be in at once, size / step (5m every 1ms would be 300,000). */
  windowsPerRow: 10_000,
  /** Window unit: windows cut from one data set, all groups together (checked on the data). */
  windows: 1_000_000,
  /** `categorical[].known`: values (one-hot: a column each), and `minCount`. */
  categorical: Object.freeze({
    known: 10_000,
    minCount: Object.freeze({ min: 1, max: 1_000_000_000, integer: true }),
  }),
  /** `text` of kind `hashed-tfidf`: columns. */
  hashedTfidf: Object.freeze({
    width: Object.freeze({ min: 1, max: 4_096, integer: true }),
  }),
  /** `text` of kind `word-vectors` (`size: 1e7` once took 6.6 GB). */
  wordVectors: Object.freeze({
    size: Object.freeze({ min: 1, max: 512, integer: true }),
    window: Object.freeze({ min: 1, max: 100, integer: true }),
    minCount: Object.freeze({ min: 1, max: 1_000_000_000, integer: true }),
    epochs: Object.freeze({ min: 1, max: 100, integer: true }),
    negative: Object.freeze({ min: 0, max: 100, integer: true }),
    learningRate: Object.freeze({ min: 0, max: 1, exclusiveMin: true }),
    sample: Object.freeze({ min: 0, max: 1 }),
  }),
});

/** Default `features.lateness`: lines may come a minute late. */
export const DEFAULT_LATENESS = '1m';
/** Default `features.idle`: a session is over after 30 quiet minutes of log time. */
export const DEFAULT_IDLE = '30m';

/** The line feature columns parsing provides; `field:NAME` adds a numeric field or key=value number. */
export const LINE_COLUMNS = ['level', 'status', 'latency', 'length', 'tokens', 'template'] as const;

/**
 * Line columns judged against the training lines' baseline: offered, never
 * a default (they mean something only against a baseline the user chose).
 * `variable-range`: see `template-variables.ts`.
 */
export const BASELINE_LINE_COLUMNS = ['variable-range'] as const;

/** Human descriptions of the line columns, shown in the page and the README. */
export const LINE_COLUMN_HELP: Record<(typeof LINE_COLUMNS)[number] | (typeof BASELINE_LINE_COLUMNS)[number], string> = {
  level: 'severity 0–5 (TRACE…FATAL); INFO (2) where the line has none',
  status: 'HTTP status code; 0 where the line has none',
  latency: 'latency in ms; 0 where the line has none',
  length: 'message length in characters',
  tokens: 'whitespace-separated tokens in the message',
  template: "share of rows with the line's template (rare templates are small)",
  'variable-range': "how far the line's numbers sit from its own template's training median, in robust standard deviations (0 for templates without numbers)",
};

/** Default columns of the grouped units: loglizer's event-count matrix for sessions; volume, errors and templates for windows. */
export const DEFAULT_UNIT_COLUMNS: Record<'session' | 'window', string[]> = {
  session: ['templates'],
  window: ['count', 'errors', 'templates'],
};

/** Rescaling applied to every column, fitted on the training rows. */
export const SCALINGS = ['none', 'standard', 'minmax'] as const;
export type Scaling = (typeof SCALINGS)[number];

/** The units features can be built for. */
export const UNITS = ['line', 'row'] as const;
export type Unit = (typeof UNITS)[number];

/** Spec `features`. */
export interface FeatureSpec {
  /** `line`: parsed line features; `row`: numeric columns of a table as they are. */
  unit: Unit;
  /** Column names; omitted = the defaults for the unit and data. */
  columns?: string[];
  scaling?: Scaling;
}

/** The line feature columns parsing provides; `field:NAME` adds a numeric field or key=value number. */
export const LINE_COLUMNS = ['level', 'status', 'latency', 'length', 'tokens', 'template'] as const;

/** Human descriptions of the line columns, shown in the page and the README. */
export const LINE_COLUMN_HELP: Record<(typeof LINE_COLUMNS)[number], string> = {
  level: 'severity 0–5 (TRACE…FATAL); INFO (2) where the line has none',
  status: 'HTTP status code; 0 where the line has none',
  latency: 'latency in ms; 0 where the line has none',
  length: 'message length in characters',
  tokens: 'whitespace-separated tokens in the message',
  template: "share of rows with the line's template (rare templates are small)",
};

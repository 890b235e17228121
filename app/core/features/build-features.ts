import type { LogData } from '../ingest/log-data.ts';
import type { Matrix } from '../matrix.ts';
import { parseLines, type ParsedLines } from '../parse/line-fields.ts';
import type { MinerState, TemplateMinerOptions } from '../parse/template-miner.ts';
import type { CategoricalState } from './categorical-indicators.ts';
import { categoricalFeatures } from './categorical-features.ts';
import { constantColumns, selectColumns, summarizeColumns, type ColumnSummary } from './column-summary.ts';
import { UNSEEN_COLUMN, type EventColumns } from './event-count-matrix.ts';
import { DEFAULT_UNIT_COLUMNS, GROUPED_UNITS, UNITS, type FeatureSpec } from './feature-spec.ts';
import { featureUnits, rowsOfUnits, type FeatureUnits } from './feature-units.ts';
import type { SessionKey } from './session-units.ts';
import type { LeftOutColumn } from './identifier-columns.ts';
import { lineDefaults, lineFeatures, lineMissing } from './line-features.ts';
import { rowDefaults, rowFeatures } from './row-features.ts';
import { applyScaling, fitScaling, type ScalingState } from './scale-columns.ts';
import { textFeatures, type TextState } from './text-features.ts';
import { joinColumns, SESSION_EVENTS_FIELD, unitColumns } from './unit-columns.ts';
import { fitVariableRanges, VARIABLE_RANGE_COLUMN, variableRangeColumn, type VariableRanges } from './template-variables.ts';

/**
 * What features learned from the training units, so new data is turned into
 * the same columns the same way (`law score`, exported specs). Plain JSON.
 */
export interface FeatureState {
  unit: FeatureSpec['unit'];
  /** The matrix's columns, in order, after constant ones were dropped. */
  columns: string[];
  /** The unit's own columns asked for (line, row or unit aggregates), before categorical and text ones; absent in older states (= `columns`). */
  base?: string[];
  scaler: ScalingState;
  /** Line unit: share of training rows per template id. */
  templateShare?: Record<string, number>;
  /** The templates mined on the training rows; new rows are matched against them. */
  templates?: MinerState;
  /** Session and window units: the template columns. */
  vocabulary?: EventColumns;
  categorical?: CategoricalState[];
  text?: TextState;
  /** Session unit: whether `features.key` named a field or a pattern on the training data. */
  sessionKey?: SessionKey;
  /** Line unit with the `variable-range` column: each template's numeric variables on the training lines (median, scale). */
  variableRanges?: VariableRanges;
}

export interface Features {
  /** The matrix detectors see (scaled), one row per unit. */
  matrix: Matrix;
  /** Its column names. */
  columns: string[];
  scaler: ScalingState;
  /** Everything needed to build the same features for new data. */
  state: FeatureState;
  /** Per-row parse results, when parsing ran (line, session and window units), for showing templates. */
  parsed: ParsedLines | null;
  /** Sessions or windows; null when units are rows. */
  units: FeatureUnits | null;
  /** The preview: per column kind, missing values and range before scaling. */
  summary: ColumnSummary[];
  /** Columns left out because every training unit had the same value. */
  dropped: string[];
  /**
   * Numbers the defaults leave out as identifiers, counters or times (line
   * and row units), with the reason in words; those the user asked for
   * anyway are not listed. Empty with a fitted state.
   */
  leftOut: LeftOutColumn[];
  /** Warnings for the user: dropped columns, rows in no unit. */
  notes: string[];
}

export interface BuildOptions {
  /** An exported spec's state: nothing is learned, everything is applied. */
  fitted?: FeatureState;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  minerOptions?: Partial<TemplateMinerOptions>;
  /** Units the features learn from (rows for line and row units); all when omitted. */
  trainUnits?: Int32Array;
  /** Sessions or windows already cut (`prepareExperiment` cuts them before splitting); cut here when omitted. */
  units?: FeatureUnits | null;
  /** The rows already parsed as they were read (`streamLines`), whose text is gone. */
  parsed?: ParsedLines;
}

/**
 * Builds the feature matrix a spec asks for from labelled-and-stripped data:
 * one row per line or table row, or per session or time window of rows.
 *
 * Everything learned — templates, template shares and vocabularies, the
 * ranges of templates' numeric variables, known categorical values, text
 * weights and vectors, scaling — is learned from the training units only (`trainUnits`), or
 * taken from `fitted`, and then applied to every unit: the part being judged
 * never leaks into what the features learned.
 */
export function buildFeatures(data: LogData, spec: FeatureSpec, options: BuildOptions = {}): Features {
  const { fitted, trainUnits } = options;
  const report = options.onProgress ?? (() => {});
  if (!(UNITS as readonly string[]).includes(spec.unit)) {
    throw new Error(`features.unit: unknown unit "${(spec as { unit: string }).unit}" (known: ${UNITS.join(', ')})`);
  }
  if (fitted && fitted.unit !== spec.unit) throw new Error(`fitted features are for unit "${fitted.unit}", the spec asks for "${spec.unit}"`);
  const grouped = GROUPED_UNITS.includes(spec.unit);
  if (grouped && (spec.categorical?.length || spec.text)) {
    throw new Error(`features: categorical and text columns are per row; unit "${spec.unit}" takes aggregates (columns such as distinct:FIELD)`);
  }
  const units = options.units !== undefined ? options.units : featureUnits(data, spec, fitted);
  const rowCount = data.line.length;
  // Rows that may teach templates: those of the training units.
  const trainRows = trainUnits && (units ? rowsOfUnits(units, trainUnits, rowCount) : trainUnits);
  const textShare = spec.text ? 0.4 : 0;
  let parsed: ParsedLines | null = options.parsed ?? null;
  const parse = (): ParsedLines => {
    if (fitted && !fitted.templates && !parsed) {
      // Fitted without mining (a session CSV's event lists): new templates would not be the columns the model knows.
      throw new Error(
        `features.state.templates: the spec was fitted without mining templates (on a session CSV's event lists), and ${data.files.map((f) => f.name).join(', ')} has no "${SESSION_EVENTS_FIELD}" lists to count; score a session CSV like the training data, or fit on raw lines`,
      );
    }
    return (parsed ??= parseLines(data, (f) => report(f * (1 - textShare)), { options: options.minerOptions, learned: fitted?.templates, trainRows }));
  };

  const parts: Matrix[] = [];
  const missing: number[] = [];
  const state: Partial<FeatureState> = {};
  let base: string[];
  // An empty list means "none of the unit's own columns" when categorical or
  // text columns are asked for (text-only features); alone it means the defaults.
  const asked = spec.columns && (spec.columns.length > 0 || spec.categorical?.length || spec.text) ? spec.columns : undefined;
  let leftOut: LeftOutColumn[] = [];
  if (spec.unit === 'line') {
    const p = parse();
    const defaults = fitted ? null : lineDefaults(p, trainRows);
    base = fitted?.base ?? fitted?.columns ?? asked ?? defaults!.columns;
    leftOut = defaults?.leftOut ?? [];
    state.templateShare = fitted?.templateShare ?? templateShares(p, trainRows);
    const computed: Record<string, Float64Array> = {};
    const computedMissing: Record<string, number> = {};
    if (base.includes(VARIABLE_RANGE_COLUMN)) {
      if (fitted && !fitted.variableRanges) {
        throw new Error(`features.state.variableRanges: the spec was fitted without the ${VARIABLE_RANGE_COLUMN} column's baseline; fit it again (law fit)`);
      }
      state.variableRanges = fitted?.variableRanges ?? fitVariableRanges(data.message, p, trainRows);
      const column = variableRangeColumn(data.message, p, state.variableRanges);
      computed[VARIABLE_RANGE_COLUMN] = column.values;
      computedMissing[VARIABLE_RANGE_COLUMN] = column.missing;
    }
    parts.push(lineFeatures(p, base, state.templateShare, computed));
    missing.push(...lineMissing(p, base, computedMissing));
  } else if (spec.unit === 'row') {
    const defaults = fitted ? null : rowDefaults(data, trainRows);
    base = fitted?.base ?? fitted?.columns ?? asked ?? defaults!.columns;
    leftOut = defaults?.leftOut ?? [];
    if (base.length === 0 && !spec.categorical?.length && !spec.text) {
      throw new Error(`features.unit "row" needs numeric columns, and ${data.files.map((f) => f.name).join(', ')} has none (try unit "line")`);
    }
    parts.push(rowFeatures(data, base));
    missing.push(...base.map(() => 0));
  } else {
    base = fitted?.base ?? (spec.columns?.length ? spec.columns : DEFAULT_UNIT_COLUMNS[spec.unit as 'session' | 'window']);
    const built = unitColumns(data, parse, units!, base, { vocabulary: fitted?.vocabulary, trainUnits, unseen: spec.unseen });
    state.vocabulary = built.vocabulary;
    parts.push(built.matrix);
    missing.push(...built.matrix.names.map(() => 0));
  }
  if (spec.categorical?.length) {
    const built = categoricalFeatures(data, spec.categorical, fitted?.categorical, trainRows);
    state.categorical = built.states;
    parts.push(built.matrix);
    missing.push(...built.matrix.names.map(() => 0));
  }
  if (spec.text) {
    const built = textFeatures(data.message, spec.text, fitted?.text, trainRows, {
      signal: options.signal,
      onProgress: (f) => report(1 - textShare + f * textShare),
    });
    state.text = built.state;
    parts.push(built.matrix);
    missing.push(...built.matrix.names.map(() => 0));
  }
  const unitCount = units ? units.rowStart.length - 1 : rowCount;
  const all = joinColumns(unitCount, parts);
  const templateColumns = new Set([...(state.vocabulary?.templates ?? []), UNSEEN_COLUMN]);
  const summaryAll = summarizeColumns(all, missing, templateColumns);

  let raw: Matrix;
  let dropped: string[] = [];
  if (fitted) raw = selectColumns(all, fitted.columns);
  else {
    dropped = constantBaseColumns(all, parts[0].cols, templateColumns);
    const gone = new Set(dropped);
    raw = dropped.length ? selectColumns(all, all.names.filter((n) => !gone.has(n))) : all;
  }
  const scaler = fitted?.scaler ?? fitScaling(raw, spec.scaling ?? 'none', trainUnits);
  const notes = [...(units?.notes ?? [])];
  if (dropped.length) notes.push(`dropped ${dropped.length} column${dropped.length > 1 ? 's' : ''} with the same value in every unit: ${dropped.join(', ')}`);
  report(1);
  return {
    matrix: applyScaling(raw, scaler),
    columns: raw.names,
    scaler,
    state: {
      unit: spec.unit,
      columns: raw.names,
      base,
      scaler,
      ...state,
      ...(parsed ? { templates: fitted?.templates ?? (parsed as ParsedLines).miner } : {}),
      ...(spec.unit === 'session' && (fitted?.sessionKey ?? units?.key) ? { sessionKey: fitted?.sessionKey ?? units!.key } : {}),
    },
    parsed,
    units,
    summary: raw.names.map((name) => summaryAll.find((c) => c.name === name)!),
    dropped,
    leftOut: leftOut.filter((c) => !base.includes(c.column)),
    notes,
  };
}

/**
 * The unit's own columns that hold one value on every loaded unit (training
 * and judged alike): they cannot move any score on this data, so they are
 * dropped with a note. Two kinds of column are kept although constant:
 * - one constant on the training part only: a judged unit that differs
 *   there (a first HTTP 500 after a baseline of 200s) is exactly what a
 *   distance-based detector should see;
 * - indicator, `unseen` and text columns, which are 0 on training data by
 *   construction and exist for what production brings;
 * - template columns of sessions and windows: the event-count matrix stays
 *   loglizer's, whole (HDFS's `allocateBlock` occurs once in every block),
 *   so its shape and results compare with the published ones.
 * All constant (a single unit, say): all are kept, rather than none.
 * @param baseCols the unit's own columns come first, this many of them
 * @param kept names never dropped
 */
function constantBaseColumns(all: Matrix, baseCols: number, kept: ReadonlySet<string>): string[] {
  const constant = constantColumns(all).filter((j) => j < baseCols && !kept.has(all.names[j]));
  if (constant.length === 0 || constant.length === all.cols) return [];
  return constant.map((j) => all.names[j]);
}

/** Share of the training rows (all rows when `trainRows` is omitted) per template id. */
function templateShares(parsed: ParsedLines, trainRows?: Int32Array): Record<string, number> {
  const counts = new Map<number, number>();
  const n = trainRows ? trainRows.length : parsed.templateId.length;
  for (let k = 0; k < n; k++) {
    const id = parsed.templateId[trainRows ? trainRows[k] : k];
    if (id >= 0) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const out: Record<string, number> = {};
  for (const [id, c] of [...counts].sort((a, b) => a[0] - b[0])) out[id] = c / n;
  return out;
}

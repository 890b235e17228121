/**
 * Prepared data as the page holds it: everything `prepareExperiment` gives
 * except the rows' text and the per-row parse (they stay in the data worker),
 * flattened for posting. Core's `Prepared` and this view are the one shape of
 * prepared data in two sizes: `preparedView` is the only way from one to the
 * other, and what judges runs (`judgeRun`) takes the part both have.
 */
import type { FeatureState } from '../features/build-features.ts';
import type { ColumnSummary } from '../features/column-summary.ts';
import type { FeatureUnits } from '../features/feature-units.ts';
import type { LeftOutColumn } from '../features/identifier-columns.ts';
import type { Split } from '../features/split.ts';
import type { Matrix } from '../matrix.ts';
import type { Prepared } from './run-experiment.ts';

export interface PreparedView {
  labels: Int8Array | null;
  matrix: Matrix;
  columns: string[];
  state: FeatureState;
  /** Every column the user could pick for this unit and data. */
  available: string[];
  templateId: Int32Array | null;
  templates: string[] | null;
  /** Which units detectors learn from and which are judged. */
  split: Split;
  /** Sessions or windows (null when units are rows): which rows each holds, its name and time. */
  units: FeatureUnits | null;
  /** The preview: per column kind, missing values and range before scaling. */
  summary: ColumnSummary[];
  dropped: string[];
  /** Numbers the default columns left out as identifiers, counters or times, each with its reason (the user may tick them). */
  leftOut: LeftOutColumn[];
  /** Warnings: dropped columns, rows in no unit. */
  notes: string[];
}

/** The view of `prepared`, and the buffers to transfer when it is posted (nothing is copied). */
export function preparedView(prepared: Prepared, available: string[]): { view: PreparedView; buffers: ArrayBuffer[] } {
  const { labels, features, split } = prepared;
  const { parsed, units } = features;
  const view: PreparedView = {
    labels,
    matrix: features.matrix,
    columns: features.columns,
    state: features.state,
    available,
    templateId: parsed?.templateId ?? null,
    templates: parsed?.templates ?? null,
    split,
    units: units && { kind: units.kind, names: units.names, time: units.time, group: units.group, groupField: units.groupField, rowStart: units.rowStart, rows: units.rows, notes: units.notes },
    summary: features.summary,
    dropped: features.dropped,
    leftOut: features.leftOut,
    notes: features.notes,
  };
  const buffers = [features.matrix.data.buffer, ...(units ? [units.time.buffer, units.rowStart.buffer, units.rows.buffer] : [])];
  if (view.templateId) buffers.push(view.templateId.buffer);
  return { view, buffers: buffers as ArrayBuffer[] };
}

// The rows of the runs table: live runs and pinned copies, their columns and
// their sorting. Plain data, no Svelte, so it can be tested in Node.
import type { Metrics, Ranking } from '../../core/evaluate/index.ts';
import { precisionAtK } from '../../core/evaluate/precision-at-k.ts';
import type { FeatureState } from '../../core/features/build-features.ts';
import type { Matrix } from '../../core/matrix.ts';

/** What a run's matrix was built from: enough to tell two feature sets apart. */
export interface FeatureSet {
  unit: string;
  /** Columns of the matrix (after constant ones were dropped). */
  cols: number;
  scaling: string;
  columns: string[];
}

/** One row of the runs table. A pinned row is a frozen copy; its run may be gone. */
export interface RunRow {
  /** Unique in the table: the run id, or the pin's key. */
  key: string;
  id: string;
  detector: string;
  params: Record<string, unknown>;
  features: FeatureSet | null;
  metrics: Metrics;
  /** Precision at k = the number of labelled anomalies among the judged units (R-precision); null without labels. */
  precisionAtK: number | null;
  /** That k (count of units); null without labels. */
  k: number | null;
  timing: { fitMs: number; scoreMs: number };
  pinned: boolean;
}

export function featureSet(prepared: { state: FeatureState; matrix: Matrix }): FeatureSet {
  const { state, matrix } = prepared;
  return { unit: state.unit, cols: matrix.cols, scaling: state.scaler.kind, columns: [...state.columns] };
}

/** `line · 7 cols · standard` */
export function describeFeatures(f: FeatureSet | null): string {
  return f ? `${f.unit} · ${f.cols} col${f.cols === 1 ? '' : 's'} · ${f.scaling}` : '—';
}

/** `trees=100, sampleSize=256`: plain text for a title attribute. */
export function describeParams(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

/** R-precision of a ranking, with its k; nulls without anomalies. */
export function rPrecision(ranking: Ranking | undefined): { k: number | null; precisionAtK: number | null } {
  if (!ranking || ranking.positives === 0) return { k: null, precisionAtK: null };
  return { k: ranking.positives, precisionAtK: precisionAtK(ranking, ranking.positives) };
}

export type SortKey =
  | 'id' | 'detector' | 'features' | 'rocAuc' | 'prAuc' | 'bestF1' | 'precisionAtK'
  | 'precision' | 'recall' | 'f1' | 'flagged' | 'fitMs' | 'scoreMs';

export interface RunColumn {
  key: SortKey;
  label: string;
  title?: string;
  numeric: boolean;
}

export const RUN_COLUMNS: readonly RunColumn[] = [
  { key: 'id', label: 'run', numeric: false },
  { key: 'detector', label: 'detector', numeric: false },
  { key: 'features', label: 'features', numeric: false, title: 'The feature set: unit · matrix columns · scaling' },
  { key: 'rocAuc', label: 'ROC-AUC', numeric: true },
  { key: 'prAuc', label: 'PR-AUC', numeric: true, title: 'Average precision' },
  { key: 'bestF1', label: 'best F1', numeric: true, title: 'Best F1 over all thresholds' },
  {
    key: 'precisionAtK', label: 'P@k', numeric: true,
    title: 'Precision at k, with k = the number of labelled anomalies among the judged units (R-precision): the share of anomalies among the k top-scored units',
  },
  { key: 'precision', label: 'precision', numeric: true, title: 'At the threshold' },
  { key: 'recall', label: 'recall', numeric: true, title: 'At the threshold' },
  { key: 'f1', label: 'F1', numeric: true, title: 'At the threshold' },
  { key: 'flagged', label: 'flagged', numeric: true, title: 'Units at or above the threshold' },
  { key: 'fitMs', label: 'fit ms', numeric: true },
  { key: 'scoreMs', label: 'score ms', numeric: true },
];

/** The value a column shows and sorts by; null = not measurable. */
export function cellValue(row: RunRow, key: SortKey): number | string | null {
  switch (key) {
    case 'id': return row.id;
    case 'detector': return row.detector;
    case 'features': return describeFeatures(row.features);
    case 'precisionAtK': return row.precisionAtK;
    case 'fitMs': return row.timing.fitMs;
    case 'scoreMs': return row.timing.scoreMs;
    default: return row.metrics[key];
  }
}

export type SortDirection = 'ascending' | 'descending';

/**
 * The rows sorted by a column (stable: equal values keep their order), rows
 * without a value last in either direction. Without a key, as given.
 */
export function sortRunRows(rows: readonly RunRow[], key: SortKey | null, direction: SortDirection): RunRow[] {
  if (!key) return [...rows];
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: cellValue(row, key) }))
    .sort((a, b) => {
      const an = a.v === null || (typeof a.v === 'number' && Number.isNaN(a.v));
      const bn = b.v === null || (typeof b.v === 'number' && Number.isNaN(b.v));
      if (an || bn) return an === bn ? a.i - b.i : an ? 1 : -1;
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v));
      return c * sign || a.i - b.i;
    })
    .map((x) => x.row);
}

/** The first click on a column: best first for metrics, A–Z for text, fastest first for times. */
export function firstDirection(key: SortKey): SortDirection {
  const col = RUN_COLUMNS.find((c) => c.key === key);
  return col?.numeric && key !== 'fitMs' && key !== 'scoreMs' ? 'descending' : 'ascending';
}

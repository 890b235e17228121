import type { LogData } from '../ingest/log-data.ts';
import { fieldColumn, isNumericColumn } from '../ingest/log-data.ts';
import type { Matrix } from '../matrix.ts';
import { leaveOutIdentifiers, type LeftOutColumn } from './identifier-columns.ts';

/** Every numeric field, in file order: the row columns the user can pick. */
export function numericRowColumns(data: LogData): string[] {
  return Object.keys(data.fields).filter((name) => isNumericColumn(data.fields[name]));
}

/**
 * The default row columns: every numeric field, in file order, but those
 * whose name marks an identifier or a time, or that grow with the row, on
 * the training rows (see `identifier-columns.ts`; the near-unique rule is
 * for numbers found in log lines, not for a CSV of features).
 * @param trainRows the training rows (all when omitted)
 */
export function defaultRowColumns(data: LogData, trainRows?: ArrayLike<number>): string[] {
  return rowDefaults(data, trainRows).columns;
}

/** The default row columns and the numeric fields they leave out, each with the reason in words. */
export function rowDefaults(data: LogData, trainRows?: ArrayLike<number>): { columns: string[]; leftOut: LeftOutColumn[] } {
  const numeric = numericRowColumns(data).map((name) => ({ column: name, field: name, values: data.fields[name] as Float64Array }));
  // Columns of a CSV were chosen as features: only names and counters mark identifiers there.
  return leaveOutIdentifiers(numeric, trainRows, { nearUnique: false });
}

/**
 * One row per table row, numeric fields used as they are (the CSV-of-features
 * flow). A missing or non-numeric cell is an error naming file, line and field:
 * silently filling it would change what the user asked to score.
 */
export function rowFeatures(data: LogData, columns: string[]): Matrix {
  const n = data.line.length;
  const cols = columns.length;
  const out = new Float64Array(n * cols);
  columns.forEach((name, j) => {
    const col = fieldColumn(data, name);
    if (!col) {
      throw new Error(`features.columns: no field "${name}" (fields: ${Object.keys(data.fields).join(', ') || 'none'})`);
    }
    for (let i = 0; i < n; i++) {
      const v = isNumericColumn(col) ? col[i] : Number.NaN;
      if (!Number.isFinite(v)) {
        const file = data.files[data.file[i]]?.name ?? 'input';
        const shown = isNumericColumn(col) ? (Number.isNaN(v) ? 'empty' : String(v)) : JSON.stringify(col[i]);
        throw new Error(`${file}, line ${data.line[i]}, field "${name}": ${shown} is not a number (row features need numbers in every row)`);
      }
      out[i * cols + j] = v;
    }
  });
  return { rows: n, cols, data: out, names: [...columns] };
}

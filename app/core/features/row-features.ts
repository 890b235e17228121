import type { LogData } from '../ingest/log-data.ts';
import { fieldColumn, isNumericColumn } from '../ingest/log-data.ts';
import type { Matrix } from '../matrix.ts';

/** The default row columns: every numeric field, in file order. */
export function defaultRowColumns(data: LogData): string[] {
  return Object.keys(data.fields).filter((name) => isNumericColumn(data.fields[name]));
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

import { fieldColumn, type LogData } from '../ingest/log-data.ts';
import type { FeatureUnits } from './feature-units.ts';
import { unitFirstRow } from './session-units.ts';

/** Shown for rows whose group field is missing. */
export const MISSING_GROUP = '(none)';

/**
 * The value of a field per row, as text, for per-group models (`groupBy`).
 * @param options.absentIsMissing a field no row has is missing in every row
 *   (new data scored with a fitted spec, where a batch may lack it), instead of an error
 * @throws naming the field and the fields there are
 */
export function groupValues(data: LogData, field: string, options: { absentIsMissing?: boolean } = {}): string[] {
  const col = fieldColumn(data, field);
  if (!col && options.absentIsMissing) return new Array<string>(data.line.length).fill(MISSING_GROUP);
  if (!col) {
    const names = Object.keys(data.fields);
    throw new Error(`groupBy: no field "${field}" in the data${names.length ? ` (fields: ${names.slice(0, 20).join(', ')})` : ' (it has no fields)'}`);
  }
  return Array.from(col as ArrayLike<string | number | null>, (v) =>
    v === null || (typeof v === 'number' && Number.isNaN(v)) ? MISSING_GROUP : String(v),
  );
}

/**
 * The group of every unit for a detector's `groupBy`: rows are their own
 * units; a window grouped by that same field is in its window group; any
 * other session or window takes its first row's value.
 * @param rowGroups the field's value per row (`groupValues`)
 */
export function unitGroupValues(field: string, rowGroups: string[], units: Pick<FeatureUnits, 'rowStart' | 'rows' | 'group' | 'groupField'> | null): string[] {
  if (!units) return rowGroups;
  if (units.group && units.groupField === field) return units.group;
  const count = units.rowStart.length - 1;
  return Array.from({ length: count }, (_, u) => {
    const row = unitFirstRow(units, u);
    return row < 0 ? MISSING_GROUP : rowGroups[row];
  });
}

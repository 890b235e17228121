import type { LogData } from '../ingest/log-data.ts';

/** Shown for rows whose group field is missing. */
export const MISSING_GROUP = '(none)';

/**
 * The value of a field per row, as text, for per-group models (`groupBy`).
 * @throws naming the field and the fields there are
 */
export function groupValues(data: LogData, field: string): string[] {
  const col = data.fields[field];
  if (!col) {
    const names = Object.keys(data.fields);
    throw new Error(`groupBy: no field "${field}" in the data${names.length ? ` (fields: ${names.slice(0, 20).join(', ')})` : ' (it has no fields)'}`);
  }
  return Array.from(col as ArrayLike<string | number | null>, (v) =>
    v === null || (typeof v === 'number' && Number.isNaN(v)) ? MISSING_GROUP : String(v),
  );
}

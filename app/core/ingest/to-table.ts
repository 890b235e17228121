import * as aq from 'arquero';
import type { LogData } from './log-data.ts';

/** Column names the table has before the fields. */
const BASE_COLUMNS = ['file', 'line', 'raw', 'timestamp'];

/**
 * The loaded logs as an Arquero table: `file`, `line`, `raw`, `timestamp`
 * (ms since the epoch, NaN where none), then the fields. A field named like
 * one of the first four is kept with a `field.` prefix, and so is a field
 * named `__proto__`: Arquero keeps columns in a plain object, where that
 * name would not be a column.
 */
export function toTable(data: LogData): aq.ColumnTable {
  const columns = new Map<string, ArrayLike<unknown>>([
    ['file', Array.from(data.file, (i) => data.files[i].name)],
    ['line', data.line],
    ['raw', data.raw],
    ['timestamp', data.timestamp],
  ]);
  for (const name of Object.keys(data.fields)) {
    columns.set(BASE_COLUMNS.includes(name) || name === '__proto__' ? `field.${name}` : name, data.fields[name]);
  }
  return aq.table(columns);
}

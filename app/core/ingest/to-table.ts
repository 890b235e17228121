import * as aq from 'arquero';
import type { LogData } from './log-data.ts';

/**
 * The loaded logs as an Arquero table: `file`, `line`, `raw`, `timestamp`
 * (ms since the epoch, NaN where none), then the fields. A field named like
 * one of the first four is kept with a `field.` prefix.
 */
export function toTable(data: LogData): aq.ColumnTable {
  const columns: Record<string, ArrayLike<unknown>> = {
    file: Array.from(data.file, (i) => data.files[i].name),
    line: data.line,
    raw: data.raw,
    timestamp: data.timestamp,
  };
  for (const [name, values] of Object.entries(data.fields)) columns[name in columns ? `field.${name}` : name] = values;
  return aq.table(columns);
}

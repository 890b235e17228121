import type { LogData } from '../ingest/log-data.ts';
import { isNumericColumn } from '../ingest/log-data.ts';
import type { ParsedLines } from '../parse/line-fields.ts';
import type { Unit } from './feature-spec.ts';
import { availableLineColumns } from './line-features.ts';
import { numericRowColumns } from './row-features.ts';

/** Fields that hold times or positions, never worth aggregating. */
const SKIPPED = /^(time|timestamp|ts|@timestamp|received_at|date|line|lineid)$/i;

/**
 * Every column the user can pick for a unit and this data: parsed line
 * columns; numeric table columns; for sessions and windows, the aggregates
 * with each field filled in (distinct values of text fields, sums, means and
 * maxima of numbers, key=value numbers included).
 */
export function availableColumns(unit: Unit, data: LogData, parsed: ParsedLines | null): string[] {
  if (unit === 'line') return parsed ? availableLineColumns(parsed) : [];
  if (unit === 'row') return numericRowColumns(data);
  const fields = Object.keys(data.fields).filter((f) => !SKIPPED.test(f));
  const text = fields.filter((f) => !isNumericColumn(data.fields[f]));
  const numbers = [...new Set([...fields.filter((f) => isNumericColumn(data.fields[f])), ...Object.keys(parsed?.numbers ?? {}).filter((f) => !SKIPPED.test(f))])];
  return [
    // A window's `length` would only repeat its `count`.
    ...(unit === 'session' ? ['templates', 'length', 'duration', 'count', 'errors'] : ['templates', 'count', 'errors', 'duration']),
    ...text.map((f) => `distinct:${f}`),
    ...numbers.flatMap((f) => [`sum:${f}`, `mean:${f}`, `max:${f}`]),
  ];
}

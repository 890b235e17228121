import { hasField, type LogData } from '../ingest/log-data.ts';
import type { Matrix } from '../matrix.ts';
import type { ParsedLines } from '../parse/line-fields.ts';
import {
  eventCountMatrix,
  fitEventColumns,
  sessionListEvents,
  templateEvents,
  type EventColumns,
  type UnitEvents,
} from './event-count-matrix.ts';
import type { FeatureUnits } from './feature-units.ts';
import { WINDOW_AGGREGATES, windowFeatures } from './window-aggregates.ts';

/** Column names the grouped units know, for messages and the page. */
export const UNIT_COLUMNS = ['templates', 'length', 'duration', ...WINDOW_AGGREGATES.filter((a) => a !== 'templates')] as const;

/**
 * Whether a column of a session or window unit is an aggregate (`count`,
 * `errors`, `length`, `duration`, `distinct:F`, `sum:F`, `mean:F`,
 * `max:F`) rather than a template column (named by the template's text) or
 * `unseen`: detectors that compare templates' shares read only the latter.
 */
export function isAggregateColumn(name: string): boolean {
  return name === 'count' || name === 'errors' || name === 'length' || name === 'duration' || /^(distinct|sum|mean|max):\S+$/.test(name);
}

/** The field of a Loghub session CSV that lists each session's events: sessions count these instead of mining templates. */
export const SESSION_EVENTS_FIELD = 'events';

export interface UnitColumnsOptions {
  /** Template columns learned before (exported state); omitted = learned on `trainUnits`. */
  vocabulary?: EventColumns;
  /** Training units; all when omitted. */
  trainUnits?: ArrayLike<number>;
  /** Count templates outside the vocabulary in an `unseen` column. */
  unseen?: boolean;
}

/**
 * The matrix of session or window units: one row per unit, the columns asked
 * for in order. `templates` expands to one column per template of the
 * vocabulary (loglizer's event-count matrix), learned on the training units
 * only; `length` counts the unit's events, `duration` its ms from first to
 * last timestamp; every other name is a window aggregate (`count`,
 * `errors`, `distinct:F`, `sum:F`, `mean:F`, `max:F`).
 *
 * Events come from a Loghub session CSV's `events` lists when the data has
 * that field, else from the templates mined on each row.
 * @param parsed per-row parse results; called only when a column needs them
 */
export function unitColumns(
  data: LogData,
  parsed: () => ParsedLines,
  units: FeatureUnits,
  columns: string[],
  options: UnitColumnsOptions = {},
): { matrix: Matrix; vocabulary?: EventColumns } {
  const count = units.rowStart.length - 1;
  let events: UnitEvents | undefined;
  const eventsOf = (): UnitEvents => {
    if (!events) {
      if (hasField(data, SESSION_EVENTS_FIELD)) events = sessionListEvents(data, units, SESSION_EVENTS_FIELD);
      else {
        const p = parsed();
        events = templateEvents(p.templateId, p.templates, units, data.timestamp);
      }
    }
    return events;
  };
  let vocabulary = options.vocabulary;
  const parts: Matrix[] = [];
  for (const name of columns) {
    if (name === 'templates') {
      vocabulary ??= fitEventColumns(eventsOf(), { train: options.trainUnits, unseen: options.unseen });
      parts.push(eventCountMatrix(eventsOf(), vocabulary));
    } else if (name === 'length' || name === 'duration') {
      parts.push(eventCountMatrix(eventsOf(), { templates: [], unseen: false }, [name]));
    } else if ((UNIT_COLUMNS as readonly string[]).includes(name) || name.includes(':')) {
      parts.push(windowFeatures(units, parsed(), data, { aggregates: [name] }));
    } else {
      throw new Error(`features.columns: unknown ${units.kind} column "${name}" (known: ${UNIT_COLUMNS.join(', ')})`);
    }
  }
  return { matrix: joinColumns(count, parts), vocabulary };
}

/** Side-by-side concatenation of matrices with the same rows. */
export function joinColumns(rows: number, parts: Matrix[]): Matrix {
  // One part is already the whole matrix: a copy would cost 8 bytes a cell (560 MB at 10M lines × 7).
  if (parts.length === 1 && parts[0].rows === rows) return parts[0];
  const cols = parts.reduce((s, m) => s + m.cols, 0);
  const data = new Float64Array(rows * cols);
  let offset = 0;
  for (const m of parts) {
    if (m.rows !== rows) throw new Error(`joinColumns: a part has ${m.rows} rows, expected ${rows}`);
    for (let i = 0; i < rows; i++) data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), i * cols + offset);
    offset += m.cols;
  }
  return { rows, cols, data, names: parts.flatMap((m) => m.names) };
}

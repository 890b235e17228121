import { fieldColumn, type LogData } from '../ingest/log-data.ts';
import type { Matrix } from '../matrix.ts';
import type { UnitMembership } from './session-units.ts';
import { StringIds } from './string-ids.ts';

/**
 * The events (templates) of each unit, as codes into a table of template
 * texts. Both sources of events end up here: template ids of parsed rows,
 * and the template lists of Loghub session CSV rows.
 */
export interface UnitEvents {
  /** Per unit, plus one at the end: offset of its first event in `events` (length units + 1). */
  eventStart: Int32Array;
  /** Event codes, unit after unit, in log order: index into `texts`; −1 for a row that matched no template. */
  events: Int32Array;
  /** Template text by code. */
  texts: string[];
  /** Per unit: ms between its earliest and latest timestamp; NaN when none of its rows has one. */
  duration: Float64Array;
}

/** The columns of an event-count matrix, learned on the training units. JSON-serialisable. */
export interface EventColumns {
  /** One column per template text, sorted by text (UTF-16 code units). */
  templates: string[];
  /** Whether a last template column `unseen` counts events whose template is not in `templates`. */
  unseen: boolean;
}

export interface FitEventColumnsOptions {
  /** Indices of the training units; all units when omitted. */
  train?: ArrayLike<number>;
  /** Add the `unseen` column (default false, as loglizer's `oov=False`). */
  unseen?: boolean;
}

/** Columns `eventCountMatrix` can add after the template columns. */
export const EVENT_EXTRAS = ['length', 'duration'] as const;
export type EventExtra = (typeof EVENT_EXTRAS)[number];

/** Name of the column counting templates the training units never had. */
export const UNSEEN_COLUMN = 'unseen';

/**
 * The events of each unit from per-row template ids (`ParsedLines.templateId`):
 * one event per row of the unit.
 * @param timestamps per row, ms since the epoch (NaN where none), for `duration`
 */
export function templateEvents(templateId: Int32Array, templates: string[], units: UnitMembership, timestamps?: Float64Array): UnitEvents {
  const { rowStart, rows } = units;
  const events = new Int32Array(rows.length);
  for (let p = 0; p < rows.length; p++) events[p] = templateId[rows[p]];
  return { eventStart: rowStart, events, texts: templates, duration: durations(units, timestamps) };
}

/**
 * The events of each unit from a field holding a JSON array of template
 * strings per row: `events` of a Loghub session CSV (one row per session, so
 * the session's events are its row's list). A unit of several rows gets their
 * lists one after the other.
 * @throws when the field is absent, or a value is not a JSON array of strings (naming the row)
 */
export function sessionListEvents(data: LogData, units: UnitMembership, field = 'events'): UnitEvents {
  const col = fieldColumn(data, field);
  if (!col) {
    const names = Object.keys(data.fields);
    throw new Error(`sessions: no field "${field}" with event lists` + (names.length ? ` (fields: ${names.slice(0, 20).join(', ')})` : ''));
  }
  // Parse each row's list once, even when a row sits in several units.
  const n = data.line.length;
  const texts = new StringIds();
  const listStart = new Int32Array(n + 1);
  const codes: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v !== null && !(typeof v === 'number')) {
      let list: unknown;
      try {
        list = JSON.parse(v);
      } catch {
        list = null;
      }
      if (!Array.isArray(list) || list.some((t) => typeof t !== 'string')) {
        throw new Error(`sessions: field "${field}" of row ${i + 1} (line ${data.line[i]}) is not a JSON array of template strings`);
      }
      for (const t of list as string[]) codes.push(texts.id(t));
    } else if (typeof v === 'number' && !Number.isNaN(v)) {
      throw new Error(`sessions: field "${field}" holds numbers, not JSON arrays of template strings`);
    }
    listStart[i + 1] = codes.length;
  }
  const { rowStart, rows } = units;
  const count = rowStart.length - 1;
  const eventStart = new Int32Array(count + 1);
  for (let u = 0; u < count; u++) {
    let k = 0;
    for (let p = rowStart[u]; p < rowStart[u + 1]; p++) k += listStart[rows[p] + 1] - listStart[rows[p]];
    eventStart[u + 1] = eventStart[u] + k;
  }
  const events = new Int32Array(eventStart[count]);
  let e = 0;
  for (let p = 0; p < rows.length; p++) {
    for (let q = listStart[rows[p]]; q < listStart[rows[p] + 1]; q++) events[e++] = codes[q];
  }
  return { eventStart, events, texts: texts.names, duration: durations(units, data.timestamp) };
}

/**
 * Learns the template columns from the training units only, so a template
 * that first appears in test data cannot add a column (no leakage). Columns
 * are sorted by text: the same training data gives the same columns whatever
 * its row order, and they match loglizer / scikit-learn recipes that sort.
 *
 * Templates outside the vocabulary are dropped by default (loglizer's
 * `oov=False`); with `unseen: true` they are counted in one extra column,
 * `unseen`, always 0 on the training units.
 */
export function fitEventColumns(events: UnitEvents, options: FitEventColumnsOptions = {}): EventColumns {
  const seen = new Uint8Array(events.texts.length);
  const units = events.eventStart.length - 1;
  const visit = (u: number): void => {
    if (!(u >= 0 && u < units)) throw new Error(`fitEventColumns: training unit ${u} is not in 0..${units - 1}`);
    for (let p = events.eventStart[u]; p < events.eventStart[u + 1]; p++) if (events.events[p] >= 0) seen[events.events[p]] = 1;
  };
  if (options.train) for (let k = 0; k < options.train.length; k++) visit(options.train[k]);
  else for (let u = 0; u < units; u++) visit(u);
  const templates = [...new Set(events.texts.filter((_, c) => seen[c]))].sort(byCodeUnits);
  return { templates, unseen: options.unseen ?? false };
}

/**
 * The loglizer event-count matrix: one row per unit, one column per template
 * of `columns` (named by its text) holding how often it occurs in the unit;
 * then `unseen` if the columns have it, then the extras asked for:
 * `length` (events in the unit, dropped ones included) and `duration` (ms
 * between its earliest and latest timestamp, 0 when unknown).
 * @throws on an unknown extra, naming it and the known ones
 */
export function eventCountMatrix(events: UnitEvents, columns: EventColumns, extra: readonly string[] = []): Matrix {
  for (const name of extra) {
    if (!(EVENT_EXTRAS as readonly string[]).includes(name)) {
      throw new Error(`features: unknown session column "${name}" (known: ${EVENT_EXTRAS.join(', ')})`);
    }
  }
  const units = events.eventStart.length - 1;
  const t = columns.templates.length;
  const unseenCol = columns.unseen ? t : -1;
  const firstExtra = t + (columns.unseen ? 1 : 0);
  const cols = firstExtra + extra.length;
  const names = [...columns.templates, ...(columns.unseen ? [UNSEEN_COLUMN] : []), ...extra];
  const columnOf = codeColumns(events.texts, columns.templates);
  const data = new Float64Array(units * cols);
  for (let u = 0; u < units; u++) {
    const base = u * cols;
    const from = events.eventStart[u], to = events.eventStart[u + 1];
    for (let p = from; p < to; p++) {
      const c = events.events[p];
      const j = c >= 0 ? columnOf[c] : -1;
      if (j >= 0) data[base + j]++;
      else if (unseenCol >= 0) data[base + unseenCol]++;
    }
    for (let k = 0; k < extra.length; k++) {
      const d = events.duration[u];
      data[base + firstExtra + k] = extra[k] === 'length' ? to - from : Number.isFinite(d) ? d : 0;
    }
  }
  return { rows: units, cols, data, names };
}

/** Per code: its column in `templates`, or −1. */
export function codeColumns(texts: string[], templates: string[]): Int32Array {
  const index = new Map(templates.map((text, j) => [text, j]));
  return Int32Array.from(texts, (text) => index.get(text) ?? -1);
}

function durations(units: UnitMembership, timestamps?: Float64Array): Float64Array {
  const count = units.rowStart.length - 1;
  const out = new Float64Array(count).fill(NaN);
  if (!timestamps) return out;
  for (let u = 0; u < count; u++) {
    let lo = Infinity, hi = -Infinity;
    for (let p = units.rowStart[u]; p < units.rowStart[u + 1]; p++) {
      const ts = timestamps[units.rows[p]];
      if (ts < lo) lo = ts;
      if (ts > hi) hi = ts;
    }
    if (hi >= lo) out[u] = hi - lo;
  }
  return out;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

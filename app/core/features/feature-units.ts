import { hasField, type LogData } from '../ingest/log-data.ts';
import { groupValues } from './group-values.ts';
import { parseDuration } from './duration.ts';
import type { FeatureSpec } from './feature-spec.ts';
import { sessionUnits, type SessionKey, type UnitMembership } from './session-units.ts';
import { windowUnits } from './window-units.ts';

/**
 * Sessions or windows, described the way the rest of the workbench needs
 * them: which rows each holds, a name to show, a time to split and plot by,
 * and notes on rows left out.
 */
export interface FeatureUnits extends UnitMembership {
  kind: 'session' | 'window';
  /** Per unit: the session id, or the window's span (and group). Shown in place of a line's text. */
  names: string[];
  /** Per unit, ms since the epoch: a session's first timestamp, a window's start; NaN when unknown. */
  time: Float64Array;
  /** Per unit: its window group (`groupBy`), or null without one. */
  group: string[] | null;
  /** The field windows are grouped by, or null. */
  groupField: string | null;
  /** Human notes on rows no unit holds ("12 rows have no session id"). */
  notes: string[];
  /** Sessions: how the key was read (a field, or a pattern); fitted specs keep it, so new data reads it alike. */
  key?: SessionKey;
}

/** What units take from a fitted spec's feature state. */
export interface FittedUnits {
  /** Sessions: the key as training read it. */
  sessionKey?: SessionKey;
}

/**
 * The units of a `session` or `window` spec; null for `line` and `row`,
 * whose units are the rows themselves.
 *
 * A session `key` naming a field of the data uses that field; any other
 * `key` is a regular expression searched in each message (first capture
 * group, else the whole match). A field wins because a name like `BlockId`
 * is never meant as a pattern, while `blk_-?\d+` is never a field name.
 * @throws naming the spec field (`features.key`, `features.size`…) when it is missing or invalid
 */
export function featureUnits(data: LogData, spec: FeatureSpec, fitted?: FittedUnits): FeatureUnits | null {
  if (spec.unit === 'session') return sessions(data, spec, fitted?.sessionKey);
  if (spec.unit === 'window') return windows(data, spec, fitted !== undefined);
  return null;
}

/**
 * How a session key reads a row: a field of the data, else a pattern. A
 * fitted spec keeps what training chose, since a batch of new rows may lack
 * the field in every row and must not turn the name into a pattern.
 */
function sessionKey(data: LogData, key: string | undefined, fitted?: SessionKey): SessionKey {
  if (typeof key !== 'string' || key === '') {
    throw new Error('features.key: a session unit needs a key: a field name, or a regular expression such as "blk_-?\\\\d+"');
  }
  if (fitted) return fitted;
  return hasField(data, key) ? { field: key } : { pattern: key };
}

function sessions(data: LogData, spec: FeatureSpec, fittedKey?: SessionKey): FeatureUnits {
  const key = spec.key;
  const how = sessionKey(data, key, fittedKey);
  const found = 'field' in how && !hasField(data, how.field) ? noSessions(data.line.length) : sessionUnits(data, how);
  const count = found.keys.length;
  const time = sessionTimes(found, data.timestamp);
  const notes: string[] = [];
  if (count === 0 && !fittedKey) throw new Error(`features.key: no row has a session id for "${key}"`);
  if (found.rowsWithoutKey) notes.push(`${found.rowsWithoutKey} rows have no session id for "${key}" and belong to no session`);
  if (found.rowsWithSeveralKeys) notes.push(`${found.rowsWithSeveralKeys} rows name several sessions and count in each`);
  return { kind: 'session', rowStart: found.rowStart, rows: found.rows, names: found.keys, time, group: null, groupField: null, notes, key: how };
}

/** Per session, its earliest timestamp (ms since the epoch), NaN when none of its rows has one. */
export function sessionTimes(units: UnitMembership, timestamps: Float64Array): Float64Array {
  const count = units.rowStart.length - 1;
  const time = new Float64Array(count).fill(NaN);
  for (let u = 0; u < count; u++) {
    let first = Infinity;
    for (let p = units.rowStart[u]; p < units.rowStart[u + 1]; p++) {
      const t = timestamps[units.rows[p]];
      if (t < first) first = t;
    }
    if (first < Infinity) time[u] = first;
  }
  return time;
}

/** No row has the key field (new data may lack it): every row is without a session. */
function noSessions(rows: number): ReturnType<typeof sessionUnits> {
  return { keys: [], rowStart: new Int32Array(1), rows: new Int32Array(0), rowsWithoutKey: rows, rowsWithSeveralKeys: 0 };
}

/** @param fitted scoring new data with a fitted spec: a group field absent from it means every row lacks it */
function windows(data: LogData, spec: FeatureSpec, fitted: boolean): FeatureUnits {
  const size = duration(spec.size, 'size');
  const step = spec.step === undefined ? size : duration(spec.step, 'step');
  const groupOf = spec.groupBy ? groupValues(data, spec.groupBy, { absentIsMissing: fitted }) : undefined;
  const found = windowUnits(data.timestamp, { size, step, groupOf });
  const count = found.start.length;
  if (count === 0 && !fitted) {
    throw new Error(`features.unit "window" needs timestamps, and none of the ${data.line.length} rows has one`);
  }
  const names = Array.from({ length: count }, (_, u) => {
    const span = `${new Date(found.start[u]).toISOString()} – ${new Date(found.end[u]).toISOString()}`;
    return spec.groupBy ? `${span} ${spec.groupBy}=${found.group[u]}` : span;
  });
  const notes: string[] = [];
  if (found.rowsWithoutTime) notes.push(`${found.rowsWithoutTime} rows have no timestamp and belong to no window`);
  return {
    kind: 'window',
    rowStart: found.rowStart,
    rows: found.rows,
    names,
    time: found.start,
    group: spec.groupBy ? found.group : null,
    groupField: spec.groupBy ?? null,
    notes,
  };
}

function duration(text: string | undefined, field: 'size' | 'step'): number {
  if (text === undefined) throw new Error(`features.${field}: a window unit needs a ${field}, e.g. "5m"`);
  try {
    const ms = parseDuration(text);
    if (!(ms > 0)) throw new Error(`${JSON.stringify(text)} is not longer than 0`);
    return ms;
  } catch (e) {
    throw new Error(`features.${field}: ${(e as Error).message}`);
  }
}

/**
 * The rows of the given units, ascending and each once: what templates are
 * mined on when only the training units may teach them.
 * @param rowCount rows of the data
 */
export function rowsOfUnits(units: UnitMembership, which: ArrayLike<number>, rowCount: number): Int32Array {
  const marked = new Uint8Array(rowCount);
  let k = 0;
  for (let w = 0; w < which.length; w++) {
    const u = which[w];
    for (let p = units.rowStart[u]; p < units.rowStart[u + 1]; p++) {
      const r = units.rows[p];
      if (!marked[r]) {
        marked[r] = 1;
        k++;
      }
    }
  }
  const out = new Int32Array(k);
  for (let r = 0, j = 0; r < rowCount; r++) if (marked[r]) out[j++] = r;
  return out;
}

/**
 * Some of the units, in the given order, with the rows each holds: what
 * live scoring keeps of the units cut from its buffer (the windows that
 * closed, the sessions that went idle).
 * @param which unit indices into `units`
 */
export function pickUnits(units: FeatureUnits, which: ArrayLike<number>): FeatureUnits {
  const count = which.length;
  const rowStart = new Int32Array(count + 1);
  for (let k = 0; k < count; k++) {
    const u = which[k];
    rowStart[k + 1] = rowStart[k] + units.rowStart[u + 1] - units.rowStart[u];
  }
  const rows = new Int32Array(rowStart[count]);
  for (let k = 0; k < count; k++) {
    const u = which[k];
    rows.set(units.rows.subarray(units.rowStart[u], units.rowStart[u + 1]), rowStart[k]);
  }
  return {
    ...units,
    rowStart,
    rows,
    names: Array.from(which, (u) => units.names[u]),
    time: Float64Array.from(which, (u) => units.time[u]),
    group: units.group ? Array.from(which, (u) => units.group![u]) : null,
  };
}

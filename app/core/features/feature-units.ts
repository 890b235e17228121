import type { LogData } from '../ingest/log-data.ts';
import { groupValues } from '../experiment/group-values.ts';
import { parseDuration } from './duration.ts';
import type { FeatureSpec } from './feature-spec.ts';
import { sessionUnits, type UnitMembership } from './session-units.ts';
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
export function featureUnits(data: LogData, spec: FeatureSpec): FeatureUnits | null {
  if (spec.unit === 'session') return sessions(data, spec);
  if (spec.unit === 'window') return windows(data, spec);
  return null;
}

function sessions(data: LogData, spec: FeatureSpec): FeatureUnits {
  const key = spec.key;
  if (typeof key !== 'string' || key === '') {
    throw new Error('features.key: a session unit needs a key: a field name, or a regular expression such as "blk_-?\\\\d+"');
  }
  const found = sessionUnits(data, key in data.fields ? { field: key } : { pattern: key });
  const count = found.keys.length;
  const time = new Float64Array(count).fill(NaN);
  for (let u = 0; u < count; u++) {
    let first = Infinity;
    for (let p = found.rowStart[u]; p < found.rowStart[u + 1]; p++) {
      const t = data.timestamp[found.rows[p]];
      if (t < first) first = t;
    }
    if (first < Infinity) time[u] = first;
  }
  const notes: string[] = [];
  if (count === 0) throw new Error(`features.key: no row has a session id for "${key}"`);
  if (found.rowsWithoutKey) notes.push(`${found.rowsWithoutKey} rows have no session id for "${key}" and belong to no session`);
  if (found.rowsWithSeveralKeys) notes.push(`${found.rowsWithSeveralKeys} rows name several sessions and count in each`);
  return { kind: 'session', rowStart: found.rowStart, rows: found.rows, names: found.keys, time, group: null, groupField: null, notes };
}

function windows(data: LogData, spec: FeatureSpec): FeatureUnits {
  const size = duration(spec.size, 'size');
  const step = spec.step === undefined ? size : duration(spec.step, 'step');
  const groupOf = spec.groupBy ? groupValues(data, spec.groupBy) : undefined;
  const found = windowUnits(data.timestamp, { size, step, groupOf });
  const count = found.start.length;
  if (count === 0) {
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

import { LinearRegex } from '../linear-regex.ts';
import type { LogData } from '../ingest/log-data.ts';
import { fieldColumn, isNumericColumn } from '../ingest/log-data.ts';
import { StringIds } from './string-ids.ts';

/**
 * Which rows make up each unit (session or window), in compressed sparse row
 * form: the rows of unit `u` are `rows[rowStart[u] .. rowStart[u + 1])`, in
 * log order. Two typed arrays instead of an array per unit, so a million
 * rows cost a few megabytes and cross to a worker by transfer.
 */
export interface UnitMembership {
  /** Per unit, plus one at the end: offset of its first row in `rows` (length units + 1). */
  rowStart: Int32Array;
  /** Row indices, unit after unit. A row appears once per unit it belongs to. */
  rows: Int32Array;
}

/**
 * The row that stands for unit `u` where one row must (its line number, its
 * host, its group, the line a panel shows): the unit's first row in log order.
 * Without units, rows are their own units and unit `u` is row `u`.
 * @returns a row index, or -1 for a unit that holds no rows
 */
export function unitFirstRow(units: UnitMembership | null | undefined, u: number): number {
  if (!units) return u;
  const p = units.rowStart[u];
  return p < units.rowStart[u + 1] ? units.rows[p] : -1;
}

/** How a row's session id is found. */
export type SessionKey =
  /** The value of a JSON/CSV field (e.g. `BlockId` of Loghub session CSV, `session_id`). */
  | { field: string }
  /**
   * A regular expression searched in the message (e.g. `blk_-?\d+`, or
   * `user=(\S+)`): the first capture group is the id when there is one, else
   * the whole match.
   */
  | { pattern: string };

/** Rows grouped into sessions. */
export interface SessionUnits extends UnitMembership {
  /** Session ids, in the order they first appear. */
  keys: string[];
  /** Rows with no session id: they belong to no session and are left out. */
  rowsWithoutKey: number;
  /** Rows with two or more distinct ids: each belongs to every one of those sessions. */
  rowsWithSeveralKeys: number;
}

/**
 * Groups rows into sessions by an id, loglizer style.
 *
 * With a pattern, every distinct match in a row counts: a row naming two
 * blocks (HDFS `Deleting block blk_1 file …` lines can, and so can
 * `BLOCK* ask … to replicate blk_1 … blk_2`) belongs to both sessions, as in
 * loglizer's HDFS grouping, because either block may be the anomalous one.
 * The same id twice in one row counts once. A Loghub session CSV needs no
 * grouping: `{ field: "BlockId" }` gives one session per row.
 * @throws when the field is absent (naming the fields there are) or the pattern is not a regular expression
 */
export function sessionUnits(data: LogData, key: SessionKey): SessionUnits {
  const n = data.line.length;
  const ids = new StringIds();
  // (session, row) pairs in row order; grown by doubling.
  let pairSession = new Int32Array(Math.max(16, n));
  let pairRow = new Int32Array(pairSession.length);
  let pairs = 0;
  let rowsWithoutKey = 0;
  let rowsWithSeveralKeys = 0;
  const add = (id: string, row: number): void => {
    const s = ids.id(id);
    if (pairs === pairSession.length) {
      const grownSession = new Int32Array(pairs * 2);
      grownSession.set(pairSession);
      pairSession = grownSession;
      const grownRow = new Int32Array(pairs * 2);
      grownRow.set(pairRow);
      pairRow = grownRow;
    }
    pairSession[pairs] = s;
    pairRow[pairs] = row;
    pairs++;
  };

  if ('field' in key) {
    const col = fieldColumn(data, key.field);
    if (!col) {
      const names = Object.keys(data.fields);
      throw new Error(
        `sessions: no field "${key.field}" in ${data.files.map((f) => f.name).join(', ')}` +
          (names.length ? ` (fields: ${names.slice(0, 20).join(', ')})` : ' (it has no fields: use a pattern)'),
      );
    }
    const numeric = isNumericColumn(col);
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (numeric ? Number.isNaN(v as number) : v === null || v === '') rowsWithoutKey++;
      else add(String(v), i);
    }
  } else {
    const re = compile(key.pattern);
    const grouped = re.groups > 0;
    const found: string[] = [];
    for (let i = 0; i < n; i++) {
      const message = data.message[i];
      found.length = 0;
      for (const m of re.matchAll(message)) {
        const id = grouped ? m.group1 : m.text;
        if (id === null || id === '' || found.includes(id)) continue;
        found.push(id);
        add(id, i);
      }
      if (found.length === 0) rowsWithoutKey++;
      else if (found.length > 1) rowsWithSeveralKeys++;
    }
  }
  return { keys: ids.names, ...groupPairs(pairSession, pairRow, pairs, ids.size), rowsWithoutKey, rowsWithSeveralKeys };
}

/**
 * Turns (unit, row) pairs into membership by a counting sort on the unit; a
 * stable sort, so each unit keeps its rows in the order the pairs came.
 */
export function groupPairs(pairUnit: Int32Array, pairRow: Int32Array, pairs: number, units: number): UnitMembership {
  const rowStart = new Int32Array(units + 1);
  for (let p = 0; p < pairs; p++) rowStart[pairUnit[p] + 1]++;
  for (let u = 0; u < units; u++) rowStart[u + 1] += rowStart[u];
  const next = rowStart.slice(0, units);
  const rows = new Int32Array(pairs);
  for (let p = 0; p < pairs; p++) rows[next[pairUnit[p]]++] = pairRow[p];
  return { rowStart, rows };
}

/** A session key pattern, on the linear-time engine: it runs on every message, which an attacker may write. */
function compile(pattern: string): LinearRegex {
  if (typeof pattern !== 'string' || pattern === '') throw new Error('sessions.pattern: expected a regular expression, e.g. "blk_-?\\d+"');
  return LinearRegex.compile(pattern, 'sessions.pattern');
}

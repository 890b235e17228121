import type { FeatureState } from '../features/build-features.ts';
import { parseDuration } from '../features/duration.ts';
import { DEFAULT_IDLE, type FeatureSpec } from '../features/feature-spec.ts';
import { featureUnits, sessionTimes, type FeatureUnits } from '../features/feature-units.ts';
import { groupPairs } from '../features/session-units.ts';
import { StringIds } from '../features/string-ids.ts';
import { selectLogRows } from '../ingest/log-data-rows.ts';
import type { LogData } from '../ingest/log-data.ts';
import { LiveUnits, type ClosedUnits } from './live-units.ts';

/** What `LiveSessions` keeps across a restart (plain JSON). */
export interface LiveSessionsState {
  newest: number | null;
  /** Sessions scored lately and their last line's time. */
  ended: [string, number][];
}

/**
 * Sessions cut from a stream as they end, on event time: a session is over
 * when the newest timestamp seen is `idle` past its last line, and at the end
 * of input every session is. A session is scored once, with all its lines;
 * on a complete file whose sessions never pause for `idle` the sessions and
 * their features are those of scoring the whole file at once. A key seen
 * again after its session ended starts a new session of that name. Rows
 * without a session id belong to none and are counted.
 *
 * Memory holds the rows of open sessions, never more than `maxRows`: past
 * it, the sessions quiet the longest end early and are counted (`forced`).
 */
export class LiveSessions extends LiveUnits {
  private readonly idle: number;
  /** Per held row, in parallel with `rows`, its session ids. */
  private pendingKeys: string[][] = [];
  /** Sessions scored lately, with their last line's time: a row read again after a restart is not a new session. */
  private ended = new Map<string, number>();
  /** Open sessions: the time of their latest line (log time). */
  private lastTime = new Map<string, number>();
  private newest = -Infinity;
  /** When idle sessions were last looked for (log time): looking costs a pass over the held rows. */
  private lookedAt = -Infinity;

  constructor(private readonly spec: FeatureSpec, private readonly fitted: FeatureState, options: { idle?: number; maxRows?: number } = {}) {
    super(options.maxRows);
    this.idle = options.idle ?? parseDuration(spec.idle ?? DEFAULT_IDLE);
  }

  /** Adds rows; returns the sessions that ended. */
  push(data: LogData, batch = 0): ClosedUnits[] {
    const units = featureUnits(data, this.spec, this.fitted)!;
    const keysOf: string[][] = Array.from({ length: data.line.length }, () => []);
    for (let u = 0; u < units.names.length; u++) {
      for (let p = units.rowStart[u]; p < units.rowStart[u + 1]; p++) keysOf[units.rows[p]].push(units.names[u]);
    }
    const t = data.timestamp;
    for (let i = 0; i < t.length; i++) if (Number.isFinite(t[i]) && t[i] > this.newest) this.newest = t[i];
    const keep: number[] = [];
    for (let i = 0; i < keysOf.length; i++) {
      // A row of a session already scored (read again after a restart) counts in it no more.
      const hadKeys = keysOf[i].length > 0;
      if (this.ended.size) keysOf[i] = keysOf[i].filter((k) => !(this.ended.has(k) && !(t[i] > this.ended.get(k)!)));
      if (hadKeys && keysOf[i].length === 0) {
        this.counts.lateRows++;
        continue;
      }
      if (keysOf[i].length === 0) {
        this.counts.rowsWithoutUnit++;
        continue;
      }
      keep.push(i);
      // A line without a time is as recent as the newest line so far.
      const when = Number.isFinite(t[i]) ? t[i] : this.newest;
      for (const k of keysOf[i]) this.lastTime.set(k, Math.max(this.lastTime.get(k) ?? -Infinity, when));
    }
    if (keep.length) {
      this.rows.add(keep.length === data.line.length ? data : selectLogRows(data, keep), batch);
      for (const i of keep) this.pendingKeys.push(keysOf[i]);
    }
    const out: ClosedUnits[] = [];
    // Idle sessions are looked for every tenth of `idle` of log time: a session ends at most that late.
    if (this.newest - this.lookedAt >= this.idle / 10) {
      this.lookedAt = this.newest;
      const cutoff = this.newest - this.idle;
      const ending = new Set<string>();
      for (const [k, last] of this.lastTime) if (last <= cutoff) ending.add(k);
      if (ending.size) out.push(...this.close(ending));
    }
    if (this.rows.count > this.maxRows) {
      // The half of the open sessions quiet the longest end now.
      const byQuiet = [...this.lastTime].sort((a, b) => a[1] - b[1]);
      const ending = new Set(byQuiet.slice(0, Math.max(1, Math.ceil(byQuiet.length / 2))).map(([k]) => k));
      out.push(...this.forced(this.close(ending)));
    }
    return out;
  }

  /** What a restart needs besides reading again from `oldestBatch()`: the sessions already scored, the newest time. */
  state(): LiveSessionsState {
    return { newest: Number.isFinite(this.newest) ? this.newest : null, ended: [...this.ended] };
  }

  restore(s: LiveSessionsState): void {
    this.newest = s.newest ?? -Infinity;
    this.ended = new Map(s.ended);
  }

  /** End of input: every open session ends. */
  end(): ClosedUnits[] {
    return this.lastTime.size ? this.close(new Set(this.lastTime.keys())) : [];
  }

  /** Scored sessions are remembered for three idle spans of log time: far longer than a restart reads back. */
  private forgetOldEnded(): void {
    const before = this.newest - 3 * this.idle;
    for (const [k, last] of this.ended) if (last < before) this.ended.delete(k);
  }

  private close(ending: Set<string>): ClosedUnits[] {
    const all = this.rows.all();
    const keys = this.pendingKeys;
    const inEnding: number[] = [];
    const stay: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      let ends = false;
      let open = false;
      for (const k of keys[i]) {
        if (ending.has(k)) ends = true;
        else open = true;
      }
      if (ends) inEnding.push(i);
      if (open) stay.push(i);
    }
    for (const k of ending) {
      this.ended.set(k, this.lastTime.get(k)!);
      this.lastTime.delete(k);
    }
    this.forgetOldEnded();
    const out: ClosedUnits[] = [];
    if (inEnding.length) {
      const data = inEnding.length === keys.length ? all : selectLogRows(all, inEnding);
      out.push({ data, units: sessionsOf(data, inEnding.map((i) => keys[i].filter((k) => ending.has(k)))) });
    }
    this.rows.keep(all, stay);
    // A row kept for an open session forgets the ended one: a later session of that name is a new one.
    this.pendingKeys = stay.map((i) => keys[i].filter((k) => !ending.has(k)));
    return out;
  }
}

/**
 * Session units from the session ids of each row, as `featureUnits` cuts
 * them: sessions in order of their first row, rows in log order, a session's
 * time its earliest timestamp (NaN without one).
 */
function sessionsOf(data: LogData, keysOf: string[][]): FeatureUnits {
  const sessions = new StringIds();
  const pairUnit: number[] = [];
  const pairRow: number[] = [];
  keysOf.forEach((keys, row) => {
    for (const k of keys) {
      pairUnit.push(sessions.id(k));
      pairRow.push(row);
    }
  });
  const names = sessions.names;
  const { rowStart, rows } = groupPairs(Int32Array.from(pairUnit), Int32Array.from(pairRow), pairUnit.length, names.length);
  const time = sessionTimes({ rowStart, rows }, data.timestamp);
  return { kind: 'session', rowStart, rows, names, time, group: null, groupField: null, notes: [] };
}

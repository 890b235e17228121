import type { FeatureState } from '../features/build-features.ts';
import { parseDuration } from '../features/duration.ts';
import { DEFAULT_LATENESS, type FeatureSpec } from '../features/feature-spec.ts';
import { featureUnits, pickUnits, type FeatureUnits } from '../features/feature-units.ts';
import { selectLogRows } from '../ingest/log-data-rows.ts';
import type { LogData } from '../ingest/log-data.ts';
import { LiveUnits, type ClosedUnits } from './live-units.ts';

/** What `LiveWindows` keeps across a restart (plain JSON). */
export interface LiveWindowsState {
  closedUntil: number | null;
  newest: number | null;
}

/**
 * Time windows cut from a stream as they close, on event time.
 *
 * Window k covers [k·step, k·step + size), as in batch. The watermark is the
 * newest timestamp seen minus `lateness`; a window is closed once its end is
 * at or before the watermark, and at the end of input every window is. Each
 * window is scored once, with every row that arrived before it closed: on a
 * file in time order (within the lateness) the windows and their features
 * are those of scoring the whole file at once. A row that arrives after all
 * its windows closed is dropped and counted (`lateRows`); with sliding
 * windows a late row still counts in the windows that are open.
 *
 * Memory holds the rows of open windows only (about size + lateness of log
 * time), and never more than `maxRows`: past it, the oldest windows close
 * early and are counted (`forced`).
 */
export class LiveWindows extends LiveUnits {
  private readonly size: number;
  private readonly step: number;
  private readonly lateness: number;
  private newest = -Infinity;
  private oldest = Infinity;
  /** Windows ending at or before this were scored. */
  private closedUntil = -Infinity;

  constructor(private readonly spec: FeatureSpec, private readonly fitted: FeatureState, options: { lateness?: number; maxRows?: number } = {}) {
    super(options.maxRows);
    this.size = parseDuration(spec.size!);
    this.step = spec.step === undefined ? this.size : parseDuration(spec.step);
    this.lateness = options.lateness ?? parseDuration(spec.lateness ?? DEFAULT_LATENESS);
  }

  /** Adds rows; returns the windows that closed. */
  push(data: LogData, batch = 0): ClosedUnits[] {
    const keep: number[] = [];
    const t = data.timestamp;
    for (let i = 0; i < t.length; i++) {
      if (!Number.isFinite(t[i])) this.counts.rowsWithoutUnit++;
      else if (this.lastEnd(t[i]) <= this.closedUntil) this.counts.lateRows++;
      else keep.push(i);
    }
    if (keep.length) {
      this.rows.add(keep.length === t.length ? data : selectLogRows(data, keep), batch);
      for (const i of keep) {
        if (t[i] > this.newest) this.newest = t[i];
        if (t[i] < this.oldest) this.oldest = t[i];
      }
    }
    const out: ClosedUnits[] = [];
    const watermark = this.newest - this.lateness;
    if (this.rows.count > 0 && this.nextEnd() <= watermark) out.push(...this.close(watermark));
    // Bounded: close the oldest windows early rather than hold without end.
    while (this.rows.count > this.maxRows) {
      out.push(...this.forced(this.close(this.nextEnd())));
    }
    return out;
  }

  /**
   * What a restart needs besides reading again from `oldestBatch()`: up to
   * where windows were scored (rows read again for those are dropped, so no
   * window is scored twice) and the newest time seen.
   */
  state(): LiveWindowsState {
    return { closedUntil: Number.isFinite(this.closedUntil) ? this.closedUntil : null, newest: Number.isFinite(this.newest) ? this.newest : null };
  }

  restore(s: LiveWindowsState): void {
    this.closedUntil = s.closedUntil ?? -Infinity;
    this.newest = s.newest ?? -Infinity;
  }

  /** End of input: every window still open closes. */
  end(): ClosedUnits[] {
    return this.rows.count > 0 ? this.close(Infinity) : [];
  }

  /** The end of the last window holding time t. */
  private lastEnd(t: number): number {
    return Math.floor(t / this.step) * this.step + this.size;
  }

  /** The earliest end, after what was scored, of a window that may hold a held row. */
  private nextEnd(): number {
    const firstEnd = (Math.floor((this.oldest - this.size) / this.step) + 1) * this.step + this.size;
    const afterClosed = Number.isFinite(this.closedUntil) ? (Math.floor((this.closedUntil - this.size) / this.step) + 1) * this.step + this.size : -Infinity;
    return Math.max(firstEnd, afterClosed);
  }

  /** Scores the windows ending in (closedUntil, until]; keeps the rows later windows still need. */
  private close(until: number): ClosedUnits[] {
    const all = this.rows.all();
    const t = all.timestamp;
    const inClosing: number[] = [];
    const stay: number[] = [];
    for (let i = 0; i < t.length; i++) {
      if (t[i] < until) inClosing.push(i);
      if (this.lastEnd(t[i]) > until) stay.push(i);
    }
    const out: ClosedUnits[] = [];
    if (inClosing.length) {
      const data = inClosing.length === t.length ? all : selectLogRows(all, inClosing);
      const units = featureUnits(data, this.spec, this.fitted)!;
      const closed: number[] = [];
      for (let u = 0; u < units.time.length; u++) {
        const end = units.time[u] + this.size;
        if (end > this.closedUntil && end <= until) closed.push(u);
      }
      // In order of closing, then as batch orders them (by start, groups as they first appear).
      closed.sort((a, b) => units.time[a] - units.time[b] || a - b);
      if (closed.length) out.push({ data, units: pickUnits(units, closed) });
    }
    const kept = this.rows.keep(all, stay);
    this.oldest = Infinity;
    for (let i = 0; i < kept.timestamp.length; i++) if (kept.timestamp[i] < this.oldest) this.oldest = kept.timestamp[i];
    this.closedUntil = until;
    return out;
  }
}

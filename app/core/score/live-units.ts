import type { FeatureUnits } from '../features/feature-units.ts';
import { concatLogData, selectLogRows } from '../ingest/log-data-rows.ts';
import type { LogData } from '../ingest/log-data.ts';

/**
 * What live windows and live sessions share: the rows they hold until their
 * units are complete, the bound on them, and what they count.
 */

/** Rows and the units cut from them that are complete: ready to score. */
export interface ClosedUnits {
  data: LogData;
  units: FeatureUnits;
}

/** What live cutting left out or hurried, for the user. */
export interface LiveCounts {
  /** Rows that came after every unit they belong to had been scored. */
  lateRows: number;
  /** Rows without a timestamp (windows) or a session id (sessions): in no unit. */
  rowsWithoutUnit: number;
  /** Units scored early because `maxRows` rows were waiting. */
  forced: number;
}

/** Default `maxRows` of live windows and sessions: rows held waiting for their unit to close. */
export const DEFAULT_MAX_LIVE_ROWS = 1_000_000;

/**
 * The rows live cutting holds until their units close (windows) or end
 * (sessions), with the batch each came in: a restart reads the source again
 * from the oldest batch still held. Batches arrive far more often than units
 * close, so the rows are merged lazily, when a unit closes.
 */
export class HeldRows {
  private parts: LogData[] = [];
  /** Per held row, in order, the number of the batch it came in. */
  private batches: number[] = [];
  private held = 0;

  /** Rows held (count). */
  get count(): number {
    return this.held;
  }

  /** Holds `rows`, all of batch number `batch`. */
  add(rows: LogData, batch: number): void {
    const n = rows.line.length;
    if (n === 0) return;
    this.parts.push(rows);
    for (let i = 0; i < n; i++) this.batches.push(batch);
    this.held += n;
  }

  /** Every held row, as one data set in the order they came. */
  all(): LogData {
    return concatLogData(this.parts);
  }

  /**
   * Holds only the rows at `stay` of {@link all}, ascending, and returns them.
   * @param all what `all()` returned, with no `add` since
   */
  keep(all: LogData, stay: readonly number[]): LogData {
    const kept = stay.length === all.line.length ? all : selectLogRows(all, stay);
    this.parts = kept.line.length ? [kept] : [];
    const batches = this.batches;
    this.batches = stay.map((i) => batches[i]);
    this.held = kept.line.length;
    return kept;
  }

  /** The earliest batch a held row came in, or null when none is held: a restart reads again from there. */
  oldestBatch(): number | null {
    let oldest: number | null = null;
    for (const b of this.batches) if (oldest === null || b < oldest) oldest = b;
    return oldest;
  }
}

/**
 * Units cut from a stream as they complete (`LiveWindows`, `LiveSessions`):
 * rows come in batches (`push`), complete units go out, and never more than
 * `maxRows` rows wait, the units that would hold more being closed early.
 */
export abstract class LiveUnits {
  readonly counts: LiveCounts = { lateRows: 0, rowsWithoutUnit: 0, forced: 0 };
  protected readonly rows = new HeldRows();
  protected readonly maxRows: number;

  constructor(maxRows: number | undefined) {
    this.maxRows = maxRows ?? DEFAULT_MAX_LIVE_ROWS;
  }

  /**
   * Adds rows; returns the units that are complete.
   * @param batch the number of the batch the rows came in (increasing)
   */
  abstract push(data: LogData, batch?: number): ClosedUnits[];

  /** End of input: every open unit closes. */
  abstract end(): ClosedUnits[];

  /** Rows waiting for their units to complete. */
  get heldRows(): number {
    return this.rows.count;
  }

  /** The earliest batch a waiting row came in, or null when none waits: a restart reads again from there. */
  oldestBatch(): number | null {
    return this.rows.oldestBatch();
  }

  /** Units closed before they were complete because `maxRows` rows waited: counted in `forced`. */
  protected forced(early: ClosedUnits[]): ClosedUnits[] {
    for (const c of early) this.counts.forced += c.units.names.length;
    return early;
  }
}

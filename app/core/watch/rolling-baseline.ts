import { concatLogData } from '../ingest/log-data-rows.ts';
import { selectLogRows } from '../ingest/log-data-rows.ts';
import type { LogData } from '../ingest/log-data.ts';

/** Rows held at most when only a span is given. */
export const MAX_BASELINE_ROWS = 1_000_000;

/**
 * The recent rows a retrain learns from: the last `lines` rows and/or those
 * within `span` ms of the newest row's time (both when both are given),
 * never more than `MAX_BASELINE_ROWS`. Rows are kept as read (batches of
 * `LogData`), so the retrain sees them exactly as scoring did.
 */
export class RollingBaseline {
  private parts: LogData[] = [];
  private rows = 0;
  private newest = -Infinity;
  private readonly maxRows: number;

  constructor(private readonly options: { lines?: number; span?: number }) {
    this.maxRows = Math.min(options.lines ?? MAX_BASELINE_ROWS, MAX_BASELINE_ROWS);
  }

  get size(): number {
    return this.rows;
  }

  add(data: LogData): void {
    if (data.line.length === 0) return;
    this.parts.push(data);
    this.rows += data.line.length;
    for (const t of data.timestamp) if (t > this.newest) this.newest = t;
    this.trim();
  }

  /** The baseline as one `LogData`, oldest row first. */
  snapshot(): LogData {
    const all = concatLogData(this.parts);
    this.parts = [all];
    return all;
  }

  private trim(): void {
    // Whole batches first, then rows of the oldest one.
    while (this.parts.length > 1 && this.rows - this.parts[0].line.length >= this.maxRows) this.rows -= this.parts.shift()!.line.length;
    if (this.rows > this.maxRows) {
      const first = this.parts[0];
      const drop = this.rows - this.maxRows;
      this.parts[0] = selectLogRows(first, Array.from({ length: first.line.length - drop }, (_, i) => drop + i));
      this.rows = this.maxRows;
    }
    const span = this.options.span;
    if (span === undefined || !Number.isFinite(this.newest)) return;
    const since = this.newest - span;
    // Rows without a time stay: they cannot be placed outside the span.
    while (this.parts.length > 1 && maxTime(this.parts[0]) < since && Number.isFinite(maxTime(this.parts[0]))) this.rows -= this.parts.shift()!.line.length;
    const first = this.parts[0];
    if (first && minTime(first) < since) {
      const keep = Array.from(first.timestamp.keys()).filter((i) => !(first.timestamp[i] < since));
      this.rows -= first.line.length - keep.length;
      this.parts[0] = selectLogRows(first, keep);
    }
  }
}

function maxTime(d: LogData): number {
  let m = -Infinity;
  for (const t of d.timestamp) if (t > m) m = t;
  return m;
}

function minTime(d: LogData): number {
  let m = Infinity;
  for (const t of d.timestamp) if (t < m) m = t;
  return m;
}

import { selectLogRows } from '../ingest/log-data-rows.ts';
import type { LogData } from '../ingest/log-data.ts';
import { LiveSessions, type LiveSessionsState } from './live-sessions.ts';
import type { ClosedUnits, LiveCounts } from './live-units.ts';
import { LiveWindows, type LiveWindowsState } from './live-windows.ts';
import { scoredUnits, type Scorer, type ScoredUnit } from './scorer.ts';

export interface StreamScorerOptions {
  /** Window unit: ms a line may arrive late (default: the spec's `features.lateness`). */
  lateness?: number;
  /** Session unit: ms of log-time quiet that end a session (default: the spec's `features.idle`). */
  idle?: number;
  /** Most rows held for open windows or sessions. */
  maxRows?: number;
  /** A row that could not be scored (its message names file, line and field); the stream goes on. */
  onSkip?: (message: string) => void;
}

/**
 * Scores a stream batch by batch with a fitted spec: lines and table rows as
 * soon as they arrive, windows when they close, sessions when they end (see
 * `LiveWindows`, `LiveSessions`). What it scores equals scoring the
 * complete input at once, unit for unit.
 *
 * A line or row that cannot be scored (a cell that is not a number) is
 * skipped with its message: one bad line must not stop a live detector.
 */
export class StreamScorer {
  private readonly live: LiveWindows | LiveSessions | null;

  constructor(private scorer: Scorer, private readonly options: StreamScorerOptions = {}) {
    const { spec } = scorer;
    const state = spec.features.state!;
    const bounds = { maxRows: options.maxRows };
    this.live = scorer.unit === 'window' ? new LiveWindows(spec.features, state, { ...bounds, lateness: options.lateness })
      : scorer.unit === 'session' ? new LiveSessions(spec.features, state, { ...bounds, idle: options.idle })
      : null;
  }

  /**
   * Scores from now on with another model of the same spec (a retrain):
   * windows and sessions still open are scored by it when they close.
   */
  use(scorer: Scorer): void {
    this.scorer = scorer;
  }

  /** Rows that came too late, had no unit, or units closed early. Zero for line and row units. */
  get counts(): LiveCounts {
    return this.live?.counts ?? { lateRows: 0, rowsWithoutUnit: 0, forced: 0 };
  }

  /** Rows held for open windows or sessions. */
  get heldRows(): number {
    return this.live?.heldRows ?? 0;
  }

  /**
   * Scores what `data` completes: every line or row, or the windows and sessions that closed.
   * @param batch the batch's number (increasing), which `oldestBatch` answers in
   */
  push(data: LogData, batch = 0): ScoredUnit[] {
    if (!this.live) return this.scoreRows(data);
    return this.scoreClosed(this.live.push(data, batch));
  }

  /**
   * The earliest batch whose rows are still held (null: none, as always for
   * lines and rows): a service checkpoints the source position before it, so
   * a restart reads those rows again.
   */
  oldestBatch(): number | null {
    return this.live?.oldestBatch() ?? null;
  }

  /** What a restart needs besides those rows (what was scored already), plain JSON; null for lines and rows. */
  state(): LiveWindowsState | LiveSessionsState | null {
    return this.live?.state() ?? null;
  }

  restore(state: LiveWindowsState | LiveSessionsState | null): void {
    if (!state || !this.live) return;
    if (this.live instanceof LiveWindows) this.live.restore(state as LiveWindowsState);
    else this.live.restore(state as LiveSessionsState);
  }

  /** End of input: scores every window or session still open. */
  end(): ScoredUnit[] {
    return this.live ? this.scoreClosed(this.live.end()) : [];
  }

  private scoreClosed(closed: ClosedUnits[]): ScoredUnit[] {
    return closed.flatMap((c) => scoredUnits(this.scorer.score(c.data, c.units)));
  }

  /** Rows are their own units: a failing batch is halved until the rows that fail are found and skipped. */
  private scoreRows(data: LogData): ScoredUnit[] {
    const n = data.line.length;
    if (n === 0) return [];
    try {
      return scoredUnits(this.scorer.score(data));
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      if (n === 1) {
        this.options.onSkip?.(`${(e as Error).message} (skipped)`);
        return [];
      }
      const half = n >> 1;
      const part = (from: number, to: number) => selectLogRows(data, Array.from({ length: to - from }, (_, i) => from + i));
      return [...this.scoreRows(part(0, half)), ...this.scoreRows(part(half, n))];
    }
  }
}

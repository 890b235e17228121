import type { LogData } from '../../core/ingest/log-data.ts';

/** Rows read, and where reading stands once they are in every sink. */
export interface SourceBatch {
  data: LogData;
  /**
   * The checkpoint after these rows (plain JSON): reading resumes from it
   * after a stop, kill -9 included, neither losing nor repeating a row.
   */
  position: unknown;
}

/**
 * One kind of input of `law watch`, one file each (file, stdin, sql, loki…).
 * A source reads from a checkpoint on, until `signal` aborts (or, for a
 * finite input such as standard input, its end).
 */
export interface WatchSource {
  /** How records name it (`source` of a jsonl record): the file, the table, the query. */
  readonly name: string;
  /** The field holding each row's own key in the source (a SQL id column), for write-back sinks. */
  readonly keyField?: string;
  batches(position: unknown | null, signal: AbortSignal): AsyncIterable<SourceBatch>;
  /**
   * Told after each checkpoint is saved: every row up to `position` (a
   * batch's) is in every sink. A source whose server keeps its place (a
   * JetStream consumer) acknowledges those rows now, never before.
   */
  commit?(position: unknown): Promise<void>;
  /**
   * The server keeps where reading stands (a JetStream durable consumer), so
   * a restart neither resumes from the checkpoint's position nor restores
   * rows held in open windows: their unacknowledged messages come again.
   */
  readonly resumesItself?: boolean;
}

import type { Alert } from '../../core/watch/alert-policy.ts';

/** A scored unit as the sinks get it: the jsonl record's fields, and what write-back needs. */
export interface WatchRecord {
  source: string;
  line: number;
  /** ISO 8601; null when the unit has no time. */
  time: string | null;
  score: number;
  anomaly: boolean;
  text: string;
  /** The model version that scored it. */
  model: number;
  pattern: string;
  host: string | null;
  /** The source's own key of the row (a SQL id, a MongoDB _id), for write-back; null for files. */
  key: string | number | null;
}

/** What one batch sends: every scored unit, and the alerts due. */
export interface SinkBatch {
  records: WatchRecord[];
  alerts: Alert[];
}

/**
 * One kind of output of `law watch`, one file each. `write` resolves only
 * once the sink has the batch for good (written and flushed, committed, or
 * in the on-disk outbox): the service checkpoints the source after that,
 * never before.
 */
export interface WatchSink {
  readonly name: string;
  write(batch: SinkBatch, signal: AbortSignal): Promise<void>;
  /**
   * Where the sink stands (plain JSON), saved in the service's checkpoint
   * with the source position. Units after the checkpoint are read and scored
   * again after a crash, so on restart `rewind` undoes what the sink took
   * after its mark: exactly once, not at least once.
   */
  mark?(): unknown;
  rewind?(mark: unknown): void;
  /** Background work (delivering an outbox) until `signal` aborts. */
  run?(signal: AbortSignal): Promise<void>;
  /** Shutdown: finish what can be finished by `deadline` (ms since the epoch), release connections. */
  close(deadline: number): Promise<void>;
}

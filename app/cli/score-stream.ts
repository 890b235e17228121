import { StreamIngest } from '../core/ingest/stream-ingest.ts';
import type { Format } from '../core/ingest/sniff-format.ts';
import { describeWarning } from '../core/ingest/warnings.ts';
import type { Scorer, ScoredUnit } from '../core/score/scorer.ts';
import { StreamScorer, type StreamScorerOptions } from '../core/score/stream-scorer.ts';
import { DEFAULT_MAX_LIVE_ROWS } from '../core/score/live-units.ts';
import type { FollowEvent } from './follow-file.ts';

export interface ScoreStreamOptions extends Pick<StreamScorerOptions, 'lateness' | 'idle' | 'maxRows'> {
  /** Shown in messages: the file or `stdin`. */
  name: string;
  /** The reader; a fitted spec's training format, so nothing waits to be sniffed. */
  format?: Format | 'auto';
  /** The spec's reader options (`syslogYear`). */
  readerOptions?: Record<string, unknown>;
  /** Receives each batch of scored units, in order. */
  emit: (units: ScoredUnit[]) => void | Promise<void>;
  warn: (s: string) => void;
}

/**
 * Scores a stream of bytes as it comes: each chunk's complete lines are read,
 * scored (lines and rows at once, windows and sessions as they close) and
 * handed to `emit` before the next chunk is read, so memory holds one chunk
 * plus the open windows or sessions, and a slow reader of the output slows
 * the reading (when `emit` waits) instead of filling memory.
 * A `restart` (a rotated or truncated file) ends the file's reading and
 * starts a new one; open windows and sessions carry on across it.
 */
export async function scoreStream(events: AsyncIterable<FollowEvent>, scorer: Scorer, options: ScoreStreamOptions): Promise<void> {
  const { warn } = options;
  const stream = new StreamScorer(scorer, { ...options, onSkip: (m) => warn(`warning: ${m}`) });
  const start = () => new StreamIngest({ fileName: options.name, format: options.format, readerOptions: options.readerOptions });
  let ingest = start();
  let bytes = 0;
  const shown = new Set<string>();
  const report = () => {
    for (const w of ingest.warnings()) {
      if (!shown.has(w.code)) warn(`warning: ${w.message}`);
      shown.add(w.code);
    }
  };
  const finish = async () => {
    // A file that was rotated away before it held a byte has nothing to end.
    if (bytes > 0) {
      const data = ingest.end();
      if (data) await emitAll(stream.push(data));
      for (const w of ingest.warnings()) if (w.count > 1) warn(`warning: ${describeWarning(w)}`);
    }
  };
  const emitAll = async (units: ScoredUnit[]) => {
    if (units.length) await options.emit(units);
  };
  for await (const event of events) {
    if (event.kind === 'restart') {
      await finish();
      warn(`${options.name} was ${event.reason === 'rotated' ? 'rotated (a new file took its name)' : 'truncated'}: reading the new contents from line 1`);
      ingest = start();
      bytes = 0;
      shown.clear();
      continue;
    }
    bytes += event.bytes.length;
    const data = ingest.push(event.bytes);
    report();
    if (data) await emitAll(stream.push(data));
  }
  await finish();
  await emitAll(stream.end());
  const { lateRows, rowsWithoutUnit, forced } = stream.counts;
  const unit = scorer.unit === 'window' ? 'window' : 'session';
  if (lateRows) warn(`warning: ${lateRows} rows came after their ${unit}s were scored (later than features.lateness allows) and were left out`);
  if (rowsWithoutUnit) warn(`warning: ${rowsWithoutUnit} rows ${scorer.unit === 'window' ? 'have no timestamp' : 'have no session id'} and belong to no ${unit}`);
  if (forced) warn(`warning: ${forced} ${unit}s were scored before they closed, to keep at most ${(options.maxRows ?? DEFAULT_MAX_LIVE_ROWS).toLocaleString('en-US')} rows waiting`);
}

/** Byte chunks (standard input, a file) as follow events. */
export async function* bytesOf(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<FollowEvent> {
  for await (const bytes of chunks) yield { kind: 'bytes', bytes };
}

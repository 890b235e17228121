// A restarted trainer's rolling baseline, read back from the stream: the
// lines its durable consumer already acknowledged (so the consumer's next
// messages are not counted twice), from far enough back to fill the
// baseline's `lines` or `span`.
import type { AckPolicy, DeliverPolicy, NatsConnection } from 'nats';
import type { LogData } from '../../core/ingest/log-data.ts';
import type { Format } from '../../core/ingest/sniff-format.ts';
import type { RollingBaseline } from '../../core/watch/rolling-baseline.ts';
import { messageRows } from '../sources/nats-source.ts';

export interface ReplayOptions {
  stream: string;
  subject: string;
  /** The trainer's durable consumer: what it acknowledged is the end of the replay. */
  durable: string;
  /** The baseline's bounds: the last `lines` messages of the stream, or those of the last `spanMs`. */
  lines?: number;
  spanMs?: number;
  format: Format | 'auto' | undefined;
  readerOptions?: Record<string, unknown>;
  /** Messages per fetch. */
  batch?: number;
}

/**
 * Adds to `baseline` the messages of `subject` the trainer's durable consumer
 * has acknowledged, from the last `lines` sequences of the stream (or the
 * last `spanMs`) on; returns how many rows were added (0 on a first start,
 * when the consumer does not exist yet). An ephemeral consumer reads them
 * (no acks) and is deleted after.
 */
export async function replayBaseline(nc: NatsConnection, baseline: RollingBaseline, o: ReplayOptions, name: string): Promise<number> {
  const jsm = await nc.jetstreamManager();
  let upTo: number;
  try {
    upTo = (await jsm.consumers.info(o.stream, o.durable)).ack_floor.stream_seq;
  } catch {
    return 0;
  }
  if (upTo === 0) return 0;
  const first = (await jsm.streams.info(o.stream)).state.first_seq;
  // A stream sequence counts every subject, so the last `lines` sequences hold at most `lines` of this subject.
  const bySeq = o.lines !== undefined ? Math.max(first, upTo - o.lines + 1) : first;
  const config = {
    ack_policy: 'none' as AckPolicy,
    filter_subject: o.subject,
    inactive_threshold: 60_000_000_000, // a minute, in nanoseconds: gone by itself if this process dies
    ...(o.spanMs !== undefined && o.lines === undefined
      ? { deliver_policy: 'by_start_time' as DeliverPolicy, opt_start_time: new Date(Date.now() - o.spanMs).toISOString() }
      : { deliver_policy: 'by_start_sequence' as DeliverPolicy, opt_start_seq: bySeq }),
  };
  const info = await jsm.consumers.add(o.stream, config);
  let added = 0;
  try {
    const consumer = await nc.jetstream().consumers.get(o.stream, info.name);
    for (let done = false; !done; ) {
      const msgs: { data: Uint8Array; seq: number }[] = [];
      for await (const m of await consumer.fetch({ max_messages: o.batch ?? 500, expires: 1000 })) {
        if (m.seq > upTo) {
          done = true;
          break;
        }
        msgs.push({ data: m.data, seq: m.seq });
      }
      if (msgs.length === 0) break;
      const data: LogData = await messageRows(msgs, name, o.format, o.readerOptions);
      baseline.add(data);
      added += data.line.length;
      if (msgs[msgs.length - 1].seq >= upTo) done = true;
    }
  } finally {
    await jsm.consumers.delete(o.stream, info.name).catch(() => {});
  }
  return added;
}

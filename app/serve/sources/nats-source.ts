import type { AckPolicy, Consumer, DeliverPolicy, JsMsg, NatsConnection } from 'nats';
import { readLogs, sourceFromText } from '../../core/ingest/read-logs.ts';
import { IngestError } from '../../core/ingest/ingest-error.ts';
import type { LogData } from '../../core/ingest/log-data.ts';
import type { Format } from '../../core/ingest/sniff-format.ts';
import { retryDelay } from '../../core/watch/backoff.ts';
import { createRandom } from '../../core/random.ts';
import { natsConnection } from '../nats/connection.ts';
import { sleep } from '../sleep.ts';
import type { SourceBatch, WatchSource } from './source.ts';

export interface NatsSourceOptions {
  url: string;
  /** The JetStream stream holding the log lines. */
  stream: string;
  /** The subject (filter) of the lines this consumer takes: `logs.>`, `logs.web-1`. */
  subject: string;
  /** The durable pull consumer every worker of one pool shares. */
  durable: string;
  format: Format | 'auto' | undefined;
  readerOptions?: Record<string, unknown>;
  /** Messages asked for at a time (default 500). */
  batch?: number;
  /** How long a message may stay unacknowledged before JetStream gives it to another worker (default 30 s). */
  ackWaitMs?: number;
  onEvent?: (level: 'info' | 'warn', message: string) => void;
}

/**
 * A JetStream durable pull consumer: any number of `law watch` workers share
 * it, each fetching the next messages (one log line, or one JSON document,
 * each). A message is acknowledged only once its score is in every sink and
 * the worker's checkpoint is saved (`commit`); a worker killed before that
 * leaves its messages unacknowledged, and JetStream hands them to another
 * worker after `ackWaitMs`. Each row's line number is the message's stream
 * sequence, so a redelivered message is the same record again: sinks that
 * keep records by that key (the nats sink, by message id) hold it once.
 *
 * JetStream keeps where the consumer stands, so the service's own position
 * is only this process's batch count (`resumesItself`).
 */
export class NatsSource implements WatchSource {
  readonly name: string;
  readonly resumesItself = true;
  private readonly random = createRandom(1);
  /** Fetched batches not yet acknowledged, by batch number. */
  private readonly pending = new Map<number, JsMsg[]>();
  private nextBatch = 0;
  private nc: NatsConnection | null = null;

  constructor(private readonly o: NatsSourceOptions) {
    this.name = `${o.stream}:${o.subject}`;
  }

  async *batches(_position: unknown, signal: AbortSignal): AsyncGenerator<SourceBatch> {
    let consumer: Consumer | null = null;
    let failures = 0;
    while (!signal.aborted) {
      let msgs: JsMsg[] = [];
      try {
        consumer ??= await this.consumer();
        // A short expiry: a quiet stream costs one request a second, and a stop waits at most that long.
        // With an ack wait near the expiry a message can come again inside one fetch: it is one row, by sequence.
        const bySeq = new Map<number, JsMsg>();
        for await (const m of await consumer.fetch({ max_messages: this.o.batch ?? 500, expires: 1000 })) bySeq.set(m.seq, m);
        msgs = [...bySeq.values()];
        if (failures > 0) this.o.onEvent?.('info', `${this.name}: reading again`);
        failures = 0;
      } catch (e) {
        failures++;
        consumer = null;
        const wait = retryDelay(failures, this.random);
        this.o.onEvent?.('warn', `${this.name}: ${(e as Error).message}; trying again in ${(wait / 1000).toFixed(1)} s`);
        await sleep(wait, signal);
        continue;
      }
      if (msgs.length === 0) continue;
      const data = await this.rows(msgs);
      if (!data) continue;
      const n = this.nextBatch++;
      this.pending.set(n, msgs);
      yield { data, position: n };
    }
  }

  /** Every batch up to `position` is in the sinks: acknowledge its messages, and wait until the server has the acks. */
  async commit(position: unknown): Promise<void> {
    if (typeof position !== 'number' || !this.nc) return;
    let acked = 0;
    for (const [n, msgs] of this.pending) {
      if (n > position) continue;
      for (const m of msgs) m.ack();
      acked += msgs.length;
      this.pending.delete(n);
    }
    if (acked > 0) await this.nc.flush();
  }

  /** The shared durable consumer, made when missing (explicit acks, from the stream's first message, this subject only). */
  private async consumer(): Promise<Consumer> {
    const nc = (this.nc ??= await natsConnection(this.o.url));
    const jsm = await nc.jetstreamManager();
    try {
      await jsm.streams.info(this.o.stream);
    } catch (e) {
      throw new Error(`no JetStream stream "${this.o.stream}" on ${this.o.url} (create it, e.g. nats stream add ${this.o.stream} --subjects '${this.o.subject}'): ${(e as Error).message}`, { cause: e });
    }
    try {
      await jsm.consumers.info(this.o.stream, this.o.durable);
    } catch {
      // Two workers starting at once may both add it: the same config is accepted twice.
      await jsm.consumers.add(this.o.stream, {
        durable_name: this.o.durable,
        // The enums' values, written out: importing them would load the client before it is needed.
        ack_policy: 'explicit' as AckPolicy,
        deliver_policy: 'all' as DeliverPolicy,
        filter_subject: this.o.subject,
        ack_wait: (this.o.ackWaitMs ?? 30_000) * 1_000_000, // nanoseconds
        max_ack_pending: 20_000,
      });
      this.o.onEvent?.('info', `${this.name}: made the durable consumer "${this.o.durable}"`);
    }
    return nc.jetstream().consumers.get(this.o.stream, this.o.durable);
  }

  /**
   * The batch's rows; null when no message gave one. A message that cannot be
   * read (binary, not the spec's format) would otherwise come back to every
   * worker in turn and stop each: it is terminated (JetStream delivers it no
   * more) with a warning naming its stream sequence, and the rest go on.
   */
  private async rows(msgs: JsMsg[]): Promise<LogData | null> {
    try {
      return await messageRows(msgs, this.name, this.o.format, this.o.readerOptions);
    } catch (e) {
      if (!(e instanceof IngestError)) throw e;
    }
    const good: JsMsg[] = [];
    for (const m of msgs) {
      try {
        await messageRows([m], this.name, this.o.format, this.o.readerOptions);
        good.push(m);
      } catch (e) {
        if (!(e instanceof IngestError)) throw e;
        m.term();
        this.o.onEvent?.('warn', `${this.name}: message ${m.seq} cannot be read (${e.message.replace(`${this.name}: `, '')}); it is dropped from the stream's consumer`);
      }
    }
    return good.length ? messageRows(good, this.name, this.o.format, this.o.readerOptions) : null;
  }
}

/**
 * Messages as rows, read as a file of them one per line would be (so a spec
 * trained on a file scores the stream alike); each row's line number is its
 * message's stream sequence. A newline inside a message is a space.
 */
export async function messageRows(msgs: Pick<JsMsg, 'data' | 'seq'>[], name: string, format: Format | 'auto' | undefined, readerOptions?: Record<string, unknown>): Promise<LogData> {
  const decoder = new TextDecoder();
  const text = msgs.map((m) => decoder.decode(m.data).replace(/\r?\n/g, ' ')).join('\n') + '\n';
  const data = await readLogs([sourceFromText(name, text)], { format, readerOptions });
  // Blank messages give no row, so rows are matched to messages by their line in `text`, not by position.
  for (let i = 0; i < data.line.length; i++) data.line[i] = msgs[data.line[i] - 1].seq;
  return data;
}

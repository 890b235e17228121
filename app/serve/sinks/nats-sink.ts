import type { JetStreamClient, NatsConnection, PubAck } from 'nats';
import type { Alert } from '../../core/watch/alert-policy.ts';
import { retryDelay } from '../../core/watch/backoff.ts';
import { createRandom } from '../../core/random.ts';
import { natsConnection } from '../nats/connection.ts';
import { sleep } from '../sleep.ts';
import { jsonlRecord } from './jsonl-sink.ts';
import type { SinkBatch, WatchRecord, WatchSink } from './sink.ts';

/** Publishes in flight at once: enough to fill the pipe, few enough to bound memory. */
const IN_FLIGHT = 1000;

export interface NatsSinkOptions {
  url: string;
  /** Scored units go to `<subject>.units`, alerts to `<subject>.alerts`. */
  subject: string;
  onEvent?: (level: 'info' | 'warn', message: string) => void;
}

/**
 * Scored units and alerts published to JetStream, on subjects of their own
 * (`<subject>.units`: every unit as its jsonl record; `<subject>.alerts`:
 * alerts as the generic webhook gives them), for dashboards and other
 * services to subscribe to. `write` resolves once the stream has stored
 * every message (its publish acknowledgement): a stream must capture the
 * subjects. Each unit's message id is its source and line (a NATS source's
 * stream sequence), so JetStream's duplicate window drops a unit scored again
 * after a worker died between its sinks and its acknowledgement.
 */
export class NatsSink implements WatchSink {
  readonly name: string;
  private readonly random = createRandom(2);
  private js: JetStreamClient | null = null;
  private nc: NatsConnection | null = null;
  /** Messages the stream already had (redelivered units), for the log. */
  duplicates = 0;

  constructor(private readonly o: NatsSinkOptions) {
    this.name = `nats:${o.subject}`;
  }

  async write(batch: SinkBatch, signal: AbortSignal): Promise<void> {
    const messages = [
      ...batch.records.map((r) => ({ subject: `${this.o.subject}.units`, body: jsonlRecord(r), id: unitId(r) })),
      ...batch.alerts.map((a) => ({ subject: `${this.o.subject}.alerts`, body: JSON.stringify(a), id: alertId(a) })),
    ];
    if (messages.length === 0) return;
    let from = 0;
    let failures = 0;
    // Retried from the first message not acknowledged; the ids make a repeat of the ones before harmless.
    while (from < messages.length) {
      try {
        const js = await this.client();
        for (; from < messages.length; from += IN_FLIGHT) {
          const part = messages.slice(from, from + IN_FLIGHT);
          const acks: PubAck[] = await Promise.all(part.map((m) => js.publish(m.subject, m.body, m.id ? { msgID: m.id } : undefined)));
          this.duplicates += acks.filter((a) => a.duplicate).length;
        }
        if (failures > 0) this.o.onEvent?.('info', `${this.name}: publishing again`);
      } catch (e) {
        if (signal.aborted) throw new Error(`${this.name}: stopped before the stream had every message (${(e as Error).message})`, { cause: e });
        failures++;
        const wait = retryDelay(failures, this.random);
        this.o.onEvent?.('warn', `${this.name}: ${(e as Error).message}${/no responders|503/i.test((e as Error).message) ? ` (no JetStream stream captures ${this.o.subject}.>?)` : ''}; trying again in ${(wait / 1000).toFixed(1)} s`);
        await sleep(wait, signal);
      }
    }
  }

  async close(): Promise<void> {
    if (this.duplicates > 0) this.o.onEvent?.('info', `${this.name}: ${this.duplicates} messages were in the stream already (scored again after a redelivery), stored once`);
    // The shared connection is drained once by the service (closeNatsConnections).
    this.js = null;
  }

  private async client(): Promise<JetStreamClient> {
    this.nc ??= await natsConnection(this.o.url);
    return (this.js ??= this.nc.jetstream());
  }
}

/** A unit is one source line: the same message id whichever worker scores it. */
function unitId(r: WatchRecord): string {
  return `unit:${r.source}:${r.line}`;
}

/**
 * An anomaly alert is about one unit, so it is named by that unit (not by the
 * worker's own alert count, which another worker repeats); stall and summary
 * alerts are a worker's own and go without an id.
 */
function alertId(a: Alert): string | undefined {
  return a.kind === 'anomaly' && a.line !== null ? `alert:${a.source}:${a.line}:${a.count}` : undefined;
}

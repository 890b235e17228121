import { alertBody } from '../../core/watch/alert-bodies.ts';
import type { ServiceLog } from '../service-log.ts';
import { Outbox, type OutboxEntry } from './outbox.ts';
import type { SinkBatch, WatchSink } from './sink.ts';

export interface WebhookCounts {
  sent: number;
  failed: number;
}

/**
 * Alerts POSTed as JSON in one of three shapes — `generic`
 * (`{"alerts": [...]}`), `slack` (an incoming webhook's `{"text"}`) or
 * `alertmanager` (Alertmanager's `/api/v2/alerts` list) — through an
 * on-disk outbox: `write` queues durably, delivery retries with backoff.
 */
export class WebhookSink implements WatchSink {
  readonly name: string;
  private readonly outbox: Outbox;

  constructor(
    private readonly url: string,
    private readonly format: 'generic' | 'slack' | 'alertmanager',
    outboxFile: string,
    private readonly detector: string,
    private readonly log: ServiceLog,
    readonly counts: WebhookCounts = { sent: 0, failed: 0 },
  ) {
    this.name = `webhook:${format}:${url}`;
    this.outbox = new Outbox(outboxFile);
  }

  /** Deliveries failed in a row (0 after an accepted one). */
  failStreak = 0;

  get pending(): number {
    return this.outbox.pending;
  }

  /** Three failures in a row: `/healthz` says failing until one is accepted. */
  get failing(): boolean {
    return this.failStreak >= 3;
  }

  mark(): unknown {
    return this.outbox.mark();
  }

  rewind(mark: unknown): void {
    if (typeof mark === 'number') this.outbox.rewind(mark);
  }

  async write(batch: SinkBatch, signal: AbortSignal): Promise<void> {
    await this.outbox.add(batch.alerts, signal);
  }

  run(signal: AbortSignal): Promise<void> {
    return this.outbox.deliver((e) => this.post(e), signal, (ok, entry, error, waitMs) => {
      if (ok) {
        this.counts.sent += entry.alerts.length;
        this.failStreak = 0;
        return;
      }
      this.counts.failed += entry.alerts.length;
      this.failStreak++;
      this.log('warn', `webhook ${this.url}: ${error?.message}; retrying in ${waitMs} ms`, { sink: this.name, pending: this.outbox.pending });
    });
  }

  async close(deadline: number): Promise<void> {
    await this.outbox.drain((e) => this.post(e), deadline);
    if (this.outbox.pending) this.log('warn', `webhook ${this.url}: ${this.outbox.pending} batches of alerts stay in the outbox for the next start`, { sink: this.name });
  }

  private async post(entry: OutboxEntry): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(alertBody(this.format, entry.alerts, this.detector, entry.at)),
      signal: AbortSignal.timeout(10_000),
    });
    // Read the body either way, so the connection is free again.
    const text = await res.text();
    if (!res.ok) throw new Error(`HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  }
}

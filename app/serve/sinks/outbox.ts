import { appendFileSync, closeSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Alert } from '../../core/watch/alert-policy.ts';
import { retryDelay } from '../../core/watch/backoff.ts';
import { createRandom } from '../../core/random.ts';
import { StateDir } from '../state-dir.ts';
import { sleep } from '../sleep.ts';

/** One POST's worth of alerts, numbered in order. */
export interface OutboxEntry {
  seq: number;
  /** ms since the epoch when it was queued (Alertmanager's startsAt). */
  at: number;
  alerts: Alert[];
}

/** Entries held at most; a sink that cannot deliver then holds the pipeline back (reading stops) instead of dropping alerts. */
export const MAX_PENDING = 10_000;
/** Delivered entries kept in the file before it is rewritten without them. */
const COMPACT_AFTER = 1000;

/**
 * An alert's way out, on disk. Alerts are appended (and flushed) before the
 * service checkpoints the rows they came from, then delivered in order,
 * retried with backoff until the receiver accepts them (2xx). The last
 * accepted entry is recorded after each acceptance, so a restart sends only
 * what was never accepted. After a crash the service goes back to its last
 * checkpoint (`rewind`): entries queued since are dropped if undelivered,
 * and if delivered their alert ids are remembered so the same alerts are not
 * queued twice. Each alert is so delivered once — unless the process dies
 * between a receiver's answer and the record of it, when it is delivered
 * once more with the same `id`.
 */
export class Outbox {
  /** Entries in the file, delivered or not, in order. */
  private all: OutboxEntry[] = [];
  private delivered: number;
  private nextSeq: number;
  /** The last entry a service checkpoint vouches for: entries up to it may be compacted away once delivered. */
  private marked = 0;
  private readonly state: StateDir;
  private readonly name: string;
  private readonly cursorName: string;
  /** Alert ids delivered after the checkpoint a restart went back to. */
  private readonly sent = new Set<string>();
  private wake: (() => void) | null = null;
  private room: (() => void)[] = [];
  private readonly random = createRandom(1);

  constructor(private readonly file: string) {
    this.state = new StateDir(dirname(file));
    this.name = basename(file);
    this.cursorName = `${this.name}.cursor`;
    this.delivered = this.state.readJson<{ delivered: number }>(this.cursorName)?.delivered ?? 0;
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    let last = this.delivered;
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const entry = JSON.parse(line) as OutboxEntry;
        this.all.push(entry);
        last = Math.max(last, entry.seq);
      } catch {
        // A line cut by a crash mid-write: its rows were never checkpointed, so they come again.
      }
    }
    this.nextSeq = last + 1;
    this.marked = last;
  }

  /** Entries not yet accepted. */
  get pending(): number {
    let n = 0;
    for (const e of this.all) if (e.seq > this.delivered) n++;
    return n;
  }

  /** The number of the last entry queued: a checkpoint's mark. */
  mark(): number {
    this.marked = this.nextSeq - 1;
    return this.marked;
  }

  /** Back to a checkpoint's mark (see the class comment). */
  rewind(seq: number): void {
    if (this.nextSeq - 1 <= seq) return;
    for (const e of this.all) if (e.seq > seq && e.seq <= this.delivered) for (const a of e.alerts) this.sent.add(a.id);
    this.all = this.all.filter((e) => e.seq <= seq || e.seq <= this.delivered);
    this.rewrite();
  }

  /** Queues alerts durably; waits while the outbox is full (the receiver is down). */
  async add(alerts: Alert[], signal?: AbortSignal): Promise<void> {
    if (this.sent.size) alerts = alerts.filter((a) => !this.sent.has(a.id));
    if (alerts.length === 0) return;
    while (this.pending >= MAX_PENDING && !signal?.aborted) await new Promise<void>((r) => this.room.push(r));
    const entry: OutboxEntry = { seq: this.nextSeq++, at: Date.now(), alerts };
    appendDurably(this.file, JSON.stringify(entry) + '\n');
    this.all.push(entry);
    this.wake?.();
  }

  /**
   * Delivers entries in order until `signal` aborts: `send` resolves when the
   * receiver accepted one, throws to have it retried after a backoff.
   * @param onResult told of each attempt
   */
  async deliver(send: (e: OutboxEntry) => Promise<void>, signal: AbortSignal, onResult: (ok: boolean, entry: OutboxEntry, error?: Error, waitMs?: number) => void): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
      const entry = this.next();
      if (!entry) {
        await new Promise<void>((resolve) => {
          const done = () => {
            signal.removeEventListener('abort', done);
            this.wake = null;
            resolve();
          };
          this.wake = done;
          signal.addEventListener('abort', done, { once: true });
        });
        continue;
      }
      try {
        await send(entry);
        attempt = 0;
        this.accepted(entry);
        onResult(true, entry);
      } catch (e) {
        attempt++;
        const wait = retryDelay(attempt, this.random);
        onResult(false, entry, e as Error, wait);
        await sleep(wait, signal);
      }
    }
  }

  /** On shutdown: sends what is pending while the receiver accepts, until `deadline` (ms since the epoch). */
  async drain(send: (e: OutboxEntry) => Promise<void>, deadline: number): Promise<void> {
    for (let entry = this.next(); entry && Date.now() < deadline; entry = this.next()) {
      try {
        await send(entry);
      } catch {
        return; // still failing: it stays in the outbox for the next start
      }
      this.accepted(entry);
    }
  }

  private next(): OutboxEntry | undefined {
    return this.all.find((e) => e.seq > this.delivered);
  }

  private accepted(entry: OutboxEntry): void {
    this.delivered = entry.seq;
    this.state.writeJson(this.cursorName, { delivered: entry.seq });
    // Delivered entries a checkpoint vouches for are of no more use; the file is rewritten without them now and then.
    const done = this.all.filter((e) => e.seq <= this.delivered && e.seq <= this.marked).length;
    if (done >= COMPACT_AFTER) {
      this.all = this.all.filter((e) => !(e.seq <= this.delivered && e.seq <= this.marked));
      this.rewrite();
    }
    this.room.splice(0).forEach((r) => r());
  }

  private rewrite(): void {
    this.state.writeText(this.name, this.all.map((e) => JSON.stringify(e) + '\n').join(''));
  }
}

function appendDurably(file: string, text: string): void {
  appendFileSync(file, text);
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

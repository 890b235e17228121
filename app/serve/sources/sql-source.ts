import { documentsToLogData } from '../../core/ingest/mongodb-reader.ts';
import { retryDelay } from '../../core/watch/backoff.ts';
import { createRandom } from '../../core/random.ts';
import { connectSql, type SqlClient } from '../sql/sql-client.ts';
import type { SourceBatch, WatchSource } from './source.ts';
import { sleep } from '../sleep.ts';

/** Where polling a table stands: the last id handed on. */
export interface SqlPosition {
  last: string | number | null;
}

export interface SqlSourceOptions {
  url: string;
  table: string;
  /** An increasing column: an auto-increment id or an insertion time. */
  id: string;
  /** ms between polls once the table is read to its end. */
  everyMs: number;
  /** Columns holding the message, host and time (default message, hostname, received_at, as a syslog collector writes them). */
  message?: string;
  host?: string;
  time?: string;
  /** Rows per query at most. */
  limit?: number;
  onEvent?: (level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void;
}

/**
 * A MariaDB/MySQL or PostgreSQL table polled by an increasing column: rows
 * with an id above the last one handed on, in id order, a few thousand at a
 * time, then again every `everyMs`. Each row becomes a row of the log as a
 * MongoDB document would (message, host, time; the other columns fields), so
 * a spec trained on an export scores the table alike. A lost connection is
 * retried with backoff; the position is the last id, so a restart reads on
 * from there.
 */
export class SqlSource implements WatchSource {
  readonly name: string;
  readonly keyField: string;
  private client: SqlClient | null = null;
  private readonly random = createRandom(1);

  constructor(private readonly o: SqlSourceOptions) {
    this.name = o.table;
    this.keyField = o.id;
  }

  async *batches(position: unknown | null, signal: AbortSignal): AsyncGenerator<SourceBatch> {
    let last = (position as SqlPosition | null)?.last ?? null;
    const limit = this.o.limit ?? 5000;
    let failures = 0;
    try {
      while (!signal.aborted) {
        let rows: Record<string, unknown>[];
        try {
          this.client ??= await connectSql(this.o.url);
          const q = this.client.quote;
          const where = last === null ? '' : ` WHERE ${q(this.o.id)} > ?`;
          rows = await this.client.query(`SELECT * FROM ${q(this.o.table)}${where} ORDER BY ${q(this.o.id)} LIMIT ${limit}`, last === null ? [] : [last]);
          if (failures > 0) this.o.onEvent?.('info', `${this.name}: reading again`);
          failures = 0;
        } catch (e) {
          failures++;
          const wait = retryDelay(failures, this.random);
          this.o.onEvent?.('warn', `${this.o.table}: ${(e as Error).message}; retrying in ${wait} ms`);
          await this.client?.close().catch(() => {});
          this.client = null;
          await sleep(wait, signal);
          continue;
        }
        if (rows.length === 0) {
          await sleep(this.o.everyMs, signal);
          continue;
        }
        const raw: unknown = rows[rows.length - 1][this.o.id];
        last = typeof raw === 'bigint' ? Number(raw) : raw instanceof Date ? raw.toISOString() : (raw as string | number);
        const data = documentsToLogData(this.o.table, rows, {
          messageField: this.o.message ?? 'message', hostField: this.o.host ?? 'hostname', timeField: this.o.time ?? 'received_at',
        }, (row, i) => (typeof row[this.o.id] === 'number' ? (row[this.o.id] as number) : i + 1));
        yield { data, position: { last } satisfies SqlPosition };
        // A full page: more are waiting, read on at once.
        if (rows.length < limit) await sleep(this.o.everyMs, signal);
      }
    } finally {
      await this.client?.close().catch(() => {});
      this.client = null;
    }
  }
}

import { MongoClient, type Document } from 'mongodb';
import { documentsToLogData } from '../../core/ingest/mongodb-reader.ts';
import { retryDelay } from '../../core/watch/backoff.ts';
import { createRandom } from '../../core/random.ts';
import { sleep } from '../sleep.ts';
import type { SourceBatch, WatchSource } from './source.ts';

/** Where polling a collection stands: the last value of the increasing field handed on (an ObjectId as hex, a time as ISO). */
export interface MongodbPosition {
  last: { kind: 'objectId' | 'date' | 'value'; value: unknown } | null;
}

export interface MongodbSourceOptions {
  url: string;
  db: string;
  collection: string;
  /** An increasing field: `_id` (ObjectIds grow with time) or an insertion time. */
  id?: string;
  everyMs: number;
  limit?: number;
  onEvent?: (level: 'info' | 'warn', message: string) => void;
}

/**
 * A MongoDB collection polled with the official driver by an increasing
 * field (default `_id`): documents after the last one handed on, in that
 * order, then again every `everyMs`. Documents are read as `law` reads a
 * `mongoexport` file (message, hostname → host, received_at), so a spec
 * trained on an export scores the collection alike.
 */
export class MongodbSource implements WatchSource {
  readonly name: string;
  readonly keyField: string;
  private readonly random = createRandom(1);

  constructor(private readonly o: MongodbSourceOptions) {
    this.name = `${o.db}.${o.collection}`;
    this.keyField = o.id ?? '_id';
  }

  async *batches(position: unknown | null, signal: AbortSignal): AsyncGenerator<SourceBatch> {
    const { ObjectId } = await import('mongodb');
    let last = (position as MongodbPosition | null)?.last ?? null;
    const field = this.keyField;
    const limit = this.o.limit ?? 5000;
    let client: MongoClient | null = null;
    let failures = 0;
    try {
      while (!signal.aborted) {
        let docs: Document[];
        try {
          client ??= await new MongoClient(this.o.url, { serverSelectionTimeoutMS: 10_000 }).connect();
          const after = last === null ? null : last.kind === 'objectId' ? new ObjectId(last.value as string) : last.kind === 'date' ? new Date(last.value as string) : last.value;
          const filter = after === null ? {} : { [field]: { $gt: after } };
          docs = await client.db(this.o.db).collection(this.o.collection).find(filter).sort({ [field]: 1 }).limit(limit).toArray();
          if (failures > 0) this.o.onEvent?.('info', `${this.name}: reading again`);
          failures = 0;
        } catch (e) {
          failures++;
          const wait = retryDelay(failures, this.random);
          this.o.onEvent?.('warn', `${this.name}: ${(e as Error).message}; retrying in ${wait} ms`);
          await client?.close().catch(() => {});
          client = null;
          await sleep(wait, signal);
          continue;
        }
        if (docs.length) {
          const v = docs[docs.length - 1][field];
          last = v instanceof ObjectId ? { kind: 'objectId', value: v.toHexString() } : v instanceof Date ? { kind: 'date', value: v.toISOString() } : { kind: 'value', value: v };
          yield { data: documentsToLogData(this.name, docs as Record<string, unknown>[]), position: { last } satisfies MongodbPosition };
        }
        if (docs.length < limit) await sleep(this.o.everyMs, signal);
      }
    } finally {
      await client?.close().catch(() => {});
    }
  }
}

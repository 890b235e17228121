import { MongoClient, ObjectId, type AnyBulkWriteOperation, type Document } from 'mongodb';
import { addToPattern, flaggedByPattern, groupId } from './pattern-totals.ts';
import type { SinkBatch, WatchRecord, WatchSink } from './sink.ts';

export interface MongodbSinkOptions {
  url: string;
  db: string;
  /** The collection whose documents get their scores (the source's). */
  collection: string;
  /** The collection of flagged patterns, if wanted. */
  aggregate?: string;
}

/**
 * The MongoDB twin of the SQL write-back: `is_anomaly`, `anomaly_score`,
 * `anomaly_model` and `anomaly_group` set on each source document (by its
 * `_id`), and with `aggregate` one document per flagged pattern (`pattern`,
 * `total`, `mean_score`, `mean_time`, `top_host`, `hosts`). Setting scores
 * is the same however often it is done; the aggregate skips documents up to
 * the last key it counted (kept in `law_sink_state`, written after the
 * patterns), so a restart counts nothing twice — unless it dies between
 * those two writes, which a single MongoDB server cannot make one
 * transaction (a replica set could).
 */
export class MongodbSink implements WatchSink {
  readonly name: string;
  private client: MongoClient | null = null;

  constructor(private readonly o: MongodbSinkOptions) {
    this.name = `mongodb:${o.db}.${o.collection}${o.aggregate ? `+${o.aggregate}` : ''}`;
  }

  async write(batch: SinkBatch): Promise<void> {
    const records = batch.records.filter((r) => r.key !== null);
    if (records.length === 0) return;
    this.client ??= await new MongoClient(this.o.url, { serverSelectionTimeoutMS: 10_000 }).connect();
    const db = this.client.db(this.o.db);
    const key = (k: string | number | null) => (typeof k === 'string' && /^[0-9a-f]{24}$/.test(k) ? new ObjectId(k) : k);
    const ops: AnyBulkWriteOperation<Document>[] = records.map((r) => ({
      updateOne: { filter: { _id: key(r.key) as never }, update: { $set: { is_anomaly: r.anomaly, anomaly_score: r.score, anomaly_model: r.model, anomaly_group: r.anomaly ? groupId(r.pattern) : null } } },
    }));
    await db.collection(this.o.collection).bulkWrite(ops, { ordered: false });
    if (this.o.aggregate) await this.aggregate(records);
  }

  async close(): Promise<void> {
    await this.client?.close();
    this.client = null;
  }

  private async aggregate(records: WatchRecord[]): Promise<void> {
    const db = this.client!.db(this.o.db);
    const state = db.collection<{ _id: string; last: string }>('law_sink_state');
    const counted = (await state.findOne({ _id: this.name }))?.last ?? null;
    // Keys are ObjectId hex (time-ordered) or values of the increasing field: text order follows them.
    const fresh = counted === null ? records : records.filter((r) => String(r.key) > counted);
    const agg = db.collection<Document>(this.o.aggregate!);
    for (const [pattern, rs] of flaggedByPattern(fresh)) {
      const old = await agg.findOne({ _id: groupId(pattern) as never });
      const s = addToPattern(old && { total: old.total, scoreSum: old.score_sum, timeSum: old.time_sum, timeCount: old.time_count, hosts: old.hosts ?? {} }, rs);
      await agg.replaceOne({ _id: groupId(pattern) as never }, {
        pattern, total: s.total, mean_score: s.meanScore, mean_time: s.meanTime, top_host: s.topHost,
        hosts: s.hosts, score_sum: s.scoreSum, time_sum: s.timeSum, time_count: s.timeCount,
      }, { upsert: true });
    }
    if (fresh.length) await state.updateOne({ _id: this.name }, { $set: { last: String(fresh[fresh.length - 1].key) } }, { upsert: true });
  }
}

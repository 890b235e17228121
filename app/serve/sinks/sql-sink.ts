import { connectSql, type Query, type SqlClient } from '../sql/sql-client.ts';
import { addToPattern, flaggedByPattern, groupId } from './pattern-totals.ts';
import type { SinkBatch, WatchRecord, WatchSink } from './sink.ts';

export interface SqlSinkOptions {
  /** The source's database. */
  url: string;
  /** The table whose rows get their scores (the source table). */
  table: string;
  /** Its id column. */
  id: string;
  /** The table of flagged patterns, if wanted. */
  aggregate?: string;
}

/**
 * Writes scores back to the rows they came from — `is_anomaly`,
 * `anomaly_score`, `anomaly_model` and `anomaly_group` (the id of the row's
 * pattern in the aggregate table: the link from a row to its group) — and,
 * with `aggregate`, keeps a table of flagged patterns as a multi-host syslog
 * aggregator shows them: the message with `***` for its variable parts, how
 * many rows, their mean time and mean score, and the most frequent host.
 *
 * The columns and tables are created when missing. Each batch is one
 * transaction. Setting a row's score is the same however often it is done;
 * the aggregate counts each row once, because the last id it counted is
 * kept in the same transaction (`law_sink_state`) and rows up to it are
 * skipped when a restart scores them again.
 */
export class SqlSink implements WatchSink {
  readonly name: string;
  private client: SqlClient | null = null;

  constructor(private readonly o: SqlSinkOptions) {
    this.name = `sql:${o.table}${o.aggregate ? `+${o.aggregate}` : ''}`;
  }

  async write(batch: SinkBatch): Promise<void> {
    const records = batch.records.filter((r) => r.key !== null);
    if (records.length === 0) return;
    const client = await this.connect();
    const q = client.quote;
    await client.transaction(async (query) => {
      for (const r of records) {
        await query(
          `UPDATE ${q(this.o.table)} SET is_anomaly = ?, anomaly_score = ?, anomaly_model = ?, anomaly_group = ? WHERE ${q(this.o.id)} = ?`,
          [r.anomaly, r.score, r.model, r.anomaly ? groupId(r.pattern) : null, r.key],
        );
      }
      if (this.o.aggregate) await this.aggregate(query, records);
    });
  }

  async close(): Promise<void> {
    await this.client?.close();
    this.client = null;
  }

  private async connect(): Promise<SqlClient> {
    if (this.client) return this.client;
    const client = await connectSql(this.o.url);
    const q = client.quote;
    const mysql = client.dialect === 'mysql';
    const time = mysql ? 'DATETIME(3)' : 'TIMESTAMPTZ';
    await client.query(`ALTER TABLE ${q(this.o.table)} ${[
      `ADD COLUMN IF NOT EXISTS is_anomaly BOOLEAN NULL`,
      `ADD COLUMN IF NOT EXISTS anomaly_score DOUBLE PRECISION NULL`,
      `ADD COLUMN IF NOT EXISTS anomaly_model INTEGER NULL`,
      `ADD COLUMN IF NOT EXISTS anomaly_group CHAR(40) NULL`,
    ].join(', ')}`);
    if (this.o.aggregate) {
      await client.query(`CREATE TABLE IF NOT EXISTS ${q(this.o.aggregate)} (
        id CHAR(40) PRIMARY KEY, pattern TEXT NOT NULL, total INTEGER NOT NULL, mean_score DOUBLE PRECISION NOT NULL,
        mean_time ${time} NULL, top_host VARCHAR(255) NULL, score_sum DOUBLE PRECISION NOT NULL, time_sum DOUBLE PRECISION NOT NULL,
        time_count INTEGER NOT NULL, hosts TEXT NOT NULL, first_id VARCHAR(255) NOT NULL, last_id VARCHAR(255) NOT NULL)`);
      await client.query(`CREATE TABLE IF NOT EXISTS law_sink_state (sink VARCHAR(255) PRIMARY KEY, last_key VARCHAR(255) NOT NULL)`);
    }
    this.client = client;
    return client;
  }

  /** Adds the flagged records the aggregate has not counted yet, pattern by pattern, in this transaction. */
  private async aggregate(query: Query, records: WatchRecord[]): Promise<void> {
    const q = this.client!.quote;
    // Both dialects lock the rows read, so two services on one table cannot count a pattern twice.
    const lock = ' FOR UPDATE';
    const stateRows = await query(`SELECT last_key FROM law_sink_state WHERE sink = ?${lock}`, [this.name]);
    const counted = stateRows.length ? JSON.parse(stateRows[0].last_key as string) as string | number : null;
    const fresh = counted === null ? records : records.filter((r) => after(r.key!, counted));
    if (fresh.length === 0) return;
    for (const [pattern, rs] of flaggedByPattern(fresh)) {
      const id = groupId(pattern);
      const old = (await query(`SELECT * FROM ${q(this.o.aggregate!)} WHERE id = ?${lock}`, [id]))[0];
      const s = addToPattern(old ? {
        total: Number(old.total), scoreSum: Number(old.score_sum), timeSum: Number(old.time_sum), timeCount: Number(old.time_count), hosts: JSON.parse(old.hosts as string),
      } : null, rs);
      const values = [
        pattern, s.total, s.meanScore, s.meanTime, s.topHost, s.scoreSum, s.timeSum, s.timeCount, JSON.stringify(s.hosts),
        String(old ? old.first_id : rs[0].key), String(rs[rs.length - 1].key), id,
      ];
      if (old) {
        await query(`UPDATE ${q(this.o.aggregate!)} SET pattern = ?, total = ?, mean_score = ?, mean_time = ?, top_host = ?, score_sum = ?, time_sum = ?, time_count = ?, hosts = ?, first_id = ?, last_id = ? WHERE id = ?`, values);
      } else {
        await query(`INSERT INTO ${q(this.o.aggregate!)} (pattern, total, mean_score, mean_time, top_host, score_sum, time_sum, time_count, hosts, first_id, last_id, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, values);
      }
    }
    const last = JSON.stringify(fresh[fresh.length - 1].key);
    if (stateRows.length) await query(`UPDATE law_sink_state SET last_key = ? WHERE sink = ?`, [last, this.name]);
    else await query(`INSERT INTO law_sink_state (sink, last_key) VALUES (?, ?)`, [this.name, last]);
  }
}

/** Whether a row key comes after another, as the source orders its ids (numbers as numbers). */
function after(key: string | number, than: string | number): boolean {
  if (typeof key === 'number' && typeof than === 'number') return key > than;
  const a = Number(key), b = Number(than);
  if (Number.isFinite(a) && Number.isFinite(b)) return a > b;
  return String(key) > String(than);
}

import mysql from 'mysql2/promise';
import pg from 'pg';

/** A query runner over one dialect: `?` placeholders everywhere, translated for PostgreSQL. */
export type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** MariaDB/MySQL or PostgreSQL, behind the few operations `law watch` needs. */
export interface SqlClient {
  readonly dialect: 'mysql' | 'postgres';
  query: Query;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (q: Query) => Promise<T>): Promise<T>;
  /** A table or column name quoted for the dialect (names are checked to be plain when the spec is read). */
  quote(name: string): string;
  close(): Promise<void>;
}

/**
 * Connects by URL: `mysql://` or `mariadb://` (mysql2), `postgres://` or
 * `postgresql://` (pg). Times are read and written as UTC.
 */
export async function connectSql(url: string): Promise<SqlClient> {
  if (/^(mysql|mariadb):\/\//.test(url)) return mysqlClient(url.replace(/^mariadb:/, 'mysql:'));
  if (/^postgres(ql)?:\/\//.test(url)) return postgresClient(url);
  throw new Error(`${url}: not a mysql://, mariadb:// or postgres:// URL`);
}

function mysqlClient(uri: string): SqlClient {
  const pool = mysql.createPool({ uri, timezone: 'Z', connectionLimit: 2, supportBigNumbers: true });
  const run = (c: mysql.Pool | mysql.PoolConnection): Query => async (sql, params = []) => {
    const [rows] = await c.query(sql, params);
    return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
  };
  return {
    dialect: 'mysql',
    query: run(pool),
    async transaction(work) {
      const c = await pool.getConnection();
      try {
        await c.beginTransaction();
        const out = await work(run(c));
        await c.commit();
        return out;
      } catch (e) {
        await c.rollback().catch(() => {});
        throw e;
      } finally {
        c.release();
      }
    },
    quote: (name) => `\`${name}\``,
    close: () => pool.end(),
  };
}

function postgresClient(connectionString: string): SqlClient {
  const pool = new pg.Pool({ connectionString, max: 2 });
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  const run = (c: pg.Pool | pg.PoolClient): Query => async (sql, params = []) => (await c.query(numbered(sql), params)).rows;
  return {
    dialect: 'postgres',
    query: run(pool),
    async transaction(work) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const out = await work(run(c));
        await c.query('COMMIT');
        return out;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        c.release();
      }
    },
    quote: (name) => `"${name}"`,
    close: () => pool.end(),
  };
}

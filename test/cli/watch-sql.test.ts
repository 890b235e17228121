// The multi-host syslog flow against a real MariaDB: rows arrive in a table,
// `law watch` polls it, scores each row with one model per host (LOF +
// autoencoder over averaged word vectors, rank-mean ensemble), writes
// is_anomaly and anomaly_score back to the row, and keeps a table of
// flagged patterns (*** for the variable parts, total, mean time, mean
// score, most frequent host) that the rows link to. Killed with SIGKILL once
// on the way: every row is scored once and counted once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { law, tempFolder } from './cli-helpers.ts';
import { sleep, startWatch } from './watch-helpers.ts';

const start = (spec: string) => startWatch(spec, dir);
import { MARIADBD, startMariaDb, type MariaDb } from '../servers/mariadb.ts';
import { generateSyslogHosts } from '../../datasets/syslog-hosts/generate.ts';
import { postgresBin, startPostgres } from '../servers/postgres.ts';
import pg from 'pg';

/** New syslog documents (another seed than the training file), without their labels. */
function newDocs(count: number, seed: number) {
  return generateSyslogHosts({ count, seed }).split('\n').filter(Boolean).map((l) => {
    const { _id, label: _label, ...doc } = JSON.parse(l);
    return { ...doc, received_at: doc.received_at.$date as string } as { message: string; hostname: string; program: string; severity: string; received_at: string };
  });
}

/** law score on the same documents, written as a mongoexport file. */
async function lawScores(docs: ReturnType<typeof newDocs>, name: string, model = MODEL()): Promise<{ score: number; anomaly: boolean }[]> {
  const file = write(name, docs.map((d) => JSON.stringify({ ...d, received_at: { $date: d.received_at } })).join('\n') + '\n');
  return (await law('score', '--config', model, file)).out.map((l) => JSON.parse(l));
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const { dir, write } = tempFolder();
const have = existsSync(MARIADBD);
if (!have) console.log(`SKIPPED the MariaDB flow: ${MARIADBD} is not installed (apt-get install mariadb-server; npm test installs it as root)`);

const pgBin = postgresBin();
if (!pgBin) console.log('SKIPPED the PostgreSQL flow: PostgreSQL is not installed (apt-get install postgresql; npm test installs it as root)');

let db: MariaDb;
/** The example of the README's "Running in production", as a user would start it; trained by law watch at its first start. */
const example = JSON.parse(readFileSync(join(root, 'experiments/watch/syslog-mariadb.json'), 'utf8'));
const exampleDir = join(root, 'experiments/watch');
/** The example pointed at a test database and state folder, its training data found from anywhere. */
function exampleSpec(name: string, url: string, state: string): string {
  return write(name, {
    ...example,
    source: { ...example.source, path: join(exampleDir, example.source.path) },
    deploy: { ...example.deploy, source: { ...example.deploy.source, url, every: '300ms' }, state, watchdog: undefined, metrics: undefined, retrain: undefined },
  });
}
/** The model the first start trained, which law score compares against. */
const MODEL = () => join(dir, 'sql-state/models/v000001.json');
beforeAll(async () => {
  if (have) db = await startMariaDb();
}, 60_000);
afterAll(async () => {
  await db?.stop();
});


describe.runIf(have)('law watch on a MariaDB table: rows in, scores and the aggregate table out', () => {
  it('writes is_anomaly and anomaly_score on every row as law score scores the same documents, and aggregates the flagged ones once each', async () => {
    // New syslog documents (another seed than the training file), without their labels.
    const docs = newDocs(2000, 7);
    const c = await mysql.createConnection({ uri: db.url, timezone: 'Z' });
    await c.query(`CREATE TABLE syslog (id INT AUTO_INCREMENT PRIMARY KEY, message TEXT NOT NULL, hostname VARCHAR(64), program VARCHAR(64), severity VARCHAR(16), received_at DATETIME(3))`);
    const insert = (rows: typeof docs) => c.query('INSERT INTO syslog (message, hostname, program, severity, received_at) VALUES ?', [rows.map((d) => [d.message, d.hostname, d.program, d.severity, new Date(d.received_at)])]);
    await insert(docs.slice(0, 1000));
    const spec = exampleSpec('syslog-sql.json', db.url, join(dir, 'sql-state'));
    const scored = async () => Number(((await c.query('SELECT COUNT(*) AS n FROM syslog WHERE is_anomaly IS NOT NULL')) as [{ n: number }[], unknown])[0][0].n);
    const until = async (what: string, ok: () => Promise<boolean>, ms = 60_000) => {
      const deadline = Date.now() + ms;
      while (!(await ok())) {
        if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
        await sleep(100);
      }
    };
    let p = start(spec);
    const hasColumns = async () => ((await c.query("SHOW COLUMNS FROM syslog LIKE 'is_anomaly'")) as [unknown[], unknown])[0].length > 0;
    // The first start trains the example on its sample (about 20 s), then scores.
    await until('the first rows scored', async () => (await hasColumns()) && (await scored()) === 1000, 120_000);
    // The rest arrives 100 rows at a time; the service is killed once some of it is scored.
    const inserting = (async () => {
      for (let i = 1000; i < 2000; i += 100) {
        await insert(docs.slice(i, i + 100));
        await sleep(150);
      }
    })();
    await until('more rows scored', async () => (await scored()) > 1000);
    process.kill(p.child.pid!, 'SIGKILL');
    await p.exited;
    const atKill = await scored();
    p = start(spec);
    await inserting;
    await until('every row scored', async () => (await scored()) === 2000);
    await until('the restarted service running', async () => p.log().includes('scoring with model version'));
    await sleep(500);
    process.kill(p.child.pid!, 'SIGTERM');
    expect(await p.exited).toBe(0);

    // The same documents scored by law score from a mongoexport-style file.
    const expected = await lawScores(docs, 'new-docs.jsonl');
    const [rows] = (await c.query('SELECT id, is_anomaly, anomaly_score, anomaly_model, anomaly_group FROM syslog ORDER BY id')) as [{ id: number; is_anomaly: number; anomaly_score: number; anomaly_model: number; anomaly_group: string | null }[], unknown];
    expect(rows).toHaveLength(2000);
    let worst = 0;
    rows.forEach((r, i) => (worst = Math.max(worst, Math.abs(r.anomaly_score - expected[i].score))));
    expect(worst).toBeLessThanOrEqual(1e-12);
    expect(rows.map((r) => r.is_anomaly === 1)).toEqual(expected.map((e) => e.anomaly));
    expect(new Set(rows.map((r) => r.anomaly_model))).toEqual(new Set([1]));
    const flagged = rows.filter((r) => r.is_anomaly === 1);
    expect(flagged.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.is_anomaly !== 1).every((r) => r.anomaly_group === null)).toBe(true);

    // The aggregate: every flagged row counted once (none twice after the kill), linked from its row, with the most frequent host.
    const [groups] = (await c.query('SELECT id, pattern, total, mean_score, mean_time, top_host FROM syslog_anomalies ORDER BY total DESC')) as [{ id: string; pattern: string; total: number; mean_score: number; mean_time: Date; top_host: string }[], unknown];
    expect(groups.reduce((s, g) => s + g.total, 0)).toBe(flagged.length);
    const [links] = (await c.query('SELECT a.id AS id, COUNT(*) AS n, AVG(s.anomaly_score) AS mean FROM syslog s JOIN syslog_anomalies a ON s.anomaly_group = a.id GROUP BY a.id')) as [{ id: string; n: number; mean: number }[], unknown];
    for (const g of groups) {
      const link = links.find((l) => l.id === g.id)!;
      expect(Number(link.n), g.pattern).toBe(g.total);
      expect(Math.abs(Number(link.mean) - g.mean_score)).toBeLessThan(1e-9);
      const [hosts] = (await c.query('SELECT hostname, COUNT(*) AS n FROM syslog WHERE anomaly_group = ? GROUP BY hostname ORDER BY n DESC, hostname', [g.id])) as [{ hostname: string }[], unknown];
      expect(g.top_host).toBe(hosts[0].hostname);
    }
    expect(groups.some((g) => g.pattern.includes('***'))).toBe(true);
    console.log(`MariaDB flow: 2000 rows, killed with ${atKill} scored; ${flagged.length} flagged in ${groups.length} patterns, largest ${groups[0].total} × "${groups[0].pattern.slice(0, 60)}" (top host ${groups[0].top_host})`);
    await c.end();
  }, 240_000);
});

describe.runIf(pgBin !== null)('law watch on a PostgreSQL table', () => {
  it('reads the rows by id and writes the scores back as law score scores them, with the aggregate', async () => {
    const server = await startPostgres();
    const c = new pg.Client({ connectionString: server.url });
    try {
      await c.connect();
      await c.query('CREATE TABLE syslog (id SERIAL PRIMARY KEY, message TEXT NOT NULL, hostname TEXT, program TEXT, severity TEXT, received_at TIMESTAMPTZ)');
      const docs = newDocs(800, 11);
      for (const d of docs) await c.query('INSERT INTO syslog (message, hostname, program, severity, received_at) VALUES ($1, $2, $3, $4, $5)', [d.message, d.hostname, d.program, d.severity, d.received_at]);
      // The model kept by the MariaDB run is the one this service goes on with (no training again), as after a move.
      if (existsSync(MODEL())) {
        mkdirSync(join(dir, 'pg-state/models'), { recursive: true });
        copyFileSync(MODEL(), join(dir, 'pg-state/models/v000001.json'));
      }
      const spec = exampleSpec('syslog-pg.json', server.url, join(dir, 'pg-state'));
      const p = start(spec);
      const deadline = Date.now() + 120_000;
      const scored = async () => {
        try {
          return Number((await c.query('SELECT COUNT(*) AS n FROM syslog WHERE is_anomaly IS NOT NULL')).rows[0].n);
        } catch {
          return 0; // the column is not there yet
        }
      };
      while ((await scored()) < 800) {
        if (Date.now() > deadline) throw new Error(`only ${await scored()} of 800 rows scored after 60 s: ${p.log()}`);
        await sleep(200);
      }
      while (!p.log().includes('scoring with model version')) await sleep(50);
      process.kill(p.child.pid!, 'SIGTERM');
      expect(await p.exited).toBe(0);
      const expected = await lawScores(docs, 'pg-docs.jsonl', join(dir, 'pg-state/models/v000001.json'));
      const rows = (await c.query('SELECT is_anomaly, anomaly_score FROM syslog ORDER BY id')).rows as { is_anomaly: boolean; anomaly_score: number }[];
      let worst = 0;
      rows.forEach((r, i) => (worst = Math.max(worst, Math.abs(r.anomaly_score - expected[i].score))));
      expect(worst).toBeLessThanOrEqual(1e-12);
      expect(rows.map((r) => r.is_anomaly)).toEqual(expected.map((e) => e.anomaly));
      const total = Number((await c.query('SELECT COALESCE(SUM(total), 0) AS t FROM syslog_anomalies')).rows[0].t);
      expect(total).toBe(expected.filter((e) => e.anomaly).length);
      console.log(`PostgreSQL flow: 800 rows, ${total} flagged and aggregated`);
    } finally {
      await c.end().catch(() => {});
      await server.stop();
    }
  }, 120_000);
});

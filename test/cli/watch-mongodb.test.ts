// The syslog flow on MongoDB: documents in a collection, scores written back
// to them, flagged patterns in a second collection. MongoDB cannot be
// installed on this machine (not in Debian); the test runs where a `mongod`
// is on PATH and says so where it is not.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { law, tempFolder } from './cli-helpers.ts';
import { ROOT, startWatch, until } from './watch-helpers.ts';
import { freePort } from '../servers/server-process.ts';
import { generateSyslogHosts } from '../../datasets/syslog-hosts/generate.ts';

const mongod = spawnSync('sh', ['-c', 'command -v mongod'], { encoding: 'utf8' }).stdout.trim();
if (!mongod) console.log('SKIPPED the MongoDB flow: no mongod on PATH (MongoDB is not in Debian; install it from mongodb.com to run this test)');
const { dir, write } = tempFolder();

describe.runIf(mongod !== '')('law watch on a MongoDB collection', () => {
  it('scores new documents as law score scores the export, writes them back and aggregates the flagged ones', async () => {
    const data = mkdtempSync(join(tmpdir(), 'law-mongod-'));
    const port = await freePort();
    const server = spawn(mongod, ['--dbpath', data, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet'], { stdio: 'ignore' });
    const url = `mongodb://127.0.0.1:${port}`;
    const client = new MongoClient(url);
    try {
      await until('mongod up', async () => client.connect().then(() => true, () => false), 30_000);
      const docs = generateSyslogHosts({ count: 600, seed: 9 }).split('\n').filter(Boolean).map((l) => {
        const { _id, label: _label, ...d } = JSON.parse(l);
        return { ...d, received_at: new Date(d.received_at.$date) };
      });
      await client.db('logs').collection('syslog').insertMany(docs);
      const example = JSON.parse(readFileSync(join(ROOT, 'experiments/watch/syslog-mariadb.json'), 'utf8'));
      const spec = write('mongo.json', {
        ...example,
        source: { ...example.source, path: join(ROOT, 'experiments/watch', example.source.path) },
        deploy: { source: { kind: 'mongodb', url, db: 'logs', collection: 'syslog', every: '300ms' }, sinks: [{ kind: 'mongodb', aggregate: 'syslog_anomalies' }], state: join(dir, 'mongo-state') },
      });
      const p = startWatch(spec, dir);
      const scored = () => client.db('logs').collection('syslog').countDocuments({ is_anomaly: { $ne: null, $exists: true } });
      await until('every document scored', async () => (await scored()) === 600, 180_000);
      process.kill(p.child.pid!, 'SIGTERM');
      expect(await p.exited).toBe(0);
      const file = write('mongo-docs.jsonl', docs.map((d) => JSON.stringify({ ...d, received_at: { $date: d.received_at.toISOString() } })).join('\n') + '\n');
      const expected = (await law('score', '--config', join(dir, 'mongo-state/models/v000001.json'), file)).out.map((l) => JSON.parse(l));
      const got = await client.db('logs').collection('syslog').find({}).sort({ _id: 1 }).toArray();
      got.forEach((d, i) => expect(Math.abs((d.anomaly_score as number) - expected[i].score)).toBeLessThanOrEqual(1e-12));
      const totals = await client.db('logs').collection('syslog_anomalies').find({}).toArray();
      expect(totals.reduce((s, g) => s + (g.total as number), 0)).toBe(expected.filter((e) => e.anomaly).length);
    } finally {
      await client.close().catch(() => {});
      server.kill('SIGTERM');
      rmSync(data, { recursive: true, force: true });
    }
  }, 240_000);
});

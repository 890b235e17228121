import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ANOMALY_HOSTS,
  ANOMALY_KINDS,
  HOSTS,
  SMALL_HOST,
  SYSLOG_HOSTS_LINE_RE,
  generateSyslogHosts,
} from '../../datasets/syslog-hosts/generate.ts';
import { readLogs, sourceFromText } from '../../app/core/ingest/read-logs.ts';

const committedPath = fileURLToPath(new URL('../../datasets/syslog-hosts/syslog-hosts-5k.jsonl', import.meta.url));

interface Doc {
  _id: { $oid: string };
  message: string;
  hostname: string;
  program: string;
  severity: string;
  received_at: { $date: string };
  label: string;
}

function docs(text: string): Doc[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n').map((l) => {
    expect(SYSLOG_HOSTS_LINE_RE.test(l), l).toBe(true);
    return JSON.parse(l) as Doc;
  });
}

function anomalyShare(text: string): number {
  const d = docs(text);
  return d.filter((x) => x.label !== 'normal').length / d.length;
}

describe('generateSyslogHosts', () => {
  const text = generateSyslogHosts({ count: 5000, seed: 42 });
  const all = docs(text);

  it('reproduces the committed syslog-hosts-5k.jsonl byte for byte', () => {
    expect(text === readFileSync(committedPath, 'utf8')).toBe(true);
  });

  it('gives the same text for the same seed and a different one for another seed', () => {
    expect(generateSyslogHosts({ count: 1000, seed: 7 })).toBe(generateSyslogHosts({ count: 1000, seed: 7 }));
    expect(generateSyslogHosts({ count: 1000, seed: 8 })).not.toBe(generateSyslogHosts({ count: 1000, seed: 7 }));
  });

  it('has LF line endings, a final newline and exactly the requested number of documents', () => {
    expect(all).toHaveLength(5000);
    expect(text.includes('\r')).toBe(false);
    expect(generateSyslogHosts({ count: 0, seed: 1 })).toBe('');
  });

  it('injects 2-4 % anomalies, every kind present, each on its own host', () => {
    const share = anomalyShare(text);
    expect(share).toBeGreaterThanOrEqual(0.02);
    expect(share).toBeLessThanOrEqual(0.04);
    for (const kind of ANOMALY_KINDS) {
      const of = all.filter((x) => x.label === kind);
      expect(of.length).toBeGreaterThan(5);
      for (const x of of) expect(x.hostname).toBe(ANOMALY_HOSTS[kind]);
    }
    for (const seed of [1, 2, 3]) {
      const s = anomalyShare(generateSyslogHosts({ count: 5000, seed }));
      expect(s).toBeGreaterThanOrEqual(0.02);
      expect(s).toBeLessThanOrEqual(0.04);
    }
  });

  it('has eight hosts, one of them too small to train a model of its own', () => {
    const per = new Map<string, number>();
    for (const x of all) per.set(x.hostname, (per.get(x.hostname) ?? 0) + 1);
    expect([...per.keys()].sort()).toEqual(HOSTS.map((h) => h.name).sort());
    for (const [host, n] of per) {
      if (host === SMALL_HOST) {
        expect(n).toBeGreaterThan(0);
        expect(n).toBeLessThan(20);
      } else {
        expect(n).toBeGreaterThan(200);
      }
    }
    for (const seed of [1, 2, 3]) {
      const n = docs(generateSyslogHosts({ count: 10_000, seed })).filter((x) => x.hostname === SMALL_HOST).length;
      expect(n).toBeLessThan(20);
    }
  });

  it('uses role-specific programs', () => {
    const programs = (prefix: string) => new Set(all.filter((x) => x.hostname.startsWith(prefix) && x.label === 'normal').map((x) => x.program));
    expect(programs('web').has('nginx')).toBe(true);
    expect(programs('web').has('postgres')).toBe(false);
    expect(programs('db').has('postgres')).toBe(true);
    expect(programs('db').has('nginx')).toBe(false);
    expect(programs('cache').has('redis-server')).toBe(true);
    for (const p of ['web', 'db', 'cache']) for (const common of ['sshd', 'CRON']) expect(programs(p).has(common)).toBe(true);
  });

  it('writes ObjectIds and times in order, as mongoexport would', () => {
    const ids = new Set(all.map((x) => x._id.$oid));
    expect(ids.size).toBe(all.length);
    expect(all[0].received_at.$date).toBe('2026-03-02T10:00:00.000Z');
    let prev = -Infinity;
    for (const x of all) {
      const ms = Date.parse(x.received_at.$date);
      expect(ms).toBeGreaterThanOrEqual(prev);
      prev = ms;
      expect(parseInt(x._id.$oid.slice(0, 8), 16)).toBe(Math.floor(ms / 1000));
    }
  });

  it('is read by the workbench as MongoDB documents with a host field', async () => {
    const data = await readLogs([sourceFromText('syslog-hosts-5k.jsonl', readFileSync(committedPath, 'utf8'))]);
    expect(data.files[0].format).toBe('mongodb');
    expect(data.files[0].rows).toBe(5000);
    expect(data.messageField[0]).toBe('message');
    expect('host' in data.fields).toBe(true);
    expect(Array.from(data.timestamp).some(Number.isNaN)).toBe(false);
  });

  it('rejects bad options', () => {
    expect(() => generateSyslogHosts({ count: -1, seed: 1 })).toThrow(/count/);
    expect(() => generateSyslogHosts({ count: 10, seed: 1, start: 'soon' })).toThrow(/start/);
  });
});

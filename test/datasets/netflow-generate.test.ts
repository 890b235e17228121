import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ANOMALY_KINDS,
  LOKI_STREAM,
  NETFLOW_LINE_RE,
  generateNetflow,
  generateNetflowLoki,
  netflowToLoki,
} from '../../datasets/netflow/generate.ts';
import { readLogs, sourceFromText } from '../../app/core/ingest/read-logs.ts';

const dir = new URL('../../datasets/netflow/', import.meta.url);
const committedLogfmt = fileURLToPath(new URL('netflow-5k.logfmt', dir));
const committedLoki = fileURLToPath(new URL('netflow-5k.loki.json', dir));

interface Flow {
  ms: number;
  src: string;
  dst: string;
  port: number;
  proto: string;
  bytes: number;
  label: string;
}

function linesOf(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

function flows(text: string): Flow[] {
  return linesOf(text).map((l) => {
    const m = NETFLOW_LINE_RE.exec(l);
    expect(m, l).not.toBeNull();
    return { ms: Date.parse(m![1]), src: m![2], dst: m![3], port: Number(m![4]), proto: m![5], bytes: Number(m![6]), label: m![9] };
  });
}

function anomalyShare(text: string): number {
  const f = flows(text);
  return f.filter((x) => x.label !== 'normal').length / f.length;
}

describe('generateNetflow', () => {
  const text = generateNetflow({ count: 5000, seed: 42 });
  const all = flows(text);

  it('reproduces the committed netflow-5k.logfmt and netflow-5k.loki.json byte for byte', () => {
    expect(text === readFileSync(committedLogfmt, 'utf8')).toBe(true);
    expect(generateNetflowLoki({ count: 5000, seed: 42 }) === readFileSync(committedLoki, 'utf8')).toBe(true);
  });

  it('gives the same text for the same seed and a different one for another seed', () => {
    expect(generateNetflow({ count: 1000, seed: 7 })).toBe(generateNetflow({ count: 1000, seed: 7 }));
    expect(generateNetflow({ count: 1000, seed: 8 })).not.toBe(generateNetflow({ count: 1000, seed: 7 }));
    expect(text.startsWith(generateNetflow({ count: 300, seed: 42 }))).toBe(true);
  });

  it('has LF line endings, a final newline and exactly the requested number of lines', () => {
    expect(all).toHaveLength(5000);
    expect(text.includes('\r')).toBe(false);
    expect(generateNetflow({ count: 0, seed: 1 })).toBe('');
    expect(generateNetflow({ count: 1, seed: 1 }).split('\n')).toHaveLength(2);
  });

  it('injects 2.5-5.5 % anomalies, every kind present', () => {
    const share = anomalyShare(text);
    expect(share).toBeGreaterThanOrEqual(0.025);
    expect(share).toBeLessThanOrEqual(0.055);
    const labels = new Set(all.map((x) => x.label));
    for (const kind of ANOMALY_KINDS) expect(labels.has(kind)).toBe(true);
    for (const seed of [1, 2, 3]) {
      const s = anomalyShare(generateNetflow({ count: 5000, seed }));
      expect(s).toBeGreaterThanOrEqual(0.025);
      expect(s).toBeLessThanOrEqual(0.055);
    }
  });

  it('writes every line in the documented format, in time order', () => {
    // flows() checks NETFLOW_LINE_RE on every line.
    expect(new Date(all[0].ms).toISOString().startsWith('2026-03-02T10:00:0')).toBe(true);
    for (let i = 1; i < all.length; i++) expect(all[i].ms).toBeGreaterThanOrEqual(all[i - 1].ms);
    const other = generateNetflow({ count: 3, seed: 42, start: '2025-12-31T23:59:00.000Z' });
    expect(other.startsWith('ts=2025-12-31T23:59:')).toBe(true);
  });

  it('has the documented traffic and anomaly shapes', () => {
    const normal = all.filter((x) => x.label === 'normal');
    const normalDsts = new Set(normal.map((x) => x.dst));
    // Many internal sources, a few dozen destinations carry most of the traffic.
    expect(new Set(normal.map((x) => x.src)).size).toBeGreaterThan(100);
    const byDst = new Map<string, number>();
    for (const x of normal) byDst.set(x.dst, (byDst.get(x.dst) ?? 0) + 1);
    const top = [...byDst.values()].sort((a, b) => b - a).slice(0, 40).reduce((s, v) => s + v, 0);
    expect(top / normal.length).toBeGreaterThan(0.9);

    const exfil = all.filter((x) => x.label === 'exfiltration');
    for (const x of exfil) {
      expect(x.bytes).toBeGreaterThan(10_000_000);
      expect(normalDsts.has(x.dst)).toBe(false);
      expect(/^(198\.51\.100|203\.0\.113)\./.test(x.dst)).toBe(true);
    }

    const scan = all.filter((x) => x.label === 'port_scan');
    for (const x of scan) expect(x.bytes).toBeLessThanOrEqual(128);
    const portsBySrcDst = new Map<string, Set<number>>();
    for (const x of scan) {
      const k = `${x.src}>${x.dst}`;
      if (!portsBySrcDst.has(k)) portsBySrcDst.set(k, new Set());
      portsBySrcDst.get(k)!.add(x.port);
    }
    for (const ports of portsBySrcDst.values()) expect(ports.size).toBeGreaterThanOrEqual(25);

    const beacon = all.filter((x) => x.label === 'beaconing');
    expect(new Set(beacon.map((x) => `${x.src}>${x.dst}:${x.port}`)).size).toBe(1);
    expect(normalDsts.has(beacon[0].dst)).toBe(false);
    for (let i = 1; i < beacon.length; i++) {
      const gap = beacon[i].ms - beacon[i - 1].ms;
      expect(gap).toBeGreaterThanOrEqual(11_599);
      expect(gap).toBeLessThanOrEqual(12_401);
    }
    for (const x of beacon) expect(x.bytes).toBeLessThan(400);
  });

  it('writes the same flows as a Loki query_range response, newest first', () => {
    const loki = netflowToLoki(text);
    const doc = JSON.parse(loki) as { status: string; data: { resultType: string; result: { stream: unknown; values: [string, string][] }[] } };
    expect(doc.status).toBe('success');
    expect(doc.data.resultType).toBe('streams');
    expect(doc.data.result).toHaveLength(1);
    expect(doc.data.result[0].stream).toEqual(LOKI_STREAM);
    const values = doc.data.result[0].values;
    expect(values.map((v) => v[1]).reverse()).toEqual(linesOf(text));
    for (const [ns, line] of values) {
      expect(ns).toMatch(/^\d{19}$/);
      expect(Number(ns.slice(0, -6))).toBe(Date.parse(line.slice(3, line.indexOf(' '))));
    }
    // One value per line of the JSON text.
    expect(loki.split('\n')).toHaveLength(values.length + 3);
  });

  it('is read by the workbench as logfmt and as a Loki response', async () => {
    const a = await readLogs([sourceFromText('netflow-5k.logfmt', readFileSync(committedLogfmt, 'utf8'))]);
    expect(a.files[0].format).toBe('logfmt');
    expect(a.files[0].rows).toBe(5000);
    expect(a.warnings).toHaveLength(0);
    const b = await readLogs([sourceFromText('netflow-5k.loki.json', readFileSync(committedLoki, 'utf8'))]);
    expect(b.files[0].format).toBe('loki');
    expect(b.files[0].rows).toBe(5000);
    expect(Array.from(b.timestamp)).toEqual(Array.from(a.timestamp));
  });

  it('rejects bad options', () => {
    expect(() => generateNetflow({ count: -1, seed: 1 })).toThrow(/count/);
    expect(() => generateNetflow({ count: 1.5, seed: 1 })).toThrow(/count/);
    expect(() => generateNetflow({ count: 10, seed: 1, start: 'yesterday' })).toThrow(/start/);
  });
});

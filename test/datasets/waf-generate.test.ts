import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ANOMALY_KINDS,
  BASELINE_COUNTRIES,
  BASELINE_METHODS,
  BASELINE_SHARE,
  NEW_METHOD,
  WAF_LINE_RE,
  generateWaf,
} from '../../datasets/waf/generate.ts';
import { readLogs, sourceFromText } from '../../app/core/ingest/read-logs.ts';

const committedPath = fileURLToPath(new URL('../../datasets/waf/waf-6k.jsonl', import.meta.url));

interface Req {
  ts: string;
  ip: string;
  country: string;
  method: string;
  uri: string;
  status: number;
  action: string;
  rule: string;
  label: string;
}

function requests(text: string): Req[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n').map((l) => {
    expect(WAF_LINE_RE.test(l), l).toBe(true);
    return JSON.parse(l) as Req;
  });
}

function anomalyShare(text: string): number {
  const r = requests(text);
  return r.filter((x) => x.label !== 'normal').length / r.length;
}

const countries = new Set(BASELINE_COUNTRIES.map(([c]) => c));
const methods = new Set<string>(BASELINE_METHODS);

describe('generateWaf', () => {
  const text = generateWaf({ count: 6000, seed: 42 });
  const all = requests(text);

  it('reproduces the committed waf-6k.jsonl byte for byte', () => {
    expect(text === readFileSync(committedPath, 'utf8')).toBe(true);
  });

  it('gives the same text for the same seed and a different one for another seed', () => {
    expect(generateWaf({ count: 1000, seed: 7 })).toBe(generateWaf({ count: 1000, seed: 7 }));
    expect(generateWaf({ count: 1000, seed: 8 })).not.toBe(generateWaf({ count: 1000, seed: 7 }));
  });

  it('has LF line endings, a final newline and exactly the requested number of lines', () => {
    expect(all).toHaveLength(6000);
    expect(text.includes('\r')).toBe(false);
    expect(generateWaf({ count: 0, seed: 1 })).toBe('');
  });

  it('injects 2.5-5 % anomalies, every kind present', () => {
    const share = anomalyShare(text);
    expect(share).toBeGreaterThanOrEqual(0.025);
    expect(share).toBeLessThanOrEqual(0.05);
    const labels = new Set(all.map((x) => x.label));
    for (const kind of ANOMALY_KINDS) expect(labels.has(kind)).toBe(true);
    for (const seed of [1, 2, 3]) {
      const s = anomalyShare(generateWaf({ count: 6000, seed }));
      expect(s).toBeGreaterThanOrEqual(0.025);
      expect(s).toBeLessThanOrEqual(0.05);
    }
  });

  it('keeps unknown values out of the baseline (the first 60 %)', () => {
    for (const seed of [42, 1, 2, 3]) {
      const reqs = seed === 42 ? all : requests(generateWaf({ count: 6000, seed }));
      const baselineEnd = Math.ceil(reqs.length * BASELINE_SHARE);
      reqs.forEach((x, i) => {
        const unknown = !countries.has(x.country) || !methods.has(x.method);
        if (unknown) {
          expect(i).toBeGreaterThanOrEqual(baselineEnd);
          expect(['new_country', 'odd_method']).toContain(x.label);
        }
        if (x.label === 'new_country') expect(countries.has(x.country)).toBe(false);
        if (x.label === 'odd_method') expect(x.method).toBe(NEW_METHOD);
      });
      // Normal requests after the baseline only carry categorical values the baseline's normal requests have.
      const fields = ['country', 'method', 'status', 'action', 'rule'] as const;
      const seen = new Set(reqs.slice(0, baselineEnd).filter((x) => x.label === 'normal').flatMap((x) => fields.map((f) => `${f}=${x[f]}`)));
      for (const x of reqs.slice(baselineEnd)) {
        if (x.label === 'normal') for (const f of fields) expect(seen.has(`${f}=${x[f]}`), JSON.stringify(x)).toBe(true);
      }
    }
  });

  it('has the documented anomaly shapes', () => {
    for (const x of all) {
      if (x.label === 'block_burst') expect(x.action === 'block' && x.status === 403 && /^\d{6}$/.test(x.rule)).toBe(true);
      if (x.label === 'error_burst') expect(x.status >= 500 && x.action === 'allow').toBe(true);
      if (x.action === 'allow') expect(x.rule).toBe('none');
    }
    const normal = all.filter((x) => x.label === 'normal');
    // Normal traffic has blocks, challenges and the odd 5xx too: only bursts are unusual.
    expect(normal.some((x) => x.action === 'block')).toBe(true);
    expect(normal.some((x) => x.action === 'challenge')).toBe(true);
    const blockIps = new Map<string, number>();
    for (const x of all.filter((y) => y.label === 'block_burst')) blockIps.set(x.ip, (blockIps.get(x.ip) ?? 0) + 1);
    for (const n of blockIps.values()) expect(n).toBeGreaterThanOrEqual(10);
  });

  it('starts at the given time and never goes back in time', () => {
    expect(all[0].ts).toBe('2026-03-02T10:00:00.000Z');
    for (let i = 1; i < all.length; i++) expect(all[i].ts >= all[i - 1].ts).toBe(true);
    expect(generateWaf({ count: 2, seed: 42, start: '2025-12-31T23:59:59.000Z' })).toMatch(/^\{"ts":"2025-12-31T23:59:59\.000Z"/);
  });

  it('is read by the workbench as JSON lines with categorical fields', async () => {
    const data = await readLogs([sourceFromText('waf-6k.jsonl', readFileSync(committedPath, 'utf8'))]);
    expect(data.files[0].format).toBe('jsonl');
    expect(data.files[0].rows).toBe(6000);
    for (const f of ['action', 'country', 'method', 'status', 'uri', 'ip', 'label']) expect(f in data.fields).toBe(true);
  });

  it('rejects bad options', () => {
    expect(() => generateWaf({ count: -1, seed: 1 })).toThrow(/count/);
    expect(() => generateWaf({ count: 10, seed: 1, start: 'soon' })).toThrow(/start/);
  });
});

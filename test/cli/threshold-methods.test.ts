// Every threshold method through the command line: law run reports the
// threshold it picked, and law score flags exactly what that threshold flags.
import { describe, expect, it } from 'vitest';
import { law, tempFolder } from './cli-helpers.ts';

const { write } = tempFolder();

// 300 lines, one a minute (a span of 299 min = 4.98 h); every 37th an error: 9 of them.
const START = Date.parse('2026-03-02T10:00:00Z');
const LOG = Array.from({ length: 300 }, (_, i) => {
  const t = new Date(START + i * 60_000).toISOString();
  return i % 37 === 0
    ? `x ${t} ERROR GET /a status=500 latency_ms=${900 + i}`
    : `- ${t} INFO GET /a status=200 latency_ms=${10 + (i % 7)}`;
}).join('\n') + '\n';
const logPath = write('minutes.log', LOG);

const spec = (threshold: object, extra: object = {}) => ({
  version: 1,
  source: { path: 'minutes.log' },
  labels: { firstToken: { normal: '-' } },
  features: { unit: 'line', columns: ['level', 'status', 'latency'], scaling: 'standard' },
  detectors: [
    { id: 'if', type: 'isolation-forest', params: { trees: 50, seed: 1 } },
    { id: 'lof', type: 'lof', params: { k: 10 } },
  ],
  threshold,
  ...extra,
});

interface Metrics { threshold: number; flagged: number; f1: number | null; bestF1: number | null; confusion: unknown }

async function runJson(path: string): Promise<Record<string, Metrics>> {
  const r = await law('run', path, '--format', 'json');
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  const report = JSON.parse(r.out[0]) as { runs: { id: string; metrics: Metrics }[] };
  return Object.fromEntries(report.runs.map((x) => [x.id, x.metrics]));
}

async function scoreRows(path: string, ...args: string[]) {
  const r = await law('score', '--config', path, logPath, ...args);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  return r.out.map((l) => JSON.parse(l) as { score: number; anomaly: boolean });
}

describe('threshold methods on the command line', () => {
  it('alert-budget: law run flags at most the budget on every run, law score applies it', async () => {
    // 2 per hour over 4.98 h: floor(9.97) = 9 alerts allowed.
    const path = write('budget.json', spec({ run: 'if', method: 'alert-budget', value: 2, per: 'hour' }));
    const runs = await runJson(path);
    for (const id of ['if', 'lof']) {
      expect(runs[id].flagged).toBeLessThanOrEqual(9);
      expect(runs[id].flagged).toBeGreaterThan(0);
    }
    const rows = await scoreRows(path);
    expect(rows).toHaveLength(300);
    expect(rows.filter((r) => r.anomaly)).toHaveLength(runs.if.flagged);
    for (const r of rows) expect(r.anomaly).toBe(r.score >= runs.if.threshold);
    // --run takes the other detector, with the same budget.
    const lof = await scoreRows(path, '--run', 'lof');
    expect(lof.filter((r) => r.anomaly)).toHaveLength(runs.lof.flagged);
  });

  it('a day budget over less than a day counts one whole day', async () => {
    const runs = await runJson(write('day.json', spec({ run: 'if', method: 'alert-budget', value: 4, per: 'day' })));
    expect(runs.if.flagged).toBeLessThanOrEqual(4);
  });

  it('best-f1 and fpr: law score flags what law run reports', async () => {
    for (const threshold of [{ run: 'if', method: 'best-f1' }, { run: 'if', method: 'fpr', value: 0.01 }, { run: 'if', method: 'percentile', value: 97 }]) {
      const path = write(`${threshold.method}.json`, spec(threshold));
      const runs = await runJson(path);
      if (threshold.method === 'best-f1') for (const id of ['if', 'lof']) expect(runs[id].f1).toBe(runs[id].bestF1);
      const rows = await scoreRows(path);
      expect(rows.filter((r) => r.anomaly)).toHaveLength(runs.if.flagged);
    }
  });

  it('best-f1 or fpr without labels: exit 2 naming threshold.method', async () => {
    const path = write('nolabels.json', spec({ run: 'if', method: 'best-f1' }, { labels: null }));
    const run = await law('run', path, '--format', 'json');
    expect(run.code).toBe(2);
    expect(run.err).toEqual([`law run: ${path}: threshold.method: best-f1 needs labels, and this data has none`]);
    const score = await law('score', '--config', write('nolabels-fpr.json', spec({ run: 'if', method: 'fpr', value: 0.1 }, { labels: null })), logPath);
    expect(score.code).toBe(2);
    expect(score.err[0]).toMatch(/^law score: .*nolabels-fpr\.json: threshold\.method: fpr needs labels, and this data has none \(in the training data .*minutes\.log\)$/);
  });

  it('an alert budget without a period: exit 2 naming threshold.per', async () => {
    const path = write('noper.json', spec({ run: 'if', method: 'alert-budget', value: 2 }));
    const r = await law('run', path);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`law run: ${path}: threshold.per: undefined is not a period (known: hour, day)`]);
  });
});

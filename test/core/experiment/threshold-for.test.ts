import { describe, expect, it } from 'vitest';
import { judgedTimes, thresholdAppliesTo, thresholdFor } from '../../../app/core/experiment/threshold-for.ts';
import { FieldError } from '../../../app/core/field-error.ts';
import type { ThresholdSpec } from '../../../app/core/experiment/spec.ts';
import { rankByScore, sortScores } from '../../../app/core/evaluate/index.ts';
import { parseSpec } from '../../../app/core/experiment/parse-spec.ts';
import { runExperiment } from '../../../app/core/experiment/run-experiment.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';

// Sorted ascending: [0.1, 0.2, 0.4, 0.5, 0.7, 0.9, 0.9, 0.95]; the top 5 % of 8 units is 0.9325
// (numpy percentile 95: index 6.65 between 0.9 and 0.95).
const scores = [0.1, 0.95, 0.4, 0.9, 0.7, 0.2, 0.9, 0.5];
// Anomalies: units 1 (0.95), 3 (0.9) and 7 (0.5).
const labels = new Int8Array([0, 1, 0, 1, 0, 0, 0, 1]);
// One unit every 30 minutes: 0–210 min = 3.5 h.
const times = Float64Array.from([0, 30, 60, 90, 120, 150, 180, 210], (m) => m * 60_000);
const context = { labels, times };
const TOP_5 = 0.9325;

const on = (run: string, t: ThresholdSpec) => thresholdFor(scores, run, t, context);

describe('thresholdFor, per method, on its own run', () => {
  it('contamination: the numpy-percentile rule, ties at the cut left out', () => {
    // numpy's 0.9 would flag both 0.9s and 0.95, 3 units where 25 % of 8 asks for 2.
    expect(on('a', { run: 'a', method: 'contamination', value: 0.25 })).toBe(0.95);
  });
  it('score: the value itself', () => {
    expect(on('a', { run: 'a', method: 'score', value: 0.45 })).toBe(0.45);
  });
  it('percentile: numpy percentile(scores, p)', () => {
    expect(on('a', { run: 'a', method: 'percentile', value: 50 })).toBe(0.6);
  });
  it('best-f1: F1 0.75 at 0.5 (3 anomalies and 2 normal units flagged)', () => {
    expect(on('a', { run: 'a', method: 'best-f1' })).toBe(0.5);
  });
  it('fpr: the lowest threshold whose false-positive rate is within the target', () => {
    // 5 normal units; 0.9 flags one of them (1/5), 0.7 two (2/5).
    expect(on('a', { run: 'a', method: 'fpr', value: 0.2 })).toBe(0.9);
    expect(on('a', { run: 'a', method: 'fpr', value: 0 })).toBe(0.95);
  });
  it('alert-budget: floor(N × hours) alerts over the units’ time span', () => {
    // 1 per hour over 3.5 h → 3 allowed → the 3rd highest score, 0.9 (the 4th, 0.7, is lower).
    expect(on('a', { run: 'a', method: 'alert-budget', value: 1, per: 'hour' })).toBe(0.9);
    // 24 per day over 3.5 h, counted as one day → 24 allowed ≥ 8 units → everything.
    expect(on('a', { run: 'a', method: 'alert-budget', value: 24, per: 'day' })).toBe(0.1);
  });
  it('uses the sorted scores and ranking it is given', () => {
    const given = { ...context, sorted: sortScores(scores), ranking: rankByScore(scores, labels) };
    expect(thresholdFor(scores, 'a', { run: 'a', method: 'fpr', value: 0.2 }, given)).toBe(0.9);
    expect(thresholdFor(scores, 'a', { run: 'a', method: 'best-f1' }, given)).toBe(0.5);
    expect(thresholdFor(scores, 'a', { run: 'a', method: 'percentile', value: 50 }, given)).toBe(0.6);
  });
});

describe('thresholdFor on the other runs', () => {
  it('a score applies to its run only; other runs flag the top 5 %', () => {
    expect(on('b', { run: 'a', method: 'score', value: 0.45 })).toBe(TOP_5);
    expect(thresholdFor(scores, 'b', undefined)).toBe(TOP_5);
  });
  it('every other method applies to every run', () => {
    expect(on('b', { run: 'a', method: 'contamination', value: 0.25 })).toBe(0.95);
    expect(on('b', { run: 'a', method: 'percentile', value: 50 })).toBe(0.6);
    expect(on('b', { run: 'a', method: 'best-f1' })).toBe(0.5);
    expect(on('b', { run: 'a', method: 'fpr', value: 0.2 })).toBe(0.9);
    expect(on('b', { run: 'a', method: 'alert-budget', value: 1, per: 'hour' })).toBe(0.9);
  });
  it('thresholdAppliesTo says so', () => {
    expect(thresholdAppliesTo({ run: 'a', method: 'score', value: 1 }, 'a')).toBe(true);
    expect(thresholdAppliesTo({ run: 'a', method: 'score', value: 1 }, 'b')).toBe(false);
    expect(thresholdAppliesTo({ run: 'a', method: 'fpr', value: 0.1 }, 'b')).toBe(true);
    expect(thresholdAppliesTo(undefined, 'a')).toBe(false);
  });
});

describe('thresholdFor when the data cannot serve the method', () => {
  it('throws a FieldError naming threshold.method', () => {
    const fail = (t: ThresholdSpec, ctx = {}) => {
      try {
        thresholdFor(scores, 'a', t, ctx);
      } catch (e) {
        expect(e).toBeInstanceOf(FieldError);
        return [(e as FieldError).field, (e as Error).message];
      }
      throw new Error('no error');
    };
    expect(fail({ run: 'a', method: 'best-f1' })).toEqual(['threshold.method', 'threshold.method: best-f1 needs labels, and this data has none']);
    expect(fail({ run: 'a', method: 'fpr', value: 0.1 }, { labels: null })).toEqual(['threshold.method', 'threshold.method: fpr needs labels, and this data has none']);
    expect(fail({ run: 'a', method: 'alert-budget', value: 1, per: 'hour' }, { times: new Float64Array(8).fill(NaN) })).toEqual([
      'threshold.method',
      'threshold.method: alert-budget needs timestamps, and no unit has one',
    ]);
  });
  it('a score threshold and the default need nothing', () => {
    expect(thresholdFor(scores, 'a', { run: 'a', method: 'score', value: 2 })).toBe(2);
    expect(thresholdFor(scores, 'b', { run: 'a', method: 'score', value: 2 })).toBe(TOP_5);
  });
});

describe('judgedTimes', () => {
  const rowTimes = Float64Array.from([10, 20, 30, 40]);
  const whole = { train: new Int32Array([0, 1, 2, 3]), test: new Int32Array(0) };
  whole.test = whole.train;
  const split = { train: new Int32Array([0, 1]), test: new Int32Array([2, 3]) };
  it('gives the rows’ times for row units, without a copy when every unit is judged', () => {
    expect(judgedTimes(null, rowTimes, whole)).toBe(rowTimes);
    expect(Array.from(judgedTimes(null, rowTimes, split))).toEqual([30, 40]);
  });
  it('gives the units’ times for sessions and windows', () => {
    const units = { time: Float64Array.from([100, NaN, 300, 400]) };
    expect(judgedTimes(units, rowTimes, whole)).toBe(units.time);
    expect(Array.from(judgedTimes(units, Float64Array.from([1, 2]), split))).toEqual([300, 400]);
  });
});

describe('runExperiment with an alert budget', () => {
  // Two units a minute apart, then one more an hour later.
  const text = [
    '- 2026-03-02T10:00:00Z INFO GET /a status=200 latency_ms=10',
    '- 2026-03-02T10:00:20Z INFO GET /a status=200 latency_ms=12',
    'x 2026-03-02T10:01:00Z ERROR GET /a status=500 latency_ms=900',
    '- 2026-03-02T10:01:30Z INFO GET /b status=200 latency_ms=11',
    '- 2026-03-02T10:30:00Z INFO GET /b status=200 latency_ms=13',
    'x 2026-03-02T12:00:00Z ERROR GET /c status=503 latency_ms=4000',
  ].join('\n');
  const base = {
    version: 1,
    labels: { firstToken: { normal: '-' } },
    detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 50, seed: 1 } }, { id: 'if2', type: 'isolation-forest', params: { trees: 50, seed: 2 } }],
  };

  it('takes the rows’ times for line units: 2 h span × 1 per hour → 2 alerts, on every run', async () => {
    const spec = parseSpec({
      ...base,
      features: { unit: 'line', columns: ['level', 'status', 'latency'], scaling: 'standard' },
      threshold: { run: 'if', method: 'alert-budget', value: 1, per: 'hour' },
    });
    const { report, runs } = runExperiment(await readLogs([sourceFromText('t.log', text)]), spec);
    for (const [i, run] of report.runs.entries()) {
      expect(run.metrics.flagged).toBeLessThanOrEqual(2);
      // The two error lines are the obvious outliers.
      expect(run.metrics.threshold).toBe([...runs[i].scores].sort((a, b) => b - a)[1]);
    }
  });

  it('takes the windows’ start times for window units', async () => {
    // 1-minute windows start at 10:00, 10:01, 10:30 and 12:00: the span is 2 h, so 1 per hour allows 2 windows.
    const spec = parseSpec({
      ...base,
      features: { unit: 'window', size: '1m', step: '1m' },
      threshold: { run: 'if', method: 'alert-budget', value: 1, per: 'hour' },
    });
    const { report, runs, prepared } = runExperiment(await readLogs([sourceFromText('t.log', text)]), spec);
    expect(Array.from(prepared.features.units!.time)).toEqual(['10:00', '10:01', '10:30', '12:00'].map((t) => Date.parse(`2026-03-02T${t}:00Z`)));
    const times = prepared.features.units!.time;
    expect(report.runs[0].metrics.threshold).toBe(thresholdFor(runs[0].scores, 'if', spec.threshold, { times }));
    expect(report.runs[0].metrics.flagged).toBeLessThanOrEqual(2);
  });

  it('fails naming threshold.method when the data has no timestamps', async () => {
    const spec = parseSpec({
      ...base,
      features: { unit: 'line', columns: ['level', 'status', 'latency'], scaling: 'standard' },
      threshold: { run: 'if', method: 'alert-budget', value: 1, per: 'hour' },
    });
    const plain = text.replace(/ 2026-\S+/g, '');
    await expect(readLogs([sourceFromText('t.log', plain)]).then((d) => runExperiment(d, spec))).rejects.toThrow(
      'threshold.method: alert-budget needs timestamps, and no unit has one',
    );
  });
});

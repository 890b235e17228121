import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSpec } from '../../../app/core/experiment/parse-spec.ts';
import { prepareExperiment, runDetector, runExperiment, thresholdFor, type RunReport } from '../../../app/core/experiment/run-experiment.ts';
import type { Spec } from '../../../app/core/experiment/spec.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { matrixFromRows } from '../../../app/core/matrix.ts';
import { generateWebappLog } from '../../../datasets/webapp/generate.ts';

const spec = parseSpec(JSON.parse(readFileSync(fileURLToPath(new URL('../../../experiments/webapp-isolation-forest.json', import.meta.url)), 'utf8')));
const text = generateWebappLog({ lines: 2000, seed: 7 });
const lines = text.split('\n').filter((l) => l !== '');
const labelledAnomalous = lines.filter((l) => l.split(' ')[0] !== '-').length;
const load = () => readLogs([sourceFromText('webapp-2k.log', text)]);
const withoutTiming = (r: RunReport) => ({ ...r, runs: r.runs.map(({ timing: _t, ...run }) => run) });

describe('runExperiment on a generated web-app log', () => {
  it('reports the dataset: rows, labelled, anomalies = lines whose first token is not "-"', async () => {
    const { report } = runExperiment(await load(), spec);
    expect(lines).toHaveLength(2000);
    expect(labelledAnomalous).toBeGreaterThan(20);
    expect(report.dataset).toEqual({ rows: 2000, labelled: true, anomalies: labelledAnomalous });
  });

  it('reports one run per detector with metrics in [0, 1] and the contamination threshold', async () => {
    const { report, runs } = runExperiment(await load(), spec);
    expect(report.runs).toHaveLength(1);
    const [run] = report.runs;
    expect(run.id).toBe('if');
    expect(run.detector).toBe('isolation-forest');
    expect(run.params).toEqual({ trees: 100, sampleSize: 256, maxFeatures: 1, seed: 1 });
    for (const key of ['rocAuc', 'prAuc', 'precision', 'recall', 'f1', 'bestF1'] as const) {
      const v = run.metrics[key];
      expect(v, key).not.toBeNull();
      expect(v!, key).toBeGreaterThanOrEqual(0);
      expect(v!, key).toBeLessThanOrEqual(1);
    }
    // The injected anomalies are found far better than by chance.
    expect(run.metrics.rocAuc!).toBeGreaterThan(0.8);
    // 5 % contamination asks for 1 + ⌊1999 × 0.05⌋ = 100 of 2000 lines and never flags more;
    // a tie at the cut is left out whole, so a few fewer may be flagged.
    expect(run.metrics.flagged).toBeLessThanOrEqual(100);
    expect(run.metrics.flagged).toBeGreaterThan(80);
    // The report's timings are numbers a person can read, never NaN or missing.
    for (const ms of [run.timing.fitMs, run.timing.scoreMs]) expect(Number.isFinite(ms) && ms >= 0, String(ms)).toBe(true);
    expect(runs[0].scores).toHaveLength(2000);
  });

  it('gives the same report twice (timing aside)', async () => {
    const a = runExperiment(await load(), spec);
    const b = runExperiment(await load(), spec);
    expect(withoutTiming(b.report)).toEqual(withoutTiming(a.report));
    expect(Array.from(b.runs[0].scores)).toEqual(Array.from(a.runs[0].scores));
  });

  it('keeps the label token out of the features', async () => {
    const { prepared } = runExperiment(await load(), spec);
    expect(prepared.data.message.some((m) => /^(-|LATENCY|ERROR5XX|EXCEPTION|BYTES|SCAN|AUTH) /.test(m))).toBe(false);
    expect(prepared.features.columns).toEqual(spec.features.columns);
  });

  it('reports null metrics without labels', async () => {
    const { report } = runExperiment(await load(), { ...spec, labels: undefined });
    expect(report.dataset).toEqual({ rows: 2000, labelled: false, anomalies: null });
    expect(report.runs[0].metrics.rocAuc).toBeNull();
    expect(report.runs[0].metrics.f1).toBeNull();
    expect(report.runs[0].metrics.threshold).toEqual(expect.any(Number));
  });

  it('calls onProgress up to 1', async () => {
    const seen: number[] = [];
    runExperiment(await load(), spec, { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeCloseTo(1, 9);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);
  });
});

describe('prepareExperiment', () => {
  it('reads labels from a column, removes it, and builds features from the rest', async () => {
    const d = await readLogs([sourceFromText('m.csv', 'x,y,label\n1,2,0\n3,4,1\n')]);
    const p = prepareExperiment(d, { labels: { column: 'label', anomalous: [1] }, features: { unit: 'row' } });
    expect(Array.from(p.labels!)).toEqual([0, 1]);
    expect(p.features.columns).toEqual(['x', 'y']);
  });
});

describe('runDetector', () => {
  const spec1: Spec['detectors'][number] = { id: 'if', type: 'isolation-forest', params: { trees: 5, seed: 2 } };
  it('reuses a fitted model instead of fitting again', () => {
    const x = matrixFromRows([[0], [1], [2], [50]]);
    const first = runDetector(x, spec1);
    const again = runDetector(matrixFromRows([[0], [50]]), { ...spec1, model: first.model });
    expect(Array.from(again.scores)).toEqual([first.scores[0], first.scores[3]]);
  });

  it('names the run when there is nothing to score', () => {
    expect(() => runDetector(matrixFromRows([]), spec1)).toThrow('if: there are no rows to score');
    expect(() => runDetector({ rows: 2, cols: 0, data: new Float64Array(0), names: [] }, spec1)).toThrow(
      'if: the feature matrix has no columns; pick at least one feature',
    );
    expect(() => runDetector(matrixFromRows([[1], [NaN]], ['lat']), spec1)).toThrow('feature matrix: row 2, column "lat" is NaN');
  });
});

describe('thresholdFor', () => {
  const scores = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it('a score threshold applies to its run only; other runs flag the top 5 %', () => {
    expect(thresholdFor(scores, 'a', { run: 'a', method: 'score', value: 6.5 })).toBe(6.5);
    expect(thresholdFor(scores, 'b', { run: 'a', method: 'score', value: 6.5 })).toBe(9.5);
    expect(thresholdFor(scores, 'b', undefined)).toBe(9.5);
  });

  it('a contamination threshold applies to every run', () => {
    expect(thresholdFor(scores, 'b', { run: 'a', method: 'contamination', value: 0.2 })).toBe(8);
  });
});

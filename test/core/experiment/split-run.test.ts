// A split: detectors, scalers and templates learn from the baseline; metrics
// judge only what follows.
import type { LinearScaling } from '../../../app/core/features/scale-columns.ts';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../app/core/experiment/parse-spec.ts';
import { prepareExperiment, runExperiment } from '../../../app/core/experiment/run-experiment.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { generateWebappLog } from '../../../datasets/webapp/generate.ts';

const base = {
  version: 1,
  labels: { firstToken: { normal: '-' } },
  features: { unit: 'line', columns: ['level', 'status', 'latency', 'template'], scaling: 'standard' },
  detectors: [{ id: 'if', type: 'isolation-forest', params: { seed: 3 } }],
};

describe('runs with a split', () => {
  it('judges only the part after the baseline, and learns nothing from it', async () => {
    const data = await readLogs([sourceFromText('app.log', generateWebappLog({ lines: 2000, seed: 8 }))]);
    const cut = new Date(data.timestamp[1200]).toISOString();
    const spec = parseSpec({ ...base, split: { method: 'time', trainUntil: cut } });
    const { report, prepared } = runExperiment(data, spec);
    const firstTest = prepared.split.test[0];
    expect(prepared.split.train.length + prepared.split.test.length).toBe(2000);
    expect(data.timestamp[firstTest]).toBeGreaterThanOrEqual(Date.parse(cut));
    expect(report.dataset.rows).toBe(prepared.split.test.length);
    const judged = Array.from(prepared.split.test, (i) => prepared.labels![i]).reduce((a, b) => a + b, 0);
    expect(report.dataset.anomalies).toBe(judged);
    // The scaler saw the baseline only: the mean of its first column is the baseline's mean level.
    const trainLevels = Array.from(prepared.split.train, (i) => prepared.features.parsed!.level[i]).map((v) => (Number.isNaN(v) ? 2 : v));
    const mean = trainLevels.reduce((a, b) => a + b, 0) / trainLevels.length;
    expect((prepared.features.scaler as LinearScaling).offset[0]).toBeCloseTo(mean, 12);
  });

  it('a ratio split is the same for the same seed, and judged rows add up', async () => {
    const data = await readLogs([sourceFromText('app.log', generateWebappLog({ lines: 1000, seed: 9 }))]);
    const spec = parseSpec({ ...base, split: { method: 'ratio', train: 0.7, order: 'shuffled', seed: 5 } });
    const a = prepareExperiment(data, spec);
    const b = prepareExperiment(data, spec);
    expect(Array.from(a.split.test)).toEqual(Array.from(b.split.test));
    expect(a.split.test.length).toBe(300);
    expect(runExperiment(data, spec).report.dataset.rows).toBe(300);
  });
});

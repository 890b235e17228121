import { describe, expect, it } from 'vitest';
import { runEnsemble, normalizeEnsembleParams } from '../../../app/core/experiment/run-ensemble.ts';
import { runExperiment } from '../../../app/core/experiment/run-experiment.ts';
import { parseSpec } from '../../../app/core/experiment/parse-spec.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { generateWebappLog } from '../../../datasets/webapp/generate.ts';
import type { DetectorRun } from '../../../app/core/experiment/run-experiment.ts';

const fakeRun = (id: string, scores: number[]): DetectorRun => ({
  id, detector: 'x', params: {}, scores: Float64Array.from(scores), model: null, timing: { fitMs: 0, scoreMs: 0 },
});

describe('ensembles', () => {
  it('combine the ranks of two runs by their mean', () => {
    const runs = { a: fakeRun('a', [1, 2, 3, 4]), b: fakeRun('b', [40, 30, 20, 10]) };
    const e = runEnsemble({ id: 'e', type: 'ensemble', params: { runs: ['a', 'b'] } }, runs);
    // ranks a: .25 .5 .75 1, b: 1 .75 .5 .25 → mean .625 everywhere
    expect(Array.from(e.scores)).toEqual([0.625, 0.625, 0.625, 0.625]);
    const max = runEnsemble({ id: 'e', type: 'ensemble', params: { runs: ['a', 'b'], combine: 'max' } }, runs);
    expect(Array.from(max.scores)).toEqual([1, 0.75, 0.75, 1]);
  });

  it('name a missing run and bad params', () => {
    expect(() => runEnsemble({ id: 'e', type: 'ensemble', params: { runs: ['a', 'zz'] } }, { a: fakeRun('a', [1]) })).toThrow(
      'e: the ensemble needs run "zz", which has no scores',
    );
    expect(() => normalizeEnsembleParams({ runs: ['a', 'b'], normalize: 'softmax' })).toThrow('invalid normalize: "softmax"');
  });

  it('run last in an experiment, over the runs they name, and are reported like any run', async () => {
    const data = await readLogs([sourceFromText('app.log', generateWebappLog({ lines: 1500, seed: 11 }))]);
    const spec = parseSpec({
      version: 1,
      labels: { firstToken: { normal: '-' } },
      features: { unit: 'line', columns: ['level', 'status', 'latency', 'length', 'template'], scaling: 'standard' },
      detectors: [
        { id: 'ens', type: 'ensemble', params: { runs: ['if', 'pca'] } },
        { id: 'if', type: 'isolation-forest', params: { seed: 2 } },
        { id: 'pca', type: 'pca' },
      ],
    });
    const { report } = runExperiment(data, spec);
    expect(report.runs.map((r) => r.id)).toEqual(['ens', 'if', 'pca']);
    const auc = Object.fromEntries(report.runs.map((r) => [r.id, r.metrics.rocAuc!]));
    expect(auc.if).toBeGreaterThan(0.9);
    expect(auc.pca).toBeGreaterThan(0.5);
    // Averaging ranks lands between its inputs here, above the weaker one.
    expect(auc.ens).toBeGreaterThan(Math.min(auc.if, auc.pca));
  });
});

import { describe, it, expect } from 'vitest';
import { formatReportTable } from '../../app/cli/format-report.ts';
import type { RunReport } from '../../app/core/experiment/run-experiment.ts';
import type { Metrics } from '../../app/core/evaluate/summarize-metrics.ts';

const metrics = (m: Partial<Metrics>): Metrics => ({
  rocAuc: null, prAuc: null, precision: null, recall: null, f1: null, threshold: 0.5,
  bestF1: null, bestF1Threshold: null, flagged: 0, confusion: null, ...m,
});

describe('formatReportTable', () => {
  it('aligns one row per run under a header, names left and numbers right', () => {
    const report: RunReport = {
      dataset: { rows: 2000, labelled: true, anomalies: 87 },
      runs: [
        { id: 'if', detector: 'isolation-forest', params: {}, metrics: metrics({ rocAuc: 0.95594, prAuc: 0.5, precision: 0.25, recall: 1, f1: 0.4, threshold: 0.574013, flagged: 105, bestF1: 0.56 }), timing: { fitMs: 57.96, scoreMs: 3.04 } },
        { id: 'forest-2', detector: 'isolation-forest', params: {}, metrics: metrics({ rocAuc: 0.5, threshold: 0.6, flagged: 7 }), timing: { fitMs: 1234.5, scoreMs: 0 } },
      ],
    };
    expect(formatReportTable(report)).toBe([
      '2000 units, 87 labelled anomalous',
      '',
      'run       detector          ROC-AUC  PR-AUC  precision  recall      F1  threshold  flagged  best F1  fit ms  score ms',
      '--------  ----------------  -------  ------  ---------  ------  ------  ---------  -------  -------  ------  --------',
      'if        isolation-forest   0.9559  0.5000     0.2500  1.0000  0.4000     0.5740      105   0.5600    58.0       3.0',
      'forest-2  isolation-forest   0.5000       —          —       —       —     0.6000        7        —  1234.5       0.0',
    ].join('\n'));
  });

  it('says when there are no labels', () => {
    const report: RunReport = { dataset: { rows: 3, labelled: false, anomalies: null }, runs: [] };
    expect(formatReportTable(report).split('\n')[0]).toBe('3 units, no labels');
  });
});

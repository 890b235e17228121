import { describe, it, expect } from 'vitest';
import { summarizeMetrics } from '../../../app/core/evaluate/summarize-metrics.ts';
import { createRandom } from '../../../app/core/random.ts';
import reference from '../../fixtures/sklearn-metrics.json';

const close = (a: number | null, b: number) => expect(Math.abs(a! - b)).toBeLessThan(1e-12);

describe('summarizeMetrics', () => {
  for (const c of reference.cases) {
    it(`matches every reference metric on "${c.name}"`, () => {
      const m = summarizeMetrics(c.scores, c.labels, c.at_threshold.threshold);
      close(m.rocAuc, c.roc_auc);
      close(m.prAuc, c.average_precision);
      close(m.precision, c.at_threshold.precision);
      close(m.recall, c.at_threshold.recall);
      close(m.f1, c.at_threshold.f1);
      close(m.bestF1, c.best_f1);
      close(m.bestF1Threshold, c.best_f1_threshold);
      expect(m.threshold).toBe(c.at_threshold.threshold);
      const { tp, fp, tn, fn } = m.confusion!;
      expect(tp + fp + tn + fn).toBe(c.scores.length);
      expect(m.flagged).toBe(tp + fp);
      expect(tp + fn).toBe(c.labels.filter((l) => l === 1).length);
    });
  }

  it('keeps the CLI JSON key names', () => {
    const m = summarizeMetrics([1, 2, 3, 4], [0, 0, 1, 1], 3);
    expect(Object.keys(m)).toEqual(expect.arrayContaining(
      ['rocAuc', 'prAuc', 'precision', 'recall', 'f1', 'threshold', 'bestF1', 'bestF1Threshold', 'flagged', 'confusion'],
    ));
    expect(m).toEqual({
      rocAuc: 1, prAuc: 1, precision: 1, recall: 1, f1: 1, threshold: 3,
      bestF1: 1, bestF1Threshold: 3, flagged: 2, confusion: { tp: 2, fp: 0, tn: 2, fn: 0 },
    });
  });

  it('reports only the threshold and flagged count without labels', () => {
    expect(summarizeMetrics([1, 2, 3, 3], null, 2.5)).toEqual({
      rocAuc: null, prAuc: null, precision: null, recall: null, f1: null, threshold: 2.5,
      bestF1: null, bestF1Threshold: null, flagged: 2, confusion: null,
    });
  });

  it('nulls the metrics but keeps the counts with one class', () => {
    expect(summarizeMetrics([1, 2, 3], [0, 0, 0], 2)).toEqual({
      rocAuc: null, prAuc: null, precision: null, recall: null, f1: null, threshold: 2,
      bestF1: null, bestF1Threshold: null, flagged: 2, confusion: { tp: 0, fp: 2, tn: 1, fn: 0 },
    });
  });

  it('is exact at 1M units: shifted uniform scores give the AUC the maths says', () => {
    const rnd = createRandom(3);
    const n = 1_000_000;
    const scores = new Float64Array(n);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = rnd.next() < 0.05 ? 1 : 0;
      scores[i] = rnd.next() + labels[i] * 0.5;
    }
    const m = summarizeMetrics(scores, labels, 1);
    // Uniform scores shifted by 0.5 for anomalies: AUC = 1 - 0.5²/2 = 0.875 (speed is the bench's, not a test's).
    expect(m.rocAuc!).toBeGreaterThan(0.87);
    expect(m.rocAuc!).toBeLessThan(0.88);
  });
});

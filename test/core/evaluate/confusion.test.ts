import { describe, it, expect } from 'vitest';
import { confusionAt, precisionRecallF1 } from '../../../app/core/evaluate/confusion.ts';
import reference from '../../fixtures/sklearn-metrics.json';

describe('confusionAt', () => {
  it('flags score >= threshold (inclusive)', () => {
    const scores = [0.1, 0.5, 0.5, 0.9, 0.3, 0.7];
    const labels = [0, 1, 0, 1, 1, 0];
    expect(confusionAt(scores, labels, 0.5)).toEqual({ tp: 2, fp: 2, tn: 1, fn: 1 });
    expect(confusionAt(scores, labels, 0.51)).toEqual({ tp: 1, fp: 1, tn: 2, fn: 2 });
    expect(confusionAt(scores, labels, Infinity)).toEqual({ tp: 0, fp: 0, tn: 3, fn: 3 });
    expect(confusionAt(scores, labels, -Infinity)).toEqual({ tp: 3, fp: 3, tn: 0, fn: 0 });
  });

  it('rejects a NaN threshold', () => {
    expect(() => confusionAt([1], [1], NaN)).toThrow(/threshold/);
  });
});

describe('precisionRecallF1', () => {
  for (const c of reference.cases) {
    it(`matches sklearn precision/recall/f1 at the reference threshold on "${c.name}"`, () => {
      const at = c.at_threshold;
      const m = precisionRecallF1(confusionAt(c.scores, c.labels, at.threshold));
      expect(Math.abs(m.precision - at.precision)).toBeLessThan(1e-12);
      expect(Math.abs(m.recall - at.recall)).toBeLessThan(1e-12);
      expect(Math.abs(m.f1 - at.f1)).toBeLessThan(1e-12);
    });
  }

  it('computes the ratios', () => {
    const m = precisionRecallF1({ tp: 2, fp: 2, tn: 1, fn: 1 });
    expect(m.precision).toBe(0.5);
    expect(m.recall).toBe(2 / 3);
    expect(m.f1).toBeCloseTo(4 / 7, 15);
  });

  it('reports 0 where a denominator is 0 (zero_division=0)', () => {
    expect(precisionRecallF1({ tp: 0, fp: 0, tn: 3, fn: 2 })).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(precisionRecallF1({ tp: 0, fp: 2, tn: 3, fn: 0 })).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(precisionRecallF1({ tp: 0, fp: 1, tn: 1, fn: 1 })).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

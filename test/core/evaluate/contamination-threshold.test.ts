import { describe, it, expect } from 'vitest';
import { thresholdForContamination } from '../../../app/core/evaluate/contamination-threshold.ts';
import reference from '../../fixtures/sklearn-metrics.json';

describe('thresholdForContamination', () => {
  it('is numpy percentile(scores, 100 * (1 - share)) with linear interpolation', () => {
    expect(thresholdForContamination([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(4.6, 12);
    // Expected values are numpy's own outputs, last bit included.
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    expect(thresholdForContamination(x, 0.05)).toBe(7.949999999999998);
    expect(thresholdForContamination(x, 0.1)).toBe(6.8999999999999995);
    expect(thresholdForContamination(x, 0.25)).toBe(5.25);
    expect(thresholdForContamination(x, 0.3)).toBe(4.8999999999999995);
    expect(thresholdForContamination(x, 0.5)).toBe(3.5);
    expect(thresholdForContamination(x, 0.9)).toBe(1);
    expect(thresholdForContamination([0.1, 0.2, 0.7], 0.3)).toBe(0.3999999999999999);
  });

  it('gives the maximum for share 0 (still flags the units tied at the max) and the minimum for share 1', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    expect(thresholdForContamination(x, 0)).toBe(9);
    expect(thresholdForContamination(x, 1)).toBe(1);
  });

  it('reproduces the reference thresholds (the median, share 0.5)', () => {
    for (const c of reference.cases) {
      expect(Math.abs(thresholdForContamination(c.scores, 0.5) - c.at_threshold.threshold)).toBeLessThan(1e-12);
    }
  });

  it('does not modify the input and copes with infinite scores', () => {
    const x = new Float64Array([3, 1, 2]);
    thresholdForContamination(x, 0.5);
    expect(Array.from(x)).toEqual([3, 1, 2]);
    expect(thresholdForContamination([-Infinity, -Infinity, 1], 1)).toBe(-Infinity);
  });

  it('validates share, naming contamination and the value', () => {
    expect(() => thresholdForContamination([1, 2], -0.1)).toThrow('contamination must be between 0 and 1, got -0.1');
    expect(() => thresholdForContamination([1, 2], 1.5)).toThrow(/contamination.*1\.5/);
    expect(() => thresholdForContamination([1, 2], NaN)).toThrow(/contamination.*NaN/);
    expect(() => thresholdForContamination([], 0.1)).toThrow(/without scores/);
    expect(() => thresholdForContamination([1, NaN], 0.1)).toThrow(/NaN/);
  });
});

import { describe, it, expect } from 'vitest';
import { thresholdForContamination, unitsAsked } from '../../../app/core/evaluate/contamination-threshold.ts';
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
    // numpy's 1 would flag all 8 where 90 % asks for 1 + ⌊7 × 0.9⌋ = 7: the tied 1s are left out.
    expect(thresholdForContamination(x, 0.9)).toBe(2);
    expect(thresholdForContamination([0.1, 0.2, 0.7], 0.3)).toBe(0.3999999999999999);
  });

  it('flags nothing for share 0 and everything (the minimum) for share 1', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    expect(thresholdForContamination(x, 0)).toBe(Infinity);
    expect(thresholdForContamination(x, 1)).toBe(1);
  });

  it('reproduces the reference thresholds (the median, share 0.5) unless a tie at the cut would flag more than half', () => {
    for (const c of reference.cases) {
      const t = thresholdForContamination(c.scores, 0.5);
      const asked = unitsAsked(c.scores.length, 50);
      const atNumpy = c.scores.filter((s) => s >= c.at_threshold.threshold).length;
      if (atNumpy <= asked) expect(Math.abs(t - c.at_threshold.threshold), c.name).toBeLessThan(1e-12);
      else {
        // The 'ties' case: numpy's median 0 is shared by a block that would overflow half;
        // the threshold moves to the next score up, as scikit-learn's strict rule leaves it.
        expect(c.name).toBe('ties');
        expect(t).toBe(Math.min(...c.scores.filter((s) => s > c.at_threshold.threshold)));
      }
      expect(c.scores.filter((s) => s >= t).length, c.name).toBeLessThanOrEqual(asked);
    }
  });

  it('flags 397 of the 7,940 HDFS-like units at 5 %, however the scores tie', () => {
    expect(unitsAsked(7940, 95)).toBe(397);
    // Scores in 20 values, each shared by 397 units: no tie block fits under 397 except one whole.
    const tied = Array.from({ length: 7940 }, (_, i) => i % 20);
    const t = thresholdForContamination(tied, 0.05);
    expect(tied.filter((s) => s >= t).length).toBe(397);
    // One more unit at the top score, and the top block (398) no longer fits: nothing is flagged.
    const over = [...tied.slice(1), 19];
    expect(over.filter((s) => s >= thresholdForContamination(over, 0.05)).length).toBe(0);
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

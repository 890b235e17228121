import { describe, it, expect } from 'vitest';
import { rocCurve } from '../../../app/core/evaluate/roc-curve.ts';

describe('rocCurve', () => {
  it('starts at (0, 0) with threshold +Infinity and has one point per distinct score', () => {
    const c = rocCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])!;
    expect(Array.from(c.thresholds)).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    expect(Array.from(c.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(c.tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
  });

  it('puts tied scores on one point', () => {
    const c = rocCurve([3, 3, 3, 1], [1, 0, 0, 1])!;
    expect(Array.from(c.thresholds)).toEqual([Infinity, 3, 1]);
    expect(Array.from(c.fpr)).toEqual([0, 1, 1]);
    expect(Array.from(c.tpr)).toEqual([0, 0.5, 1]);
  });

  it('returns null with one class', () => {
    expect(rocCurve([1, 2], [1, 1])).toBeNull();
    expect(rocCurve([1, 2], [0, 0])).toBeNull();
  });
});

import { describe, it, expect } from 'vitest';
import { precisionRecallCurve, twoClassCurveFromRanking } from '../../../app/core/evaluate/precision-recall-curve.ts';
import { rankByScore } from '../../../app/core/evaluate/rank-by-score.ts';

describe('precisionRecallCurve', () => {
  it('matches the sklearn docs example (increasing thresholds, final (1, 0) point)', () => {
    const c = precisionRecallCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])!;
    expect(Array.from(c.thresholds)).toEqual([0.1, 0.35, 0.4, 0.8]);
    expect(Array.from(c.precision)).toEqual([0.5, 2 / 3, 0.5, 1, 1]);
    expect(Array.from(c.recall)).toEqual([1, 1, 0.5, 0.5, 0]);
  });

  it('keeps the points past full recall (sklearn >= 1.1)', () => {
    const c = precisionRecallCurve([1, 2, 3, 4], [0, 0, 1, 1])!;
    expect(Array.from(c.thresholds)).toEqual([1, 2, 3, 4]);
    expect(Array.from(c.recall)).toEqual([1, 1, 1, 0.5, 0]);
    expect(Array.from(c.precision)).toEqual([0.5, 2 / 3, 1, 1, 1]);
  });

  it('gives a single point for all-tied scores', () => {
    const c = precisionRecallCurve([7, 7, 7, 7, 7], [0, 1, 0, 1, 1])!;
    expect(Array.from(c.thresholds)).toEqual([7]);
    expect(Array.from(c.precision)).toEqual([0.6, 1]);
    expect(Array.from(c.recall)).toEqual([1, 0]);
  });

  it('sets recall to 1 without anomalies, like sklearn, and returns null without units', () => {
    const c = precisionRecallCurve([1, 2], [0, 0])!;
    expect(Array.from(c.recall)).toEqual([1, 1, 0]);
    expect(Array.from(c.precision)).toEqual([0, 0, 1]);
    expect(precisionRecallCurve([], [])).toBeNull();
  });
});

describe('twoClassCurveFromRanking', () => {
  it('is the curve when both classes are there, null with one class only', () => {
    const both = rankByScore([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
    expect(twoClassCurveFromRanking(both)).toEqual(precisionRecallCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]));
    expect(twoClassCurveFromRanking(rankByScore([0.1, 0.2], [0, 0]))).toBeNull();
    expect(twoClassCurveFromRanking(rankByScore([0.1, 0.2], [1, 1]))).toBeNull();
  });
});

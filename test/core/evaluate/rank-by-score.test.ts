import { describe, it, expect } from 'vitest';
import { countAnomalies, rankByScore } from '../../../app/core/evaluate/rank-by-score.ts';

describe('rankByScore', () => {
  it('collapses tied scores into one row with cumulative counts, highest first', () => {
    const r = rankByScore([0.5, 0.9, 0.5, 0.1, 0.9, 0.5], [1, 1, 0, 0, 0, 1]);
    expect(Array.from(r.thresholds)).toEqual([0.9, 0.5, 0.1]);
    expect(Array.from(r.tps)).toEqual([1, 3, 3]);
    expect(Array.from(r.fps)).toEqual([1, 2, 3]);
    expect(r.positives).toBe(3);
    expect(r.negatives).toBe(3);
  });

  it('groups -0 with +0 and keeps infinite scores', () => {
    const r = rankByScore([-0, 0, Infinity, -Infinity], [1, 0, 0, 1]);
    expect(Array.from(r.thresholds)).toEqual([Infinity, 0, -Infinity]);
    expect(Array.from(r.tps)).toEqual([0, 1, 2]);
    expect(Array.from(r.fps)).toEqual([1, 2, 2]);
  });

  it('handles one class and no units', () => {
    const r = rankByScore([2, 1, 2], [0, 0, 0]);
    expect(Array.from(r.thresholds)).toEqual([2, 1]);
    expect(Array.from(r.tps)).toEqual([0, 0]);
    expect(Array.from(r.fps)).toEqual([2, 3]);
    const empty = rankByScore([], []);
    expect(empty.thresholds.length).toBe(0);
    expect(empty.positives + empty.negatives).toBe(0);
  });

  it('rejects mismatched lengths, non-0/1 labels and NaN scores', () => {
    expect(() => rankByScore([1, 2], [1])).toThrow(/2 scores, 1 labels/);
    expect(() => countAnomalies([1, 2], [1, 2])).toThrow(/unit 1 must be 0 or 1, got 2/);
    expect(() => countAnomalies([1, NaN], [1, 0])).toThrow(/unit 1 is NaN/);
  });
});

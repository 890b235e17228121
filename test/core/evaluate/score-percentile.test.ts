import { describe, it, expect } from 'vitest';
import { scorePercentile } from '../../../app/core/evaluate/score-percentile.ts';

describe('scorePercentile', () => {
  // Sorted [1, 1, 2, 3, 4, 5, 6, 9], n = 8, virtual index 7 · p / 100.
  const sorted = [1, 1, 2, 3, 4, 5, 6, 9];

  it('is numpy percentile(x, p) with linear interpolation, last bit included', () => {
    // p = 75: index 5.25 → 5 + 0.25 · (6 − 5) = 5.25.
    expect(scorePercentile(sorted, 75)).toBe(5.25);
    // p = 95: index 6.65 → from the nearer end, 9 − 3 · 0.35; numpy prints 7.949999999999998.
    expect(scorePercentile(sorted, 95)).toBe(7.949999999999998);
    // p = 33.3: index 2.331 → 2 + 0.331; numpy prints 2.3309999999999995.
    expect(scorePercentile(sorted, 33.3)).toBe(2.3309999999999995);
    expect(scorePercentile(sorted, 50)).toBe(3.5);
    // [0.1, 0.2, 0.7], p = 30: index 0.6 → 0.2 − 0.1 · 0.4 = 0.16 (numpy: 0.16).
    expect(scorePercentile([0.1, 0.2, 0.7], 30)).toBe(0.16);
    expect(scorePercentile([0.1, 0.2, 0.7], 95)).toBe(0.6499999999999999);
  });

  it('gives the minimum at 0 and the maximum at 100, and copes with infinite scores', () => {
    expect(scorePercentile(sorted, 0)).toBe(1);
    expect(scorePercentile(sorted, 100)).toBe(9);
    expect(scorePercentile([-Infinity, -Infinity, 1], 25)).toBe(-Infinity);
  });

  it('rejects a p outside 0–100 and empty input', () => {
    expect(() => scorePercentile(sorted, 101)).toThrow('percentile must be between 0 and 100, got 101');
    expect(() => scorePercentile(sorted, NaN)).toThrow(/NaN/);
    expect(() => scorePercentile([], 50)).toThrow(/without scores/);
  });
});

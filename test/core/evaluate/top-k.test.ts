import { describe, expect, it } from 'vitest';
import { topK } from '../../../app/core/evaluate/top-k.ts';
import { sortScores } from '../../../app/core/evaluate/contamination-threshold.ts';

describe('topK', () => {
  it('returns the indices of the highest scores, highest first, ties by index', () => {
    const s = [0.2, 0.9, 0.5, 0.9, 0.1, 0.7];
    expect(topK(s, sortScores(s), 3)).toEqual([1, 3, 5]);
    expect(topK(s, sortScores(s), 10)).toEqual([1, 3, 5, 2, 0, 4]);
    expect(topK(s, sortScores(s), 0)).toEqual([]);
  });
});

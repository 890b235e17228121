import { describe, expect, it } from 'vitest';
import { scoreHistogram } from '../../../app/core/evaluate/score-histogram.ts';

describe('scoreHistogram', () => {
  it('counts each label per equal-width bin, the maximum in the last bin', () => {
    const bins = scoreHistogram([0, 0.1, 0.5, 0.9, 1], [0, 0, 1, 0, 1], 2);
    expect(bins).toEqual([
      { x0: 0, x1: 0.5, normal: 2, anomalous: 0, unlabelled: 0 },
      { x0: 0.5, x1: 1, normal: 1, anomalous: 2, unlabelled: 0 },
    ]);
  });
  it('without labels counts unlabelled; equal scores make one bin; no scores no bins', () => {
    expect(scoreHistogram([3, 3, 3], null, 10)).toEqual([{ x0: 3, x1: 4, normal: 0, anomalous: 0, unlabelled: 3 }]);
    expect(scoreHistogram([], null)).toEqual([]);
  });
});

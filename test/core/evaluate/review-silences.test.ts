import { describe, expect, it } from 'vitest';
import { reviewSilences } from '../../../app/core/evaluate/review-silences.ts';

describe('reviewSilences', () => {
  it('gives the patterns of flagged units a person marked normal, once each', () => {
    const scores = [0.9, 0.8, 0.2, 0.95, 0.85];
    const pattern = (u: number) => ['a ***', 'b ***', 'c', 'a ***', null][u];
    const marks = [{ unit: 0, label: 0 }, { unit: 1, label: 1 }, { unit: 2, label: 0 }, { unit: 3, label: 0 }, { unit: 4, label: 0 }] as const;
    // unit 1 is marked anomalous, unit 2 was not flagged, unit 3 repeats unit 0's pattern, unit 4 has none.
    expect(reviewSilences([...marks], scores, 0.5, pattern)).toEqual(['a ***']);
  });
});

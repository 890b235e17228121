import { describe, it, expect } from 'vitest';
import { bestF1 } from '../../../app/core/evaluate/best-f1.ts';
import reference from '../../fixtures/sklearn-metrics.json';

describe('bestF1', () => {
  for (const c of reference.cases) {
    it(`matches the reference best F1 and threshold on "${c.name}"`, () => {
      const best = bestF1(c.scores, c.labels)!;
      expect(Math.abs(best.f1 - c.best_f1)).toBeLessThan(1e-12);
      // The reference thresholds come from unrounded scores; the fixture's
      // scores are rounded to 12 decimals, hence the 1e-12 tolerance.
      expect(Math.abs(best.threshold - c.best_f1_threshold)).toBeLessThan(1e-12);
    });
  }

  it('picks -0.2 on the ties case', () => {
    const ties = reference.cases.find((c) => c.name === 'ties')!;
    expect(bestF1(ties.scores, ties.labels)!.threshold).toBe(-0.2);
  });

  it('matches hand-computed values', () => {
    // F1 per threshold 0.1, 0.35, 0.4, 0.8: 2/3, 0.8, 0.5, 2/3.
    const docs = bestF1([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])!;
    expect(docs.f1).toBeCloseTo(0.8, 15);
    expect(docs.threshold).toBe(0.35);
    expect(bestF1([1, 2, 3, 4], [0, 0, 1, 1])).toEqual({ f1: 1, threshold: 3 });
    const ties = bestF1([7, 7, 7, 7, 7], [0, 1, 0, 1, 1])!;
    expect(ties.f1).toBeCloseTo(0.75, 15);
    expect(ties.threshold).toBe(7);
  });

  it('breaks exact F1 ties towards the lowest threshold (numpy argmax over increasing thresholds)', () => {
    // Threshold 4: P=1, R=1/2; threshold 1: P=1/2, R=1; both F1 = 2/3.
    const best = bestF1([4, 3, 2, 1], [1, 0, 0, 1])!;
    expect(best.f1).toBe(2 / 3);
    expect(best.threshold).toBe(1);
  });

  it('returns null with one class', () => {
    expect(bestF1([1, 2], [0, 0])).toBeNull();
    expect(bestF1([1, 2], [1, 1])).toBeNull();
  });
});

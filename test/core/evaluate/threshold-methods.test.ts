import { describe, it, expect } from 'vitest';
import { confusionAt } from '../../../app/core/evaluate/confusion.ts';
import { thresholdForContamination } from '../../../app/core/evaluate/contamination-threshold.ts';
import {
  explainThreshold,
  pickThreshold,
  THRESHOLD_METHODS,
  type ThresholdMethodSpec,
} from '../../../app/core/evaluate/threshold-methods.ts';

// Units 0–7. Sorted ascending: [0.1, 0.2, 0.4, 0.5, 0.7, 0.9, 0.9, 0.95] — a tie at 0.9.
const scores = [0.1, 0.95, 0.4, 0.9, 0.7, 0.2, 0.9, 0.5];
// Anomalies: units 1 (0.95), 3 (0.9) and 7 (0.5); normal units 0, 2, 4, 5, 6 (6 is the other 0.9).
const labels = new Int8Array([0, 1, 0, 1, 0, 0, 0, 1]);
const MIN = 60_000;
// Every 30 minutes, one unknown: finite times span 0–210 min = 3.5 h.
const times = [0, 30, NaN, 90, 120, 150, 180, 210].map((m) => m * MIN);

const pick = (spec: ThresholdMethodSpec) => pickThreshold(scores, spec, { labels, times });

describe('pickThreshold', () => {
  it('lists its methods', () => {
    expect(THRESHOLD_METHODS).toEqual(['contamination', 'score', 'percentile', 'best-f1', 'alert-budget', 'fpr']);
  });

  it('contamination reuses the numpy-percentile rule', () => {
    // q = 0.75, index 5.25 between the two 0.9s → numpy says 0.9, which would flag 3 units where
    // 25 % asks for 1 + ⌊7 × 0.25⌋ = 2: the tied 0.9s are left out, as scikit-learn's strict
    // `score < offset_` leaves them, and only 0.95 is flagged.
    expect(pick({ method: 'contamination', value: 0.25 })).toBe(0.95);
    expect(pick({ method: 'contamination', value: 0.3 })).toBe(thresholdForContamination(scores, 0.3));
  });

  it('score passes the value through, infinities included', () => {
    expect(pick({ method: 'score', value: 0.45 })).toBe(0.45);
    expect(pick({ method: 'score', value: Infinity })).toBe(Infinity);
  });

  it('percentile is numpy percentile(scores, p)', () => {
    // numpy.percentile(scores, [50, 90, 12.5]) = [0.6, 0.915, 0.1875]:
    // index 3.5 → 0.7 − 0.2 · 0.5; index 6.3 → 0.9 + 0.05 · 0.3; index 0.875 → 0.2 − 0.1 · 0.125.
    expect(pick({ method: 'percentile', value: 50 })).toBe(0.6);
    expect(pick({ method: 'percentile', value: 90 })).toBe(0.915);
    expect(pick({ method: 'percentile', value: 12.5 })).toBe(0.1875);
  });

  it('best-f1 is the F1-optimal score on the labels', () => {
    // Threshold → (tp, fp) → F1: 0.95 → (1, 0) → 0.5; 0.9 → (2, 1) → 2/3; 0.7 → (2, 2) → 4/7;
    // 0.5 → (3, 2) → P 0.6, R 1 → 0.75 (best); 0.4 → (3, 3) → 2/3.
    expect(pick({ method: 'best-f1' })).toBe(0.5);
  });

  it('fpr gives the lowest threshold whose false-positive rate is within the target', () => {
    // 5 normal units. FPR by threshold: 0.95 → 0, 0.9 → 1/5, 0.7 → 2/5, 0.5 → 2/5, 0.4 → 3/5, 0.2 → 4/5, 0.1 → 1.
    expect(pick({ method: 'fpr', value: 0 })).toBe(0.95);
    expect(pick({ method: 'fpr', value: 0.2 })).toBe(0.9);
    expect(pick({ method: 'fpr', value: 0.4 })).toBe(0.5); // 0.7 has the same FPR, 0.5 is lower
    expect(pick({ method: 'fpr', value: 0.59 })).toBe(0.5);
    expect(pick({ method: 'fpr', value: 1 })).toBe(0.1);
    for (const target of [0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1]) {
      const c = confusionAt(scores, labels, pick({ method: 'fpr', value: target }));
      expect(c.fp / (c.fp + c.tn)).toBeLessThanOrEqual(target);
    }
  });

  it('fpr flags nothing when even the top score is a normal unit and the target is 0', () => {
    expect(pickThreshold([3, 2, 1], { method: 'fpr', value: 0 }, { labels: [0, 1, 1] })).toBe(Infinity);
  });

  describe('alert-budget', () => {
    it('allows floor(N × span / period) alerts over the finite time span', () => {
      // 1 per hour × 3.5 h → 3 allowed; 3rd highest is 0.9 and the 4th (0.7) is lower → 0.9 flags 3.
      expect(pick({ method: 'alert-budget', value: 1, per: 'hour' })).toBe(0.9);
      // 0.3 per hour × 3.5 h = 1.05 → 1 allowed → the top score.
      expect(pick({ method: 'alert-budget', value: 0.3, per: 'hour' })).toBe(0.95);
    });

    it('raises the threshold over a tie rather than exceed the budget', () => {
      // 0.6 per hour × 3.5 h = 2.1 → 2 allowed; the 2nd and 3rd highest tie at 0.9, so
      // 0.9 would flag 3: the threshold goes up to 0.95 and flags only 1.
      const spec = { method: 'alert-budget', value: 0.6, per: 'hour' } as const;
      expect(pick(spec)).toBe(0.95);
      expect(explainThreshold(scores, spec, { times })).toBe(
        'at most 0.6 alerts per hour over 3.5 h: 2 alerts allowed, 1 flagged (ties)',
      );
      // When the tie is at the top, nothing can be flagged within the budget.
      expect(pickThreshold([5, 5, 1], spec, { times: [0, 1, 2 * 3_600_000] })).toBe(Infinity);
    });

    it('flags nothing with a budget of 0 and everything when the budget exceeds the units', () => {
      expect(pick({ method: 'alert-budget', value: 0, per: 'hour' })).toBe(Infinity);
      expect(pick({ method: 'alert-budget', value: 100, per: 'hour' })).toBe(0.1);
    });

    it('counts a span shorter than one period as one period', () => {
      // 3.5 h < 1 day: 5 per day → 5 allowed; 5th highest 0.5, the 6th (0.4) is lower.
      const spec = { method: 'alert-budget', value: 5, per: 'day' } as const;
      expect(pick(spec)).toBe(0.5);
      expect(explainThreshold(scores, spec, { times })).toBe(
        'at most 5 alerts per day over 0.1458 d (counted as 1 day): 5 alerts allowed, 5 flagged',
      );
    });
  });

  it('validates, naming the field and the value', () => {
    expect(() => pick({ method: 'contamination', value: 1.5 })).toThrow('threshold.value: 1.5 is not a share between 0 and 1');
    expect(() => pick({ method: 'percentile', value: -1 })).toThrow('threshold.value: -1 is not a percentile between 0 and 100');
    expect(() => pick({ method: 'fpr', value: 2 })).toThrow('threshold.value: 2 is not a false-positive rate');
    expect(() => pick({ method: 'score', value: NaN })).toThrow('threshold.value: NaN is not a score');
    expect(() => pick({ method: 'alert-budget', value: -3, per: 'hour' })).toThrow('threshold.value: -3 is not a number of alerts');
    expect(() => pick({ method: 'alert-budget', value: 3, per: 'week' as 'day' })).toThrow('threshold.per: "week" is not known');
    expect(() => pick({ method: 'median' } as unknown as ThresholdMethodSpec)).toThrow('threshold.method: "median" is not known');
    // A value from JSON that is a string must not slip through `>=` coercion.
    expect(() => pick({ method: 'percentile', value: '50' as unknown as number })).toThrow('threshold.value: 50 is not a percentile');
  });

  it('says clearly when labels or times are missing', () => {
    expect(() => pickThreshold(scores, { method: 'best-f1' })).toThrow('threshold.method: best-f1 needs labels, and this data has none');
    expect(() => pickThreshold(scores, { method: 'fpr', value: 0.1 }, { labels: null })).toThrow('fpr needs labels');
    expect(() => pickThreshold([1, 2], { method: 'best-f1' }, { labels: [1, 1] })).toThrow('both anomalous and normal');
    expect(() => pickThreshold([1, 2], { method: 'fpr', value: 0.1 }, { labels: [1, 1] })).toThrow('normal units');
    expect(() => pickThreshold(scores, { method: 'alert-budget', value: 1, per: 'hour' })).toThrow('alert-budget needs timestamps');
    expect(() => pickThreshold([1, 2], { method: 'alert-budget', value: 1, per: 'hour' }, { times: [NaN, NaN] })).toThrow(
      'no unit has one',
    );
    expect(() => pickThreshold([1, 2], { method: 'best-f1' }, { labels: [1] })).toThrow('2 scores but 1 labels');
    expect(() => pickThreshold([], { method: 'percentile', value: 5 })).toThrow('without scores');
  });
});

describe('explainThreshold', () => {
  it('says what was chosen and how many units it flags', () => {
    expect(explainThreshold(scores, { method: 'contamination', value: 0.25 })).toBe('contamination 0.25: score ≥ 0.95, 1 of 8 flagged');
    expect(explainThreshold(scores, { method: 'best-f1' }, { labels })).toBe('best F1 0.75 on the labels: score ≥ 0.5, 5 of 8 flagged');
    expect(explainThreshold(scores, { method: 'score', value: 0.45 })).toBe('fixed threshold: score ≥ 0.45, 5 of 8 flagged');
    expect(explainThreshold(scores, { method: 'alert-budget', value: 1, per: 'hour' }, { times })).toBe(
      'at most 1 alerts per hour over 3.5 h: 3 alerts allowed, 3 flagged',
    );
  });
});

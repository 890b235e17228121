import { describe, expect, it } from 'vitest';
import { checkThreshold } from '../../../app/core/experiment/check-threshold.ts';
import { parseSpec } from '../../../app/core/experiment/parse-spec.ts';
import { FieldError } from '../../../app/core/field-error.ts';

const ids = new Set(['if', 'lof']);

/** The message checkThreshold throws for a threshold, as a FieldError. */
function problem(t: Record<string, unknown>): string {
  try {
    checkThreshold(t, ids);
  } catch (e) {
    expect(e).toBeInstanceOf(FieldError);
    return (e as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(t)}`);
}

describe('checkThreshold', () => {
  it('accepts every method with its value', () => {
    for (const t of [
      { run: 'if', method: 'contamination', value: 0 },
      { run: 'if', method: 'contamination', value: 1 },
      { run: 'if', method: 'score', value: -3.5 },
      { run: 'lof', method: 'percentile', value: 99.5 },
      { run: 'lof', method: 'percentile', value: 0 },
      { run: 'if', method: 'best-f1' },
      { run: 'if', method: 'alert-budget', value: 10, per: 'hour' },
      { run: 'if', method: 'alert-budget', value: 0, per: 'day' },
      { run: 'if', method: 'fpr', value: 0.01 },
    ]) expect(() => checkThreshold(t, ids)).not.toThrow();
  });

  it('names the run and the method', () => {
    expect(problem({ run: 'ae', method: 'score', value: 1 })).toBe('threshold.run: "ae" is not a detector id (ids: if, lof)');
    expect(problem({ run: 'if', method: 'median', value: 1 })).toBe(
      'threshold.method: "median" is not known (known: contamination, score, percentile, best-f1, alert-budget, fpr)',
    );
  });

  it('checks the value of each method against its range', () => {
    expect(problem({ run: 'if', method: 'contamination', value: 1.5 })).toBe('threshold.value: contamination 1.5 is outside 0–1');
    expect(problem({ run: 'if', method: 'percentile', value: 101 })).toBe('threshold.value: percentile 101 is outside 0–100');
    expect(problem({ run: 'if', method: 'fpr', value: -0.1 })).toBe('threshold.value: false-positive rate -0.1 is outside 0–1');
    expect(problem({ run: 'if', method: 'alert-budget', value: -1, per: 'hour' })).toBe('threshold.value: alert budget -1 is below 0');
    expect(problem({ run: 'if', method: 'score' })).toBe('threshold.value: expected a number');
    expect(problem({ run: 'if', method: 'percentile', value: '95' })).toBe('threshold.value: expected a number');
    expect(problem({ run: 'if', method: 'score', value: null })).toBe('threshold.value: expected a number');
  });

  it('wants a period for an alert budget, and only there', () => {
    expect(problem({ run: 'if', method: 'alert-budget', value: 5 })).toBe('threshold.per: undefined is not a period (known: hour, day)');
    expect(problem({ run: 'if', method: 'alert-budget', value: 5, per: 'week' })).toBe('threshold.per: "week" is not a period (known: hour, day)');
    expect(problem({ run: 'if', method: 'contamination', value: 0.1, per: 'hour' })).toBe('threshold.per: only alert-budget takes a period, not contamination');
  });

  it('best-f1 takes no value', () => {
    expect(problem({ run: 'if', method: 'best-f1', value: 0.5 })).toBe('threshold.value: best-f1 takes no value (it finds the threshold on the labels)');
  });

  it('is what parseSpec runs on a spec threshold', () => {
    const spec = { version: 1, features: { unit: 'line' }, detectors: [{ id: 'if', type: 'isolation-forest' }] };
    const threshold = { run: 'if', method: 'alert-budget', value: 10, per: 'day' };
    expect(parseSpec({ ...spec, threshold }).threshold).toEqual(threshold);
    expect(() => parseSpec({ ...spec, threshold: { ...threshold, per: 'month' } })).toThrow('threshold.per: "month" is not a period');
  });
});

import { describe, expect, it } from 'vitest';
import { oneOf, positiveNumber } from '../../../app/core/detect/param-checks.ts';
import { ParamRangeError } from '../../../app/core/detect/param-limits.ts';

describe('parameter checks', () => {
  it('oneOf gives the value when it is a choice, and names the field, the value and the choices when not', () => {
    expect(oneOf('direction', 'more', ['both', 'more'] as const)).toBe('more');
    expect(() => oneOf('direction', 'up', ['both', 'more'])).toThrow('invalid direction: "up" (expected one of both, more)');
    expect(() => oneOf('direction', 3, ['both'])).toThrow('invalid direction: 3 (expected one of both)');
  });

  it('positiveNumber refuses 0, negatives, NaN and non-numbers, and a value above the limit', () => {
    const limit = { min: 0, max: 10, exclusiveMin: true };
    expect(positiveNumber('smoothing', 2.5, limit)).toBe(2.5);
    for (const v of [0, -1, NaN, Infinity, '1']) {
      expect(() => positiveNumber('smoothing', v, limit)).toThrow(`invalid smoothing: ${typeof v === 'string' ? '"1"' : v} (expected a finite number > 0)`);
    }
    expect(() => positiveNumber('smoothing', 11, limit)).toThrow(ParamRangeError);
    expect(() => positiveNumber('smoothing', 11, limit)).toThrow('invalid smoothing: 11 is above the limit 10');
  });
});

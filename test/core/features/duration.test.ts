import { describe, it, expect } from 'vitest';
import { parseDuration } from '../../../app/core/features/duration.ts';

describe('parseDuration', () => {
  it('reads a number and a unit as milliseconds', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('1.5s')).toBe(1_500);
    expect(parseDuration(' 10 m ')).toBe(600_000);
    expect(parseDuration('0s')).toBe(0);
  });

  it('names a value that is not a duration', () => {
    const hint = '(expected a number and a unit: ms, s, m, h or d, e.g. "5m")';
    expect(() => parseDuration('5')).toThrow(`"5" is not a duration ${hint}`);
    expect(() => parseDuration('5 minutes')).toThrow(`"5 minutes" is not a duration ${hint}`);
    expect(() => parseDuration('-1m')).toThrow(`"-1m" is not a duration ${hint}`);
    expect(() => parseDuration('')).toThrow(`"" is not a duration ${hint}`);
    expect(() => parseDuration(5 as unknown as string)).toThrow(`5 is not a duration ${hint}`);
  });
});

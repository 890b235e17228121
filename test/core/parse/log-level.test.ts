import { describe, it, expect } from 'vitest';
import { LEVELS, logLevel } from '../../../app/core/parse/log-level.ts';

describe('logLevel', () => {
  it('orders severities TRACE 0 … FATAL 5', () => {
    expect(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].map((l) => LEVELS[l])).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('finds the first level word in the message, in any case', () => {
    expect(logLevel('2026-03-02 10:00:00 INFO [main] started')).toBe(2);
    expect(logLevel('warning: disk almost full')).toBe(3);
    expect(logLevel('[error] then INFO')).toBe(4);
    expect(logLevel('kernel PANIC')).toBe(5);
    expect(logLevel('DEBUG x')).toBe(1);
    expect(logLevel('SEVERE: x')).toBe(4);
  });

  it('prefers a level field to the message', () => {
    expect(logLevel('INFO but the field says', 'error')).toBe(4);
    expect(logLevel('x', 'Warning')).toBe(3);
  });

  it('falls back to the message when the field is not a level', () => {
    expect(logLevel('ERROR x', 'verbose')).toBe(4);
    expect(logLevel('ERROR x', 3)).toBe(4);
  });

  it('needs a whole word, within the first 120 characters', () => {
    expect(logLevel('INFORMATIONAL errors')).toBeNaN();
    expect(logLevel(`${'x '.repeat(60)}ERROR`)).toBeNaN();
    expect(logLevel(`${'x '.repeat(50)}ERROR`)).toBe(4);
  });

  it('is NaN without a level', () => {
    expect(logLevel('user logged in')).toBeNaN();
    expect(logLevel('')).toBeNaN();
  });
});

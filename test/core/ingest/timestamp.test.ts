import { describe, it, expect } from 'vitest';
import { findLineTimestamp, parseTimestampValue, TIMESTAMP_FIELDS } from '../../../app/core/ingest/timestamp.ts';

describe('findLineTimestamp', () => {
  it('reads an ISO time at the start of a line, UTC when it has no zone', () => {
    expect(findLineTimestamp('2026-03-02T10:00:00Z INFO x')).toBe(Date.UTC(2026, 2, 2, 10, 0, 0));
    expect(findLineTimestamp('2026-03-02 10:00:00 INFO x')).toBe(Date.UTC(2026, 2, 2, 10, 0, 0));
    expect(findLineTimestamp('2026-03-02T10:00:00.123 x')).toBe(Date.UTC(2026, 2, 2, 10, 0, 0, 123));
  });

  it('applies a zone offset and reads comma fractions and nanosecond digits', () => {
    expect(findLineTimestamp('2026-03-02T10:00:00+02:00 x')).toBe(Date.UTC(2026, 2, 2, 8, 0, 0));
    expect(findLineTimestamp('2026-03-02T10:00:00-0530 x')).toBe(Date.UTC(2026, 2, 2, 15, 30, 0));
    expect(findLineTimestamp('2026-03-02 10:00:00,5 x')).toBe(Date.UTC(2026, 2, 2, 10, 0, 0, 500));
    expect(findLineTimestamp('2026-03-02T10:00:00.987654321Z')).toBe(Date.UTC(2026, 2, 2, 10, 0, 0, 987));
  });

  it('finds a time after a label or a host, within the first 80 characters only', () => {
    expect(findLineTimestamp('- host-1 2026-03-02T10:00:00Z x')).toBe(Date.UTC(2026, 2, 2, 10, 0, 0));
    expect(findLineTimestamp(`${'x'.repeat(80)} 2026-03-02T10:00:00Z`)).toBeNaN();
  });

  it('is NaN without a timestamp', () => {
    expect(findLineTimestamp('INFO no time here 10:00')).toBeNaN();
  });
});

describe('parseTimestampValue', () => {
  const t = 1_700_000_000_000;
  it('tells epoch seconds, milliseconds, microseconds and nanoseconds apart', () => {
    expect(parseTimestampValue(1_700_000_000)).toBe(t);
    expect(parseTimestampValue(1_700_000_000.25)).toBe(t + 250);
    expect(parseTimestampValue(t)).toBe(t);
    expect(parseTimestampValue(t * 1000)).toBe(t);
    expect(parseTimestampValue(t * 1e6)).toBe(t);
    expect(parseTimestampValue('1700000000')).toBe(t);
  });

  it('reads ISO strings', () => {
    expect(parseTimestampValue('2026-03-02T10:00:00.5+01:00')).toBe(Date.UTC(2026, 2, 2, 9, 0, 0, 500));
  });

  it('is NaN for what is not a time', () => {
    for (const v of ['', 'yesterday', 0, -5, NaN, Infinity, null, undefined, true, {}]) expect(parseTimestampValue(v)).toBeNaN();
  });

  it('looks for the usual timestamp field names, @timestamp first', () => {
    expect(TIMESTAMP_FIELDS[0]).toBe('@timestamp');
    expect(TIMESTAMP_FIELDS).toEqual(expect.arrayContaining(['timestamp', 'time', 'ts']));
  });
});

import { describe, it, expect } from 'vitest';
import type { UnitMembership } from '../../../app/core/features/session-units.ts';
import { windowUnits } from '../../../app/core/features/window-units.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';

const members = (m: UnitMembership) =>
  Array.from({ length: m.rowStart.length - 1 }, (_, u) => Array.from(m.rows.subarray(m.rowStart[u], m.rowStart[u + 1])));
const spans = (w: { start: Float64Array; end: Float64Array; group: string[] }) =>
  Array.from(w.start, (s, u) => [w.group[u], s, w.end[u]]);

const MIN = 60_000;
// Row 4 has no time; row 5 is back in the first minute (rows need not be sorted).
const TIMES = Float64Array.from([0, 59_999, 60_000, 125_000, NaN, 30_000]);

describe('windowUnits', () => {
  it('cuts fixed windows [k·size, (k+1)·size) and leaves out rows without a time', () => {
    const w = windowUnits(TIMES, { size: MIN });
    expect(spans(w)).toEqual([['', 0, MIN], ['', MIN, 2 * MIN], ['', 2 * MIN, 3 * MIN]]);
    expect(members(w)).toEqual([[0, 1, 5], [2], [3]]);
    expect(w.rowsWithoutTime).toBe(1);
    expect(w.rowsWithoutGroup).toBe(0);
  });

  it('emits only windows that hold a row: no window for a quiet minute', () => {
    const w = windowUnits(Float64Array.from([10_000, 190_000]), { size: MIN });
    expect(spans(w)).toEqual([['', 0, MIN], ['', 3 * MIN, 4 * MIN]]);
    expect(members(w)).toEqual([[0], [1]]);
  });

  it('aligns windows to multiples of the step from the epoch, not to the first row', () => {
    const w = windowUnits(Float64Array.from([1_772_445_605_000, 1_772_445_670_000]), { size: MIN });
    // 2026-03-02T10:00:00Z and 10:01:00Z.
    expect(spans(w)).toEqual([['', 1_772_445_600_000, 1_772_445_660_000], ['', 1_772_445_660_000, 1_772_445_720_000]]);
  });

  it('puts a row in every sliding window that spans it', () => {
    const w = windowUnits(TIMES, { size: 2 * MIN, step: MIN });
    expect(spans(w)).toEqual([
      ['', -MIN, MIN],
      ['', 0, 2 * MIN],
      ['', MIN, 3 * MIN],
      ['', 2 * MIN, 4 * MIN],
    ]);
    expect(members(w)).toEqual([[0, 1, 5], [0, 1, 2, 5], [2, 3], [3]]);
  });

  it('handles a size that is not a multiple of the step', () => {
    // size 5, step 2: window k is [2k, 2k + 5).
    const w = windowUnits(Float64Array.from([4, 5]), { size: 5, step: 2 });
    expect(spans(w)).toEqual([['', 0, 5], ['', 2, 7], ['', 4, 9]]);
    expect(members(w)).toEqual([[0], [0, 1], [0, 1]]);
  });

  it('cuts windows per group, ordered by start then by group as first seen; null groups are left out', () => {
    const groupOf = ['h2', 'h1', 'h2', 'h1', 'h1', null];
    const w = windowUnits(TIMES, { size: MIN, groupOf });
    expect(spans(w)).toEqual([
      ['h2', 0, MIN],
      ['h1', 0, MIN],
      ['h2', MIN, 2 * MIN],
      ['h1', 2 * MIN, 3 * MIN],
    ]);
    expect(members(w)).toEqual([[0], [1], [2], [3]]);
    expect([w.rowsWithoutTime, w.rowsWithoutGroup]).toEqual([1, 1]);
  });

  it('cuts sliding windows per group', () => {
    const w = windowUnits(Float64Array.from([0, 30_000, 90_000]), { size: 2 * MIN, step: MIN, groupOf: ['a', 'b', 'a'] });
    expect(spans(w)).toEqual([
      ['a', -MIN, MIN],
      ['b', -MIN, MIN],
      ['a', 0, 2 * MIN],
      ['b', 0, 2 * MIN],
      ['a', MIN, 3 * MIN],
    ]);
    expect(members(w)).toEqual([[0], [1], [0, 2], [1], [2]]);
  });

  it('reads the times of real rows', async () => {
    const data = await readLogs([sourceFromText('a.log', '2026-03-02T10:00:05Z a\nno time\n2026-03-02T10:00:59.999Z b\n2026-03-02T10:01:00Z c\n')]);
    const w = windowUnits(data.timestamp, { size: MIN });
    expect(spans(w)).toEqual([['', 1_772_445_600_000, 1_772_445_660_000], ['', 1_772_445_660_000, 1_772_445_720_000]]);
    expect(members(w)).toEqual([[0, 2], [3]]);
    expect(w.rowsWithoutTime).toBe(1);
  });

  it('rejects a size or step that is not positive, and a step longer than the size', () => {
    expect(() => windowUnits(TIMES, { size: 0 })).toThrow('windows.size: expected a duration above 0, got 0 ms');
    expect(() => windowUnits(TIMES, { size: MIN, step: NaN })).toThrow('windows.step: expected a duration above 0, got NaN ms');
    expect(() => windowUnits(TIMES, { size: MIN, step: 2 * MIN })).toThrow(
      'windows.step (120000 ms) is longer than windows.size (60000 ms): rows between windows would belong to none',
    );
    expect(() => windowUnits(TIMES, { size: MIN, groupOf: ['a'] })).toThrow('windows: 1 group values for 6 rows');
  });

  it('refuses a step that puts a row in more than 10,000 windows (a 1 ms step filled a Map)', () => {
    expect(() => windowUnits(TIMES, { size: 5 * MIN, step: 1 })).toThrow(
      'features.step: 1ms with a size of 5m puts each row in 300000 windows, above the limit 10000: use a longer step',
    );
    expect(() => windowUnits(TIMES, { size: 5 * MIN, step: 30 })).not.toThrow();
  });

  it('refuses data that makes more windows than the limit, naming the step and the data\'s span', () => {
    const times = Float64Array.from([0, 1_000, 2_000, 3_000, 7_261_000]);
    expect(windowUnits(times, { size: 1_000, maxWindows: 5 }).start.length).toBe(5);
    expect(() => windowUnits(times, { size: 1_000, maxWindows: 4 })).toThrow(
      "features.step: windows of 1s every 1s over the data's span (2h 1m 1s, 1970-01-01T00:00:00.000Z to 1970-01-01T02:01:01.000Z) make more than 4 windows, the limit: use a longer step or size",
    );
    expect(() => windowUnits(times, { size: 1_000, maxWindows: 2, groupOf: ['a', 'b', 'a', 'b', 'a'] })).toThrow(
      "features.step: windows of 1s every 1s over the data's span (2h 1m 1s, 1970-01-01T00:00:00.000Z to 1970-01-01T02:01:01.000Z) in 2 groups (so far) make more than 2 windows, the limit: use a longer step or size",
    );
  });

  it('makes at most 1,000,000 windows by default', () => {
    const times = Float64Array.from({ length: 1_000_001 }, (_, i) => i);
    expect(() => windowUnits(times, { size: 1 })).toThrow(/^features\.step: windows of 1ms every 1ms over the data's span \(16m 40s, .*\) make more than 1000000 windows, the limit/);
    expect(windowUnits(times.subarray(0, 1_000_000), { size: 1 }).start.length).toBe(1_000_000);
  });
});

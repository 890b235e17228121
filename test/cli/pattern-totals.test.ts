import { describe, expect, it } from 'vitest';
import { addToPattern, flaggedByPattern, groupId } from '../../app/serve/sinks/pattern-totals.ts';
import type { WatchRecord } from '../../app/serve/sinks/sink.ts';

const record = (pattern: string, score: number, more: Partial<WatchRecord> = {}): WatchRecord => ({
  source: 's', line: 1, time: null, score, anomaly: true, text: pattern, model: 1, pattern, host: null, key: 1, ...more,
});

describe('pattern totals of the write-back sinks', () => {
  it('groups the flagged records by pattern, in the order they come', () => {
    const groups = flaggedByPattern([record('b', 1), record('a', 2), record('b', 3), record('a', 4, { anomaly: false })]);
    expect([...groups].map(([p, rs]) => [p, rs.map((r) => r.score)])).toEqual([['b', [1, 3]], ['a', [2]]]);
  });

  it('adds new records to the totals kept, with the means and the top host', () => {
    const old = { total: 2, scoreSum: 10, timeSum: Date.parse('2026-01-01T00:00:00Z'), timeCount: 1, hosts: { web: 1, db: 1 } };
    const s = addToPattern(old, [record('p', 2, { host: 'db', time: '2026-01-01T00:00:10Z' }), record('p', 3)]);
    expect(s).toMatchObject({ total: 4, scoreSum: 15, meanScore: 3.75, timeCount: 2, hosts: { web: 1, db: 2 }, topHost: 'db' });
    expect(s.meanTime?.toISOString()).toBe('2026-01-01T00:00:05.000Z');
    expect(old.hosts).toEqual({ web: 1, db: 1 });
  });

  it('starts from nothing: no time and no host give null, a host tie goes to the first in text order', () => {
    expect(addToPattern(null, [record('p', 1)])).toMatchObject({ total: 1, meanScore: 1, meanTime: null, topHost: null });
    expect(addToPattern(null, [record('p', 1, { host: 'web' }), record('p', 1, { host: 'app' })]).topHost).toBe('app');
  });

  it("names a pattern by its SHA-1's 40 hex digits", () => {
    expect(groupId('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });
});

import { describe, it, expect } from 'vitest';
import { sessionUnits, unitFirstRow, type UnitMembership } from '../../../app/core/features/session-units.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';

const read = (name: string, lines: string[]) => readLogs([sourceFromText(name, lines.join('\n') + '\n')]);
/** Membership as one list of rows per unit, for exact comparison. */
const members = (m: UnitMembership) =>
  Array.from({ length: m.rowStart.length - 1 }, (_, u) => Array.from(m.rows.subarray(m.rowStart[u], m.rowStart[u + 1])));

const HDFS_LIKE = [
  'Receiving block blk_1 src /10.0.0.1',
  'Receiving block blk_-2 src /10.0.0.2',
  'Deleting block blk_1 file /data/blk_1', // the same id twice: once
  'heartbeat from datanode', // no id
  'ask 10.0.0.1 to replicate blk_1 to datanode blk_-2', // two ids: both sessions
  'Received block blk_-2 of size 67',
];

describe('sessionUnits by pattern', () => {
  it('puts a row in every session it names, in log order, and counts rows without one', async () => {
    const s = sessionUnits(await read('hdfs.log', HDFS_LIKE), { pattern: 'blk_-?\\d+' });
    expect(s.keys).toEqual(['blk_1', 'blk_-2']);
    expect(members(s)).toEqual([[0, 2, 4], [1, 4, 5]]);
    expect(s.rowStart).toEqual(Int32Array.from([0, 3, 6]));
    expect(s.rows).toEqual(Int32Array.from([0, 2, 4, 1, 4, 5]));
    expect([s.rowsWithoutKey, s.rowsWithSeveralKeys]).toEqual([1, 1]);
  });

  it('runs a catastrophic pattern on hostile lines in linear time (RegExp took 17–26 s per line here)', async () => {
    // `(a+)+$` backtracks 2^n steps on n `a`s and a `b`; on the linear-time engine it is one pass.
    const evil = Array.from({ length: 200 }, (_, i) => `${'a'.repeat(27 + (i % 5))}b user=u${i % 3}`);
    const s = sessionUnits(await read('evil.log', evil), { pattern: '(a+)+$' });
    expect(s.keys).toEqual([]);
    expect(s.rowsWithoutKey).toBe(200);
    const byUser = sessionUnits(await read('evil.log', evil), { pattern: '(?:a+)+b user=(\\w+)' });
    expect(byUser.keys).toEqual(['u0', 'u1', 'u2']);
  });

  it('refuses what only a backtracking engine runs, naming the field', async () => {
    const data = await read('a.log', ['x']);
    expect(() => sessionUnits(data, { pattern: 'user=(?!root)(\\w+)' })).toThrow(/^sessions\.pattern: .*no lookahead, lookbehind or backreferences/);
  });

  it('takes the first capture group as the id when the pattern has one', async () => {
    const data = await read('app.log', ['login user=bob', 'view user=alice page=2', 'tick', 'logout user=bob']);
    const s = sessionUnits(data, { pattern: 'user=(\\S+)' });
    expect(s.keys).toEqual(['bob', 'alice']);
    expect(members(s)).toEqual([[0, 3], [1]]);
    expect([s.rowsWithoutKey, s.rowsWithSeveralKeys]).toEqual([1, 0]);
  });

  it('names a pattern that is not a regular expression', async () => {
    const data = await read('a.log', ['x']);
    expect(() => sessionUnits(data, { pattern: 'blk_(' })).toThrow(/^sessions\.pattern: "blk_\(" cannot be used \(missing closing \)/);
  });

  it('has no sessions when nothing matches', async () => {
    const s = sessionUnits(await read('a.log', ['x', 'y']), { pattern: 'blk_\\d+' });
    expect([s.keys, s.rowStart, s.rows, s.rowsWithoutKey]).toEqual([[], Int32Array.from([0]), new Int32Array(0), 2]);
  });
});

describe('sessionUnits by field', () => {
  it('groups rows by a string field; missing and empty values have no session', async () => {
    const data = await read('s.jsonl', [
      '{"sid":"a","msg":"open"}',
      '{"sid":"b","msg":"open"}',
      '{"sid":"a","msg":"close"}',
      '{"msg":"heartbeat"}',
      '{"sid":"","msg":"heartbeat"}',
      '{"sid":"b","msg":"close"}',
    ]);
    const s = sessionUnits(data, { field: 'sid' });
    expect(s.keys).toEqual(['a', 'b']);
    expect(members(s)).toEqual([[0, 2], [1, 5]]);
    expect([s.rowsWithoutKey, s.rowsWithSeveralKeys]).toEqual([2, 0]);
  });

  it('groups rows by a numeric field, its values written as numbers', async () => {
    const data = await read('p.jsonl', ['{"pid":12,"msg":"a"}', '{"pid":7,"msg":"b"}', '{"msg":"c"}', '{"pid":12,"msg":"d"}']);
    const s = sessionUnits(data, { field: 'pid' });
    expect(s.keys).toEqual(['12', '7']);
    expect(members(s)).toEqual([[0, 3], [1]]);
    expect(s.rowsWithoutKey).toBe(1);
  });

  it('gives one session per row of a Loghub session CSV (BlockId)', async () => {
    const data = await read('sessions.csv', ['BlockId,Label,EventTemplateSequence', 'blk_1,Normal,A || B', 'blk_2,Anomaly,A']);
    expect(data.files[0].format).toBe('loghub-sessions');
    const s = sessionUnits(data, { field: 'BlockId' });
    expect(s.keys).toEqual(['blk_1', 'blk_2']);
    expect(members(s)).toEqual([[0], [1]]);
  });

  it('names an absent field and the fields there are', async () => {
    const data = await read('p.jsonl', ['{"pid":12,"msg":"a"}']);
    expect(() => sessionUnits(data, { field: 'session' })).toThrow('sessions: no field "session" in p.jsonl (fields: pid, msg)');
    const text = await read('a.log', ['x']);
    expect(() => sessionUnits(text, { field: 'session' })).toThrow('sessions: no field "session" in a.log (it has no fields: use a pattern)');
  });
});

describe('unitFirstRow', () => {
  it("gives a unit's first row, -1 for a unit with none, and the row itself without units", () => {
    const m: UnitMembership = { rowStart: Int32Array.of(0, 2, 2, 3), rows: Int32Array.of(4, 6, 1) };
    expect([0, 1, 2].map((u) => unitFirstRow(m, u))).toEqual([4, -1, 1]);
    expect(unitFirstRow(null, 5)).toBe(5);
  });

  it('is the first row in log order of a session that a row shares with another', async () => {
    const s = sessionUnits(await read('hdfs.log', HDFS_LIKE), { pattern: 'blk_-?\\d+' });
    expect(s.keys.map((_, u) => unitFirstRow(s, u))).toEqual([0, 1]);
  });
});

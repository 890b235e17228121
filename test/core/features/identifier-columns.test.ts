import { describe, it, expect } from 'vitest';
import { describeIdentifier, identifierEvidence, identifierWord, leaveOutIdentifiers, nameWords } from '../../../app/core/features/identifier-columns.ts';
import { createRandom } from '../../../app/core/random.ts';

const random = createRandom(7);
/** n values of a log-normal size in bytes: near-unique integers, heavy-tailed. */
const sizes = (n: number) => Float64Array.from({ length: n }, () => Math.round(Math.exp(6 + 2 * normal())));
function normal(): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}
/** Back and forth: never grows, never near-unique. */
const wobble = (n: number) => Float64Array.from({ length: n }, (_, i) => [3, 1, 4, 1, 5][i % 5]);

describe('nameWords and identifierWord', () => {
  it('splits names at punctuation and camelCase humps, lower case', () => {
    expect(nameWords('dst_port')).toEqual(['dst', 'port']);
    expect(nameWords('clientID')).toEqual(['client', 'id']);
    expect(nameWords('HWID')).toEqual(['hwid']);
    expect(nameWords('LogId')).toEqual(['log', 'id']);
    expect(nameWords('http.request.seq-no')).toEqual(['http', 'request', 'seq', 'no']);
    expect(nameWords('mWifiDisplayScanRequestCount')).toEqual(['m', 'wifi', 'display', 'scan', 'request', 'count']);
  });

  it('finds identifier words, whole words only', () => {
    expect(['pid', 'PID', 'Tid', 'uid', 'euid', 'gid', 'zxid', 'myid', 'subId', 'dst_port', 'SPT', 'seq', 'offset', 'inode', 'blk', 'thread_id', 'requestid', 'LineId', 'threadId'].map(identifierWord))
      .toEqual(['pid', 'pid', 'tid', 'uid', 'euid', 'gid', 'zxid', 'myid', 'id', 'port', 'spt', 'seq', 'offset', 'inode', 'blk', 'thread', 'requestid', 'id', 'thread']);
    expect(['bytes', 'latency_ms', 'valid', 'paid', 'bid', 'reports', 'width', 'idle', 'hour', 'status_class', 'Flag'].map(identifierWord))
      .toEqual(Array(11).fill(undefined));
  });
});

describe('identifierEvidence: one rule at a time', () => {
  it('name: an identifier word, whatever the values', () => {
    expect(identifierEvidence('pid', wobble(100))).toEqual({ name: 'pid', field: 'pid' });
    expect(identifierEvidence('dst_port', wobble(100))).toEqual({ name: 'port', field: 'dst_port' });
  });

  it('name: a time field', () => {
    expect(identifierEvidence('Date', wobble(100))).toEqual({ name: 'Date', field: 'Date', time: true });
    expect(identifierEvidence('hour', wobble(100))).toBeNull();
  });

  it('near-unique: integers, more than half distinct, spread evenly over their range', () => {
    // A permutation of 0..199 (each value once), shuffled so it does not grow.
    const ids = Float64Array.from({ length: 200 }, (_, i) => (i * 37) % 200);
    expect(identifierEvidence('n', ids)).toEqual({ distinct: 1 });
    // Each value twice: exactly half distinct is not more than half.
    const half = Float64Array.from({ length: 200 }, (_, i) => ((i >> 1) * 37) % 100);
    expect(identifierEvidence('n', half)).toBeNull();
  });

  it('near-unique: heavy-tailed sizes stay, fractions stay, few values stay', () => {
    const b = sizes(2000);
    expect(new Set(b).size / b.length).toBeGreaterThan(0.5);
    expect(identifierEvidence('n', b)).toBeNull();
    expect(identifierEvidence('n', Float64Array.from({ length: 200 }, (_, i) => ((i * 37) % 200) + 0.5))).toBeNull();
    // 49 distinct evenly spread integers: below minValues.
    expect(identifierEvidence('n', Float64Array.from({ length: 49 }, (_, i) => (i * 7) % 49))).toBeNull();
  });

  it('grows with the line: at least 95 % of at least 10 changes go up', () => {
    // 0,0,1,1,2,2,…: 19 changes, all up; only half distinct.
    const seq = Float64Array.from({ length: 40 }, (_, i) => i >> 1);
    expect(identifierEvidence('n', seq)).toEqual({ growth: 1 });
    // One step back in 20 changes: 95 %, still a counter.
    const back = [...Array(20).keys()];
    back.splice(10, 0, 5);
    expect(identifierEvidence('n', Float64Array.from(back))).toEqual({ growth: 19 / 20 });
    // Two steps back in 21: below 95 %.
    back.splice(15, 0, 5);
    expect(identifierEvidence('n', Float64Array.from(back))).toBeNull();
    // Nine changes are too few to tell.
    expect(identifierEvidence('n', Float64Array.from({ length: 10 }, (_, i) => i))).toBeNull();
  });

  it('grows with the line: a sparse spike is not growth (only changes count)', () => {
    const errors = new Float64Array(500);
    for (let i = 7; i < 500; i += 25) errors[i] = 3;
    expect(identifierEvidence('errors', errors)).toBeNull();
  });

  it('skips rows without the value, and looks at the training rows only', () => {
    const v = Float64Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? NaN : i));
    expect(identifierEvidence('n', v)).toEqual({ growth: 1 });
    // The training rows are the even ones, where the value wobbles.
    const mixed = Float64Array.from({ length: 60 }, (_, i) => (i % 2 ? i : i % 4));
    const even = Int32Array.from({ length: 30 }, (_, k) => 2 * k);
    expect(identifierEvidence('n', mixed)).toBeNull();
    expect(identifierEvidence('n', mixed, Int32Array.from({ length: 30 }, (_, k) => 2 * k + 1))).toEqual({ growth: 1 });
    expect(identifierEvidence('n', mixed, even)).toBeNull();
  });

  it('a measurement: none of the rules holds', () => {
    expect(identifierEvidence('latency_ms', wobble(1000))).toBeNull();
  });
});

describe('describeIdentifier', () => {
  it('says which rules held, in percent', () => {
    expect(describeIdentifier({ name: 'pid', field: 'pid', distinct: 0.838, growth: 0.981 })).toBe(
      'looks like an identifier (named “pid”, 84 % distinct values spread evenly, grows with the line: 98 % of changes go up)',
    );
    expect(describeIdentifier({ name: 'id', field: 'LineId' })).toBe('looks like an identifier (“id” in its name)');
    expect(describeIdentifier({ distinct: 0.5 + 1e-9 })).toBe('looks like an identifier (50 % distinct values spread evenly)');
    expect(describeIdentifier({ growth: 0.999 })).toBe('looks like a counter (grows with the line: >99 % of changes go up)');
    expect(describeIdentifier({ name: 'Time', field: 'Time', time: true, growth: 1 })).toBe('holds a time (named “Time”, grows with the line: 100 % of changes go up)');
  });
});

describe('leaveOutIdentifiers', () => {
  it('keeps measurements in order and gives each left-out column its reason', () => {
    const n = 300;
    const got = leaveOutIdentifiers([
      { column: 'field:bytes', field: 'bytes', values: sizes(n) },
      { column: 'field:pid', field: 'pid', values: wobble(n) },
      { column: 'field:seq', field: 'n', values: Float64Array.from({ length: n }, (_, i) => i) },
      { column: 'field:items', field: 'items', values: wobble(n) },
    ]);
    expect(got.columns).toEqual(['field:bytes', 'field:items']);
    expect(got.leftOut.map((c) => [c.column, c.reason])).toEqual([
      ['field:pid', 'looks like an identifier (named “pid”)'],
      ['field:seq', 'looks like an identifier (100 % distinct values spread evenly, grows with the line: 100 % of changes go up)'],
    ]);
  });

  it('reads training rows in row order, whatever order they come in', () => {
    const values = Float64Array.from({ length: 40 }, (_, i) => i);
    const shuffled = Int32Array.from({ length: 40 }, (_, k) => (k * 17) % 40);
    expect(leaveOutIdentifiers([{ column: 'n', field: 'n', values }], shuffled).leftOut.map((c) => c.evidence)).toEqual([{ growth: 1 }]);
  });

  it('judges a CSV of features by names and counters only (nearUnique: false)', () => {
    const uniform = Float64Array.from({ length: 200 }, (_, i) => (i * 37) % 200);
    const rows = [
      { column: 'count', field: 'count', values: uniform },
      { column: 'row_id', field: 'row_id', values: wobble(200) },
      { column: 'seq', field: 'seq_n', values: Float64Array.from({ length: 200 }, (_, i) => i) },
    ];
    expect(leaveOutIdentifiers(rows).columns).toEqual([]);
    const csv = leaveOutIdentifiers(rows, undefined, { nearUnique: false });
    expect(csv.columns).toEqual(['count']);
    expect(csv.leftOut.map((c) => c.evidence)).toEqual([{ name: 'id', field: 'row_id' }, { name: 'seq', field: 'seq_n', growth: 1 }]);
  });
});

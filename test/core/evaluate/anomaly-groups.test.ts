import { describe, it, expect } from 'vitest';
import { anomalyGroups, maskMessage } from '../../../app/core/evaluate/anomaly-groups.ts';

const ACCEPTED = 'Accepted password for <*> from <*>';
const FAILED = 'Failed password for <*> from <*>';
const templates = [ACCEPTED, FAILED, ACCEPTED, ACCEPTED, FAILED, 'Connection closed'];
const scores = [0.9, 0.8, 0.5, 0.7, 0.95, 0.1];
const hosts = ['web-2', 'web-1', 'web-1', 'web-1', 'web-2', 'web-2'];
const times = [1000, 2000, 3000, NaN, 500, 4000];
const mask = [1, 1, 1, 1, 1, 0];

describe('anomalyGroups', () => {
  it('groups flagged rows by template, largest group first', () => {
    const groups = anomalyGroups({ flagged: { mask }, templates, scores, hosts, times });
    expect(groups).toEqual([
      {
        pattern: 'Accepted password for *** from ***',
        count: 3, // rows 0, 2, 3
        meanScore: (0.9 + 0.5 + 0.7) / 3,
        maxScore: 0.9,
        topHost: 'web-1', // rows 2 and 3
        topHostCount: 2,
        first: 1000, // row 3 has no time
        last: 3000,
        exampleRows: [0, 2, 3],
      },
      {
        pattern: 'Failed password for *** from ***',
        count: 2, // rows 1, 4
        meanScore: (0.8 + 0.95) / 2,
        maxScore: 0.95,
        topHost: 'web-1', // one row each: the alphabetically first wins
        topHostCount: 1,
        first: 500,
        last: 2000,
        exampleRows: [1, 4],
      },
    ]);
  });

  it('takes row indices in any order, once each, and limits examples', () => {
    const groups = anomalyGroups({ flagged: { rows: [4, 1, 1, 3] }, templates, scores, examples: 1 });
    expect(groups.map((g) => [g.pattern, g.count, g.exampleRows])).toEqual([
      ['Failed password for *** from ***', 2, [1]],
      ['Accepted password for *** from ***', 1, [3]],
    ]);
    // No hosts or times given.
    expect(groups[0].topHost).toBeNull();
    expect(groups[0].first).toBeNaN();
  });

  it('masks raw messages when there are no templates', () => {
    const messages = ['session 42 opened for user root', 'session 7 opened  for user root', 'blk_-123 deadbeef served'];
    const groups = anomalyGroups({ flagged: { mask: [true, true, true] }, messages, scores: [1, 3, 2] });
    expect(groups.map((g) => [g.pattern, g.count, g.maxScore])).toEqual([
      ['session *** opened for user root', 2, 3],
      ['*** *** served', 1, 2],
    ]);
  });

  it('orders equal counts by max score, then pattern', () => {
    const groups = anomalyGroups({ flagged: { mask: [1, 1, 1] }, templates: ['b', 'a', 'c'], scores: [1, 1, 2] });
    expect(groups.map((g) => g.pattern)).toEqual(['c', 'a', 'b']);
  });

  it('rejects missing text and bad row indices', () => {
    expect(() => anomalyGroups({ flagged: { mask }, scores })).toThrow('give templates or messages');
    expect(() => anomalyGroups({ flagged: { rows: [6] }, templates, scores })).toThrow('flagged.rows: 6 is not a row index (0–5)');
    expect(() => anomalyGroups({ flagged: { mask: [1] }, templates, scores })).toThrow('flagged.mask: 1 entries, but there are 6 rows');
  });
});

describe('maskMessage', () => {
  it('replaces tokens with digits or long hex runs and collapses whitespace', () => {
    expect(maskMessage('  GET /api/v2 took 35ms  from 0xff ')).toBe('GET *** took *** from ***');
    expect(maskMessage('id cafebabe1 and deadbeef and decade')).toBe('id *** and *** and decade');
  });
});

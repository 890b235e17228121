import { describe, expect, it } from 'vitest';
import { splitUnits } from '../../../app/core/features/split.ts';

const arr = (a: Int32Array) => Array.from(a);

describe('splitUnits', () => {
  it('all: every unit in both parts', () => {
    const s = splitUnits(4, { method: 'all' });
    expect(arr(s.train)).toEqual([0, 1, 2, 3]);
    expect(s.test).toBe(s.train);
  });
  it('time: the baseline before the cut trains, the rest (and units without a time) is judged', () => {
    const t = [Date.parse('2026-03-02T10:00:00Z'), Date.parse('2026-03-02T10:04:59Z'), NaN, Date.parse('2026-03-02T10:05:00Z')];
    const s = splitUnits(4, { method: 'time', trainUntil: '2026-03-02T10:05:00Z' }, t);
    expect(arr(s.train)).toEqual([0, 1]);
    expect(arr(s.test)).toEqual([2, 3]);
  });
  it('ratio: sequential takes the first share; shuffled a seeded random share, the same for a seed', () => {
    expect(arr(splitUnits(10, { method: 'ratio', train: 0.6 }).train)).toEqual([0, 1, 2, 3, 4, 5]);
    const a = splitUnits(10, { method: 'ratio', train: 0.6, order: 'shuffled', seed: 3 });
    const b = splitUnits(10, { method: 'ratio', train: 0.6, order: 'shuffled', seed: 3 });
    const c = splitUnits(10, { method: 'ratio', train: 0.6, order: 'shuffled', seed: 4 });
    expect(arr(a.train)).toEqual(arr(b.train));
    expect(arr(a.train)).not.toEqual(arr(c.train));
    expect(a.train.length).toBe(6);
    expect([...a.train, ...a.test].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  it('names what is wrong', () => {
    expect(() => splitUnits(3, { method: 'ratio', train: 1.5 })).toThrow('split.train: 1.5 is not a share between 0 and 1');
    expect(() => splitUnits(3, { method: 'time', trainUntil: 'soon' }, [1, 2, 3])).toThrow('split.trainUntil: "soon" is not an ISO 8601 time');
    expect(() => splitUnits(2, { method: 'time', trainUntil: '1970-01-01T00:00:00Z' }, [5, 6])).toThrow('split: no units fall in the training part');
  });
});

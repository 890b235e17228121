import { describe, it, expect } from 'vitest';
import { groupingAccuracy } from '../../../app/core/parse/grouping-accuracy.ts';

describe('groupingAccuracy', () => {
  it('is 1 for the same partition, whatever the labels', () => {
    expect(groupingAccuracy([0, 0, 1, 2], ['a', 'a', 'b', 'c'])).toBe(1);
    expect(groupingAccuracy([7, 7, 3, 9], ['a', 'a', 'b', 'c'])).toBe(1);
    expect(groupingAccuracy(Int32Array.from([1, 1, 0]), [5, 5, 6])).toBe(1);
  });

  it('counts every line of a split truth group as wrong', () => {
    // Truth a = {0,1,2} is split into {0,1} and {2}; b = {3} is right.
    expect(groupingAccuracy([0, 0, 1, 2], ['a', 'a', 'a', 'b'])).toBe(1 / 4);
  });

  it('counts every line of merged truth groups as wrong', () => {
    // a = {0,1} and b = {2} share a predicted group; c = {3} is right.
    expect(groupingAccuracy([0, 0, 0, 1], ['a', 'a', 'b', 'c'])).toBe(1 / 4);
  });

  it('requires the predicted group to hold exactly the truth group', () => {
    expect(groupingAccuracy([0, 0, 0, 0], ['a', 'a', 'a', 'a'])).toBe(1);
    expect(groupingAccuracy([0, 1, 2, 3], ['a', 'b', 'c', 'd'])).toBe(1);
    expect(groupingAccuracy([0, 1, 2, 3], ['a', 'a', 'a', 'a'])).toBe(0);
  });

  it('is 1 for no lines and rejects lengths that differ', () => {
    expect(groupingAccuracy([], [])).toBe(1);
    expect(() => groupingAccuracy([0, 1], ['a'])).toThrow(/2 predictions but 1/);
  });
});

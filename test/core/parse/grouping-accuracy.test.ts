import { describe, it, expect } from 'vitest';
import { f1, groupingAccuracy, groupingF1 } from '../../../app/core/parse/grouping-accuracy.ts';

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

describe('groupingF1', () => {
  it('is 1 for the same partition, whatever the labels', () => {
    expect(groupingF1([7, 7, 3, 9], ['a', 'a', 'b', 'c'])).toBe(1);
    expect(groupingF1(['x', 'x', 'y'], [5, 5, 6])).toBe(1);
  });

  it('weighs a rare group as much as a frequent one, unlike GA', () => {
    // a = {0..7} right; b = {8} and c = {9} merged: GA 0.8, but one exact group of 2 predicted and 3 true.
    const predicted = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1];
    const truth = ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'b', 'c'];
    expect(groupingAccuracy(predicted, truth)).toBe(0.8);
    const precision = 1 / 2;
    const recall = 1 / 3;
    expect(groupingF1(predicted, truth)).toBeCloseTo((2 * precision * recall) / (precision + recall), 12);
  });

  it('counts a split truth group as no exact group', () => {
    // a = {0,1,2} split; b = {3} exact: 1 exact of 3 predicted and 2 true.
    expect(groupingF1([0, 0, 1, 2], ['a', 'a', 'a', 'b'])).toBeCloseTo(f1(1 / 3, 1 / 2), 12);
    expect(groupingF1([0, 1, 2, 3], ['a', 'a', 'a', 'a'])).toBe(0);
  });

  it('is 1 for no lines and rejects lengths that differ', () => {
    expect(groupingF1([], [])).toBe(1);
    expect(() => groupingF1([0, 1], ['a'])).toThrow(/groupingF1: 2 predictions but 1/);
  });
});

describe('f1', () => {
  it('is the harmonic mean, 0 when both are 0', () => {
    expect(f1(1, 1)).toBe(1);
    expect(f1(0.5, 1)).toBeCloseTo(2 / 3, 12);
    expect(f1(0, 0)).toBe(0);
  });
});

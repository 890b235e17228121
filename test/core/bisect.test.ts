import { describe, expect, it } from 'vitest';
import { bisectLeft, bisectRight, indexOfSorted, partitionPoint } from '../../app/core/bisect.ts';

/** The answers by a linear scan, to check the searches against. */
const firstAtLeast = (a: ArrayLike<number>, v: number) => Array.prototype.findIndex.call(a, (x: number) => x >= v);
const firstAbove = (a: ArrayLike<number>, v: number) => Array.prototype.findIndex.call(a, (x: number) => x > v);
const orLength = (i: number, a: ArrayLike<number>) => (i < 0 ? a.length : i);

describe('bisectLeft and bisectRight', () => {
  it('give 0 on an empty array', () => {
    expect(bisectLeft([], 1)).toBe(0);
    expect(bisectRight(new Float64Array(0), 1)).toBe(0);
  });

  it('give the length when every value is below, 0 when every value is above', () => {
    const a = Float64Array.of(1, 2, 3);
    expect(bisectLeft(a, 10)).toBe(3);
    expect(bisectRight(a, 10)).toBe(3);
    expect(bisectLeft(a, -1)).toBe(0);
    expect(bisectRight(a, -1)).toBe(0);
  });

  it('put a tied value before its block (left) or after it (right)', () => {
    const a = [1, 2, 2, 2, 5];
    expect(bisectLeft(a, 2)).toBe(1);
    expect(bisectRight(a, 2)).toBe(4);
    expect(bisectLeft(a, 5)).toBe(4);
    expect(bisectRight(a, 5)).toBe(5);
    expect(bisectLeft(a, 1)).toBe(0);
    expect(bisectRight(a, 1)).toBe(1);
  });

  it('agree on a value between two others', () => {
    const a = Int32Array.of(0, 10, 20);
    expect(bisectLeft(a, 15)).toBe(2);
    expect(bisectRight(a, 15)).toBe(2);
  });

  it('agree with a linear scan on every value of arrays with ties and infinities', () => {
    const arrays = [[7], [3, 3, 3], [-Infinity, 0, 0, 1, Infinity], [0, 1, 1, 2, 2, 2, 3, 8, 8, 9]];
    for (const a of arrays) {
      for (const v of [-Infinity, -1, 0, 0.5, 1, 2, 3, 7, 8, 9, 10, Infinity]) {
        expect(bisectLeft(a, v), `left ${v} in ${a}`).toBe(orLength(firstAtLeast(a, v), a));
        expect(bisectRight(a, v), `right ${v} in ${a}`).toBe(orLength(firstAbove(a, v), a));
      }
    }
  });
});

describe('partitionPoint', () => {
  it('finds where a predicate turns false, at either end too', () => {
    const falling = [9, 7, 7, 4, 1];
    expect(partitionPoint(falling.length, (i) => falling[i] >= 7)).toBe(3);
    expect(partitionPoint(falling.length, (i) => falling[i] >= 0)).toBe(5);
    expect(partitionPoint(falling.length, (i) => falling[i] >= 10)).toBe(0);
    expect(partitionPoint(0, () => true)).toBe(0);
  });

  it('asks the predicate only inside the range', () => {
    const asked: number[] = [];
    partitionPoint(6, (i) => (asked.push(i), i < 4));
    expect(asked.every((i) => i >= 0 && i < 6)).toBe(true);
  });
});

describe('indexOfSorted', () => {
  it('finds a value, its first place among ties, or -1', () => {
    const a = Int32Array.of(2, 4, 4, 8);
    expect(indexOfSorted(a, 2)).toBe(0);
    expect(indexOfSorted(a, 4)).toBe(1);
    expect(indexOfSorted(a, 8)).toBe(3);
    expect(indexOfSorted(a, 5)).toBe(-1);
    expect(indexOfSorted(a, 9)).toBe(-1);
    expect(indexOfSorted(a, 1)).toBe(-1);
    expect(indexOfSorted([], 1)).toBe(-1);
  });
});

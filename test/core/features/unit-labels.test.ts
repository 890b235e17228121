import { describe, it, expect } from 'vitest';
import { unitLabels } from '../../../app/core/features/unit-labels.ts';

describe('unitLabels', () => {
  it('marks a unit anomalous when any of its rows is', () => {
    // Units: {0, 1}, {1, 2, 3}, {} (empty), {4}; row 4 shared by nobody else.
    const units = { rowStart: Int32Array.from([0, 2, 5, 5, 6]), rows: Int32Array.from([0, 1, 1, 2, 3, 4]) };
    expect(unitLabels(Int8Array.from([0, 0, 0, 1, 0]), units)).toEqual(Int8Array.from([0, 1, 0, 0]));
    expect(unitLabels([0, 1, 0, 0, 1], units)).toEqual(Int8Array.from([1, 1, 0, 1]));
    expect(unitLabels(new Int8Array(5), units)).toEqual(new Int8Array(4));
  });
});

import { describe, expect, it } from 'vitest';
import { CHUNK_ROWS, eachRow, largestTerm, scoreRows } from '../../../app/core/detect/score-rows.ts';

describe('the row loop of detectors', () => {
  it('scores every row in order and ends its progress at 1', () => {
    const seen: number[] = [];
    const progress: number[] = [];
    const out = scoreRows(5, { onProgress: (f) => progress.push(f) }, (i) => (seen.push(i), i * 2));
    expect(Array.from(out)).toEqual([0, 2, 4, 6, 8]);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(progress).toEqual([1]);
  });

  it('stops at the first chunk boundary after the signal aborts, with an AbortError', () => {
    const controller = new AbortController();
    let last = -1;
    const run = () => eachRow(3 * CHUNK_ROWS, { signal: controller.signal }, (i) => {
      last = i;
      if (i === 10) controller.abort();
    });
    expect(run).toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(last).toBe(CHUNK_ROWS - 1);
  });

  it('largestTerm is the largest value, and 0 when all are below', () => {
    expect(largestTerm([1, 3, 2])).toBe(3);
    expect(largestTerm(Float64Array.of(-1, -2))).toBe(0);
    expect(largestTerm([])).toBe(0);
  });
});

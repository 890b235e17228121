/**
 * The row loop of the detectors that score (or fit) one row at a time:
 * cancellation is checked and progress reported every `CHUNK_ROWS` rows, so
 * that a million rows stay responsive without a check per row.
 */
import { progressReporter, throwIfAborted, type RunOptions } from '../progress.ts';

/** Rows between two looks at the signal and two progress reports. */
export const CHUNK_ROWS = 4096;

/** Calls `each(i)` for the rows 0..rows−1 in order, then reports progress 1. */
export function eachRow(rows: number, options: RunOptions, each: (i: number) => void): void {
  const report = progressReporter(options.onProgress);
  for (let i = 0; i < rows; i++) {
    each(i);
    if ((i + 1) % CHUNK_ROWS === 0) {
      throwIfAborted(options.signal);
      report((i + 1) / rows);
    }
  }
  report(1);
}

/** One score per row, `score(i)` for row i (score units of the detector). */
export function scoreRows(rows: number, options: RunOptions, score: (i: number) => number): Float64Array {
  const out = new Float64Array(rows);
  eachRow(rows, options, (i) => {
    out[i] = score(i);
  });
  return out;
}

/** The largest of `values` and 0: a unit's score when it is its worst column's. */
export function largestTerm(values: ArrayLike<number>): number {
  let best = 0;
  for (let j = 0; j < values.length; j++) if (values[j] > best) best = values[j];
  return best;
}

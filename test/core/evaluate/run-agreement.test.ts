import { describe, it, expect } from 'vitest';
import { runAgreement } from '../../../app/core/evaluate/run-agreement.ts';
import { createRandom } from '../../../app/core/random.ts';
import { sortScores } from '../../../app/core/evaluate/contamination-threshold.ts';

describe('runAgreement', () => {
  it('measures top-k overlap and Jaccard on a hand-made case', () => {
    const a = [5, 4, 3, 2, 1]; // top 3: {0, 1, 2}
    const b = [0, 5, 4, 3, 0]; // top 3: {1, 2, 3}
    const c = [1, 2, 3, 4, 5]; // top 3: {4, 3, 2}
    const r = runAgreement([a, b, c], 3);
    expect(r.k).toBe(3);
    expect(r.top).toEqual([[0, 1, 2], [1, 2, 3], [4, 3, 2]]);
    // a∩b = {1, 2}: 2/3, Jaccard 2/4; a∩c = {2}: 1/3, Jaccard 1/5; b∩c = {2, 3}: 2/3, Jaccard 2/4.
    expect(r.overlap).toEqual([[1, 2 / 3, 1 / 3], [2 / 3, 1, 2 / 3], [1 / 3, 2 / 3, 1]]);
    expect(r.jaccard).toEqual([[1, 0.5, 0.2], [0.5, 1, 0.5], [0.2, 0.5, 1]]);
  });

  it('breaks ties at the k-th score by lower unit index', () => {
    // Four units tie at 1; k = 2 takes units 0 and 1, so the sets agree fully with [9, 8, 0, 0, 0].
    const r = runAgreement([[1, 1, 1, 1, 0], [9, 8, 0, 0, 0], [0, 0, 1, 1, 1]], 2);
    expect(r.top).toEqual([[0, 1], [0, 1], [2, 3]]);
    expect(r.overlap[0][1]).toBe(1);
    expect(r.overlap[0][2]).toBe(0);
  });

  it('is symmetric with a diagonal of 1', () => {
    const random = createRandom(11);
    const runs = Array.from({ length: 5 }, () => Float64Array.from({ length: 500 }, () => Math.round(random.next() * 50)));
    const r = runAgreement(runs, 40);
    for (let a = 0; a < 5; a++) {
      expect(r.overlap[a][a]).toBe(1);
      expect(r.jaccard[a][a]).toBe(1);
      expect(r.top[a].length).toBe(40);
      for (let b = 0; b < 5; b++) {
        expect(r.overlap[a][b]).toBe(r.overlap[b][a]);
        expect(r.jaccard[a][b]).toBe(r.jaccard[b][a]);
        expect(r.jaccard[a][b]).toBeLessThanOrEqual(r.overlap[a][b]);
      }
    }
    // Independent runs share about k²/n = 3.2 of their 40 units, not all and not none.
    expect(r.overlap[0][1]).toBeLessThan(0.5);
  });

  it('gives the same answer from scores sorted by the caller', () => {
    const runs = [[5, 4, 3, 2, 1], [0, 5, 4, 3, 0], [1, 2, 3, 4, 5]];
    const sorted = runs.map((r) => sortScores(r));
    expect(runAgreement(runs, 3, sorted)).toEqual(runAgreement(runs, 3));
  });

  it('caps k at the number of units and validates', () => {
    expect(runAgreement([[1, 2], [2, 1]], 10).overlap[0][1]).toBe(1);
    expect(() => runAgreement([[1, 2]], 0)).toThrow('k: 0 is not a whole number of at least 1');
    expect(() => runAgreement([[1, 2], [1]], 1)).toThrow('runs[1]: 1 scores, but runs[0] has 2');
    expect(() => runAgreement([], 1)).toThrow('no runs');
    expect(() => runAgreement([[1, NaN]], 1)).toThrow(/NaN/);
  });
});

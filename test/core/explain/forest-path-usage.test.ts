import { describe, it, expect } from 'vitest';
import { forestPathUsage } from '../../../app/core/explain/forest-path-usage.ts';
import { isolationForest, type IsolationForestModel, type IsolationTree } from '../../../app/core/detect/isolation-forest.ts';
import { matrixFromRows, type Matrix } from '../../../app/core/matrix.ts';
import { createRandom } from '../../../app/core/random.ts';

const tree = (feature: number[], threshold: number[], left: number[], right: number[], size: number[]): IsolationTree =>
  ({ feature, threshold, left, right, size });

/**
 * Two hand-built trees over 3 columns, ψ = 8.
 * Tree A: root x2 <= 5 → [node1 (4): x0 <= 0 → leaves 2 | 2] | [node2 (4): x1 <= 1 → leaves 1 | 3].
 * Tree B: root x0 <= 0.5 → leaves 7 | 1.
 */
const handModel: IsolationForestModel = {
  type: 'isolation-forest',
  version: 1,
  params: { trees: 2, sampleSize: 8, maxFeatures: 1, seed: 1 },
  cols: 3,
  sampleSize: 8,
  trees: [
    tree([2, 0, 1, -1, -1, -1, -1], [5, 0, 1, 0, 0, 0, 0], [1, 3, 5, -1, -1, -1, -1], [2, 4, 6, -1, -1, -1, -1], [8, 4, 4, 2, 2, 1, 3]),
    tree([0, -1, -1], [0.5, 0, 0], [1, -1, -1], [2, -1, -1], [8, 7, 1]),
  ],
};

const expectClose = (got: ArrayLike<number>, want: number[]) => {
  expect(got.length).toBe(want.length);
  want.forEach((w, j) => expect(got[j], `column ${j}`).toBeCloseTo(w, 12));
};

describe('forestPathUsage: hand-built trees', () => {
  // Row (1, 0, 9): tree A goes right at the root on x2 (8 → 4 rows: 1 bit, depth 0)
  // then left on x1 (4 → 1: 2 bits, depth 1); tree B goes right on x0 (8 → 1: 3 bits, depth 0).
  const x = matrixFromRows([[1, 0, 9], [0, 0, 0]]);

  it('counts splits per tree', () => {
    expectClose(forestPathUsage(handModel, x, 0).splits, [0.5, 0.5, 0.5]);
  });

  it('weighs splits by the bits of separation they give (default)', () => {
    const u = forestPathUsage(handModel, x, 0);
    expectClose(u.weight, [3 / 2, 2 / 2, 1 / 2]);
    expectClose(u.share, [1 / 2, 1 / 3, 1 / 6]);
  });

  it('weighs splits by 1 / (depth + 1) on request', () => {
    const u = forestPathUsage(handModel, x, 0, 'depth');
    expectClose(u.weight, [1 / 2, 1 / 4, 1 / 2]);
    expectClose(u.share, [0.4, 0.2, 0.4]);
  });

  it('averages over a set of rows', () => {
    // Row (0, 0, 0): tree A left on x2 (8 → 4: 1 bit), left on x0 (4 → 2: 1 bit); tree B left on x0 (8 → 7).
    const b = Math.log2(8 / 7);
    const one = forestPathUsage(handModel, x, 1);
    expectClose(one.weight, [(1 + b) / 2, 0, 1 / 2]);
    const both = forestPathUsage(handModel, x, [0, 1]);
    expectClose(both.weight, [(1.5 + (1 + b) / 2) / 2, 0.5, 0.5]);
    expectClose(both.splits, [(0.5 + 1) / 2, 0.25, 0.5]);
  });

  it('rejects bad rows, columns and weightings', () => {
    expect(() => forestPathUsage(handModel, x, 2)).toThrow(/invalid row: 2/);
    expect(() => forestPathUsage(handModel, x, [])).toThrow(/at least one row/);
    expect(() => forestPathUsage(handModel, matrixFromRows([[1, 2]]), 0)).toThrow(/2 columns.*fitted on 3/);
    expect(() => forestPathUsage(handModel, matrixFromRows([[1, NaN, 0]]), 0)).toThrow(/row 1, column "x1" is NaN/);
    expect(() => forestPathUsage(handModel, x, 0, 'count' as never)).toThrow(/invalid weighting: "count"/);
  });
});

function gaussianWithOutlier(rows: number, cols: number, outlierCol: number, seed: number): Matrix {
  const r = createRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
  data[(rows - 1) * cols + outlierCol] = 8; // last row: far out on one column only
  return { rows, cols, data, names: Array.from({ length: cols }, (_, j) => `f${j}`) };
}

describe('forestPathUsage: fitted forests', () => {
  it.each([[3, 1], [4, 2], [6, 3]])('gives the outlying column the largest share (%i columns, seed %i)', (cols, seed) => {
    const x = gaussianWithOutlier(400, cols, 2, seed);
    const model = isolationForest.fit(x, isolationForest.normalize({ seed, trees: 100 }));
    const { share } = forestPathUsage(model, x, x.rows - 1);
    const best = share.indexOf(Math.max(...share));
    expect(best).toBe(2);
    expect(share[2]).toBeGreaterThan(1.5 / cols);
    expect(share.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('is deterministic', () => {
    const x = gaussianWithOutlier(200, 4, 1, 5);
    const model = isolationForest.fit(x, isolationForest.normalize({ seed: 5, trees: 50 }));
    expect(forestPathUsage(model, x, [0, 199])).toEqual(forestPathUsage(model, x, [0, 199]));
  });
});

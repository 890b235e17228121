import { describe, it, expect } from 'vitest';
import { lofNeighbours } from '../../../app/core/explain/nearest-neighbours.ts';
import { lof, type LofParams } from '../../../app/core/detect/lof.ts';
import { matrixFromRows, type Matrix } from '../../../app/core/matrix.ts';
import { createRandom } from '../../../app/core/random.ts';

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const r = createRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = r.uniform(-1, 1);
  return { rows, cols, data, names: Array.from({ length: cols }, (_, j) => `c${j}`) };
}

const fitLof = (x: Matrix, params: Partial<LofParams>) => lof.fit(x, lof.normalize(params));

/** Every training row by distance (then index), from the definition; `skip` left out. */
function bruteForce(train: Matrix, query: ArrayLike<number>, skip: number): { index: number; distance: number }[] {
  const all = [];
  for (let i = 0; i < train.rows; i++) {
    if (i === skip) continue;
    let s = 0;
    for (let j = 0; j < train.cols; j++) s += (train.data[i * train.cols + j] - query[j]) ** 2;
    all.push({ index: i, distance: Math.sqrt(s) });
  }
  return all.sort((a, b) => a.distance - b.distance || a.index - b.index);
}

const rowOf = (x: Matrix, i: number) => x.data.subarray(i * x.cols, (i + 1) * x.cols);
const expectRel = (got: number, want: number, rel = 1e-12) =>
  expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThanOrEqual(rel * Math.abs(want));

describe('lofNeighbours: outlier mode on the training rows', () => {
  const x = randomMatrix(300, 3, 3);
  const model = fitLof(x, { k: 10 });

  it.each([0, 17, 150, 299])('finds the k nearest other rows and the fitted LOF of row %i', (row) => {
    const hood = lofNeighbours(model, x, row);
    const want = bruteForce(x, rowOf(x, row), row).slice(0, 10);
    expect(hood.k).toBe(10);
    expect(hood.neighbours.map((o) => o.index)).toEqual(want.map((o) => o.index));
    hood.neighbours.forEach((o, s) => {
      expect(o.distance).toBeCloseTo(want[s].distance, 14);
      expect(o.lrd).toBe(model.lrd[o.index]);
      expect(o.reachDistance).toBe(Math.max(model.kDistance[o.index], o.distance));
    });
    expectRel(hood.lrd, model.lrd[row]);
    expectRel(hood.lof, model.lof[row]);
    expectRel(hood.neighbourLrd, hood.lof * hood.lrd);
  });

  it('explains a far-out row with sparser surroundings than its neighbours', () => {
    const withOutlier = matrixFromRows([...Array.from({ length: 100 }, (_, i) => Array.from(rowOf(x, i))), [5, 5, 5]]);
    const m = fitLof(withOutlier, { k: 5 });
    const hood = lofNeighbours(m, withOutlier, 100);
    expect(hood.lrd).toBeLessThan(hood.neighbourLrd / 3);
    expectRel(hood.lof, m.lof[100]);
  });
});

describe('lofNeighbours: new rows', () => {
  const train = randomMatrix(200, 4, 8);
  const test = randomMatrix(20, 4, 9);

  it.each(['euclidean', 'manhattan', 'cosine'] as const)('agrees with score() under %s', (metric) => {
    const model = fitLof(train, { k: 7, metric, novelty: true });
    const scores = lof.score(model, test);
    for (let i = 0; i < test.rows; i++) {
      const hood = lofNeighbours(model, test, i);
      expect(hood.neighbours).toHaveLength(7);
      for (let s = 1; s < 7; s++) expect(hood.neighbours[s].distance).toBeGreaterThanOrEqual(hood.neighbours[s - 1].distance);
      expectRel(hood.lof, scores[i], 1e-10);
    }
  });

  it('finds the brute-force neighbours among the training rows', () => {
    const model = fitLof(train, { k: 7, novelty: true });
    const want = bruteForce(train, rowOf(test, 4), -1).slice(0, 7);
    expect(lofNeighbours(model, test, 4).neighbours.map((o) => o.index)).toEqual(want.map((o) => o.index));
  });

  it('in novelty mode, counts a training row as its own nearest neighbour', () => {
    const model = fitLof(train, { k: 7, novelty: true });
    const hood = lofNeighbours(model, train, 12);
    expect(hood.neighbours[0]).toMatchObject({ index: 12, distance: 0 });
    expectRel(hood.lof, lof.score(model, train)[12], 1e-10);
  });
});

describe('lofNeighbours: edge cases', () => {
  it('settles ties at the k-th distance by the lower index', () => {
    const x = matrixFromRows([[0], [1], [-1], [2], [-2]]);
    const hood = lofNeighbours(fitLof(x, { k: 1 }), x, 0);
    expect(hood.neighbours.map((o) => o.index)).toEqual([1]);
  });

  it('has no neighbours, and LOF 1, for a one-row model', () => {
    const x = matrixFromRows([[1, 2]]);
    expect(lofNeighbours(fitLof(x, {}), x, 0)).toMatchObject({ neighbours: [], lof: 1 });
  });

  it('rejects bad rows, columns and models', () => {
    const x = randomMatrix(10, 2, 1);
    const model = fitLof(x, { k: 3 });
    expect(() => lofNeighbours(model, x, 10)).toThrow(/invalid row: 10/);
    expect(() => lofNeighbours(model, randomMatrix(3, 3, 1), 0)).toThrow(/3 columns.*fitted on 2/);
    expect(() => lofNeighbours({ ...model, type: 'pca' } as never, x, 0)).toThrow(/not a lof model/);
  });
});

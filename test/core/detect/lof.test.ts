import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { lof, type LofModel, type LofParams } from '../../../app/core/detect/lof.ts';
import { matrixFromRows, type Matrix } from '../../../app/core/matrix.ts';
import { createRandom } from '../../../app/core/random.ts';

interface OutlierCase {
  name: string;
  k: number;
  metric: 'euclidean';
  X: number[][];
  labels: number[];
  negative_outlier_factor: number[];
}
interface Fixture {
  meta: { sklearn: string };
  outlier: OutlierCase[];
  novelty: { k: number; train: number[][]; test: number[][]; score_samples: number[] };
}

const fixture: Fixture = JSON.parse(readFileSync(new URL('../../fixtures/sklearn-lof.json', import.meta.url), 'utf8'));

const { normalize, fit, score } = lof;
const run = (x: Matrix, params: Partial<LofParams> = {}) => score(fit(x, normalize(params)), x);

/** Relative error with an absolute floor of 1: LOFs near piles of duplicates reach 1e10. */
function worstError(ours: ArrayLike<number>, ref: number[]): number {
  let worst = 0;
  ref.forEach((v, i) => { worst = Math.max(worst, Math.abs(ours[i] - v) / Math.max(1, Math.abs(v))); });
  return worst;
}

function randomMatrix(rows: number, cols: number, seed = 7): Matrix {
  const r = createRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = r.uniform(-1, 1);
  return { rows, cols, data, names: Array.from({ length: cols }, (_, j) => `c${j}`) };
}

/** LOF straight from the definition, O(n²); ties by lowest index (fine on continuous random data). */
function naiveLof(x: Matrix, k: number, dist: (a: number, b: number) => number): number[] {
  const n = x.rows;
  const nbrs: number[][] = [], kd: number[] = [];
  for (let i = 0; i < n; i++) {
    const order = [...Array(n).keys()].filter((j) => j !== i).sort((a, b) => dist(i, a) - dist(i, b) || a - b);
    nbrs.push(order.slice(0, k));
    kd.push(dist(i, order[k - 1]));
  }
  const lrd = nbrs.map((ns, i) => 1 / (ns.reduce((s, o) => s + Math.max(kd[o], dist(i, o)), 0) / k + 1e-10));
  return nbrs.map((ns, i) => ns.reduce((s, o) => s + lrd[o] / lrd[i], 0) / k);
}

const row = (x: Matrix, i: number) => Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols));

describe('lof: scikit-learn 1.2.1 reference', () => {
  it('the fixture is what we think it is', () => {
    expect(fixture.meta.sklearn).toBe('1.2.1');
    expect(fixture.outlier.map((c) => c.name)).toContain('ties-2d');
    expect(fixture.outlier.map((c) => c.name)).toContain('duplicates-5d');
  });

  for (const c of fixture.outlier) {
    it(`${c.name}, k = ${c.k}: scores = −negative_outlier_factor_ to 1e-9`, () => {
      const s = run(matrixFromRows(c.X), { k: c.k, metric: c.metric });
      expect(worstError(s, c.negative_outlier_factor.map((v) => -v))).toBeLessThan(1e-9);
    });
  }

  it('novelty: scores of new rows = −score_samples(X) to 1e-9', () => {
    const { k, train, test, score_samples } = fixture.novelty;
    const model = fit(matrixFromRows(train), normalize({ k, novelty: true }));
    const s = score(model, matrixFromRows(test));
    expect(worstError(s, score_samples.map((v) => -v))).toBeLessThan(1e-9);
  });

  it('rows with more than k copies get lrd 1e10, and their neighbours huge LOFs, as in scikit-learn', () => {
    const c = fixture.outlier.find((o) => o.name === 'duplicates-5d' && o.k === 5)!;
    const model = fit(matrixFromRows(c.X), normalize({ k: 5 }));
    expect(Math.max(...model.lrd)).toBeCloseTo(1e10, 0);
    expect(Math.max(...model.lof)).toBeGreaterThan(1e9);
  });
});

describe('lof: definition', () => {
  const x = randomMatrix(150, 3, 11);
  const euclid = (a: number, b: number) => Math.hypot(...row(x, a).map((v, j) => v - x.data[b * x.cols + j]));
  const manhattan = (a: number, b: number) => row(x, a).reduce((s, v, j) => s + Math.abs(v - x.data[b * x.cols + j]), 0);
  const unit = (i: number) => { const r = row(x, i); const n = Math.hypot(...r); return r.map((v) => v / n); };
  const cosine = (a: number, b: number) => { const u = unit(a), v = unit(b); return 1 - u.reduce((s, t, j) => s + t * v[j], 0); };

  it.each([
    ['euclidean', euclid],
    ['manhattan', manhattan],
    ['cosine', cosine],
  ] as const)('%s matches a from-the-definition LOF', (metric, dist) => {
    const s = run(x, { k: 7, metric });
    expect(worstError(s, naiveLof(x, 7, dist))).toBeLessThan(1e-9);
  });

  it('a far point scores well above 1, points inside the cloud near 1', () => {
    const rows = Array.from({ length: 60 }, (_, i) => row(x, i));
    rows.push([20, 20, 20]);
    const s = run(matrixFromRows(rows), { k: 10 });
    expect(s[60]).toBeGreaterThan(5);
    const median = [...s.slice(0, 60)].sort((a, b) => a - b)[30];
    expect(median).toBeGreaterThan(0.8);
    expect(median).toBeLessThan(1.3);
  });
});

describe('lof: scoring and the model', () => {
  const train = randomMatrix(300, 4, 3);
  const fresh = randomMatrix(50, 4, 4);

  it('outlier mode scores other rows as novelty mode does', () => {
    const outlier = fit(train, normalize({ k: 10 }));
    const novelty = fit(train, normalize({ k: 10, novelty: true }));
    expect(Array.from(score(outlier, fresh))).toEqual(Array.from(score(novelty, fresh)));
    // ... and novelty mode scores the training rows as new rows (each at distance 0 from itself).
    expect(Array.from(score(novelty, train))).not.toEqual(outlier.lof);
    expect(Array.from(score(outlier, train))).toEqual(outlier.lof);
  });

  it('survives a JSON round trip, both modes', () => {
    for (const novelty of [false, true]) {
      const model = fit(train, normalize({ k: 10, novelty, metric: 'manhattan' }));
      const back: LofModel = JSON.parse(JSON.stringify(model));
      expect(back).toEqual(model);
      expect(Array.from(score(back, fresh))).toEqual(Array.from(score(model, fresh)));
      expect(Array.from(score(back, train))).toEqual(Array.from(score(model, train)));
    }
  });

  it('stores training rows, k-distances, lrds and LOFs as plain numbers', () => {
    const model = fit(train, normalize({ k: 10 }));
    expect(model).toMatchObject({ type: 'lof', version: 1, k: 10, rows: 300, cols: 4, notes: [] });
    expect(model.train).toEqual(Array.from(train.data));
    for (const key of ['kDistance', 'lrd', 'lof'] as const) {
      expect(model[key]).toHaveLength(300);
      expect(model[key].every(Number.isFinite)).toBe(true);
    }
  });

  it('checks the columns of the rows it scores', () => {
    const model = fit(train, normalize({ k: 5 }));
    expect(() => score(model, randomMatrix(5, 3))).toThrow(/3 columns.*fitted on 4/);
    expect(score(model, { rows: 0, cols: 4, data: new Float64Array(0), names: ['a', 'b', 'c', 'd'] })).toHaveLength(0);
  });

  it('reports progress a few dozen times at most, ending at 1, and can be cancelled', () => {
    const x = randomMatrix(20000, 3, 9);
    const calls: number[] = [];
    fit(x, normalize({ k: 5 }), { onProgress: (f) => calls.push(f) });
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.length).toBeLessThanOrEqual(30);
    expect(calls.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort();
    expect(() => fit(x, normalize({ k: 5 }), { signal: controller.signal })).toThrow(/cancelled/);
    let seen = 0;
    const late = new AbortController();
    expect(() => fit(x, normalize({ k: 5 }), {
      signal: late.signal,
      onProgress: () => { if (++seen === 3) late.abort(); },
    })).toThrow(/cancelled/);
  });
});

describe('lof: degenerate data', () => {
  it('one row: score 1 with a note (scikit-learn refuses); new rows against it score 1 too', () => {
    const model = fit(matrixFromRows([[1, 2]]), normalize({}));
    expect(score(model, matrixFromRows([[1, 2]]))).toEqual(new Float64Array([1]));
    expect(model.notes.join()).toMatch(/one row/);
    expect(Array.from(score(model, matrixFromRows([[5, 5], [1, 2]])))).toEqual([1, 1]);
  });

  it('two rows: k = 1, both score 1', () => {
    expect(Array.from(run(matrixFromRows([[0, 0], [3, 4]])))).toEqual([1, 1]);
  });

  it('k ≥ rows is capped at rows − 1 with a note, as scikit-learn does', () => {
    const x = randomMatrix(8, 2);
    const model = fit(x, normalize({ k: 20 }));
    expect(model.k).toBe(7);
    expect(model.notes.join()).toMatch(/k = 20.*using k = 7/);
    expect(Array.from(score(model, x))).toEqual(Array.from(run(x, { k: 7 })));
  });

  it('identical rows all score 1; so does a pile larger than k', () => {
    const x = matrixFromRows(Array.from({ length: 30 }, () => [2, 7, 1]));
    expect(Array.from(run(x, { k: 5 }))).toEqual(Array(30).fill(1));
  });

  it('a constant column changes nothing', () => {
    const x = randomMatrix(100, 2, 5);
    const withConstant = matrixFromRows(Array.from({ length: 100 }, (_, i) => [...row(x, i), 42]));
    expect(worstError(run(withConstant, { k: 6 }), Array.from(run(x, { k: 6 })))).toBeLessThan(1e-12);
  });

  it('NaN or Infinity: an error naming row and column', () => {
    expect(() => run(matrixFromRows([[1, 2], [3, NaN], [4, 5]], ['a', 'b']))).toThrow(/row 2, column "b" is NaN/);
    expect(() => run(matrixFromRows([[1, 2], [Infinity, 0]], ['a', 'b']))).toThrow(/row 2, column "a" is Infinity/);
  });

  it('no columns, no rows, or overflowing distances: a clear error', () => {
    expect(() => run({ rows: 3, cols: 0, data: new Float64Array(0), names: [] })).toThrow(/no columns/);
    expect(() => run({ rows: 0, cols: 2, data: new Float64Array(0), names: ['a', 'b'] })).toThrow(/no rows/);
    expect(() => run(matrixFromRows([[0], [1e200], [-1e200]]))).toThrow(/overflow/);
  });

  it('cosine: an all-zero row is at distance 1 from every other row, and zero rows are duplicates', () => {
    const x = matrixFromRows([[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9], [0, 0], [0, 0]]);
    const two = fit(x, normalize({ k: 2, metric: 'cosine' }));
    expect(two.lof.every(Number.isFinite)).toBe(true);
    expect(two.kDistance[4]).toBeCloseTo(1, 12); // the other zero row, then a non-zero row at 1
    const one = fit(x, normalize({ k: 1, metric: 'cosine' }));
    expect(one.kDistance[4]).toBe(0); // the other zero row
    expect(one.kDistance[0]).toBeGreaterThan(0);
  });
});

describe('lof: normalize', () => {
  it('fills defaults', () => {
    expect(normalize()).toEqual({ k: 20, metric: 'euclidean', novelty: false });
    expect(normalize({ k: 5, metric: 'cosine', novelty: true })).toEqual({ k: 5, metric: 'cosine', novelty: true });
  });

  it.each([
    [{ k: 0 }, /invalid k: 0/],
    [{ k: 2.5 }, /invalid k: 2.5/],
    [{ k: '5' }, /invalid k: "5"/],
    [{ metric: 'chebyshev' }, /invalid metric: "chebyshev"/],
    [{ novelty: 'yes' }, /invalid novelty: "yes"/],
    [{ neighbours: 5 }, /unknown lof parameter: neighbours/],
  ])('%j is refused, naming the field and value', (params, message) => {
    expect(() => normalize(params as Partial<LofParams>)).toThrow(message);
  });
});

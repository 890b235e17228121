import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  averagePathLength,
  isolationForest,
  type IsolationForestModel,
  type IsolationForestParams,
} from '../../../app/core/detect/isolation-forest.ts';
import { matrixFromRows, type Matrix } from '../../../app/core/matrix.ts';
import { createRandom } from '../../../app/core/random.ts';
import { rocAuc } from '../../../app/core/evaluate/roc-auc.ts';

interface SklearnCase {
  name: string;
  X: number[][];
  /** 1 = anomalous (the sparse, wide-spread points), 0 = normal. */
  labels: number[];
  roc_auc_mean: number;
  roc_auc_std: number;
}
interface SklearnFixture {
  meta: { sklearn: string };
  path_length: { n: number[]; average_path_length: number[] };
  cases: SklearnCase[];
}

const fixture: SklearnFixture = JSON.parse(
  readFileSync(new URL('../../fixtures/sklearn-isolation-forest.json', import.meta.url), 'utf8'),
);

const { normalize, fit, score } = isolationForest;
const run = (x: Matrix, params: Partial<IsolationForestParams> = {}) => score(fit(x, normalize(params)), x);

function randomMatrix(rows: number, cols: number, seed = 7): Matrix {
  const r = createRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = r.uniform(-1, 1);
  return { rows, cols, data, names: Array.from({ length: cols }, (_, j) => `c${j}`) };
}

/** Straightforward scoring from the JSON model, to check the fast path against. */
function naiveScore(model: IsolationForestModel, x: Matrix): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let total = 0;
    for (const tree of model.trees) {
      let node = 0, depth = 0;
      while (tree.feature[node] !== -1) {
        node = x.data[i * x.cols + tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
        depth++;
      }
      total += depth + averagePathLength(tree.size[node]);
    }
    const c = averagePathLength(model.sampleSize);
    out[i] = c > 0 ? 2 ** (-total / model.trees.length / c) : 0.5;
  }
  return out;
}

function treeDepth(tree: IsolationForestModel['trees'][number], node = 0): number {
  return tree.feature[node] === -1 ? 0 : 1 + Math.max(treeDepth(tree, tree.left[node]), treeDepth(tree, tree.right[node]));
}

describe('averagePathLength', () => {
  it('matches sklearn _average_path_length', () => {
    const { n, average_path_length } = fixture.path_length;
    n.forEach((k, i) => expect(Math.abs(averagePathLength(k) - average_path_length[i])).toBeLessThan(1e-9));
    expect(averagePathLength(0)).toBe(0);
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
  });
});

describe('isolation forest against scikit-learn ' + fixture.meta.sklearn, () => {
  for (const c of fixture.cases) {
    it(`${c.name}: mean ROC-AUC over seeds 0..9 within 0.01 of sklearn's`, () => {
      const x = matrixFromRows(c.X);
      // label 1 is the rarer class: the outliers
      expect(c.labels.filter((l) => l === 1).length).toBeLessThan(c.labels.length / 10);
      const aucs = Array.from({ length: 10 }, (_, seed) => rocAuc(run(x, { seed }), c.labels)!);
      const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
      expect(Math.abs(mean - Number(c.roc_auc_mean))).toBeLessThan(0.01);
    });
  }
});

describe('isolationForest', () => {
  const x = randomMatrix(500, 4);

  it('is reproducible for a seed and differs between seeds', () => {
    const a = run(x, { seed: 3 });
    expect(run(x, { seed: 3 })).toEqual(a);
    const b = run(x, { seed: 4 });
    expect(b).not.toEqual(a);
  });

  it('gives scores in (0, 1] and ranks an obvious outlier first', () => {
    const rows = Array.from({ length: 300 }, (_, i) => [Math.sin(i) * 0.1, Math.cos(i) * 0.1]);
    rows.push([5, -5]);
    const s = run(matrixFromRows(rows));
    for (const v of s) expect(v > 0 && v <= 1).toBe(true);
    expect(s.indexOf(Math.max(...s))).toBe(300);
    expect(s[300]).toBeGreaterThan(0.6);
  });

  it('builds trees as specified', () => {
    const model = fit(x, normalize({ trees: 20, sampleSize: 100 }));
    expect(model.type).toBe('isolation-forest');
    expect(model.version).toBe(1);
    expect(model.cols).toBe(4);
    expect(model.sampleSize).toBe(100);
    expect(model.trees).toHaveLength(20);
    for (const tree of model.trees) {
      expect(treeDepth(tree)).toBeLessThanOrEqual(Math.ceil(Math.log2(100)));
      expect(tree.size[0]).toBe(100);
      tree.feature.forEach((f, k) => {
        if (f === -1) return;
        expect(tree.size[tree.left[k]] + tree.size[tree.right[k]]).toBe(tree.size[k]);
        expect(tree.size[tree.left[k]]).toBeGreaterThan(0);
        expect(tree.size[tree.right[k]]).toBeGreaterThan(0);
      });
    }
    // ψ is capped at the number of rows
    expect(fit(randomMatrix(50, 2), normalize()).sampleSize).toBe(50);
  });

  it('scores as a plain descent of the JSON model (x <= threshold goes left)', () => {
    const model = fit(x, normalize({ trees: 30 }));
    const fast = score(model, x);
    const slow = naiveScore(model, x);
    fast.forEach((v, i) => expect(v).toBeCloseTo(slow[i], 12));
  });

  it('handles trees deeper than the padded layout (large sampleSize)', () => {
    const big = randomMatrix(10_000, 3);
    const model = fit(big, normalize({ trees: 3, sampleSize: 10_000 }));
    expect(Math.max(...model.trees.map((t) => treeDepth(t)))).toBeGreaterThan(12);
    const fast = score(model, big);
    const slow = naiveScore(model, big);
    fast.forEach((v, i) => expect(v).toBeCloseTo(slow[i], 12));
  });

  it('scores a hand-written model with the documented semantics', () => {
    const model: IsolationForestModel = {
      type: 'isolation-forest', version: 1, params: normalize({ trees: 1, sampleSize: 4 }), cols: 1, sampleSize: 4,
      trees: [{ feature: [0, -1, -1], threshold: [0.5, 0, 0], left: [1, -1, -1], right: [2, -1, -1], size: [4, 3, 1] }],
    };
    const s = score(model, matrixFromRows([[0.5], [0.6]]));
    expect(s[0]).toBeCloseTo(2 ** (-(1 + averagePathLength(3)) / averagePathLength(4)), 12);
    expect(s[1]).toBeCloseTo(2 ** (-1 / averagePathLength(4)), 12);
  });

  it('survives JSON round trip and scores identically', () => {
    const model = fit(x, normalize({ seed: 11, maxFeatures: 0.5 }));
    const copy = JSON.parse(JSON.stringify(model)) as IsolationForestModel;
    expect(copy).toEqual(model);
    expect(score(copy, x)).toEqual(score(model, x));
  });

  it('uses floor(maxFeatures * cols) columns per tree when maxFeatures < 1', () => {
    const wide = randomMatrix(400, 10);
    const model = fit(wide, normalize({ maxFeatures: 0.3 }));
    const used = new Set<number>();
    for (const tree of model.trees) {
      const own = new Set(tree.feature.filter((f) => f >= 0));
      expect(own.size).toBeLessThanOrEqual(3);
      own.forEach((f) => used.add(f));
    }
    expect(used.size).toBe(10);
    const s = score(model, wide);
    for (const v of s) expect(Number.isFinite(v)).toBe(true);
    // a tiny fraction still gives every tree one column
    const one = fit(wide, normalize({ maxFeatures: 0.01, trees: 5 }));
    for (const tree of one.trees) expect(new Set(tree.feature.filter((f) => f >= 0)).size).toBeLessThanOrEqual(1);
  });

  it('is finite on constant columns, duplicate rows and tiny inputs', () => {
    const constantColumn = matrixFromRows(Array.from({ length: 100 }, (_, i) => [7, i % 13, 7]));
    const allConstant = matrixFromRows(Array.from({ length: 50 }, () => [1, 2]));
    const duplicates = matrixFromRows([...Array(40).fill([1, 1]), ...Array(40).fill([2, 3]), [9, 9]]);
    for (const m of [constantColumn, allConstant, duplicates, matrixFromRows([[1, 2], [3, 4]]), matrixFromRows([[5, 5], [5, 5]])]) {
      const s = run(m);
      expect(s).toHaveLength(m.rows);
      for (const v of s) expect(Number.isFinite(v) && v > 0 && v <= 1).toBe(true);
    }
    // identical rows all score the same
    const all = run(allConstant);
    expect(new Set(all).size).toBe(1);
    // the lone point among duplicates stands out
    const d = run(duplicates);
    expect(d[80]).toBeGreaterThan(Math.max(...d.slice(0, 80)));
  });

  it('scores 0.5 everywhere when fitted on one row (as sklearn does)', () => {
    const model = fit(matrixFromRows([[1, 2, 3]]), normalize());
    expect(model.sampleSize).toBe(1);
    expect(Array.from(score(model, matrixFromRows([[1, 2, 3], [100, -4, 0]])))).toEqual([0.5, 0.5]);
  });

  it('rejects non-finite values, naming the row and column', () => {
    const bad = matrixFromRows([[1, 2], [3, NaN], [5, 6]], ['a', 'b']);
    expect(() => fit(bad, normalize())).toThrow(/row 2, column "b"/);
    const model = fit(matrixFromRows([[1, 2], [3, 4]], ['a', 'b']), normalize());
    expect(() => score(model, matrixFromRows([[Infinity, 1]], ['a', 'b']))).toThrow(/row 1, column "a"/);
  });

  it('rejects matrices without columns or rows, and column mismatches', () => {
    expect(() => fit({ rows: 3, cols: 0, data: new Float64Array(0), names: [] }, normalize())).toThrow(/no columns/);
    expect(() => fit({ rows: 0, cols: 2, data: new Float64Array(0), names: ['a', 'b'] }, normalize())).toThrow(/no rows/);
    const model = fit(x, normalize({ trees: 2 }));
    expect(() => score(model, randomMatrix(5, 3))).toThrow(/3 columns .* fitted on 4/);
    expect(score(model, { rows: 0, cols: 4, data: new Float64Array(0), names: x.names })).toHaveLength(0);
  });

  it('rejects malformed models', () => {
    const model = fit(x, normalize({ trees: 2 }));
    const broken = JSON.parse(JSON.stringify(model)) as IsolationForestModel;
    broken.trees[1].feature[0] = 9;
    expect(() => score(broken, x)).toThrow(/tree 1 node 0 splits on column 9/);
    expect(() => score({ ...model, type: 'lof' } as unknown as IsolationForestModel, x)).toThrow(/invalid isolation-forest model/);
  });

  it('reports progress a bounded number of times and can be cancelled', () => {
    const big = randomMatrix(20_000, 3);
    const fitSteps: number[] = [];
    const model = fit(big, normalize({ trees: 200 }), { onProgress: (f) => fitSteps.push(f) });
    const scoreSteps: number[] = [];
    score(model, big, { onProgress: (f) => scoreSteps.push(f) });
    for (const steps of [fitSteps, scoreSteps]) {
      expect(steps.length).toBeGreaterThan(1);
      expect(steps.length).toBeLessThanOrEqual(50);
      expect(steps.at(-1)).toBe(1);
      for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1]);
    }
    const controller = new AbortController();
    controller.abort();
    expect(() => fit(big, normalize(), { signal: controller.signal })).toThrow(/cancelled/);
    expect(() => score(model, big, { signal: controller.signal })).toThrow(/cancelled/);
    // aborting midway stops the work
    const midway = new AbortController();
    expect(() => fit(big, normalize(), { signal: midway.signal, onProgress: (f) => { if (f > 0.3) midway.abort(); } }))
      .toThrow(expect.objectContaining({ name: 'AbortError' }));
  });
});

describe('isolationForest.normalize', () => {
  it('fills defaults', () => {
    expect(normalize()).toEqual({ trees: 100, sampleSize: 256, maxFeatures: 1, seed: 1 });
    expect(isolationForest.defaults).toEqual(normalize({}));
    expect(normalize({ trees: 5, seed: -3 })).toEqual({ trees: 5, sampleSize: 256, maxFeatures: 1, seed: -3 });
  });

  it('names the field and the value in its errors', () => {
    expect(() => normalize({ trees: 0 })).toThrow('invalid trees: 0 (expected an integer >= 1)');
    expect(() => normalize({ trees: 2.5 })).toThrow('invalid trees: 2.5');
    expect(() => normalize({ sampleSize: 1 })).toThrow('invalid sampleSize: 1 (expected an integer >= 2)');
    expect(() => normalize({ maxFeatures: 0 })).toThrow('invalid maxFeatures: 0');
    expect(() => normalize({ maxFeatures: 1.5 })).toThrow('invalid maxFeatures: 1.5');
    expect(() => normalize({ maxFeatures: NaN })).toThrow('invalid maxFeatures: NaN');
    expect(() => normalize({ seed: 0.5 })).toThrow('invalid seed: 0.5');
    expect(() => normalize({ trees: '10' as unknown as number })).toThrow('invalid trees: "10"');
    expect(() => normalize({ tree: 10 } as unknown as Partial<IsolationForestParams>)).toThrow(/unknown isolation-forest parameter: tree/);
  });
});

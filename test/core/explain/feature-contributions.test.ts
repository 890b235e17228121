import { describe, it, expect, beforeAll } from 'vitest';
import { initNodeBackend } from '../../../app/serve/tf-node.ts';
import { explainRow, type RowExplanation } from '../../../app/core/explain/feature-contributions.ts';
import { autoencoder } from '../../../app/core/detect/autoencoder.ts';
import { isolationForest } from '../../../app/core/detect/isolation-forest.ts';
import { lof } from '../../../app/core/detect/lof.ts';
import { pca } from '../../../app/core/detect/pca.ts';
import { rareTemplate } from '../../../app/core/detect/rare-template.ts';
import type { Matrix } from '../../../app/core/matrix.ts';
import { createRandom, type Random } from '../../../app/core/random.ts';

const gaussian = (r: Random) => Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
const NAMES = ['alpha', 'beta', 'gamma', 'delta'];

/** `rows` rows of 4 named columns from `make`; the last row is `last`. */
function matrix(rows: number, seed: number, make: (r: Random) => number[], last: number[]): Matrix {
  const r = createRandom(seed);
  const data = new Float64Array(rows * 4);
  for (let i = 0; i < rows - 1; i++) data.set(make(r), i * 4);
  data.set(last, (rows - 1) * 4);
  return { rows, cols: 4, data, names: NAMES };
}

/** Shares sorted largest first, adding up to 1, names and values from the matrix. */
function expectWellFormed(e: RowExplanation, x: Matrix, row: number): void {
  expect(e.features).toHaveLength(x.cols);
  const sum = e.features.reduce((s, f) => s + f.contribution, 0);
  expect(sum).toBeCloseTo(1, 12);
  for (let k = 1; k < e.features.length; k++) expect(e.features[k].contribution).toBeLessThanOrEqual(e.features[k - 1].contribution);
  for (const f of e.features) expect(f.value).toBe(x.data[row * x.cols + NAMES.indexOf(f.name)]);
}

const top = (e: RowExplanation) => e.features[0].name;

beforeAll(async () => {
  await initNodeBackend((m) => console.warn(m));
});

describe('explainRow: autoencoder', () => {
  it('blames the column that breaks the learnt correlation', () => {
    // Four columns driven by one latent factor; the last row follows it except on delta.
    const x = matrix(400, 3, (r) => { const z = gaussian(r); return [z, 2 * z, -z, z].map((v) => v + 0.05 * gaussian(r)); }, [0.5, 1, -0.5, 3.5]);
    const model = autoencoder.fit(x, autoencoder.normalize({ layers: [2], epochs: 80, learningRate: 0.01, seed: 2 }));
    const row = x.rows - 1;
    const e = explainRow('autoencoder', model, x, row);
    expect(e.kind).toBe('reconstruction-error');
    expectWellFormed(e, x, row);
    expect(top(e)).toBe('delta');
    // The raw terms are the per-column errors whose mean is the score.
    const sum = e.features.reduce((s, f) => s + f.raw, 0);
    expect(sum / 4).toBeCloseTo(autoencoder.score(model, x)[row], 10);
  });
});

describe('explainRow: isolation-forest', () => {
  it('blames the column the row is far out on', () => {
    const x = matrix(300, 4, (r) => [gaussian(r), gaussian(r), gaussian(r), gaussian(r)], [0, 0.3, 9, -0.2]);
    const model = isolationForest.fit(x, isolationForest.normalize({ seed: 4 }));
    const e = explainRow('isolation-forest', model, x, x.rows - 1);
    expect(e.kind).toBe('path-usage');
    expectWellFormed(e, x, x.rows - 1);
    expect(top(e)).toBe('gamma');
  });
});

describe('explainRow: lof', () => {
  it('blames the column that differs from the neighbours and lists them', () => {
    const x = matrix(200, 5, (r) => [r.uniform(-1, 1), r.uniform(-1, 1), r.uniform(-1, 1), r.uniform(-1, 1)], [0, 4, 0, 0]);
    const model = lof.fit(x, lof.normalize({ k: 10 }));
    const row = x.rows - 1;
    const e = explainRow('lof', model, x, row);
    expect(e.kind).toBe('neighbour-difference');
    expectWellFormed(e, x, row);
    expect(top(e)).toBe('beta');
    expect(e.features[0].contribution).toBeGreaterThan(0.8);
    expect(e.neighbours).toHaveLength(10);
    expect(e.neighbours!.every((o) => o.index !== row)).toBe(true);
    // The neighbours' mean beta is what the raw term measures from.
    const meanBeta = e.neighbours!.reduce((s, o) => s + x.data[o.index * 4 + 1], 0) / 10;
    expect(e.features[0].raw).toBeCloseTo((4 - meanBeta) ** 2, 12);
    expect(e.lrd! * model.lof[row]).toBeCloseTo(e.neighbours!.reduce((s, o) => s + o.lrd, 0) / 10, 10);
  });
});

describe('explainRow: pca', () => {
  it('blames the column off the normal subspace, and its terms add up to the SPE', () => {
    // alpha, beta and delta span the data; gamma is nearly constant.
    const x = matrix(300, 6, (r) => [gaussian(r), gaussian(r), 0.01 * gaussian(r), gaussian(r) + gaussian(r)], [0.2, -0.1, 2, 0.4]);
    const model = pca.fit(x, pca.normalize({ components: 3 }));
    const row = x.rows - 1;
    const e = explainRow('pca', model, x, row);
    expect(e.kind).toBe('pca-residual');
    expectWellFormed(e, x, row);
    expect(top(e)).toBe('gamma');
    expect(e.features[0].contribution).toBeGreaterThan(0.99);
    expect(e.features.reduce((s, f) => s + f.raw, 0)).toBeCloseTo(pca.score(model, x)[row], 12);
  });
});

describe('explainRow: other detectors', () => {
  const x = matrix(100, 7, (r) => [r.int(3), r.int(3), 1, r.int(3)], [1, 1, 1, 40]);
  const model = rareTemplate.fit(x, rareTemplate.normalize({}));

  it('falls back to |z-scores| against the matrix, and says so', () => {
    const e = explainRow('rare-template', model, x, x.rows - 1);
    expect(e.kind).toBe('z-score-fallback');
    expect(e.note).toMatch(/no rare-template-specific explanation/);
    expectWellFormed(e, x, x.rows - 1);
    expect(top(e)).toBe('delta');
    // gamma is constant: z = 0, not NaN.
    expect(e.features.find((f) => f.name === 'gamma')).toMatchObject({ raw: 0, contribution: 0 });
  });

  it('keeps the top features on request', () => {
    const e = explainRow('rare-template', model, x, 0, { top: 2 });
    expect(e.features).toHaveLength(2);
    expect(e.features).toEqual(explainRow('rare-template', model, x, 0).features.slice(0, 2));
  });

  it('rejects bad rows, options and mismatched models', () => {
    expect(() => explainRow('rare-template', model, x, -1)).toThrow(/invalid row: -1/);
    expect(() => explainRow('rare-template', model, x, 0, { top: 0 })).toThrow(/invalid top: 0/);
    expect(() => explainRow('lof', model, x, 0)).toThrow(/"rare-template" model as detector "lof"/);
  });
});

import { describe, expect, it } from 'vitest';
import { getDetector } from '../../../app/core/detect/registry.ts';
import { emMvCriteria } from '../../../app/core/experiment/em-mv-criteria.ts';
import type { Matrix } from '../../../app/core/matrix.ts';
import { createRandom } from '../../../app/core/random.ts';

/** A Gaussian blob in `cols` dimensions (Box–Muller, seeded). */
function blob(rows: number, cols: number, seed: number): Matrix {
  const random = createRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  return { rows, cols, data, names: Array.from({ length: cols }, (_, j) => `c${j}`) };
}

function criteria(x: Matrix, type: string, seed = 1, trainedOn = x) {
  const detector = getDetector(type);
  const params = detector.normalize({}) as Record<string, unknown>;
  return emMvCriteria({ x, type, params, model: detector.fit(trainedOn, params), seed })!;
}

describe('emMvCriteria', () => {
  it('rates a model of the data above a model of other data', () => {
    const x = blob(500, 2, 3);
    const forest = criteria(x, 'isolation-forest');
    // The same detector fitted on a blob shifted by 3 in each dimension: its normal region is beside the data.
    const shifted = { ...x, data: x.data.map((v) => v + 3) };
    const astray = criteria(x, 'isolation-forest', 1, shifted);
    expect(forest.em).toBeGreaterThan(astray.em);
    expect(forest.mv).toBeLessThan(astray.mv);
  });

  it('above 8 dimensions averages over seeded 5-feature subsets: the same seed, the same figures', () => {
    const x = blob(300, 12, 5);
    const a = criteria(x, 'isolation-forest', 7);
    expect(Number.isFinite(a.em) && Number.isFinite(a.mv)).toBe(true);
    expect(criteria(x, 'isolation-forest', 7)).toEqual(a);
    expect(criteria(x, 'isolation-forest', 8)).not.toEqual(a);
  });

  it('a constant column spans no volume and does not zero the box', () => {
    const x = blob(200, 2, 9);
    for (let i = 0; i < x.rows; i++) x.data[i * 2 + 1] = 4;
    const r = criteria(x, 'isolation-forest');
    expect(r.mv).toBeGreaterThan(0);
    expect(Number.isFinite(r.em)).toBe(true);
  });
});

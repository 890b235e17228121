// Every registered detector on degenerate data: a clear answer, never NaN,
// never a hang. One suite over the registry, so a new detector is held to it.
import { beforeAll, describe, expect, it } from 'vitest';
import { DETECTORS } from '../../../app/core/detect/registry.ts';
import { matrixFromRows, type Matrix } from '../../../app/core/matrix.ts';
import { createRandom } from '../../../app/core/random.ts';
import { initNodeBackend } from '../../../app/serve/tf-node.ts';

beforeAll(async () => {
  await initNodeBackend();
});

/** Small settings so the suite stays quick; the defaults are tested per detector. */
const QUICK: Record<string, Record<string, unknown>> = {
  'isolation-forest': { trees: 20 },
  autoencoder: { epochs: 2, layers: [2], validationSplit: 0 },
  lof: { k: 5 },
};

/**
 * Detectors of one anomaly kind read a column by its name: the first
 * column gets that name (a matrix without it is refused, as it should be).
 */
const READS: Record<string, string> = {
  'template-novelty': 'unseen',
  'variable-range': 'variable-range',
};

function fitScore(type: string, x: Matrix): Float64Array {
  const d = DETECTORS[type];
  const params = d.normalize(QUICK[type] ?? {});
  const read = READS[type];
  const named = read && x.cols > 0 ? { ...x, names: [read, ...x.names.slice(1)] } : x;
  return d.score(d.fit(named, params), named);
}

const finite = (s: Float64Array) => Array.from(s).every(Number.isFinite);

describe.each(Object.keys(DETECTORS))('%s on degenerate data', (type) => {
  it('1 row and 2 rows: finite scores', () => {
    expect(finite(fitScore(type, matrixFromRows([[1, 2]])))).toBe(true);
    expect(finite(fitScore(type, matrixFromRows([[1, 2], [3, 5]])))).toBe(true);
  });

  it('all rows identical: finite and equal scores', () => {
    const s = fitScore(type, matrixFromRows(Array.from({ length: 30 }, () => [4, 4, 4])));
    expect(finite(s)).toBe(true);
    expect(new Set(Array.from(s)).size).toBe(1);
  });

  it('a constant column: finite scores', () => {
    const rnd = createRandom(1);
    expect(finite(fitScore(type, matrixFromRows(Array.from({ length: 50 }, () => [rnd.next(), 7]))))).toBe(true);
  });

  it('NaN or Infinity in the input: an error naming row and column', () => {
    const rows = [[1, 2], [3, 4], [5, 6]];
    rows[1][1] = NaN;
    expect(() => fitScore(type, matrixFromRows(rows, ['a', 'b']))).toThrow(/row 2, column "b"/);
    rows[1][1] = Infinity;
    expect(() => fitScore(type, matrixFromRows(rows, ['a', 'b']))).toThrow(/row 2, column "b"/);
  });

  it('0 columns: a clear error', () => {
    expect(() => fitScore(type, { rows: 3, cols: 0, data: new Float64Array(0), names: [] })).toThrow(/column/);
  });

  it('1M rows × 1 column: finite scores', () => {
    const rnd = createRandom(2);
    const n = 1_000_000;
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) data[i] = rnd.next();
    const s = fitScore(type, { rows: n, cols: 1, data, names: ['x'] });
    expect(s.length).toBe(n);
    expect(finite(s)).toBe(true);
  }, 120_000);
});

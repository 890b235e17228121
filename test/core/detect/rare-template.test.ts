import { describe, it, expect } from 'vitest';
import { rareTemplate, type RareTemplateModel, type RareTemplateParams } from '../../../app/core/detect/rare-template.ts';
import { matrixFromRows, type Matrix } from '../../../app/core/matrix.ts';

const { normalize, fit, score } = rareTemplate;
const fitWith = (x: Matrix, params: Partial<RareTemplateParams> = {}): RareTemplateModel => fit(x, normalize(params));

describe('rare-template parameters', () => {
  it('fills defaults and names the field and value in errors', () => {
    expect(rareTemplate.type).toBe('rare-template');
    expect(normalize()).toEqual({ smoothing: 1 });
    expect(normalize({ smoothing: 0.5 })).toEqual({ smoothing: 0.5 });
    expect(() => normalize({ smoothing: 0 })).toThrow('invalid smoothing: 0 (expected a finite number > 0)');
    expect(() => normalize({ smoothing: -1 })).toThrow('invalid smoothing: -1');
    expect(() => normalize({ smoothing: Infinity })).toThrow('invalid smoothing: Infinity');
    expect(() => normalize({ smoothing: '1' as unknown as number })).toThrow('invalid smoothing: "1"');
    expect(() => normalize({ alpha: 1 } as unknown as Partial<RareTemplateParams>)).toThrow('unknown rare-template parameter: alpha');
  });
});

describe('rare-template scores', () => {
  // Session-like count rows: pattern A three times, B twice, C once.
  const A = [2, 0, 1], B = [1, 1, 0], C = [0, 0, 5];
  const x = matrixFromRows([A, B, A, C, B, A]);

  it('counts each exact pattern once, in order of first occurrence', () => {
    const model = fitWith(x);
    expect(model).toEqual({
      type: 'rare-template', version: 1, params: { smoothing: 1 }, cols: 3, rows: 6,
      patterns: [A, B, C], counts: [3, 2, 1],
    });
  });

  it('scores −ln((count + α) / (n + α(K + 1))) with α = 1: n = 6, K = 3, denominator 10', () => {
    const s = score(fitWith(x), x);
    const a = -Math.log(4 / 10), b = -Math.log(3 / 10), c = -Math.log(2 / 10);
    const want = [a, b, a, c, b, a];
    for (let i = 0; i < 6; i++) expect(s[i]).toBeCloseTo(want[i], 14);
    // Exact value checks on the same formula.
    expect(s[0]).toBeCloseTo(0.916290731874155, 14);
    expect(s[3]).toBeCloseTo(1.6094379124341003, 14);
    expect(s[0]).toBe(s[2]); // equal patterns tie exactly
  });

  it('gives unseen patterns the top score −ln(α / (n + α(K + 1)))', () => {
    const model = fitWith(x, { smoothing: 0.5 });
    const s = score(model, matrixFromRows([[9, 9, 9], A, C]));
    // n = 6, K = 3, α = 0.5: denominator 6 + 0.5 · 4 = 8.
    expect(s[0]).toBeCloseTo(-Math.log(0.5 / 8), 14);
    expect(s[1]).toBeCloseTo(-Math.log(3.5 / 8), 14);
    expect(s[2]).toBeCloseTo(-Math.log(1.5 / 8), 14);
    expect(s[0]).toBeGreaterThan(s[2]);
    expect(s[2]).toBeGreaterThan(s[1]);
  });

  it('treats a single template-id column as the line template rarity', () => {
    const lines = matrixFromRows([[3], [3], [3], [7], [3], [1]], ['template']);
    const s = score(fitWith(lines), lines);
    // n = 6, K = 3, α = 1: denominator 10; counts 4, 1, 1.
    expect(s[0]).toBeCloseTo(-Math.log(5 / 10), 14);
    expect(s[3]).toBeCloseTo(-Math.log(2 / 10), 14);
    expect(s[5]).toBe(s[3]);
  });

  it('compares values exactly: −0 equals 0, nearby floats differ', () => {
    const model = fitWith(matrixFromRows([[0, 1], [-0, 1], [0.1 + 0.2, 1]]));
    expect(model.patterns).toEqual([[0, 1], [0.30000000000000004, 1]]);
    expect(Object.is(model.patterns[0][0], 0)).toBe(true);
    expect(model.counts).toEqual([2, 1]);
    const s = score(model, matrixFromRows([[-0, 1], [0.3, 1]]));
    expect(s[0]).toBeCloseTo(-Math.log(3 / 6), 14); // seen twice; n = 3, K = 2
    expect(s[1]).toBeCloseTo(-Math.log(1 / 6), 14); // 0.3 was never seen
  });
});

describe('rare-template on degenerate data', () => {
  it('one row: seen −ln(2/3), unseen −ln(1/3)', () => {
    const model = fitWith(matrixFromRows([[1, 2]]));
    const s = score(model, matrixFromRows([[1, 2], [2, 1]]));
    expect(s[0]).toBeCloseTo(Math.log(1.5), 14);
    expect(s[1]).toBeCloseTo(Math.log(3), 14);
  });

  it('two rows, identical rows, constant columns: finite, equal where patterns are equal', () => {
    const two = matrixFromRows([[1, 0], [0, 1]]);
    const s2 = score(fitWith(two), two);
    expect(s2[0]).toBe(s2[1]);
    expect(s2[0]).toBeCloseTo(-Math.log(2 / 5), 14);
    const same = matrixFromRows([[4, 4], [4, 4], [4, 4]]);
    const s3 = score(fitWith(same), same);
    expect(Array.from(s3, (v) => Number(v.toFixed(12)))).toEqual(Array(3).fill(Number((-Math.log(4 / 5)).toFixed(12))));
    const constant = matrixFromRows([[0, 7], [1, 7], [0, 7]]);
    const s4 = score(fitWith(constant), constant);
    expect(s4[0]).toBe(s4[2]);
    expect(s4[1]).toBeGreaterThan(s4[0]);
  });

  it('rejects NaN with its row and column, and empty shapes clearly', () => {
    const bad = matrixFromRows([[1, 2], [Infinity, 3]], ['a', 'b']);
    expect(() => fitWith(bad)).toThrow('row 2, column "a" is Infinity');
    const model = fitWith(matrixFromRows([[1, 2]]));
    expect(() => score(model, bad)).toThrow('row 2, column "a" is Infinity');
    expect(() => fitWith(matrixFromRows([[]]))).toThrow('feature matrix has no columns');
    expect(() => fitWith(matrixFromRows([], ['a']))).toThrow('feature matrix has no rows');
    expect(() => score(model, matrixFromRows([[1]]))).toThrow('feature matrix has 1 columns but the rare-template model was fitted on 2');
    expect(score(model, matrixFromRows([], ['a', 'b']))).toEqual(new Float64Array(0));
  });
});

describe('rare-template model and run options', () => {
  it('is plain JSON, scores the same after a round trip, reports progress and cancels', () => {
    const rows = Array.from({ length: 9000 }, (_, i) => [i % 13, i % 2]);
    const x = matrixFromRows(rows);
    const seen: number[] = [];
    const model = fit(x, normalize(), { onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    expect(model.patterns.length).toBe(26);
    const copy = JSON.parse(JSON.stringify(model)) as RareTemplateModel;
    expect(copy).toEqual(model);
    expect(score(copy, x)).toEqual(score(model, x));
    const ac = new AbortController();
    ac.abort();
    expect(() => fit(x, normalize(), { signal: ac.signal })).toThrow('cancelled');
    expect(() => score(model, x, { signal: ac.signal })).toThrow('cancelled');
  });
});

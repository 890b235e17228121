import { describe, it, expect } from 'vitest';
import { categoricalColumns, categoricalNames, fitCategorical, type CategoricalMode } from '../../../app/core/features/categorical-indicators.ts';

const rowsOf = (c: { names: string[]; data: Float64Array }) => {
  const k = c.names.length;
  return Array.from({ length: c.data.length / k }, (_, i) => Array.from(c.data.subarray(i * k, (i + 1) * k)));
};

// Rows 0–4 train, 5–7 test. "CN" only appears in a test row.
const country: (string | null)[] = ['US', 'DE', 'US', null, 'FR', 'CN', 'DE', null];
const train = [0, 1, 2, 3, 4];

describe('known / unknown indicators', () => {
  it('learns the values of the training rows; a value only the test rows have is unknown', () => {
    const s = fitCategorical(country, { field: 'country', mode: 'known' }, train);
    expect(s).toEqual({ field: 'country', mode: 'known', known: ['DE', 'FR', 'US'], missing: false });
    const c = categoricalColumns(country, s);
    expect(c.names).toEqual(['country:unknown']);
    // Without a missing column, a missing value is not a known one either.
    expect(rowsOf(c)).toEqual([[0], [0], [0], [1], [0], [1], [0], [1]]);
  });

  it('with missing: its own column, and then not unknown', () => {
    const s = fitCategorical(country, { field: 'country', mode: 'known', missing: true }, train);
    const c = categoricalColumns(country, s);
    expect(c.names).toEqual(['country:unknown', 'country:missing']);
    expect(rowsOf(c)).toEqual([[0, 0], [0, 0], [0, 0], [0, 1], [0, 0], [1, 0], [0, 0], [0, 1]]);
  });

  it('minCount: values seen fewer times in the training rows are unknown', () => {
    const s = fitCategorical(country, { field: 'country', mode: 'known', minCount: 2 }, train);
    expect(s.known).toEqual(['US']); // DE is twice in all rows but once in the training rows
    expect(rowsOf(categoricalColumns(country, s)).map((r) => r[0])).toEqual([0, 1, 0, 1, 1, 1, 1, 1]);
  });

  it('uses the listed known values as they are, ignoring the data', () => {
    const s = fitCategorical(country, { field: 'country', mode: 'known', known: ['CN', 'US'], minCount: 5 }, train);
    expect(s.known).toEqual(['CN', 'US']);
    expect(rowsOf(categoricalColumns(country, s)).map((r) => r[0])).toEqual([0, 1, 0, 1, 1, 0, 1, 1]);
  });

  it('fits on all rows when no rows are given', () => {
    expect(fitCategorical(country, { field: 'country', mode: 'known' }).known).toEqual(['CN', 'DE', 'FR', 'US']);
  });
});

describe('one-hot', () => {
  const method: (string | null)[] = ['GET', 'POST', 'GET', 'HEAD', null, 'PUT', 'GET'];

  it('one column per known value in code-unit order, then <other>', () => {
    const s = fitCategorical(method, { field: 'method', mode: 'onehot' }, [0, 1, 2, 3, 4]);
    expect(s.known).toEqual(['GET', 'HEAD', 'POST']);
    const c = categoricalColumns(method, s);
    expect(c.names).toEqual(['method=GET', 'method=HEAD', 'method=POST', 'method=<other>']);
    expect(rowsOf(c)).toEqual([
      [1, 0, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 1, 0, 0],
      [0, 0, 0, 1], // missing → other
      [0, 0, 0, 1], // PUT: only in a test row
      [1, 0, 0, 0],
    ]);
  });

  it('with missing: null goes to method:missing', () => {
    const s = fitCategorical(method, { field: 'method', mode: 'onehot', known: ['POST', 'GET'], missing: true });
    const c = categoricalColumns(method, s);
    expect(c.names).toEqual(['method=POST', 'method=GET', 'method=<other>', 'method:missing']);
    expect(rowsOf(c)).toEqual([[0, 1, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0]]);
  });

  it('sorts learned values by code units, not locale', () => {
    const s = fitCategorical(['b', 'B', 'a', 'é', 'A'], { field: 'f', mode: 'onehot' });
    expect(categoricalNames(s)).toEqual(['f=A', 'f=B', 'f=a', 'f=b', 'f=é', 'f=<other>']);
  });

  it('no training rows: every value is other', () => {
    const s = fitCategorical(method, { field: 'method', mode: 'onehot' }, []);
    expect(s.known).toEqual([]);
    expect(rowsOf(categoricalColumns(method, s)).every((r) => r.length === 1 && r[0] === 1)).toBe(true);
  });
});

describe('state and errors', () => {
  it('survives a JSON round trip', () => {
    for (const mode of ['known', 'onehot'] as const) {
      const s = fitCategorical(country, { field: 'country', mode, missing: true }, train);
      const back = JSON.parse(JSON.stringify(s));
      expect(back).toEqual(s);
      expect(categoricalColumns(country, back)).toEqual(categoricalColumns(country, s));
    }
  });

  it('refuses bad options, naming the field', () => {
    expect(() => fitCategorical(country, { field: 'country', mode: 'dummy' as CategoricalMode })).toThrow('categorical field "country": unknown mode "dummy" (expected one of known, onehot)');
    expect(() => fitCategorical(country, { field: 'country', mode: 'known', minCount: 0 })).toThrow('categorical field "country": invalid minCount 0 (expected a whole number ≥ 1)');
    expect(() => fitCategorical(country, { field: 'country', mode: 'known', known: ['US', 'US'] })).toThrow('categorical field "country": "US" is listed twice in known');
    expect(() => fitCategorical(['<other>'], { field: 'f', mode: 'onehot' })).toThrow('categorical field "f": a value "<other>" would clash with the column for other values');
    expect(() => fitCategorical(country, { field: '', mode: 'known' })).toThrow('categorical field: invalid name "" (expected a non-empty string)');
  });
});

describe('one-hot column bound', () => {
  it('refuses more one-hot columns than 10,000 from the data, saying what to do', () => {
    const values = Array.from({ length: 12_000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
    expect(() => fitCategorical(values, { field: 'src_ip', mode: 'onehot' })).toThrow(
      'categorical field "src_ip": 12,000 distinct values in the training rows, more one-hot columns than the limit 10,000; use mode "known" (one column) or raise minCount',
    );
    expect(fitCategorical(values, { field: 'src_ip', mode: 'known' }).known.length).toBe(12_000);
  });
});

import { describe, expect, it } from 'vitest';
import { describeFeatures, describeParams, firstDirection, rPrecision, sortRunRows, type RunRow } from '../../../app/ui/parts/run-rows.ts';
import { rankByScore, summarizeMetrics } from '../../../app/core/evaluate/index.ts';

const row = (id: string, rocAuc: number | null, fitMs = 1): RunRow => ({
  key: id,
  id,
  detector: 'lof',
  params: {},
  features: null,
  metrics: { ...summarizeMetrics([1, 0], null, 0.5), rocAuc },
  precisionAtK: null,
  k: null,
  timing: { fitMs, scoreMs: 0 },
  pinned: false,
});

describe('the runs table rows', () => {
  it('sorts both ways, rows without a value last, ties in their order', () => {
    const rows = [row('a', 0.8), row('b', null), row('c', 0.9), row('d', 0.8)];
    expect(sortRunRows(rows, 'rocAuc', 'descending').map((r) => r.id)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortRunRows(rows, 'rocAuc', 'ascending').map((r) => r.id)).toEqual(['a', 'd', 'c', 'b']);
    expect(sortRunRows(rows, 'id', 'descending').map((r) => r.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(sortRunRows(rows, null, 'ascending')).toEqual(rows);
  });

  it('sorts metrics best first and times fastest first on the first click', () => {
    expect(firstDirection('rocAuc')).toBe('descending');
    expect(firstDirection('fitMs')).toBe('ascending');
    expect(firstDirection('id')).toBe('ascending');
  });

  it('describes feature sets and parameters as text', () => {
    expect(describeFeatures({ unit: 'line', cols: 7, scaling: 'standard', columns: [] })).toBe('line · 7 cols · standard');
    expect(describeFeatures({ unit: 'window', cols: 1, scaling: 'none', columns: [] })).toBe('window · 1 col · none');
    expect(describeFeatures(null)).toBe('—');
    expect(describeParams({ k: 20, layers: [16, 8], metric: 'euclidean' })).toBe('k=20, layers=[16,8], metric=euclidean');
  });

  it('takes k = the labelled anomalies for R-precision', () => {
    const r = rankByScore([0.9, 0.8, 0.7, 0.1], [1, 0, 1, 0]);
    expect(rPrecision(r)).toEqual({ k: 2, precisionAtK: 0.5 });
    expect(rPrecision(rankByScore([0.9, 0.8], [0, 0]))).toEqual({ k: null, precisionAtK: null });
    expect(rPrecision(undefined)).toEqual({ k: null, precisionAtK: null });
  });
});

import { describe, expect, it } from 'vitest';
import { variableRange, type VariableRangeParams } from '../../../app/core/detect/variable-range.ts';
import { matrixFromRows, type Matrix } from '../../../app/core/matrix.ts';
import { runFixture } from '../../fixtures/anomaly-kinds/load-fixture.ts';

const { normalize, fit, score } = variableRange;
const fitWith = (x: Matrix, params: Partial<VariableRangeParams> = {}) => fit(x, normalize(params));

describe('variable-range parameters', () => {
  it('fills defaults and names the field and value in errors', () => {
    expect(variableRange.type).toBe('variable-range');
    expect(normalize()).toEqual({ k: 3 });
    expect(normalize({ k: 0 })).toEqual({ k: 0 });
    expect(() => normalize({ k: -1 })).toThrow('invalid k: -1 (expected a finite number >= 0)');
    expect(() => normalize({ k: 2000 })).toThrow('invalid k: 2000 is above the limit 1000');
    expect(() => normalize({ width: 3 } as never)).toThrow('unknown variable-range parameter: width');
  });
});

describe('variable-range scores', () => {
  const x = matrixFromRows([[0.625, 0], [0.625, 10], [0.375, 3.5], [0, 2]], ['template', 'variable-range']);

  it('scores how far outside median ± k scales the line is: max(0, z − k)', () => {
    const m = fitWith(x);
    expect(m).toEqual({ type: 'variable-range', version: 1, params: { k: 3 }, cols: 2, rows: 4, column: 1 });
    expect(Array.from(score(m, x))).toEqual([0, 7, 0.5, 0]);
    expect(Array.from(score(fitWith(x, { k: 0 }), x))).toEqual([0, 10, 3.5, 2]);
  });

  it('needs the variable-range column, unscaled', () => {
    expect(() => fitWith(matrixFromRows([[1]], ['latency']))).toThrow('variable-range reads the line column "variable-range" (each line\'s numbers against its template\'s baseline): add it to features.columns (columns: latency); if it is there, it was dropped for holding one value in every line: no template has a numeric variable with a range');
    expect(() => fitWith(matrixFromRows([[-0.2]], ['variable-range']))).toThrow('variable-range reads robust z-scores (>= 0), and row 1 has -0.2: set features.scaling to "none"');
    expect(() => score(fitWith(x), matrixFromRows([[1, 2]], ['variable-range', 'template']))).toThrow('variable-range model reads column 1 as "variable-range", but the matrix has "template" there');
  });
});

describe('variable-range on the lines fixture (law run)', () => {
  it('flags the 45 ms call among its template\'s 28–32 ms: (45 − 30) / 1.4826 − 3 scales beyond', async () => {
    const { runs } = await runFixture('lines.json');
    const s = Array.from(runs.find((r) => r.id === 'range')!.scores);
    expect(s).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 15 / 1.4826 - 3, 0, 0, 0]);
  });
});

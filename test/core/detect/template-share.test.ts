import { describe, expect, it } from 'vitest';
import { baselineShares, templateShare, type TemplateShareModel, type TemplateShareParams } from '../../../app/core/detect/template-share.ts';
import { matrixFromRows, type Matrix } from '../../../app/core/matrix.ts';
import { runFixture } from '../../fixtures/anomaly-kinds/load-fixture.ts';

const { normalize, fit, score } = templateShare;
const fitWith = (x: Matrix, params: Partial<TemplateShareParams> = {}): TemplateShareModel => fit(x, normalize(params));
const NAMES = ['<*> INFO heartbeat ok', '<*> INFO job <*> done', 'unseen'];
// The windows of test/fixtures/anomaly-kinds/windows.log: (heartbeat, job, unseen) per minute.
const TRAIN = matrixFromRows([[2, 2, 0], [2, 4, 0], [2, 3, 0], [2, 3, 0]], NAMES);
const JUDGED = matrixFromRows([[2, 9, 0], [0, 3, 1]], NAMES);

describe('template-share parameters', () => {
  it('fills defaults and names the field and value in errors', () => {
    expect(templateShare.type).toBe('template-share');
    expect(normalize()).toEqual({ smoothing: 1, direction: 'rarer' });
    expect(() => normalize({ smoothing: 0 })).toThrow('invalid smoothing: 0 (expected a finite number > 0)');
    expect(() => normalize({ smoothing: 2e6 })).toThrow('invalid smoothing: 2000000 is above the limit 1000000');
    expect(() => normalize({ direction: 'down' as never })).toThrow('invalid direction: "down" (expected one of rarer, commoner, both)');
    expect(() => normalize({ alpha: 1 } as never)).toThrow('unknown template-share parameter: alpha');
  });
});

describe('template-share scores', () => {
  it('smooths the baseline shares: p = (K + α) / (N + α·T)', () => {
    const m = fitWith(TRAIN);
    expect(m).toEqual({ type: 'template-share', version: 1, params: { smoothing: 1, direction: 'rarer' }, cols: 3, rows: 4, counts: [8, 12, 0], total: 20 });
    expect(Array.from(baselineShares(m))).toEqual([9 / 23, 13 / 23, 1 / 23]);
  });

  it('scores the largest G of the templates rarer here than in the baseline', () => {
    const s = score(fitWith(TRAIN), JUDGED);
    // (2, 9, 0), n = 11: heartbeat 2/11 < 9/23: G = 2 [2 ln(2 / (11·9/23)) + 9 ln(9 / (11·14/23))];
    // unseen 0/11 < 1/23: G = 22 ln(23/22), smaller.
    expect(s[0]).toBeCloseTo(4 * Math.log(46 / 99) + 18 * Math.log(207 / 154), 14);
    // (0, 3, 1), n = 4: heartbeat 0 of 4 against 9/23: G = 2 · 4 ln(1 / (1 − 9/23)) = 8 ln(23/14).
    expect(s[1]).toBeCloseTo(8 * Math.log(23 / 14), 14);
  });

  it('commoner and both directions; G grows with the unit: 0 of 400 is stronger than 0 of 4', () => {
    const commoner = score(fitWith(TRAIN, { direction: 'commoner' }), JUDGED);
    // (2, 9, 0): job 9/11 > 13/23: G = 2 [9 ln(9 / (11·13/23)) + 2 ln(2 / (11·10/23))].
    expect(commoner[0]).toBeCloseTo(18 * Math.log(207 / 143) + 4 * Math.log(46 / 110), 14);
    // (0, 3, 1): unseen 1/4 > 1/23 gives the largest G: 2 [ln(23/4) + 3 ln(3·23 / (4·22))].
    expect(commoner[1]).toBeCloseTo(2 * Math.log(23 / 4) + 6 * Math.log(69 / 88), 14);
    const both = score(fitWith(TRAIN, { direction: 'both' }), JUDGED);
    expect(both[0]).toBeCloseTo(Math.max(commoner[0], 4 * Math.log(46 / 99) + 18 * Math.log(207 / 154)), 14);
    const m = fitWith(matrixFromRows([[5, 5]], ['a', 'b']));
    const [small, large] = score(m, matrixFromRows([[0, 4], [0, 400]], ['a', 'b']));
    expect(small).toBeCloseTo(8 * Math.log(2), 14);
    expect(large).toBeCloseTo(800 * Math.log(2), 11);
  });

  it('a unit without events, or one template alone, scores 0', () => {
    expect(Array.from(score(fitWith(TRAIN), matrixFromRows([[0, 0, 0]], NAMES)))).toEqual([0]);
    const one = fitWith(matrixFromRows([[3], [4]], ['t']));
    expect(Array.from(score(one, matrixFromRows([[1], [9]], ['t'])))).toEqual([0, 0]);
  });

  it('refuses aggregate columns and scaled (negative) values, naming what to change', () => {
    expect(() => fitWith(matrixFromRows([[3, 1]], ['count', 'x']))).toThrow('template-share compares templates\' shares: "count" is not a template column; use features.columns ["templates"] (with features.unseen for templates the baseline never had)');
    expect(() => fitWith(matrixFromRows([[1, 2]], ['a', 'sum:bytes']))).toThrow(/"sum:bytes" is not a template column/);
    expect(() => fitWith(matrixFromRows([[1, -0.5]], ['a', 'b']))).toThrow('template-share reads counts, and row 1, column "b" is -0.5: set features.scaling to "none"');
    expect(() => score(fitWith(TRAIN), matrixFromRows([[1, 2]]))).toThrow('feature matrix has 2 columns but the template-share model was fitted on 3');
  });
});

describe('template-share on the windows fixture (law run)', () => {
  it('scores every window; the judged ones stand out', async () => {
    const { runs } = await runFixture('windows.json');
    const s = runs.find((r) => r.id === 'share')!.scores;
    const want = [
      8 * Math.log(23 / 22), // (2, 2, 0): unseen 0 of 4 beats job 2 of 4
      12 * Math.log(23 / 22), // (2, 4, 0): unseen 0 of 6 beats heartbeat 2 of 6, 4 ln(46/54) + 8 ln(92/84)
      10 * Math.log(23 / 22), // (2, 3, 0): unseen 0 of 5
      10 * Math.log(23 / 22),
      4 * Math.log(46 / 99) + 18 * Math.log(207 / 154),
      8 * Math.log(23 / 14),
    ];
    want.forEach((w, i) => expect(s[i], `window ${i}`).toBeCloseTo(w, 14));
  });
});

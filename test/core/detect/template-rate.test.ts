import { describe, expect, it } from 'vitest';
import { templateRate, type TemplateRateModel, type TemplateRateParams } from '../../../app/core/detect/template-rate.ts';
import { matrixFromRows, type Matrix } from '../../../app/core/matrix.ts';
import { runFixture } from '../../fixtures/anomaly-kinds/load-fixture.ts';

const { normalize, fit, score } = templateRate;
const fitWith = (x: Matrix, params: Partial<TemplateRateParams> = {}): TemplateRateModel => fit(x, normalize(params));
const NAMES = ['<*> INFO heartbeat ok', '<*> INFO job <*> done', 'unseen'];

// The windows of test/fixtures/anomaly-kinds/windows.log: (heartbeat, job, unseen) per minute.
const TRAIN = matrixFromRows([[2, 2, 0], [2, 4, 0], [2, 3, 0], [2, 3, 0]], NAMES);
const JUDGED = matrixFromRows([[2, 9, 0], [0, 3, 1]], NAMES);

describe('template-rate parameters', () => {
  it('fills defaults and names the field and value in errors', () => {
    expect(templateRate.type).toBe('template-rate');
    expect(normalize()).toEqual({ minVariance: 1, direction: 'both' });
    expect(normalize({ direction: 'more', minVariance: 0.25 })).toEqual({ minVariance: 0.25, direction: 'more' });
    expect(() => normalize({ minVariance: 0 })).toThrow('invalid minVariance: 0 (expected a finite number > 0)');
    expect(() => normalize({ minVariance: 2e9 })).toThrow('invalid minVariance: 2000000000 is above the limit 1000000000');
    expect(() => normalize({ direction: 'up' as never })).toThrow('invalid direction: "up" (expected one of both, more, fewer)');
    expect(() => normalize({ window: 3 } as never)).toThrow('unknown template-rate parameter: window');
  });
});

describe('template-rate scores', () => {
  it('learns each column\'s mean and σ = √max(sample variance, mean, minVariance)', () => {
    const m = fitWith(TRAIN);
    // heartbeat: mean 2, variance 0 → the Poisson floor 2; job: mean 3, variance 2/3 → floor 3; unseen: mean 0 → minVariance 1.
    expect(m).toEqual({ type: 'template-rate', version: 1, params: { minVariance: 1, direction: 'both' }, cols: 3, rows: 4, mean: [2, 3, 0], sd: [Math.SQRT2, Math.sqrt(3), 1] });
  });

  it('scores the largest |z| over the columns: a burst of jobs, a heartbeat gone quiet', () => {
    const s = score(fitWith(TRAIN), JUDGED);
    expect(s[0]).toBeCloseTo(6 / Math.sqrt(3), 14); // job 9 against 3 ± √3
    expect(s[1]).toBeCloseTo(Math.SQRT2, 14); // heartbeat 0 against 2 ± √2 beats unseen 1 against 0 ± 1
    expect(Array.from(score(fitWith(TRAIN), TRAIN)).map((v) => +v.toFixed(12))).toEqual([+(1 / Math.sqrt(3)).toFixed(12), +(1 / Math.sqrt(3)).toFixed(12), 0, 0]);
  });

  it('direction more counts bursts only, fewer quiet templates only', () => {
    const more = score(fitWith(TRAIN, { direction: 'more' }), JUDGED);
    expect(more[0]).toBeCloseTo(6 / Math.sqrt(3), 14);
    expect(more[1]).toBe(1); // the one never-seen line: (1 − 0) / 1
    const fewer = score(fitWith(TRAIN, { direction: 'fewer' }), JUDGED);
    expect(fewer[0]).toBe(0);
    expect(fewer[1]).toBeCloseTo(Math.SQRT2, 14);
  });

  it('minVariance floors a template the baseline saw seldom; one training unit has variance 0', () => {
    const rare = matrixFromRows([[0], [0], [0], [1]], ['rare']); // mean 0.25, variance 0.25
    expect(fitWith(rare).sd).toEqual([1]);
    expect(fitWith(rare, { minVariance: 0.01 }).sd).toEqual([0.5]);
    expect(score(fitWith(rare, { minVariance: 0.01 }), matrixFromRows([[3]], ['rare']))[0]).toBe(5.5);
    const one = fitWith(matrixFromRows([[4]], ['t']));
    expect([one.mean, one.sd]).toEqual([[4], [2]]);
  });

  it('refuses a matrix of another width and a malformed model', () => {
    const m = fitWith(TRAIN);
    expect(() => score(m, matrixFromRows([[1, 2]]))).toThrow('feature matrix has 2 columns but the template-rate model was fitted on 3');
    expect(() => score({ ...m, sd: [1, 0, 1] }, JUDGED)).toThrow(/malformed/);
    expect(() => score({ ...m, type: 'pca' } as never, JUDGED)).toThrow(/not a template-rate model/);
    expect(() => fit(matrixFromRows([], NAMES), normalize())).toThrow(/no rows/);
  });
});

describe('template-rate on the windows fixture (law run)', () => {
  it('scores every window against the four baseline minutes', async () => {
    const { runs, prepared } = await runFixture('windows.json');
    expect(prepared.features.columns).toEqual(NAMES);
    const s = runs.find((r) => r.id === 'rate')!.scores;
    const third = 1 / Math.sqrt(3);
    const want = [third, third, 0, 0, 2 * Math.sqrt(3), Math.SQRT2];
    want.forEach((w, i) => expect(s[i], `window ${i}`).toBeCloseTo(w, 14));
  });
});

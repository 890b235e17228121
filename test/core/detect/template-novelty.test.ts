import { describe, expect, it } from 'vitest';
import { templateNovelty, type TemplateNoveltyModel, type TemplateNoveltyParams } from '../../../app/core/detect/template-novelty.ts';
import { matrixFromRows, type Matrix } from '../../../app/core/matrix.ts';
import { runFixture } from '../../fixtures/anomaly-kinds/load-fixture.ts';

const { normalize, fit, score } = templateNovelty;
const fitWith = (x: Matrix, params: Partial<TemplateNoveltyParams> = {}): TemplateNoveltyModel => fit(x, normalize(params));
const WINDOW_NAMES = ['<*> INFO heartbeat ok', '<*> INFO job <*> done', 'unseen'];

describe('template-novelty parameters', () => {
  it('fills defaults and names the field and value in errors', () => {
    expect(templateNovelty.type).toBe('template-novelty');
    expect(normalize()).toEqual({ minShare: 0 });
    expect(normalize({ minShare: 0.01 })).toEqual({ minShare: 0.01 });
    expect(() => normalize({ minShare: 2 })).toThrow('invalid minShare: 2 is above the limit 1');
    expect(() => normalize({ minShare: -0.1 })).toThrow('invalid minShare: -0.1 (expected a share in [0, 1])');
    expect(() => normalize({ minShare: '0' as never })).toThrow('invalid minShare: "0" (expected a share in [0, 1])');
    expect(() => normalize({ share: 0 } as never)).toThrow('unknown template-novelty parameter: share');
  });
});

describe('template-novelty on lines: the template share column', () => {
  // Training shares 5/8 and 3/8; judged lines of those templates, and one of share 0 (matched none).
  const train = matrixFromRows([[0.625, 12], [0.375, 20], [0.625, 3]], ['template', 'length']);
  const judged = matrixFromRows([[0.625, 9], [0, 40], [0.375, 20]], ['template', 'length']);

  it('scores 1 for a template never seen in the baseline, 0 otherwise', () => {
    const m = fitWith(train);
    expect(m).toEqual({ type: 'template-novelty', version: 1, params: { minShare: 0 }, cols: 2, rows: 3, mode: 'line', column: 0 });
    expect(Array.from(score(m, judged))).toEqual([0, 1, 0]);
  });

  it('minShare: a template with at most that share of the baseline counts as new too', () => {
    expect(Array.from(score(fitWith(train, { minShare: 0.375 }), judged))).toEqual([0, 1, 1]);
  });

  it('refuses a rescaled share, naming the scaling', () => {
    expect(() => fitWith(matrixFromRows([[-0.5], [1.2]], ['template']))).toThrow('template-novelty reads the template\'s share of the training lines, and row 1 has -0.5: set features.scaling to "none" (it rescales the share)');
    expect(() => fitWith(matrixFromRows([[0], [0.5], [1]], ['template']))).toThrow(/as min-max scaling makes them/);
  });
});

describe('template-novelty on sessions and windows: the unseen column', () => {
  const train = matrixFromRows([[2, 2, 0], [2, 4, 0], [2, 3, 0], [2, 3, 0]], WINDOW_NAMES);
  const judged = matrixFromRows([[2, 9, 0], [0, 3, 1], [1, 1, 3]], WINDOW_NAMES);

  it('counts the lines of templates the baseline never had', () => {
    const m = fitWith(train);
    expect(m.novel).toEqual([{ index: 2, name: 'unseen', share: 0 }]);
    expect(Array.from(score(m, judged))).toEqual([0, 1, 3]);
  });

  it('with minShare, the lines of templates at most that share of the baseline count too (heartbeat: 8 of 20 events)', () => {
    const m = fitWith(train, { minShare: 0.4 });
    expect(m.novel).toEqual([{ index: 2, name: 'unseen', share: 0 }, { index: 0, name: '<*> INFO heartbeat ok', share: 0.4 }]);
    expect(Array.from(score(m, judged))).toEqual([2, 1, 4]);
  });

  it('without unseen (and minShare 0) there is nothing to count: refused, saying which column to add', () => {
    expect(() => fitWith(matrixFromRows([[1, 2]], ['a', 'b']))).toThrow(
      'template-novelty reads the line column "template" (a line unit) or "unseen" (sessions and windows: set features.unseen to true), and the columns have neither (a, b; a column with one value in every unit is dropped)',
    );
  });

  it('a model reads its columns by name: another matrix is refused', () => {
    const m = fitWith(train);
    expect(() => score(m, matrixFromRows([[1, 2, 3]], ['a', 'b', 'c']))).toThrow('template-novelty model reads column 2 as "unseen", but the matrix has "c" there');
  });
});

describe('template-novelty on the fixtures (law run)', () => {
  it('lines: the one line whose template the baseline never had', async () => {
    const { runs, prepared } = await runFixture('lines.json');
    expect(prepared.features.columns).toEqual(['template', 'variable-range']);
    expect(Array.from(runs.find((r) => r.id === 'new')!.scores)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
  });

  it('windows: the minute with the never-seen line', async () => {
    const { runs } = await runFixture('windows.json');
    expect(Array.from(runs.find((r) => r.id === 'new')!.scores)).toEqual([0, 0, 0, 0, 0, 1]);
  });
});

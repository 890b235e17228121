import { describe, expect, it } from 'vitest';
import { summarizeTemplates } from '../../../app/core/parse/template-summary.ts';

describe('summarizeTemplates', () => {
  it('counts, shares, first and last sight, examples, most frequent first', () => {
    const ids = [0, 1, 0, 0, 2, -1, 0];
    const times = [10, 20, 30, NaN, 50, 60, 70];
    const s = summarizeTemplates(ids, ['a <*>', 'b', 'c'], times, 100);
    expect(s.unmatched).toBe(1);
    expect(s.rows[0]).toEqual({ id: 0, template: 'a <*>', count: 4, share: 4 / 7, firstRow: 0, lastRow: 6, firstTime: 10, lastTime: 70, examples: [0, 2, 3] });
    expect(s.rows.map((r) => r.id)).toEqual([0, 1, 2]);
    expect(s.growth).toEqual([
      { rows: 1, templates: 1 }, { rows: 2, templates: 2 }, { rows: 3, templates: 2 }, { rows: 4, templates: 2 },
      { rows: 5, templates: 3 }, { rows: 6, templates: 3 }, { rows: 7, templates: 3 },
    ]);
  });
  it('samples the growth curve to the number of points asked, always ending at the last row', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => i % 10);
    const g = summarizeTemplates(ids, Array.from({ length: 10 }, (_, i) => `t${i}`), undefined, 10).growth;
    expect(g.length).toBe(10);
    expect(g.at(-1)).toEqual({ rows: 1000, templates: 10 });
  });
});

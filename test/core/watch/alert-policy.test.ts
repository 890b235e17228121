import { describe, expect, it } from 'vitest';
import { AlertPolicy, type FlaggedUnit } from '../../../app/core/watch/alert-policy.ts';

const MIN = 60_000;
const unit = (line: number, minute: number, pattern = 'disk <*> full'.replace('<*>', '***'), score = 0.7): FlaggedUnit => ({
  key: `d:${line}`, source: 'app.log', line, time: minute * MIN, score, threshold: 0.6, text: `line ${line}`, pattern, host: 'web-1', model: 1,
});

describe('AlertPolicy', () => {
  it('without grouping, every flagged unit is an alert of its own, with the interface fields', () => {
    const p = new AlertPolicy(undefined);
    const out = p.push([unit(1, 0), unit(2, 0)], 0);
    expect(out.map((a) => [a.kind, a.line, a.count, a.id])).toEqual([['anomaly', 1, 1, 'd:1'], ['anomaly', 2, 1, 'd:2']]);
    expect(out[0]).toMatchObject({ source: 'app.log', time: '1970-01-01T00:00:00.000Z', score: 0.7, threshold: 0.6, text: 'line 1', template: 'disk *** full' });
  });

  it('groups by pattern per window: one alert with the count, the first unit and the highest score, once the window is over', () => {
    const p = new AlertPolicy({ group: 'template', window: '5m' });
    expect(p.push([unit(1, 0), unit(2, 1, undefined, 0.9), unit(3, 2, 'other ***')], 2 * MIN)).toEqual([]);
    const out = p.push([unit(4, 6)], 6 * MIN);
    expect(out.map((a) => [a.template, a.count, a.line, a.score])).toEqual([['disk *** full', 2, 1, 0.9], ['other ***', 1, 3, 0.7]]);
    expect(p.flush().map((a) => [a.line, a.count])).toEqual([[4, 1]]);
  });

  it('a budget of 2 per hour lets two out and sums up the rest once the hour is over', () => {
    const p = new AlertPolicy({ budget: { value: 2, per: 'hour' } });
    const out = p.push([1, 2, 3, 4].map((l) => unit(l, l)), 4 * MIN);
    expect(out.map((a) => a.line)).toEqual([1, 2]);
    expect(p.counts.overBudget).toBe(2);
    const next = p.push([unit(5, 61)], 61 * MIN);
    expect(next.map((a) => [a.kind, a.count])).toEqual([['summary', 2], ['anomaly', 1]]);
    expect(next[0].text).toBe('2 more flagged units over the alert budget (2 alerts, 2 sent) in the period from 1970-01-01T00:00:00.000Z');
  });

  it('silenced templates (written with <*> or ***) are counted, never alerted', () => {
    const p = new AlertPolicy({ silence: ['disk <*> full'] });
    expect(p.push([unit(1, 0), unit(2, 0, 'other ***')], 0).map((a) => a.line)).toEqual([2]);
    expect(p.counts.silenced).toBe(1);
  });

  it('keeps its open groups and budget across a restart', () => {
    const p = new AlertPolicy({ group: 'template', window: '5m', budget: { value: 1, per: 'hour' } });
    p.push([unit(1, 0), unit(2, 1)], MIN);
    const again = new AlertPolicy({ group: 'template', window: '5m', budget: { value: 1, per: 'hour' } });
    again.restore(JSON.parse(JSON.stringify(p.state())));
    expect(again.push([], 5 * MIN).map((a) => [a.line, a.count])).toEqual([[1, 2]]);
  });
});

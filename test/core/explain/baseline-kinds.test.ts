// The explanation of a unit flagged by one of the baseline kinds: the column
// that gave the score and a sentence naming the template, its value here and
// the baseline's. On the anomaly-kinds fixtures, whose numbers are worked out
// in test/fixtures/anomaly-kinds/README.md.
import { describe, expect, it } from 'vitest';
import { explainBaselineKind, showNumber, type ExplainContext } from '../../../app/core/explain/baseline-kinds.ts';
import { explainRow } from '../../../app/core/explain/feature-contributions.ts';
import { matrixFromRows } from '../../../app/core/matrix.ts';
import { templateNovelty } from '../../../app/core/detect/template-novelty.ts';
import { runFixture } from '../../fixtures/anomaly-kinds/load-fixture.ts';

type Fixture = Awaited<ReturnType<typeof runFixture>>;

/** What the page sends along: the line, or a unit's lines that matched no baseline template, and the features' state. */
function context(f: Fixture, unit: number): ExplainContext {
  const parsed = f.prepared.features.parsed!;
  const units = f.prepared.features.units;
  const rows = units ? Array.from(units.rows.subarray(units.rowStart[unit], units.rowStart[unit + 1])) : [unit];
  const lines = rows.map((r) => ({ message: f.data.message[r], templateId: parsed.templateId[r], template: parsed.templateId[r] >= 0 ? parsed.templates[parsed.templateId[r]] : null }));
  return { lines: units ? lines.filter((l) => l.templateId < 0) : lines, state: f.prepared.features.state };
}

function explain(f: Fixture, id: string, unit: number, withContext = true) {
  const run = f.runs.find((r) => r.id === id)!;
  return explainRow(run.detector, run.model, f.prepared.features.matrix, unit, withContext ? { context: context(f, unit) } : {});
}

describe('showNumber', () => {
  it('whole numbers as they are, the rest to 4 significant digits', () => {
    expect([20, 1.4826, 10.117361, 0.000123456, -1.41421].map(showNumber)).toEqual(['20', '1.483', '10.12', '0.0001235', '-1.414']);
  });
});

describe('template-novelty explains which template is new', () => {
  it('a line: share 0 in the baseline, and the line as a template', async () => {
    const e = explain(await runFixture('lines.json'), 'new', 10);
    expect(e.kind).toBe('template-novelty');
    expect(e.features.map((f) => [f.name, f.value, f.contribution])).toEqual([['template', 0, 1], ['variable-range', 0, 0]]);
    expect(e.note).toBe('New template: none of the baseline\'s 8 training lines has this line\'s template (share 0); it matches none of the templates learned there, and as a template reads “<*> ERROR disk sda failed with io error”.');
  });

  it('a line of a known template names it and its share', async () => {
    expect(explain(await runFixture('lines.json'), 'new', 9).note).toBe('Not new: its template “<*> INFO db query ok” has 37.5 % of the baseline\'s 8 training lines.');
  });

  it('minShare: a rare template counts as new, with its share said', () => {
    const x = matrixFromRows([[0.9], [0.1]], ['template']);
    const model = templateNovelty.fit(x, templateNovelty.normalize({ minShare: 0.2 }));
    const context = { lines: [{ message: 'fan 2 slow', templateId: 1, template: 'fan <*> slow' }] };
    expect(explainBaselineKind('template-novelty', model, x, x.data.slice(1, 2), context).note).toBe(
      'New template: its template “fan <*> slow” has 10 % of the baseline\'s 2 training lines, at most the 20 % that counts as new.',
    );
  });

  it('a window: how many of its lines, and which', async () => {
    const f = await runFixture('windows.json');
    const e = explain(f, 'new', 5);
    expect(e.features[0]).toEqual({ name: 'unseen', value: 1, contribution: 1, raw: 1 });
    expect(e.note).toBe('1 line with a template new to the baseline (4 training units): 1 never seen (“<*> ERROR disk sda failed with io error”).');
    expect(explain(f, 'new', 4).note).toBe('No line of this unit has a template new to the baseline (4 training units).');
  });
});

describe('template-share explains which template is rarer, here and in the baseline', () => {
  it('the heartbeat missing from the last minute', async () => {
    const e = explain(await runFixture('windows.json'), 'share', 5);
    expect(e.kind).toBe('template-share');
    expect(e.features[0]).toEqual({ name: '<*> INFO heartbeat ok', value: 0, contribution: 1, raw: 8 * Math.log(23 / 14) });
    expect(e.note).toBe('Template “<*> INFO heartbeat ok”: 0 of the unit\'s 4 events (0 %), against 39.13 % of the baseline\'s (8 of 20 events in 4 training units, smoothed): G = 3.971, rarer than in the baseline (G ≥ 3.84 is p < 0.05 under the baseline\'s share).');
  });

  it('every rarer template has its share of the explanation', async () => {
    const e = explain(await runFixture('windows.json'), 'share', 4);
    const heartbeat = 4 * Math.log(46 / 99) + 18 * Math.log(207 / 154), unseen = 22 * Math.log(23 / 22);
    expect(e.features.map((f) => f.name)).toEqual(['<*> INFO heartbeat ok', 'unseen', '<*> INFO job <*> done']);
    expect(e.features[0].contribution).toBeCloseTo(heartbeat / (heartbeat + unseen), 14);
    expect(e.note).toMatch(/^Template “<\*> INFO heartbeat ok”: 2 of the unit's 11 events \(18\.18 %\), against 39\.13 %/);
  });
});

describe('template-rate explains which count is off its baseline rate', () => {
  it('the burst of jobs, and a minute with none off', async () => {
    const f = await runFixture('windows.json');
    const e = explain(f, 'rate', 4);
    expect(e.features[0]).toMatchObject({ name: '<*> INFO job <*> done', value: 9, contribution: 1 });
    expect(e.note).toBe('Template “<*> INFO job <*> done”: 9 in this unit, against 3 ± 1.732 per unit in the baseline (mean ± σ over 4 training units; σ at least √mean and √minVariance): z = 3.464.');
    expect(explain(f, 'rate', 2).note).toBe('No column is away from its baseline mean here.');
  });
});

describe('variable-range explains which variable, its value and its template\'s range', () => {
  it('45 ms among 28–32 ms', async () => {
    const e = explain(await runFixture('lines.json'), 'range', 8);
    expect(e.kind).toBe('variable-range');
    expect(e.features[0]).toEqual({ name: 'variable-range', value: 15 / 1.4826, contribution: 1, raw: 15 / 1.4826 });
    expect(e.note).toBe('Template “<*> INFO api took <*>”, variable 2 (took): 45 ms against its baseline median 30 ms (robust scale 1.483; 5 training lines from 28 to 32): 10.12 scales from the median, 7.117 beyond the range 25.55 to 34.45 ms (k = 3).');
  });

  it('inside the range; a template without a range; no context', async () => {
    const f = await runFixture('lines.json');
    expect(explain(f, 'range', 11).note).toMatch(/: 31 ms against its baseline median 30 ms .*: 0\.6745 scales from the median, inside the range 25\.55 to 34\.45 ms \(k = 3\)\.$/);
    expect(explain(f, 'range', 10).note).toBe('Its template “<*> ERROR disk sda failed with io error” has no numeric variable with a baseline range (none is a number in at least 5 training lines that is not an identifier or a counter; the template is new to the baseline).');
    expect(explain(f, 'range', 8, false).note).toBe('Its numbers sit 10.12 robust scales from its template\'s baseline median (column “variable-range”): 7.117 beyond ± 3.');
  });
});

import { describe, expect, it } from 'vitest';
import type { DetectorRun } from '../../app/core/experiment/run-experiment.ts';
import { explainContext } from '../../app/ui/explain-unit.ts';
import { runFixture } from '../fixtures/anomaly-kinds/load-fixture.ts';

type Fixture = Awaited<ReturnType<typeof runFixture>>;
const view = (f: Fixture) => ({ units: f.prepared.features.units, templateId: f.prepared.features.parsed!.templateId, templates: f.prepared.features.parsed!.templates, state: f.prepared.features.state });
const run = (f: Fixture, id: string): DetectorRun => f.runs.find((r) => r.id === id)!;

describe('explainContext: what the baseline kinds need besides the matrix', () => {
  it('a line: the line as parsed; variable-range also the templates and ranges', async () => {
    const f = await runFixture('lines.json');
    expect(explainContext(run(f, 'new'), view(f), f.data, 10)).toEqual({ lines: [{ message: f.data.message[10], templateId: -1, template: null }] });
    const range = explainContext(run(f, 'range'), view(f), f.data, 8)!;
    expect(range.lines).toEqual([{ message: '2026-03-02T10:01:00Z INFO api took 45 ms', templateId: 0, template: '<*> INFO api took <*>' }]);
    expect(range.state).toEqual({ templates: f.prepared.features.state.templates, variableRanges: f.prepared.features.state.variableRanges });
  });

  it('a window: only its lines that matched no baseline template; share and rate need nothing', async () => {
    const f = await runFixture('windows.json');
    expect(explainContext(run(f, 'new'), view(f), f.data, 5)).toEqual({ lines: [{ message: '2026-03-02T10:05:25Z ERROR disk sda failed with io error', templateId: -1, template: null }] });
    expect(explainContext(run(f, 'new'), view(f), f.data, 4)).toEqual({ lines: [] });
    expect(explainContext(run(f, 'share'), view(f), f.data, 5)).toBeUndefined();
    expect(explainContext(run(f, 'rate'), view(f), f.data, 5)).toBeUndefined();
  });
});

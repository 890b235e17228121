// Streaming a line-unit experiment's file (parse each batch, drop its text)
// must give exactly what reading it whole gives: the same matrix, scores and
// metrics, for every spec it accepts; and it must step aside for the rest.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateWebappLog } from '../../../datasets/webapp/generate.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { runExperiment } from '../../../app/core/experiment/run-experiment.ts';
import { streamLines, whyNotStreamed } from '../../../app/core/experiment/streamed-lines.ts';
import type { Spec } from '../../../app/core/experiment/spec.ts';

const experiment = (name: string): Spec => JSON.parse(readFileSync(fileURLToPath(new URL(`../../../experiments/${name}.json`, import.meta.url)), 'utf8'));
// Small chunks: 3 MB of log arrives in some 50 batches, with lines cut across them.
const text = generateWebappLog({ lines: 20_000, seed: 9 });
const chunked = () => sourceFromText('webapp.log', text, 65_521);

describe('streamLines: a line-unit run on a file read batch by batch', () => {
  const spec = experiment('webapp-isolation-forest');
  // The default columns look at every numeric key=value key (some 25 here, most on few lines).
  const { columns: _asked, ...defaults } = spec.features;
  const cases: [string, Spec][] = [['webapp-isolation-forest', spec], ['its default columns', { ...spec, features: defaults }]];
  for (const [name, spec] of cases) {
    it(`${name}: the same matrix, scores and report as the file read whole`, async () => {
      expect(whyNotStreamed(spec)).toBeNull();
      const whole = runExperiment(await readLogs([chunked()]), spec);
      const streamed = await streamLines(chunked(), spec);
      expect(streamed).not.toBeNull();
      expect(streamed!.data.message).toEqual([]);
      const run = runExperiment(streamed!.data, spec, { streamed: streamed! });
      expect(run.prepared.features.columns).toEqual(whole.prepared.features.columns);
      expect(run.prepared.features.matrix.data).toEqual(whole.prepared.features.matrix.data);
      expect(run.prepared.labels).toEqual(whole.prepared.labels);
      expect(run.runs.map((r) => r.scores)).toEqual(whole.runs.map((r) => r.scores));
      const withoutTimes = (r: typeof run.report) => ({ ...r, runs: r.runs.map((x) => ({ ...x, timing: null })) });
      expect(withoutTimes(run.report)).toEqual(withoutTimes(whole.report));
      expect(run.report.runs[0].metrics.rocAuc).toBeGreaterThan(0.8);
    });
  }

  it('steps aside (null) for a file with fields, so it is read whole', async () => {
    const spec = experiment('webapp-isolation-forest');
    const jsonl = text.split('\n').slice(0, 200).map((l) => JSON.stringify({ message: l, n: 1 })).join('\n');
    expect(await streamLines(sourceFromText('w.jsonl', jsonl), spec)).toBeNull();
  });

  it('names why a spec needs its file whole', () => {
    const spec = experiment('webapp-isolation-forest');
    expect(whyNotStreamed({ ...spec, features: { ...spec.features, unit: 'window', window: 60 } as Spec['features'] })).toBe('unit "window"');
    expect(whyNotStreamed({ ...spec, split: { method: 'fraction', train: 0.5 } as unknown as Spec['split'] })).toMatch(/split/);
    expect(whyNotStreamed({ ...spec, detectors: [{ ...spec.detectors[0], groupBy: 'host' }] })).toMatch(/groupBy/);
    expect(whyNotStreamed({ ...spec, labels: { column: 'label', anomalous: ['x'] } })).toMatch(/labels/);
  });
});

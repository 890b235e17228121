import { describe, expect, it } from 'vitest';
import { fitSpec, fittedNotes, unfittedSpec } from '../../../app/core/score/fit-spec.ts';
import { Scorer, scoredUnits } from '../../../app/core/score/scorer.ts';
import { parseSpec } from '../../../app/core/experiment/parse-spec.ts';
import { runExperiment } from '../../../app/core/experiment/run-experiment.ts';
import type { Spec } from '../../../app/core/experiment/spec.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import type { LogData } from '../../../app/core/ingest/log-data.ts';
import { generateWebappLog } from '../../../datasets/webapp/generate.ts';

const PROVENANCE = { data: [{ name: 'app.log', bytes: 1, lines: 1, sha256: 'a'.repeat(64), format: 'text' as const }], version: '0.0.0-test', at: new Date('2026-12-01T00:00:00Z') };

const read = (text: string, name = 'app.log') => readLogs([sourceFromText(name, text)]);

/** A fitted spec as a file would hold it: JSON and back, checked. */
const roundTrip = (spec: Spec): Spec => parseSpec(JSON.parse(JSON.stringify(spec)));

const lineSpec = (extra: Partial<Spec> = {}): Spec => parseSpec({
  version: 1,
  labels: { firstToken: { normal: '-' } },
  features: { unit: 'line', columns: ['level', 'status', 'latency', 'length', 'template'], scaling: 'standard' },
  detectors: [
    { id: 'if', type: 'isolation-forest', params: { trees: 50, seed: 4 } },
    { id: 'pca', type: 'pca' },
    { id: 'ens', type: 'ensemble', params: { runs: ['if', 'pca'], normalize: 'rank', combine: 'mean' } },
  ],
  threshold: { run: 'ens', method: 'contamination', value: 0.05 },
  ...extra,
});

describe('fitSpec', () => {
  let train: LogData;
  let fresh: LogData;
  it('writes the feature state, every model, each run\'s threshold and the provenance', async () => {
    train = await read(generateWebappLog({ lines: 1500, seed: 11 }));
    const { spec, experiment } = fitSpec(train, lineSpec(), PROVENANCE);
    expect(spec.features.state?.columns).toEqual(['level', 'status', 'latency', 'length', 'template']);
    expect(spec.features.state?.templates?.templates.length).toBeGreaterThan(5);
    expect(spec.detectors.map((d) => (d.model as { type: string }).type)).toEqual(['isolation-forest', 'pca', 'ensemble']);
    // The threshold of every run is what law run reports for it.
    expect(spec.threshold?.scores).toEqual(Object.fromEntries(experiment.report.runs.map((r) => [r.id, r.metrics.threshold])));
    expect(spec.threshold).toMatchObject({ run: 'ens', method: 'contamination', value: 0.05 });
    expect(spec.fitted).toEqual({ at: '2026-12-01T00:00:00.000Z', version: '0.0.0-test', data: PROVENANCE.data, units: { total: 1500, train: 1500, judged: 1500 } });
  });

  it('a fitted spec, through JSON, scores its training data as the experiment did, every run, flags included', () => {
    const { spec, experiment } = fitSpec(train, lineSpec(), PROVENANCE);
    const saved = roundTrip(spec);
    for (const run of experiment.runs) {
      const scorer = new Scorer(saved, run.id);
      const units = scoredUnits(scorer.score(train));
      expect(units.map((u) => u.score)).toEqual(Array.from(run.scores));
      const threshold = experiment.report.runs.find((r) => r.id === run.id)!.metrics.threshold;
      expect(units.filter((u) => u.anomaly).length).toBe(Array.from(run.scores).filter((s) => s >= threshold).length);
    }
  });

  it('scores a unit the same alone, in a batch, or in the whole file: nothing is learned from new data', async () => {
    fresh = await read(generateWebappLog({ lines: 300, seed: 99 }), 'new.log');
    const scorer = new Scorer(roundTrip(fitSpec(train, lineSpec(), PROVENANCE).spec));
    const whole = scoredUnits(scorer.score(fresh)).map((u) => u.score);
    const { selectLogRows } = await import('../../../app/core/ingest/log-data-rows.ts');
    const one = [0, 17, 299].map((i) => scoredUnits(scorer.score(selectLogRows(fresh, [i])))[0].score);
    expect(one).toEqual([whole[0], whole[17], whole[299]]);
  });

  it('with a split, learns from the baseline only: the ensemble scale included', async () => {
    const cut = new Date(train.timestamp[700]).toISOString();
    const spec = lineSpec({ split: { method: 'time', trainUntil: cut } });
    const { spec: fitted, experiment } = fitSpec(train, spec, PROVENANCE);
    expect(fitted.fitted?.units).toEqual({ total: 1500, train: experiment.prepared.split.train.length, judged: experiment.prepared.split.test.length });
    expect((fitted.detectors[2].model as { references: Record<string, number[]> }).references.if).toHaveLength(experiment.prepared.split.train.length);
    const scorer = new Scorer(roundTrip(fitted));
    expect(scoredUnits(scorer.score(train)).map((u) => u.score)).toEqual(Array.from(experiment.runs[2].scores));
  });

  it('one model per group: a group training never saw is scored by the all-rows model', async () => {
    const text = [...Array.from({ length: 60 }, (_, i) => `{"host":"h${i % 2}","ms":${10 + (i % 7)},"label":"n"}`)].join('\n');
    const spec = parseSpec({
      version: 1,
      labels: { column: 'label', normal: ['n'] },
      features: { unit: 'row', columns: ['ms'] },
      detectors: [{ id: 'if', type: 'isolation-forest', groupBy: 'host', params: { trees: 20, seed: 1 } }],
    });
    const fitted = roundTrip(fitSpec(await read(text, 'h.jsonl'), spec, PROVENANCE).spec);
    const scorer = new Scorer(fitted);
    const fallback = (fitted.detectors[0].model as { fallback: unknown }).fallback;
    const { isolationForest } = await import('../../../app/core/detect/isolation-forest.ts');
    const newHost = scoredUnits(scorer.score(await read('{"host":"h9","ms":500}\n', 'n.jsonl')))[0].score;
    expect(newHost).toBe(isolationForest.score(fallback as never, { rows: 1, cols: 1, data: Float64Array.of(500), names: ['ms'] })[0]);
  });

  it('fitting a fitted spec again starts from scratch and gives the same spec', () => {
    const first = fitSpec(train, lineSpec(), PROVENANCE).spec;
    const again = fitSpec(train, roundTrip(first), PROVENANCE).spec;
    expect(JSON.parse(JSON.stringify(again))).toEqual(JSON.parse(JSON.stringify(first)));
    const bare = unfittedSpec(first);
    expect(bare.fitted).toBeUndefined();
    expect(bare.features.state).toBeUndefined();
    expect(bare.detectors.some((d) => d.model !== undefined)).toBe(false);
    expect(bare.threshold?.scores).toBeUndefined();
  });

  it('without a threshold, the default (top 5 % of the first run) is written out', () => {
    const spec = lineSpec();
    delete spec.threshold;
    const fitted = fitSpec(train, spec, PROVENANCE).spec;
    expect(fitted.threshold).toMatchObject({ run: 'if', method: 'contamination', value: 0.05 });
  });

  it('says that LOF keeps its training rows', () => {
    const spec = lineSpec({ detectors: [{ id: 'lof', type: 'lof', params: { k: 5 } }], threshold: undefined });
    expect(fittedNotes(fitSpec(train, spec, PROVENANCE).spec)).toEqual(['lof: the LOF model keeps 1,500 training rows × 5 columns (LOF compares every new unit with them)']);
  });
});

import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { law, smallSpec, SMALL_LOG, tempFolder } from './cli-helpers.ts';

const { dir, write } = tempFolder();
write('small.log', SMALL_LOG);
const specPath = write('small.json', smallSpec());

describe('law run', () => {
  it('--format json prints one JSON object with dataset, runs and metrics', async () => {
    const r = await law('run', specPath, '--format', 'json');
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).not.toContain('\n');
    const report = JSON.parse(r.out[0]);
    expect(Object.keys(report)).toEqual(['dataset', 'runs']);
    expect(report.dataset).toEqual({ rows: 4, labelled: true, anomalies: 1 });
    expect(report.runs).toHaveLength(1);
    const [run] = report.runs;
    expect(Object.keys(run)).toEqual(['id', 'detector', 'params', 'metrics', 'timing']);
    expect([run.id, run.detector]).toEqual(['if', 'isolation-forest']);
    expect(run.params).toEqual({ trees: 20, sampleSize: 256, maxFeatures: 1, seed: 3 });
    expect(Object.keys(run.metrics)).toEqual(expect.arrayContaining(
      ['rocAuc', 'prAuc', 'precision', 'recall', 'f1', 'threshold', 'bestF1', 'bestF1Threshold'],
    ));
    // The outlier is the top score: every ranking metric is perfect.
    expect([run.metrics.rocAuc, run.metrics.prAuc, run.metrics.bestF1]).toEqual([1, 1, 1]);
    expect([run.metrics.precision, run.metrics.recall, run.metrics.f1, run.metrics.flagged]).toEqual([1, 1, 1, 1]);
    expect(Object.keys(run.timing)).toEqual(['fitMs', 'scoreMs']);
  });

  it('prints the same metrics every time', async () => {
    const strip = (s: string) => JSON.parse(s).runs.map((run: { metrics: unknown }) => run.metrics);
    const [a, b] = [await law('run', specPath, '--format', 'json'), await law('run', specPath, '--format', 'json')];
    expect(strip(b.out[0])).toEqual(strip(a.out[0]));
  });

  it('prints a table by default', async () => {
    const r = await law('run', specPath);
    expect(r.code).toBe(0);
    const lines = r.out;
    expect(lines[0]).toBe('4 units, 1 labelled anomalous');
    expect(lines[2]).toMatch(/^run\s+detector\s+ROC-AUC\s+PR-AUC\s+precision\s+recall\s+F1\s+threshold\s+flagged\s+best F1\s+fit ms\s+score ms$/);
    expect(lines[4]).toMatch(/^if\s+isolation-forest\s+1\.0000\s+1\.0000\s+1\.0000\s+1\.0000\s+1\.0000\s+\d\.\d{4}\s+1\s+1\.0000\s/);
  });

  it('--data overrides source.path', async () => {
    const other = write('other.log', SMALL_LOG + '- INFO GET /c status=200 latency_ms=13\nBAD FATAL crash status=503\n');
    const r = await law('run', specPath, '--data', other, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out[0]).dataset).toEqual({ rows: 6, labelled: true, anomalies: 2 });
  });

  it('resolves source.path against the spec folder, not the working directory', async () => {
    const nested = write('nested.json', smallSpec('../' + dir.split(/[\\/]/).pop() + '/small.log'));
    const r = await law('run', nested, '--format', 'json');
    expect(r.err).toEqual([]);
    expect(JSON.parse(r.out[0]).dataset.rows).toBe(4);
  });

  it('a missing spec: exit 2, one line naming it', async () => {
    const missing = join(dir, 'nope.json');
    const r = await law('run', missing);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([`law run: cannot read spec ${missing}: no such file`]);
  });

  it('a spec of an unknown version: exit 2, the message names version', async () => {
    const bad = write('v2.json', { ...smallSpec(), version: 2 });
    const r = await law('run', bad, '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([`law run: ${bad}: version: 2 is not supported (this version of the workbench reads version 1)`]);
  });

  it('a spec that is not JSON: exit 2, naming the file', async () => {
    const bad = write('broken.json', '{ "version": 1, ');
    const r = await law('run', bad);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(new RegExp(`^law run: ${bad.replace(/[.\\]/g, '\\$&')}: not valid JSON \\(`));
  });

  it('an invalid detector: exit 2, naming the field', async () => {
    const bad = write('det.json', { ...smallSpec(), detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: -1 } }] });
    const r = await law('run', bad);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/detectors\[0\]\.params: .*trees/);
  });

  it('bad arguments: exit 2', async () => {
    expect((await law('run')).code).toBe(2);
    expect((await law('run')).err).toEqual(['law run: run takes one SPEC file, got 0 (see law run --help)']);
    expect((await law('run', specPath, specPath)).code).toBe(2);
    const fmt = await law('run', specPath, '--format', 'xml');
    expect([fmt.code, fmt.err]).toEqual([2, ['law run: --format: "xml" is not table or json']]);
  });

  it('a spec without source.path needs --data: exit 2', async () => {
    const { source: _s, ...noSource } = smallSpec();
    const bad = write('nosource.json', noSource);
    const r = await law('run', bad);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`law run: ${bad}: the spec has no source.path; give the data with --data PATH`]);
  });

  it('a missing data file: data that could not be read, exit 1, naming it', async () => {
    const r = await law('run', specPath, '--data', join(dir, 'gone.log'));
    expect(r.code).toBe(1);
    expect(r.err).toEqual([`law run: cannot read ${join(dir, 'gone.log')}: no such file`]);
  });

  it('an empty data file: exit 1, naming the file', async () => {
    const empty = write('empty.log', '');
    const r = await law('run', specPath, '--data', empty);
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual(['law run: empty.log: the file is empty']);
  });

  it('data the features cannot use: exit 1 with the reason', async () => {
    const spec = write('rows.json', { ...smallSpec(), labels: undefined, features: { unit: 'row' } });
    const r = await law('run', spec);
    expect(r.code).toBe(1);
    expect(r.err).toEqual(['law run: features.unit "row" needs numeric columns, and small.log has none (try unit "line")']);
  });
});

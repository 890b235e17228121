// `law screen` as a user runs it, on the example HDFS-like sessions (labelled
// through a label file) and with --apply, whose spec `law run` then runs.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ScreenResult } from '../../app/core/experiment/screen.ts';
import { law, tempFolder } from './cli-helpers.ts';

const spec = fileURLToPath(new URL('../../experiments/hdfs-sessions.json', import.meta.url));
const { dir } = tempFolder();

describe('law screen', () => {
  it('ranks candidates × detectors best first with 95 % intervals, in the documented JSON shape', async () => {
    const r = await law('screen', spec, '--format', 'json', '--resamples', '200');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.text) as ScreenResult;
    expect(result.best).toBe(0);
    expect(result.criterion).toBe('labels');
    expect(result.candidates.map((c) => c.name)).toContain('volume');
    expect(new Set(result.candidates.map((c) => c.detector.type))).toEqual(new Set(['isolation-forest', 'lof', 'autoencoder', 'pca', 'rare-template']));
    for (const c of result.candidates) {
      expect(Object.keys(c.metrics).sort()).toEqual(['prAuc', 'rocAuc']);
      expect(c.ci!.rocAuc[0]).toBeLessThanOrEqual(c.ci!.rocAuc[1]);
    }
    const pr = result.candidates.map((c) => c.metrics.prAuc!);
    expect([...pr].sort((a, b) => b - a)).toEqual(pr);
    // The spec's own feature set is a candidate beside the defaults and the alternatives: 3 sets × 5 detectors.
    expect(new Set(result.candidates.map((c) => c.name))).toEqual(new Set(['defaults', 'as in the spec', 'volume']));
    expect(r.err.at(-1)).toBe('law screen: screened 15 of 15 candidates');
  });

  it('--apply writes the spec with the best candidate; law run of it gives the leaderboard numbers', async () => {
    const out = `${dir}/best.json`;
    const r = await law('screen', spec, '--format', 'json', '--resamples', '50', '--apply', out);
    expect(r.code).toBe(0);
    const best = (JSON.parse(r.text) as ScreenResult).candidates[0];
    const applied = JSON.parse(readFileSync(out, 'utf8'));
    expect(applied.detectors).toEqual([{ id: best.detector.type, type: best.detector.type, params: best.detector.params }]);
    expect(applied.threshold.run).toBe(best.detector.type);
    const run = await law('run', out, '--format', 'json');
    expect(run.code).toBe(0);
    const metrics = JSON.parse(run.text).runs[0].metrics;
    expect([metrics.rocAuc, metrics.prAuc]).toEqual([best.metrics.rocAuc, best.metrics.prAuc]);
    expect(r.err.at(-1)).toMatch(/^law screen: wrote .*best\.json: features "defaults", detector /);
  });

  it('the table says whether #1 is significantly better than #2', async () => {
    const r = await law('screen', spec, '--resamples', '100');
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^ #\s+features\s+detector\s+PR-AUC\s+95 % CI\s+ROC-AUC/);
    expect(r.text).toMatch(/#1 is (not significantly )?better than #2 on PR-AUC/);
  });

  it('bad arguments are usage errors', async () => {
    expect((await law('screen')).code).toBe(2);
    expect((await law('screen', spec, '--resamples', '3')).err).toEqual(['law screen: --resamples: "3" is not a whole number from 10 to 100000']);
  });
});

// `law run` runs every detector type of a spec, ensembles and per-group runs included.
import { describe, expect, it } from 'vitest';
import { generateWebappLog } from '../../datasets/webapp/generate.ts';
import { law, tempFolder } from './cli-helpers.ts';

const { write } = tempFolder();

describe('law run with every detector', () => {
  it('reports each run with metrics, the ensemble last-computed but in spec order', async () => {
    write('app.log', generateWebappLog({ lines: 1200, seed: 21 }));
    const spec = write('all.spec.json', {
      version: 1,
      source: { path: 'app.log' },
      labels: { firstToken: { normal: '-' } },
      features: { unit: 'line', columns: ['level', 'status', 'latency', 'length', 'template', 'field:bytes'], scaling: 'standard' },
      detectors: [
        { id: 'if', type: 'isolation-forest', params: { seed: 1 } },
        { id: 'lof', type: 'lof', params: { k: 20 } },
        { id: 'ae', type: 'autoencoder', params: { epochs: 5, seed: 1 } },
        { id: 'pca', type: 'pca' },
        { id: 'rare', type: 'rare-template' },
        { id: 'ens', type: 'ensemble', params: { runs: ['lof', 'ae'], normalize: 'rank', combine: 'mean' } },
      ],
      threshold: { run: 'ens', method: 'contamination', value: 0.05 },
    });
    const r = await law('run', spec, '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out[0]);
    // Stderr holds only the material threshold notes, the same ones the report has. The rare-pattern
    // baseline gives most lines one score (every line its own pattern): its tie leaves nothing flagged.
    const material = report.runs.flatMap((x: { id: string; notes?: { text: string; material: boolean }[] }) =>
      (x.notes ?? []).filter((n) => n.material).map((n) => `law run: warning: run ${x.id}: threshold: ${n.text}`));
    expect(r.err).toEqual(material);
    expect(r.err).toContain('law run: warning: run rare: threshold: no unit is flagged (0 of 1,200)');
    expect(report.runs.map((x: { detector: string }) => x.detector)).toEqual(['isolation-forest', 'lof', 'autoencoder', 'pca', 'rare-template', 'ensemble']);
    for (const run of report.runs) {
      // The rare-pattern baseline sees continuous columns (latency, bytes), so
      // nearly every row is its own pattern: it is measured, not expected to win.
      if (run.id === 'rare') expect(run.metrics.rocAuc).toBeGreaterThan(0);
      else expect(run.metrics.rocAuc, run.id).toBeGreaterThan(0.6);
      // 5 % of 1,200 rows asks for 1 + ⌊1,199 × 0.05⌋ = 60, never more; a tie at the cut is left out whole,
      // and a shortfall of a tenth or more is on stderr (checked above).
      expect(run.metrics.flagged, run.id).toBeLessThanOrEqual(60);
      const material = (run.notes ?? []).some((n: { material: boolean }) => n.material);
      if (!material) expect(run.metrics.flagged, run.id).toBeGreaterThanOrEqual(54);
    }
    // Same spec, same data: the same scores, autoencoder included.
    const again = JSON.parse((await law('run', spec, '--format', 'json')).out[0]);
    expect(again.runs.map((x: { metrics: unknown }) => x.metrics)).toEqual(report.runs.map((x: { metrics: unknown }) => x.metrics));
  });
});

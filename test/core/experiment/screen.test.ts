import { describe, expect, it } from 'vitest';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { parseSpec } from '../../../app/core/experiment/parse-spec.ts';
import { runExperiment } from '../../../app/core/experiment/run-experiment.ts';
import { applyCandidate, rankScreen, runScreenSet, screen, spearman } from '../../../app/core/experiment/screen.ts';
import { screenCandidates } from '../../../app/core/experiment/screen-candidates.ts';
import type { Spec } from '../../../app/core/experiment/spec.ts';
import { createRandom } from '../../../app/core/random.ts';

/** An application log: normal requests, and anomalies (first token ERR) that are slow 500s of a rare template. */
function appLog(n: number, seed: number): string {
  const random = createRandom(seed);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(2026, 2, 2, 10, 0, 0) + i * 1000).toISOString();
    if (random.next() < 0.05) lines.push(`ERR ${t} ERROR payment failed for order ${i} status=500 latency_ms=${900 + random.int(300)} method=POST`);
    else lines.push(`- ${t} INFO GET /items/${random.int(50)} status=200 latency_ms=${10 + random.int(30)} method=${random.next() < 0.8 ? 'GET' : 'HEAD'}`);
  }
  return lines.join('\n') + '\n';
}

const spec: Spec = parseSpec({
  version: 1,
  labels: { firstToken: { normal: '-' } },
  features: { unit: 'line' },
  detectors: [{ id: 'if', type: 'isolation-forest' }],
  threshold: { run: 'if', method: 'contamination', value: 0.05 },
});

describe('screenCandidates', () => {
  it('names simple alternatives to the defaults from what the data has', async () => {
    const data = await readLogs([sourceFromText('app.log', appLog(400, 1))]);
    expect(screenCandidates(data, spec.features).map((c) => c.name)).toEqual([
      'defaults', 'level + template', 'template rarity', 'text (hashed TF-IDF)', '5-minute windows',
    ]);
    // Fields of JSON lines: numbers beyond the parsed ones, and low-cardinality strings as categories.
    const json = Array.from({ length: 200 }, (_, i) => JSON.stringify({ message: `req ${i}`, bytes: i * 10, method: i % 3 ? 'GET' : 'POST', user: `u${i}` })).join('\n');
    const jsonData = await readLogs([sourceFromText('app.jsonl', json)]);
    expect(screenCandidates(jsonData, spec.features).map((c) => c.name)).toEqual([
      'defaults', 'level + template', 'template rarity', 'numeric fields', 'text (hashed TF-IDF)', 'categories',
    ]);
    expect(screenCandidates(jsonData, spec.features)[5].features.categorical).toEqual([{ field: 'method', mode: 'onehot' }]);
  });

  it('puts the spec\'s own features beside the defaults, never uses the label column as a category, and tries the text of rows', async () => {
    const json = Array.from({ length: 200 }, (_, i) => JSON.stringify({ message: `req ${i % 7}`, bytes: i * 10, method: i % 3 ? 'GET' : 'POST', label: i % 50 ? 'normal' : 'bad' })).join('\n');
    const data = await readLogs([sourceFromText('rows.jsonl', json)]);
    const own = { unit: 'row' as const, columns: ['field:bytes'], text: { kind: 'word-vectors' as const, size: 8 } };
    const sets = screenCandidates(data, own, 'label');
    expect(sets.map((c) => c.name)).toEqual(['defaults', 'as in the spec', 'numeric + categories', 'text (hashed TF-IDF)']);
    expect(sets[1].features).toEqual({ ...own, scaling: 'standard' });
    expect(sets[2].features.categorical).toEqual([{ field: 'method', mode: 'onehot' }]);
  });

  it('for sessions, leaves out a set equal to the defaults', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => `op ${i % 3} on blk_${i % 10} size=${i}`).join('\n');
    const data = await readLogs([sourceFromText('s.log', lines)]);
    const names = screenCandidates(data, { unit: 'session', key: 'blk_\\d+' }).map((c) => c.name);
    expect(names).toEqual(['defaults', 'volume', 'numeric aggregates']);
  });
});

describe('screen', () => {
  it('with labels: ranks by PR-AUC with bootstrap intervals that hold each estimate, and compares #1 with #2', async () => {
    const data = await readLogs([sourceFromText('app.log', appLog(1500, 2))]);
    const r = screen(data, spec, { resamples: 200, seed: 3, detectors: ['isolation-forest', 'rare-template', 'pca'] });
    expect(r.criterion).toBe('labels');
    expect(r.best).toBe(0);
    const ran = r.candidates.filter((c) => c.metrics.prAuc !== null);
    for (let i = 1; i < ran.length; i++) expect(ran[i - 1].metrics.prAuc!).toBeGreaterThanOrEqual(ran[i].metrics.prAuc!);
    for (const c of ran) {
      expect(c.ci!.prAuc[0]).toBeLessThanOrEqual(c.metrics.prAuc! + 1e-12);
      expect(c.ci!.prAuc[1]).toBeGreaterThanOrEqual(c.metrics.prAuc! - 1e-12);
    }
    expect(r.comparison).toMatchObject({ metric: 'prAuc', runnerUp: 1 });
    // The same seed, the same table.
    expect(screen(data, spec, { resamples: 200, seed: 3, detectors: ['isolation-forest', 'rare-template', 'pca'] }).candidates.map((c) => [c.name, c.detector.type, c.ci]))
      .toEqual(r.candidates.map((c) => [c.name, c.detector.type, c.ci]));
  });

  it('applying a candidate gives a spec whose run reproduces the leaderboard row exactly', async () => {
    const data = await readLogs([sourceFromText('app.log', appLog(1500, 2))]);
    const r = screen(data, spec, { resamples: 50, detectors: ['isolation-forest', 'rare-template'] });
    for (const c of r.candidates.slice(0, 3)) {
      const applied = parseSpec(JSON.parse(JSON.stringify(applyCandidate(spec, c))));
      const run = runExperiment(data, applied).report.runs[0];
      expect([run.metrics.rocAuc, run.metrics.prAuc]).toEqual([c.metrics.rocAuc, c.metrics.prAuc]);
    }
  });

  it('without labels: ranks by ranking stability, named as a proxy', async () => {
    const data = await readLogs([sourceFromText('app.log', appLog(800, 4).replace(/^(ERR|-) /gm, ''))]);
    const r = screen(data, { ...spec, labels: null }, { detectors: ['isolation-forest', 'lof'] });
    expect(r.criterion).toBe('label-free');
    expect(r.comparison).toBeUndefined();
    const stabilities = r.candidates.filter((c) => !c.error).map((c) => c.labelFree!.stability ?? -2);
    expect([...stabilities].sort((a, b) => b - a)).toEqual(stabilities);
    const forest = r.candidates.find((c) => c.detector.type === 'isolation-forest' && c.name === 'defaults')!;
    expect(forest.labelFree!.seedStability).not.toBeNull(); // a seeded detector is also refitted with another seed
    expect(r.candidates.find((c) => c.detector.type === 'lof')!.labelFree!.seedStability).toBeNull();
    // Ties at the top are counted, so the table can say when the proxy cannot choose.
    const top = stabilities[0];
    expect(r.tiedAtTop).toBe(stabilities.filter((v) => v >= top - 0.001).length);
    expect(r.tiedAtTop).toBeGreaterThanOrEqual(1);
    // Excess-Mass and Mass-Volume beside stability, for every candidate that ran.
    for (const c of r.candidates.filter((x) => !x.error)) {
      expect(c.labelFree!.em, `${c.name} × ${c.detector.type}`).toBeGreaterThan(0);
      // 0 is possible: on discrete features (a template's share) the data has no volume, and every uniform point scores below it.
      expect(c.labelFree!.mv, `${c.name} × ${c.detector.type}`).toBeGreaterThanOrEqual(0);
    }
    // A page runs the sets apart (one per worker) and ranks them together: the same leaderboard.
    const sets = screenCandidates(data, spec.features);
    const pooled = rankScreen(sets.flatMap((set) => runScreenSet(data, { ...spec, labels: null }, set, { detectors: ['isolation-forest', 'lof'] })));
    expect(pooled.candidates.map(({ ms: _ms, ...c }) => c)).toEqual(r.candidates.map(({ ms: _ms, ...c }) => c));
  });

  it('spearman: 1 for the same order, −1 reversed, ties averaged, null when constant', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearman([1, 1, 2, 3], [1, 2, 3, 4])).toBeCloseTo(0.9486832980505138, 12); // scipy.stats.spearmanr
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});

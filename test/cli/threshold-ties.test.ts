// Ties at the cut on real data: Loghub's HDFS 100k block sessions (7,940
// sessions, 17 distinct event-count rows) make most detectors' scores tie.
// A 5 % contamination threshold asks for 1 + ⌊7,939 × 0.05⌋ = 397 sessions;
// before the tie rule LOF flagged all 7,940 and Isolation Forest 642.
// The data lives beside the checkout (../shared/datasets); without it the
// suite is skipped with a message.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { law, tempFolder } from './cli-helpers.ts';

const csv = fileURLToPath(new URL('../../../shared/datasets/hdfs-100k-sessions/HDFS_100k_block_sessions.csv', import.meta.url));
const exists = existsSync(csv);
if (!exists) console.warn(`threshold-ties: skipped, ${csv} is absent (the shared datasets folder sits beside the checkout)`);

const spec = {
  version: 1,
  name: 'hdfs-100k-ties',
  source: { path: csv, format: 'auto' },
  labels: { column: 'Label', anomalous: ['Anomaly'] },
  features: { unit: 'session', key: 'BlockId', columns: ['templates'], scaling: 'none' },
  split: { method: 'all' },
  detectors: [
    { id: 'pca', type: 'pca', params: { variance: 0.95 } },
    { id: 'if', type: 'isolation-forest', params: { trees: 100, sampleSize: 256, seed: 1 } },
    { id: 'lof', type: 'lof', params: { k: 20 } },
  ],
  threshold: { run: 'if', method: 'contamination', value: 0.05 },
};

interface Report { dataset: { rows: number }; runs: { id: string; metrics: { flagged: number }; notes?: { kind: string; text: string; material: boolean }[] }[] }

describe.skipIf(!exists)('a 5 % threshold on the HDFS sessions, where scores tie', () => {
  const folder = tempFolder();
  const path = folder.write('hdfs.json', spec);

  it('law run flags at most 397 of 7,940 sessions for every detector and says where ties were left out', async () => {
    const r = await law('run', path, '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.text) as Report;
    expect(report.dataset.rows).toBe(7940);
    for (const run of report.runs) expect(run.metrics.flagged, run.id).toBeLessThanOrEqual(397);
    // LOF's scores are 1 for 7,924 sessions (the common rows): the whole block is left out.
    const lof = report.runs.find((x) => x.id === 'lof')!;
    expect(lof.notes?.[0].text).toMatch(/^7,924 units tie at the cut \(score 1\); flagging them would exceed the 397 asked for, so none of them is flagged: 16 of 7,940 flagged \(0\.2 %\)$/);
    // The same notes reach the terminal on stderr, one line per run that has one.
    const lines = r.err.filter((l) => l.includes('threshold:'));
    expect(lines).toContain(`law run: warning: run lof: threshold: ${lof.notes![0].text}`);
    // Only the material notes reach stderr: a tie that cost a tenth or more of the 397.
    expect(lines).toHaveLength(report.runs.flatMap((x) => x.notes ?? []).filter((n) => n.material).length);
  });

  it('law fit resolves the same thresholds, says so on stderr, and law score then flags no more than 397', async () => {
    const fitted = folder.dir + '/hdfs.fitted.json';
    const fit = await law('fit', path, '--out', fitted);
    expect(fit.code).toBe(0);
    expect(fit.err.some((l) => /^law fit: warning: run lof: threshold: 7,924 units tie at the cut/.test(l))).toBe(true);
    for (const run of ['pca', 'if', 'lof']) {
      const scored = await law('score', '--config', fitted, '--run', run, csv);
      expect(scored.code, scored.err.join('\n')).toBe(0);
      const flagged = scored.out.filter((l) => l !== '').map((l) => JSON.parse(l) as { anomaly: boolean }).filter((u) => u.anomaly).length;
      expect(flagged, run).toBeLessThanOrEqual(397);
    }
    expect(JSON.parse(readFileSync(fitted, 'utf8')).threshold.scores.lof).toBeGreaterThan(1);
  });

  it('law score on raw lines with a spec fitted on the session CSV says they belong to no session', async () => {
    // The sessions were keyed by the CSV's BlockId column, which raw HDFS lines do not have.
    const fitted = folder.dir + '/hdfs.fitted.json';
    const raw = folder.write('raw.log', '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating\n');
    const r = await law('score', '--config', fitted, raw);
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => l !== '')).toEqual([]);
    expect(r.err).toContain('law score: warning: 1 rows have no session id for "BlockId" and belong to no session');
  });
});

/**
 * Reference check on real data: Loghub's HDFS (first 100k lines) grouped
 * into 7,940 block sessions, as an event-count matrix (one row per BlockId,
 * one column per distinct template), against scikit-learn 1.2.1's numbers.
 * The data lives beside the checkout (../shared/datasets); without it the
 * suite is skipped with a warning.
 */
import { describe, it, expect } from 'vitest';
import { lof } from '../../../app/core/detect/lof.ts';
import { existsSync, readFileSync } from 'node:fs';
import { pca } from '../../../app/core/detect/pca.ts';
import type { Matrix } from '../../../app/core/matrix.ts';
import { forestOverSeeds, HDFS_SESSIONS_CSV, metrics, reaches, reference, sk } from '../sklearn-hdfs-sessions.ts';

const csvPath = HDFS_SESSIONS_CSV;
const exists = existsSync(csvPath);
if (!exists) {
  console.warn(`hdfs-sessions: skipped, ${csvPath} is absent (the shared datasets folder sits beside the checkout; see its README)`);
}

/**
 * A minimal event-count matrix builder, local to this test: columns are the
 * distinct templates sorted by text, label 'Anomaly' = 1. The CSV has no
 * quoting; BlockId and Label contain no commas, so the sequence is the rest
 * of the line after the second comma.
 */
function loadSessions(path: string): { x: Matrix; labels: Uint8Array } {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  expect(lines[0]).toBe('BlockId,Label,EventTemplateSequence');
  const sequences: string[][] = [];
  const labels: number[] = [];
  for (const line of lines.slice(1)) {
    const a = line.indexOf(',');
    const b = line.indexOf(',', a + 1);
    const label = line.slice(a + 1, b);
    if (label !== 'Anomaly' && label !== 'Normal') throw new Error(`unexpected label ${label}`);
    labels.push(label === 'Anomaly' ? 1 : 0);
    sequences.push(line.slice(b + 1).split(' || '));
  }
  const templates = [...new Set(sequences.flat())].sort();
  const column = new Map(templates.map((t, j) => [t, j]));
  const cols = templates.length;
  const data = new Float64Array(sequences.length * cols);
  sequences.forEach((seq, i) => {
    for (const t of seq) data[i * cols + (column.get(t) as number)]++;
  });
  return { x: { rows: sequences.length, cols, data, names: templates }, labels: Uint8Array.from(labels) };
}

describe.skipIf(!exists)('HDFS 100k block sessions, event counts, against scikit-learn 1.2.1', () => {
  const { x, labels } = exists ? loadSessions(csvPath) : { x: null as unknown as Matrix, labels: new Uint8Array(0) };

  it('builds the 7,940 × 19 event-count matrix with 313 anomalies and 17 distinct rows', () => {
    expect(x.rows).toBe(7940);
    expect(x.cols).toBe(19);
    expect(labels.reduce((s, v) => s + v, 0)).toBe(313);
    let events = 0;
    for (const v of x.data) events += v;
    expect(events).toBe(104815);
    const distinct = new Set<string>();
    for (let i = 0; i < x.rows; i++) distinct.add(x.data.subarray(i * x.cols, (i + 1) * x.cols).join(','));
    expect(distinct.size).toBe(17);
  });

  it('PCA SPE at 95 % variance matches sklearn (2 components) and reaches its numbers', () => {
    const model = pca.fit(x, pca.normalize({ variance: 0.95 }));
    const full = reference.full_precision['PCA-SPE'];
    expect(model.components.length).toBe(full.n_components);
    const got = metrics(pca.score(model, x), labels);
    console.info(`hdfs PCA (95 %): ours ${JSON.stringify(got)} vs sklearn ${JSON.stringify(sk('PCA-SPE'))}`);
    // Same subspace, same SPE up to rounding, so the same ranking: equal to 1e-9.
    expect(got.roc_auc).toBeCloseTo(full.roc_auc, 9);
    expect(got.pr_auc).toBeCloseTo(full.pr_auc, 9);
    expect(got.best_f1).toBeCloseTo(full.best_f1, 9);
    reaches(got, sk('PCA-SPE'));
  });

  it('Isolation Forest (100 trees, 256 samples), mean over seeds 0..4, reaches sklearn (random_state 0)', () => {
    const { mean: got, runs } = forestOverSeeds(x, labels);
    console.info(`hdfs IsolationForest (mean of seeds 0..4): ours ${JSON.stringify(got)} vs sklearn ${JSON.stringify(sk('IsolationForest'))}; per seed ${JSON.stringify(runs)}`);
    reaches(got, sk('IsolationForest'));
  });

  it.each([20, 100])('LOF k=%i reaches sklearn (the same neighbours, so the same numbers)', (k) => {
    const got = metrics(lof.score(lof.fit(x, lof.normalize({ k })), x), labels);
    const ref = sk('LocalOutlierFactor', k);
    console.info(`hdfs LOF k=${k}: ours ${JSON.stringify(got)} vs sklearn ${JSON.stringify(ref)}`);
    reaches(got, ref);
  });
});

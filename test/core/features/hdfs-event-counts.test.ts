/**
 * The session features end to end on real data: Loghub's HDFS (first 100k
 * lines) as 7,940 block sessions, read by `readLogs` (sniffed as
 * loghub-sessions), grouped by BlockId, counted from each session's `events`
 * list, labelled by `applyLabels`; then three detectors against
 * scikit-learn 1.2.1's numbers on the same matrix. The data lives beside the
 * checkout (../shared/datasets); without it the suite is skipped with a warning.
 */
import { beforeAll, describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { eventCountMatrix, fitEventColumns, sessionListEvents, type UnitEvents } from '../../../app/core/features/event-count-matrix.ts';
import { sessionUnits, type SessionUnits } from '../../../app/core/features/session-units.ts';
import { prepareExperiment } from '../../../app/core/experiment/run-experiment.ts';
import { unitLabels } from '../../../app/core/features/unit-labels.ts';
import { lof } from '../../../app/core/detect/lof.ts';
import { pca } from '../../../app/core/detect/pca.ts';
import { applyLabels } from '../../../app/core/ingest/apply-labels.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import type { Matrix } from '../../../app/core/matrix.ts';
import { forestOverSeeds, HDFS_SESSIONS_CSV, metrics, reaches, sk } from '../sklearn-hdfs-sessions.ts';

const csvPath = HDFS_SESSIONS_CSV;
const exists = existsSync(csvPath);
if (!exists) {
  console.warn(`hdfs-event-counts: skipped, ${csvPath} is absent (the shared datasets folder sits beside the checkout; see its README)`);
}

describe.skipIf(!exists)('HDFS 100k block sessions through readLogs and the session features, against scikit-learn 1.2.1', () => {
  let x: Matrix;
  let labels: Int8Array;
  let sessions: SessionUnits;
  let events: UnitEvents;
  let format: string;

  // Built once for every test below, so any one of them runs on its own too.
  beforeAll(async () => {
    const raw = await readLogs([sourceFromText('HDFS_100k_block_sessions.csv', readFileSync(csvPath))]);
    format = raw.files[0].format;
    const labelled = applyLabels(raw, { column: 'Label', anomalous: ['Anomaly'] });
    sessions = sessionUnits(labelled.data, { field: 'BlockId' });
    events = sessionListEvents(labelled.data, sessions);
    x = eventCountMatrix(events, fitEventColumns(events));
    labels = unitLabels(labelled.labels as Int8Array, sessions);
  });

  it('reads 7,940 sessions into a 7,940 × 19 event-count matrix of 104,815 events, 313 anomalous', () => {
    expect(format).toBe('loghub-sessions');
    expect(sessions.keys.length).toBe(7940);
    expect(sessions.rowsWithoutKey).toBe(0);
    expect([x.rows, x.cols]).toEqual([7940, 19]);
    expect(labels.reduce((s, v) => s + v, 0)).toBe(313);
    let total = 0;
    for (const v of x.data) total += v;
    expect(total).toBe(104_815);
    const withLength = eventCountMatrix(events, fitEventColumns(events), ['length']);
    let lengths = 0;
    for (let i = 0; i < withLength.rows; i++) lengths += withLength.data[i * withLength.cols + 19];
    expect(lengths).toBe(104_815);
  });

  it('a spec with `features: { unit: "session", key: "BlockId" }` builds the same matrix and labels through prepareExperiment (the path of law and the page)', async () => {
    const raw = await readLogs([sourceFromText('HDFS_100k_block_sessions.csv', readFileSync(csvPath))]);
    const prepared = prepareExperiment(raw, { labels: { column: 'Label', anomalous: ['Anomaly'] }, features: { unit: 'session', key: 'BlockId' } });
    const m = prepared.features.matrix;
    expect(prepared.features.dropped).toEqual([]);
    expect([m.rows, m.cols]).toEqual([7940, 19]);
    expect(m.names).toEqual(x.names);
    expect(Array.from(m.data)).toEqual(Array.from(x.data));
    expect(Array.from(prepared.labels!)).toEqual(Array.from(labels));
  });

  it('PCA SPE at 95 % variance reaches sklearn', () => {
    const got = metrics(pca.score(pca.fit(x, pca.normalize({ variance: 0.95 })), x), labels);
    console.info(`hdfs-event-counts PCA (95 %): ours ${JSON.stringify(got)} vs sklearn ${JSON.stringify(sk('PCA-SPE'))}`);
    reaches(got, sk('PCA-SPE'));
  });

  it('Isolation Forest (100 trees, 256 samples), mean over seeds 0..4, reaches sklearn (random_state 0)', () => {
    const got = forestOverSeeds(x, labels).mean;
    console.info(`hdfs-event-counts IsolationForest (mean of seeds 0..4): ours ${JSON.stringify(got)} vs sklearn ${JSON.stringify(sk('IsolationForest'))}`);
    reaches(got, sk('IsolationForest'));
  });

  it.each([20, 100])('LOF k=%i reaches sklearn', (k) => {
    const got = metrics(lof.score(lof.fit(x, lof.normalize({ k })), x), labels);
    console.info(`hdfs-event-counts LOF k=${k}: ours ${JSON.stringify(got)} vs sklearn ${JSON.stringify(sk('LocalOutlierFactor', k))}`);
    reaches(got, sk('LocalOutlierFactor', k));
  });
});

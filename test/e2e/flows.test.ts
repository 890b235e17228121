// The researcher's flow built through the page, as a person would: load the
// HDFS-like log, join its label file on the block id, switch the unit to
// sessions, add PCA, then export and replay the spec with `law run`, which
// must report the same metrics.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench, ROOT, waitIdle, METRIC_KEYS, readMetrics, useSession } from './browser.ts';
import { addDetector } from './page-actions.ts';

const LOG = join(ROOT, 'datasets/hdfs-like/hdfs-like.log');
const LABELS = join(ROOT, 'datasets/hdfs-like/anomaly_label.csv');

const session = useSession();

describe('HDFS-like sessions built through the page', () => {
  it('labels sessions from the label file, counts events per block, scores them with PCA, and law run agrees', async () => {
    const page = await openWorkbench(session());
    const blocks = readFileSync(LABELS, 'utf8').trim().split('\n').slice(1);
    const anomalous = blocks.filter((l) => l.endsWith(',Anomaly')).length;

    await page.setInputFiles('[data-testid="file-input"]', LOG);
    await page.waitForSelector('[data-testid="files"] >> text=hdfs-like.log');
    await waitIdle(page);
    await page.selectOption('[data-testid="label-kind"]', 'file');
    await page.setInputFiles('[data-testid="label-file"]', LABELS);
    await page.waitForSelector('[data-testid="label-summary"] >> text=rows labelled anomalous');
    await waitIdle(page);

    // One row per session: the block id pattern is offered since the log has no fields.
    await page.selectOption('[data-testid="unit"]', 'session');
    expect(await page.inputValue('[data-testid="session-key"]')).toBe('blk_-?\\d+');
    await page.waitForSelector(`[data-testid="matrix-shape"] >> text=${blocks.length.toLocaleString('en-US')} sessions ×`);
    await waitIdle(page);
    expect(await page.textContent('[data-testid="label-summary"]')).toContain(`${anomalous} of ${blocks.length.toLocaleString('en-US')} sessions labelled anomalous`);
    // The preview names template columns, their kind, and the memory the matrix takes.
    const summary = await page.textContent('[data-testid="column-summary"]');
    expect(summary).toContain('Served block <*> to <*>count');
    expect(await page.textContent('[data-testid="matrix-shape"]')).toMatch(/KiB in memory/);

    // Add PCA and show its results: the top rows are sessions, named by block.
    await addDetector(page, 'pca');
    await waitIdle(page);
    await page.click('[data-testid="runs-table"] >> text=pca');
    await page.waitForSelector('h3 >> text=Top 50 scored sessions');
    const firstBlock = await page.textContent('[data-testid="unit-name"]');
    expect(firstBlock).toMatch(/^blk_-?\d+$/);
    const shown = await readMetrics(page);
    expect(shown.rocAuc).toBeGreaterThan(0.8);

    // Export the spec, put the label file beside it, and replay it with the CLI.
    const dir = mkdtempSync(join(tmpdir(), 'law-flow-'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export"]')]);
    const specPath = join(dir, download.suggestedFilename());
    await download.saveAs(specPath);
    copyFileSync(LABELS, join(dir, 'anomaly_label.csv'));
    const spec = JSON.parse(readFileSync(specPath, 'utf8'));
    expect(spec.features).toMatchObject({ unit: 'session', key: 'blk_-?\\d+', columns: ['templates'] });
    expect(spec.labels).toMatchObject({ file: 'anomaly_label.csv', key: 'blk_-?\\d+' });
    const report = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'bin/law.js'), 'run', specPath, '--data', LOG, '--format', 'json'], { encoding: 'utf8' }));
    expect(report.dataset).toEqual({ rows: blocks.length, labelled: true, anomalies: anomalous });
    const pca = report.runs.find((r: { detector: string }) => r.detector === 'pca');
    for (const key of METRIC_KEYS) expect(pca.metrics[key]).toBeCloseTo(shown[key], 9);
  });
});

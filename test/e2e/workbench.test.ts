// The whole path as a person walks it: open, drop the sample, run Isolation
// Forest, read metrics and plots, move the threshold, export, reload, import,
// and replay the exported spec with the CLI.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { dropFiles, newPage, ROOT, METRIC_KEYS, readMetrics, useSession } from './browser.ts';
import { confusion } from './page-actions.ts';

const SAMPLE = join(ROOT, 'datasets/webapp/webapp-10k.log');

const session = useSession();

/** Waits until no stage is running and results are shown. */
async function settled(page: Page) {
  await page.waitForSelector('[data-metric="rocAuc"]');
  await page.waitForFunction(() => document.querySelectorAll('progress').length === 0);
}

describe('the workbench, end to end', () => {
  it('opens with the sample, scores it, follows the threshold, exports, survives a reload, re-imports, and the CLI agrees', async () => {
    const { context, page } = await newPage(session());
    await page.goto(session().url);

    // First open: the bundled sample is already there.
    await page.waitForSelector('[data-testid="files"]');
    expect(await page.textContent('[data-testid="files"]')).toContain('webapp-10k.log');
    await settled(page);

    // Drop the sample file as a person would, from disk.
    await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'webapp-10k.log', text: readFileSync(SAMPLE, 'utf8') }]);
    await page.waitForSelector('text=10,000 rows, read as');
    expect(await page.textContent('[data-testid="format-used"]')).toBe('text');
    expect(await page.textContent('[data-testid="label-summary"]')).toContain('359 of 10,000 rows labelled anomalous');
    expect(await page.textContent('[data-testid="matrix-shape"]')).toMatch(/10,000 rows × \d+ columns/);

    // Run Isolation Forest.
    await page.click('[data-testid="run-if"]');
    await settled(page);
    const before = await readMetrics(page);
    expect(before.rocAuc).toBeGreaterThan(0.9);
    expect(before.bestF1).toBeGreaterThan(0.4);
    expect(await page.locator('figure[aria-label="Score histogram by label"] svg').count()).toBeGreaterThan(0);
    expect(await page.locator('figure[aria-label="ROC curve"] svg').count()).toBeGreaterThan(0);
    const topText = await page.textContent('[data-testid="top-lines"] tbody');
    expect(topText).toContain('2026-03-02T');

    // Move the threshold with the keyboard: the confusion matrix follows.
    const c0 = await confusion(page);
    expect(c0.tp + c0.fp + c0.fn + c0.tn).toBe(10000);
    await page.focus('[data-testid="threshold-slider"]');
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
    const c1 = await confusion(page);
    expect(c1.tp + c1.fp).toBeGreaterThan(c0.tp + c0.fp);
    expect(c1.tp + c1.fp + c1.fn + c1.tn).toBe(10000);
    expect(await page.textContent('[data-testid="threshold-setting"]')).toContain('9.0 % flagged');
    const moved = await readMetrics(page);
    expect(moved.recall).toBeGreaterThan(before.recall);
    expect(moved.rocAuc).toBe(before.rocAuc);

    // Export the spec.
    const dir = mkdtempSync(join(tmpdir(), 'law-e2e-'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export"]')]);
    const specPath = join(dir, download.suggestedFilename());
    await download.saveAs(specPath);
    const spec = JSON.parse(readFileSync(specPath, 'utf8'));
    expect(spec.version).toBe(1);
    expect(spec.source.path).toBe('webapp-10k.log');
    expect(spec.detectors[0]).toMatchObject({ id: 'if', type: 'isolation-forest', params: { trees: 100, seed: 1 } });
    expect(spec.threshold).toMatchObject({ run: 'if', method: 'contamination', value: 0.09 });
    expect(spec.threshold.scores.if).toBe(Number(await page.getAttribute('[data-metric="threshold"]', 'data-value')));

    // Reload: the notebook comes back as it was.
    await page.reload();
    await settled(page);
    expect(await readMetrics(page)).toEqual(moved);

    // Change the seed and the threshold, then import the spec: the exported results return.
    await page.fill('[data-testid="param-if-seed"]', '2');
    await page.press('[data-testid="param-if-seed"]', 'Enter');
    await page.waitForFunction((v) => document.querySelector('[data-metric="rocAuc"]')?.getAttribute('data-value') !== String(v), moved.rocAuc);
    await settled(page);
    expect((await readMetrics(page)).rocAuc).not.toBe(moved.rocAuc);
    await page.setInputFiles('[data-testid="import-input"]', specPath);
    await page.waitForFunction((v) => document.querySelector('[data-metric="rocAuc"]')?.getAttribute('data-value') === String(v), moved.rocAuc);
    await settled(page);
    expect(await readMetrics(page)).toEqual(moved);

    // The CLI replays the exported spec on the same data: the same metrics.
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/law.js'), 'run', specPath, '--data', SAMPLE, '--format', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(out);
    expect(report.dataset).toEqual({ rows: 10000, labelled: true, anomalies: 359 });
    for (const key of METRIC_KEYS) expect(Math.abs(report.runs[0].metrics[key] - moved[key])).toBeLessThan(1e-9);
    await context.close();
  });
});

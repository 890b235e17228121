// Sweeps and repeats: a grid over a detector cell's parameters run in the
// worker pool with progress and cancel, the results table and plot, the same
// numbers as `law run` with those parameters, and mean ± std over seeds.
// Each test opens its own page and sets up what it needs.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshWorkbenchEachTest, ROOT, waitIdle, useSession } from './browser.ts';

const SAMPLE = join(ROOT, 'datasets/webapp/webapp-10k.log');

const session = useSession();
let page: Page;
freshWorkbenchEachTest(session, (p) => (page = p));

const cell = '[data-cell="sweep"]';
const rows = () => page.locator('[data-testid="sweep-table"] tbody tr');

async function values(name: string, text: string) {
  await page.fill(`[data-testid="sweep-values-${name}"]`, text);
}

/** Sets the forest cell's seed and waits for its re-run to show (its ROC-AUC changes) and end. */
async function reseedForest(seed: string) {
  const before = await page.textContent('[data-run-metric="if.rocAuc"]');
  await page.fill('[data-testid="param-if-seed"]', seed);
  await page.press('[data-testid="param-if-seed"]', 'Enter');
  await page.waitForFunction((v) => document.querySelector('[data-run-metric="if.rocAuc"]')?.textContent !== v, before, { timeout: 30_000 });
  await waitIdle(page, 30_000);
}

/** `law run` on the sample with the bundled Isolation Forest spec, its parameters replaced. */
function lawRun(params: Record<string, unknown>) {
  const spec = JSON.parse(readFileSync(join(ROOT, 'experiments/webapp-isolation-forest.json'), 'utf8'));
  spec.detectors[0].params = params;
  const dir = mkdtempSync(join(tmpdir(), 'law-sweep-'));
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify(spec));
  return JSON.parse(execFileSync(process.execPath, [join(ROOT, 'bin/law.js'), 'run', specPath, '--data', SAMPLE, '--format', 'json'], { encoding: 'utf8' }));
}

describe('sweep', () => {
  it('sweeps trees × sample size, with progress, a table and a plot equal to law run', async () => {
    await page.waitForSelector(cell);
    await values('trees', '10, 50');
    await values('sampleSize', '64, 256');
    expect(await page.textContent('[data-testid="sweep-plan"]')).toContain('4 runs (2 trees × 2 sampleSize)');
    await page.click('[data-testid="sweep-run"]');
    await page.waitForSelector('progress[aria-label="Sweep progress"]');
    expect(await page.textContent('[data-testid="sweep-done"]')).toMatch(/^\d of 4 done$/);
    await waitIdle(page);
    expect(await rows().count()).toBe(4);
    // Grid order: the first parameter varies slowest.
    const params = await rows().evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('[data-sweep-param]'), (td) => td.textContent)));
    expect(params).toEqual([['10', '64'], ['10', '256'], ['50', '64'], ['50', '256']]);
    await page.waitForSelector(`${cell} figure[aria-label^="Sweep: ROC-AUC against trees"] svg`);
    // Coloured by the second parameter: a legend names its values.
    expect(await page.textContent(`${cell} figure`)).toContain('sampleSize = 64');

    // Row 3 is trees 50, sampleSize 64: the same ROC-AUC as law run with those parameters.
    const report = lawRun({ trees: 50, sampleSize: 64, maxFeatures: 1, seed: 1 });
    const auc = Number(await page.getAttribute('[data-sweep-metric="2.rocAuc"]', 'data-value'));
    expect(Math.abs(auc - report.runs[0].metrics.rocAuc)).toBeLessThan(1e-9);
    const f1 = Number(await page.getAttribute('[data-sweep-metric="2.f1"]', 'data-value'));
    expect(Math.abs(f1 - report.runs[0].metrics.f1)).toBeLessThan(1e-9);

    // Another metric on the plot.
    await page.selectOption('[data-testid="sweep-metric"]', 'prAuc');
    await page.waitForSelector(`${cell} figure[aria-label^="Sweep: PR-AUC against trees"] svg`);

  });

  it('copies a row into the detector cell, which re-runs with it', async () => {
    // The 2 × 2 grid of the first test: row 3 (index 2) is trees 50, sampleSize 64.
    await values('trees', '10, 50');
    await values('sampleSize', '64, 256');
    await page.click('[data-testid="sweep-run"]');
    await page.waitForSelector('[data-sweep-metric="3.rocAuc"]');
    await waitIdle(page);
    await page.click('[data-testid="sweep-use-2"]');
    expect(await page.inputValue('[data-testid="param-if-trees"]')).toBe('50');
    expect(await page.inputValue('[data-testid="param-if-sampleSize"]')).toBe('64');
    await page.waitForFunction(
      (v) => document.querySelector('[data-run-metric="if.rocAuc"]')?.textContent === v,
      (await page.textContent('[data-sweep-metric="2.rocAuc"]'))!,
    );
    await waitIdle(page);
  });

  it('says what is wrong with a grid before running it', async () => {
    await values('trees', '10, 0');
    expect(await page.textContent('[data-testid="sweep-plan-error"]')).toContain('trees = 0: invalid trees: 0');
    expect(await page.isDisabled('[data-testid="sweep-run"]')).toBe(true);
    await values('trees', '1..30');
    await values('sampleSize', '2..9');
    expect(await page.textContent('[data-testid="sweep-plan-error"]')).toContain('the grid has 240 runs (30 trees × 8 sampleSize); at most 200');
  });

  it('cancels a 12-run sweep: running and queued runs stop, finished rows stay, the page answers', async () => {
    await values('trees', '300, 600, 900');
    await values('sampleSize', '256, 512, 1024, 2048');
    expect(await page.textContent('[data-testid="sweep-plan"]')).toContain('12 runs');
    await page.click('[data-testid="sweep-run"]');
    await page.waitForSelector('progress[aria-label="Sweep progress"]');
    await page.click('[data-testid="sweep-cancel"]');
    await page.waitForSelector('[data-testid="sweep-note"] >> text=/^Cancelled after \\d+ of 12 runs/');
    expect(await page.locator('progress[aria-label="Sweep progress"]').count()).toBe(0);
    expect(await rows().count()).toBeLessThan(12);
    // The page still answers: a detector runs (the pool has its workers back).
    await reseedForest('3');
  });

  it('repeats a random detector over 5 seeds: a row each and mean ± std', async () => {
    await reseedForest('3');
    await page.check('[data-testid="sweep-mode-repeat"]');
    await page.fill('[data-testid="sweep-seeds"]', '5');
    expect(await page.textContent('[data-testid="sweep-plan"]')).toContain('5 runs');
    await page.click('[data-testid="sweep-run"]');
    await waitIdle(page);
    expect(await rows().count()).toBe(5);
    const seeds = await rows().evaluateAll((trs) => trs.map((tr) => tr.querySelector('[data-sweep-param="seed"]')?.textContent));
    expect(seeds).toEqual(['3', '4', '5', '6', '7']); // from the cell's seed, set to 3 at the start
    const auc = page.locator('[data-testid="repeat-summary"] [data-repeat-metric="rocAuc"]');
    expect(await auc.textContent()).toMatch(/^0\.\d{4} ± 0\.\d{4}$/);
    const mean = Number(await auc.getAttribute('data-mean'));
    const std = Number(await auc.getAttribute('data-std'));
    const each = await page.locator('[data-sweep-metric$=".rocAuc"]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
    expect(each).toHaveLength(5);
    expect(Math.abs(mean - each.reduce((s, v) => s + v, 0) / 5)).toBeLessThan(1e-12);
    expect(std).toBeGreaterThan(0);
    await page.selectOption('[data-testid="sweep-metric"]', 'rocAuc');
    await page.waitForSelector(`${cell} figure[aria-label^="Sweep: ROC-AUC against seed"] svg`);
  });
});

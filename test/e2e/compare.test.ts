// Comparing runs: the sortable runs table with R-precision and pinned rows,
// and the Compare cell's plots (overlaid curves, distributions, threshold
// curves, timeline, agreement heatmap, projection). Each test opens its own
// page and adds the runs it compares.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dropFiles, freshWorkbenchEachTest, waitIdle, useSession } from './browser.ts';
import { addDetector } from './page-actions.ts';

const session = useSession();
let page: Page;
freshWorkbenchEachTest(session, (p) => (page = p));

const RUNS = ['if', 'lof', 'ae'];
const liveRows = () => page.locator('[data-testid="runs-table"] tbody tr:not([data-pinned])');
const column = async (key: string) =>
  (await page.locator(`[data-testid="runs-table"] tbody tr td[data-col="${key}"]`).allTextContents()).map(Number);
const figure = (label: string) => page.locator(`[data-cell="compare"] figure[aria-label="${label}"]`);

/** Adds LOF and the autoencoder beside the forest and waits for their runs: the three runs (RUNS) compared. */
async function addThreeRuns(): Promise<void> {
  await addDetector(page, 'lof');
  await page.waitForSelector('[data-run-metric="lof.rocAuc"]', { timeout: 120_000 });
  await addDetector(page, 'autoencoder');
  await page.waitForSelector('[data-run-metric="ae.rocAuc"]', { timeout: 120_000 });
  await waitIdle(page);
}

describe('comparing runs', () => {
  it('lists every run in one table, sortable both ways by the numbers shown', async () => {
    await addThreeRuns();
    expect(await liveRows().count()).toBe(3);

    const header = page.locator('[data-testid="runs-table"] th:has(button[data-sort="rocAuc"])');
    await page.click('button[data-sort="rocAuc"]');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const down = await column('rocAuc');
    expect(down).toHaveLength(3);
    expect(down).toEqual([...down].sort((a, b) => b - a));
    // The header is a button: the keyboard sorts too.
    await page.focus('button[data-sort="rocAuc"]');
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const up = await column('rocAuc');
    expect(up).toEqual([...down].reverse());
  });

  it('shows precision at k = the labelled anomalies (R-precision)', async () => {
    await addThreeRuns();
    const title = await page.getAttribute('[data-testid="runs-table"] th:has(button[data-sort="precisionAtK"])', 'title');
    expect(title).toContain('R-precision');
    expect(title).toContain('k = 359 here'); // the sample's anomalies
    for (const v of await column('precisionAtK')) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(await page.textContent('[data-testid="runs-table"] tbody tr td[data-col="features"]')).toMatch(/^line · \d+ cols · standard$/);
  });

  it('overlays the ROC and PR curves of every run, one line each', async () => {
    await addThreeRuns();
    for (const [label, name] of [['ROC curves', 'ROC curve'], ['PR curves', 'PR curve']]) {
      await figure(label).locator('svg').first().waitFor();
      const lines = figure(label).locator(`path[aria-label^="${name} of "]`);
      expect(await lines.count(), label).toBe(3);
      expect((await lines.evaluateAll((ps) => ps.map((p) => p.getAttribute('aria-label')))).sort()).toEqual(RUNS.map((r) => `${name} of ${r}`).sort());
    }
    // Precision, recall and F1 against the shown run's threshold.
    const metrics = figure('Precision, recall and F1 by threshold').locator('path[aria-label]');
    expect(await metrics.evaluateAll((ps) => ps.map((p) => p.getAttribute('aria-label')))).toEqual(['precision', 'recall', 'F1']);
  });

  it('draws score distributions per run, the timeline and the projection', async () => {
    await addThreeRuns();
    // One small plot per run, titled with the run id.
    const small = figure('Score distributions').locator('figure');
    expect(await small.count()).toBe(3);
    expect(await small.locator('h2').allTextContents()).toEqual(RUNS);
    expect(await figure('Score distributions').locator('svg rect').count()).toBeGreaterThan(3 * 10);

    const dots = await figure('Score timeline').locator('svg circle').count();
    expect(dots).toBeGreaterThan(1000);
    expect(dots).toBeLessThanOrEqual(5000);
    expect(await page.textContent('[data-testid="timeline-note"]')).toMatch(/all [\d,]+ flagged/);
    // The sample has no host field: one lane, and "none" can always be picked.
    expect(await page.inputValue('[data-testid="timeline-lanes"]')).toBe('');

    const button = page.locator('[data-testid="show-projection"]');
    if (await button.count()) await button.click();
    await figure('Projection').locator('svg').first().waitFor();
    expect(await figure('Projection').locator('svg circle').count()).toBeGreaterThan(1000);
  });

  it('shows agreement as a runs × runs heatmap with a diagonal of 1, k selectable', async () => {
    await addThreeRuns();
    const cells = figure('Run agreement').locator('rect[aria-label]');
    expect(await cells.count()).toBe(9);
    const labels = await cells.evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label')!));
    for (const label of labels) {
      const [, a, b, v] = label.match(/^(.+) × (.+): ([\d.]+)$/)!;
      if (a === b) expect(Number(v), label).toBe(1);
      else expect(Number(v), label).toBeLessThanOrEqual(1);
    }
    expect(labels.filter((l) => /^(\S+) × \1: /.test(l))).toHaveLength(3);
    await page.selectOption('[data-testid="agreement-k"]', '10');
    await figure('Run agreement').locator('text=share of the top 10 in common').waitFor();
    expect(await cells.count()).toBe(9);
  });

  it('keeps a pinned run with its old numbers beside the runs over new features', async () => {
    await addThreeRuns();
    // LOF, not the isolation forest: its distances, and so its scores, change with the scaling.
    const before = await page.getAttribute('[data-run-metric="lof.rocAuc"]', 'data-value');
    await page.click('[data-testid="pin-lof"]');
    const pinned = page.locator('[data-testid="runs-table"] tr[data-pinned]');
    expect(await pinned.count()).toBe(1);
    expect(await page.isDisabled('[data-testid="pin-lof"]')).toBe(true);
    const key = (await pinned.getAttribute('data-pinned'))!;

    await page.selectOption('[data-testid="scaling"]', 'minmax');
    await page.waitForSelector('[data-run-metric="ae.rocAuc"]', { timeout: 120_000 });
    await waitIdle(page);
    await page.waitForSelector('[data-testid="runs-table"] td[data-col="features"] >> text=minmax');

    expect(await liveRows().count()).toBe(3);
    expect(await pinned.count()).toBe(1);
    expect(await pinned.locator('td[data-col="features"]').textContent()).toMatch(/ · standard$/);
    expect(await page.getAttribute(`[data-pin-metric="${key}.rocAuc"]`, 'data-value')).toBe(before);
    // The new run of the same detector is a row of its own, on the new features.
    const now = await page.getAttribute('[data-run-metric="lof.rocAuc"]', 'data-value');
    expect(now).not.toBe(before);
    expect(await page.textContent('[data-testid="runs-table"] tbody tr:has([data-run-metric="lof.rocAuc"]) td[data-col="features"]')).toMatch(/ · minmax$/);
    expect(await page.isDisabled('[data-testid="pin-lof"]')).toBe(false);

    await page.click(`[data-testid="unpin-${key}"]`);
    expect(await pinned.count()).toBe(0);
  });

  it('judges only the units after a split', async () => {
    await addThreeRuns();
    await page.selectOption('[data-testid="split-method"]', 'time');
    await page.waitForSelector('[data-testid="split-summary"] >> text=Learn from');
    await waitIdle(page);
    const summary = (await page.textContent('[data-testid="split-summary"]'))!;
    const judged = /judge ([\d,]+)/.exec(summary)![1];
    await page.waitForSelector(`[data-testid="compare-scope"] >> text=The ${judged} judged units (after the split) only.`);
    expect(await figure('ROC curves').locator('path[aria-label^="ROC curve of "]').count()).toBe(3);
    expect(await figure('Run agreement').locator('rect[aria-label]').count()).toBe(9);
    const dots = await figure('Score timeline').locator('svg circle').count();
    expect(dots).toBeGreaterThan(1000);
    expect(dots).toBeLessThanOrEqual(Number(judged.replace(/,/g, '')));
    const button = page.locator('[data-testid="show-projection"]');
    if (await button.count()) await button.click();
    await figure('Projection').locator('svg circle').first().waitFor();
  });

  it('draws one swimlane per host when the data has a host field', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 600; i++) {
      const slow = i % 97 === 5;
      const at = `2026-03-02T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`;
      lines.push(JSON.stringify({ received_at: at, hostname: ['web-1', 'web-2', 'db-1'][i % 3], message: `GET /x status=${slow ? 500 : 200} latency_ms=${slow ? 900 : 10 + (i % 7)}` }));
    }
    await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'hosts.jsonl', text: lines.join('\n') }]);
    await page.waitForSelector('text=600 rows, read as jsonl');
    await waitIdle(page);
    await page.waitForSelector('[data-testid="timeline-lanes"]');
    expect(await page.inputValue('[data-testid="timeline-lanes"]')).toBe('hostname');
    const lanes = figure('Score timeline').locator('g[aria-label="fy-axis tick label"] text');
    await lanes.first().waitFor();
    expect((await lanes.allTextContents()).sort()).toEqual(['db-1', 'web-1', 'web-2']);
    await page.selectOption('[data-testid="timeline-lanes"]', '');
    await figure('Score timeline').locator('g[aria-label="fy-axis tick label"]').waitFor({ state: 'detached' });
  });
});

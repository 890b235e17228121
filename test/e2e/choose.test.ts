// Compare and choose, the steps a person takes on the labelled sample:
// Isolation Forest, LOF and the autoencoder side by side; the table and the
// curves; the threshold slider moving the confusion matrix; an alert budget;
// a sweep; the explanation of a flagged line; its anomaly group; and a
// review of 20 lines whose marks change the metrics. Each step starts from a
// freshly opened workbench. With LAW_SCREENSHOTS=1 (`npm run screenshots`)
// it also photographs every cell for the README.
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { freshWorkbenchEachTest, ROOT, waitIdle, useSession } from './browser.ts';
import { addDetector, confusion, metric, shownCount } from './page-actions.ts';

const session = useSession();
let page: Page;
freshWorkbenchEachTest(session, (p) => (page = p));

/** Photographs an element for the README, when asked to (the images are committed, not rewritten by every test run). */
async function shot(selector: string, name: string): Promise<void> {
  if (!process.env.LAW_SCREENSHOTS) return;
  mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
  await page.locator(selector).first().screenshot({ path: join(ROOT, `docs/screenshots/${name}.png`) });
}

describe('compare and choose, end to end', () => {
  it('runs Isolation Forest, LOF and the autoencoder into one table and one set of curves', async () => {
    for (const type of ['lof', 'autoencoder']) {
      await addDetector(page, type);
      await waitIdle(page);
    }
    const rows = page.locator('[data-testid="runs-table"] tbody tr:not([data-pinned])');
    expect(await rows.count()).toBe(3);
    for (const id of ['if', 'lof', 'ae']) {
      const auc = Number(await page.getAttribute(`[data-run-metric="${id}.rocAuc"]`, 'data-value'));
      expect(auc, id).toBeGreaterThan(0.5);
    }
    const roc = page.locator('[data-cell="compare"] figure[aria-label="ROC curves"] path[aria-label^="ROC curve of "]');
    await roc.first().waitFor();
    expect(await roc.count()).toBe(3);
    expect(await page.locator('[data-cell="compare"] figure[aria-label="PR curves"] path[aria-label^="PR curve of "]').count()).toBe(3);
    for (const cell of ['data', 'labels', 'features', 'templates', 'split', 'detector-if', 'results', 'compare']) await shot(`[data-cell="${cell}"]`, cell);
  });

  it('moves the confusion matrix with the threshold slider, then holds an alert budget', async () => {
    const before = await confusion(page);
    await page.focus('[data-testid="threshold-slider"]');
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    const after = await confusion(page);
    expect(after.tp + after.fp).toBeGreaterThan(before.tp + before.fp);
    expect(after.tp + after.fp + after.fn + after.tn).toBe(10_000);

    await page.selectOption('[data-testid="threshold-method"]', 'alert-budget');
    await page.fill('[data-testid="threshold-budget"]', '5');
    await page.press('[data-testid="threshold-budget"]', 'Tab');
    await page.selectOption('[data-testid="threshold-per"]', 'hour');
    await page.waitForFunction(() => document.querySelector('[data-testid="threshold-explain"]')?.textContent?.startsWith('at most 5 alerts per hour'));
    // The sample spans under an hour, which counts as one: at most 5 alerts.
    expect(await shownCount(page, 'flagged')).toBeLessThanOrEqual(5);
    const budget = await confusion(page);
    expect(budget.tp + budget.fp).toBe(await shownCount(page, 'flagged'));
    await shot('[data-cell="threshold"]', 'threshold');
    await page.selectOption('[data-testid="threshold-method"]', 'contamination');
    await page.waitForFunction(() => !document.querySelector('[data-testid="threshold-explain"]')?.textContent?.startsWith('at most'));
  });

  it('sweeps the forest over two tree counts', async () => {
    await page.fill('[data-testid="sweep-values-trees"]', '10, 50');
    await page.click('[data-testid="sweep-run"]');
    await waitIdle(page);
    expect(await page.locator('[data-testid="sweep-table"] tbody tr').count()).toBe(2);
    await page.locator('[data-cell="sweep"] figure svg').first().waitFor();
    await shot('[data-cell="sweep"]', 'sweep');
  });

  it('explains a flagged line and finds its anomaly group', async () => {
    await page.locator('[data-testid="top-row"]').first().click();
    const panel = page.locator('[data-testid="explain-panel"]');
    await panel.locator('[data-testid="contribution"]').first().waitFor();
    expect(await panel.locator('[data-testid="explained-template"]').textContent()).toMatch(/<\*>/);
    await shot('[data-testid="explain-panel"]', 'explain');

    const groups = page.locator('[data-testid="anomaly-groups"] [data-testid="group-row"]');
    await groups.first().waitFor();
    const starred = groups.filter({ hasText: '***' });
    expect(await starred.count()).toBeGreaterThan(0);
    expect(Number(await starred.first().locator('[data-testid="group-count"]').textContent())).toBeGreaterThan(0);
    await shot('[data-cell="groups"]', 'groups');
  });

  it('reviews 20 lines from the keyboard, and marking anomalies "normal" changes the metrics', async () => {
    const rocAuc = await metric(page, 'rocAuc');
    const prAuc = await metric(page, 'prAuc');
    await page.click('[data-testid="review-draw"]');
    await page.locator('[data-testid="review-card"]').waitFor();
    // Every sampled line marked normal: the top-scored anomalies among them become normal units, ranked high.
    for (let i = 0; i < 20; i++) await page.keyboard.press('n');
    await page.waitForSelector('[data-testid="review-progress"] >> text=20 of 20 marked');
    await page.waitForFunction((v) => Number(document.querySelector('[data-metric="rocAuc"]')?.getAttribute('data-value')) < v, rocAuc);
    expect(await metric(page, 'rocAuc')).toBeLessThan(rocAuc);
    expect(await metric(page, 'prAuc')).toBeLessThan(prAuc);
    expect(await page.textContent('[data-testid="estimate-share"]')).toMatch(/\d/);
    await shot('[data-cell="review"]', 'review');
    for (const cell of ['triage', 'export']) await shot(`[data-cell="${cell}"]`, cell);
  });
});

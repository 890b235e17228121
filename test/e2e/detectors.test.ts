// Several detectors side by side: each its own cell with parameters, progress
// and cancel; the runs table; the autoencoder's live loss curve; the
// LOF + autoencoder ensemble in one click. Each test opens its own page and
// adds the detectors it needs.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dropFiles, freshWorkbenchEachTest, waitIdle, useSession } from './browser.ts';
import { addDetector } from './page-actions.ts';

const session = useSession();
let page: Page;
freshWorkbenchEachTest(session, (p) => (page = p));

const idle = () => waitIdle(page);
const runRows = () => page.locator('[data-testid="runs-table"] tbody tr');
const add = (type: string) => addDetector(page, type);

/** Adds a detector of `type` and waits for its run (`id`) to finish. */
async function addAndRun(type: string, id: string): Promise<void> {
  await add(type);
  await page.waitForSelector(`[data-run-metric="${id}.rocAuc"]`, { timeout: 120_000 });
  await idle();
}

describe('detectors side by side', () => {
  it('adds PCA and the autoencoder as cells; each run lands in the runs table', async () => {
    await add('pca');
    await page.waitForSelector('[data-cell="detector-pca"]');
    await page.waitForSelector('[data-run-metric="pca.rocAuc"]');
    await add('autoencoder');
    await page.waitForSelector('[data-cell="detector-ae"]');
    // The loss per epoch streams in while it trains, and the backend is named.
    await page.waitForSelector('figure[aria-label="Training loss of ae"] svg', { timeout: 120_000 });
    await page.waitForSelector('[data-run-metric="ae.rocAuc"]', { timeout: 120_000 });
    await idle();
    expect(await page.textContent('[data-testid="run-timing-ae"]')).toMatch(/on TensorFlow\.js (wasm|cpu)/);
    expect(await runRows().count()).toBe(3);
    for (const id of ['if', 'pca', 'ae']) {
      const auc = Number(await page.textContent(`[data-run-metric="${id}.rocAuc"]`));
      expect(auc, id).toBeGreaterThan(0.65); // clearly better than chance on the sample
    }
  });

  it('shows a chosen run in the results, and its parameters re-run only it', async () => {
    await addAndRun('pca', 'pca');
    await page.selectOption('[data-testid="threshold-run"]', 'pca');
    await page.waitForSelector('h3 >> text=Run “pca”');
    const before = await page.textContent('[data-run-metric="if.rocAuc"]');
    await page.fill('[data-testid="param-pca-variance"]', '0.8');
    await page.press('[data-testid="param-pca-variance"]', 'Enter');
    await idle();
    expect(await page.textContent('[data-run-metric="if.rocAuc"]')).toBe(before);
  });

  it('cancels one detector and keeps the others', async () => {
    // The forest, PCA and the autoencoder, as a person has them after adding two detectors.
    await addAndRun('pca', 'pca');
    await addAndRun('autoencoder', 'ae');
    await page.fill('[data-testid="param-ae-epochs"]', '400');
    await page.press('[data-testid="param-ae-epochs"]', 'Enter');
    await page.waitForSelector('progress[aria-label="Scoring ae progress"]');
    await page.click('[data-cell="detector-ae"] >> text=Cancel');
    await page.waitForSelector('[data-cell="detector-ae"] >> text=Cancelled; what was there before is kept.');
    expect(await runRows().count()).toBe(3);
  });

  it('adds the LOF + autoencoder ensemble in one click, and shows it', async () => {
    // An autoencoder is there already: the ensemble's own gets a fresh id, ae2.
    await addAndRun('autoencoder', 'ae');
    await page.click('[data-testid="add-lof-ae"]');
    await page.waitForSelector('[data-cell="detector-lof"]');
    await page.waitForSelector('[data-run-metric="ensemble.rocAuc"]', { timeout: 120_000 });
    await idle();
    expect(await page.textContent('[data-cell="results"] h3')).toBe('Run “ensemble”');
    expect(await page.inputValue('[data-testid="threshold-run"]')).toBe('ensemble');
    for (const id of ['lof', 'ae2', 'ensemble']) expect(Number(await page.textContent(`[data-run-metric="${id}.rocAuc"]`)), id).toBeGreaterThan(0.65);
  });

  it('fits one model per host when asked, and lists hosts too small for their own', async () => {
    const lines: string[] = [];
    const hosts = ['web-1', 'web-2', 'db-1'];
    for (let i = 0; i < 300; i++) {
      const host = i < 5 ? 'tiny-1' : hosts[i % 3];
      lines.push(JSON.stringify({ received_at: `2026-03-02T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`, hostname: host, message: `GET /x status=200 latency_ms=${10 + (i % 7)}` }));
    }
    await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'hosts.jsonl', text: lines.join('\n') }]);
    await page.waitForSelector('text=300 rows, read as jsonl');
    await idle();
    await page.selectOption('[data-testid="group-if"]', 'hostname');
    await page.waitForSelector('[data-cell="detector-if"] >> text=1 group(s) too small for a model of their own');
    expect(await page.textContent('[data-cell="detector-if"] .note')).toContain('tiny-1 (5 rows)');
  });
});

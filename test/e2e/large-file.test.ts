// A 100k-line file loads and scores while the page keeps answering clicks;
// progress bars move; no task holds the page's thread past 200 ms; cancel
// stops the work and keeps what was there. Each test opens its own page and
// loads what it needs.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWebappLog } from '../../datasets/webapp/generate.ts';
import { dropFiles, freshWorkbenchEachTest, useSession, waitIdle } from './browser.ts';
import { rocAucText } from './page-actions.ts';

const session = useSession();
let page: Page;
freshWorkbenchEachTest(session, (p) => (page = p));
const big = generateWebappLog({ lines: 100_000, seed: 3 });

const idle = () => waitIdle(page);
const rocAuc = () => rocAucText(page);

/** Drops the 100,000-line file and waits until it is read, featured and scored. */
async function loadBig(): Promise<void> {
  await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'webapp-100k.log', text: big }]);
  await page.waitForSelector('text=100,000 rows, read as text', { timeout: 120_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="matrix-shape"]')?.textContent?.includes('100,000 rows'), undefined, { timeout: 120_000 });
  await idle();
}

/** Records every progress bar value the page shows, frame by frame. */
async function recordProgress() {
  await page.evaluate(() => {
    const seen: [string, number][] = [];
    (window as unknown as { __progress: typeof seen }).__progress = seen;
    const tick = () => {
      for (const p of document.querySelectorAll('progress')) seen.push([p.getAttribute('aria-label') ?? '', (p as HTMLProgressElement).value]);
      requestAnimationFrame(tick);
    };
    tick();
  });
}

/** The longest a main-thread task may take while a file loads, is featured and scored (ms): past it a person feels the page stall. */
const LONG_TASK_MS = 200;

/** Records every main-thread task over 50 ms from now on (PerformanceObserver 'longtask'). */
async function recordLongTasks() {
  await page.evaluate(() => {
    const seen: { start: number; duration: number }[] = [];
    (window as unknown as { __longTasks: typeof seen }).__longTasks = seen;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) seen.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
    }).observe({ type: 'longtask' });
  });
}

describe('a 100,000-line file', () => {
  it('loads and scores with moving progress bars, no main-thread task over 200 ms', async () => {
    await recordProgress();
    await recordLongTasks();
    await loadBig();
    expect(Number(await rocAuc())).toBeGreaterThan(0.9);
    const seen = await page.evaluate(() => (window as unknown as { __progress: [string, number][] }).__progress);
    const scoring = new Set(seen.filter(([label, v]) => label === 'Scoring if progress' && v > 0 && v < 1).map(([, v]) => v));
    expect(scoring.size).toBeGreaterThanOrEqual(2);
    // Reading, features and scoring run in workers; what reaches the page is typed arrays and the rows it shows.
    const long = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
    expect(long.filter((t) => t.duration > LONG_TASK_MS), `main-thread tasks over ${LONG_TASK_MS} ms (start and duration, ms): ${JSON.stringify(long)}`).toEqual([]);
  });

  it('answers clicks while scoring, and cancel keeps the previous results', async () => {
    await loadBig();
    const before = await rocAuc();
    // 10,000 trees (the bound) on 100,000 lines score for about a minute (56 s on 2 shared cores), and the clicks
    // and the cancel below come within a second of its progress bar showing: they land while it runs, on a loaded
    // machine too (3,000 trees could finish first).
    await page.fill('[data-testid="param-if-trees"]', '10000');
    await page.press('[data-testid="param-if-trees"]', 'Enter');
    await page.waitForSelector('progress[aria-label="Scoring if progress"]');
    // A click on another cell is answered while the detector still runs.
    await page.click('#labels-title');
    expect(await page.getAttribute('[data-cell="labels"] .toggle', 'aria-expanded')).toBe('false');
    expect(await page.locator('progress[aria-label="Scoring if progress"]').count()).toBe(1);
    await page.click('[data-cell="labels"] .toggle');
    expect(await page.getAttribute('[data-cell="labels"] .toggle', 'aria-expanded')).toBe('true');
    // Cancel, while the run still shows its progress: the work stops and the earlier results stay.
    expect(await page.locator('progress[aria-label="Scoring if progress"]').count()).toBe(1);
    await page.click('[data-cell="detector-if"] >> text=Cancel');
    await page.waitForSelector('[data-cell="detector-if"] >> text=Cancelled; what was there before is kept.');
    expect(await page.locator('progress').count()).toBe(0);
    expect(await rocAuc()).toBe(before);
  });

  it('cancelling a load keeps the data loaded before', async () => {
    await loadBig();
    await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'again-100k.log', text: big }]);
    await page.click('[data-cell="data"] >> text=Cancel');
    await page.waitForSelector('[data-cell="data"] >> text=Cancelled; what was there before is kept.');
    expect(await page.textContent('[data-testid="files"]')).toContain('webapp-100k.log');
    expect(await page.textContent('[data-testid="files"]')).not.toContain('again-100k.log');
  });

  it('a million lines (about 150 MB) load, parse and score while the page answers clicks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'law-1m-'));
    const path = join(dir, 'webapp-1m.log');
    writeFileSync(path, generateWebappLog({ lines: 1_000_000, seed: 5 }));
    await page.setInputFiles('[data-testid="file-input"]', path);
    // While the features are built (the longest phase), another cell still answers.
    await page.waitForSelector('progress[aria-label="Building features progress"]', { timeout: 120_000 });
    await page.click('#labels-title');
    expect(await page.getAttribute('[data-cell="labels"] .toggle', 'aria-expanded')).toBe('false');
    expect(await page.locator('progress[aria-label="Building features progress"]').count()).toBe(1);
    await page.click('[data-cell="labels"] .toggle');
    await page.waitForSelector('text=1,000,000 rows, read as text');
    await page.waitForFunction(() => document.querySelector('[data-testid="matrix-shape"]')?.textContent?.includes('1,000,000 rows'), undefined, { timeout: 120_000 });
    await idle();
    expect(Number(await rocAuc())).toBeGreaterThan(0.9);
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});

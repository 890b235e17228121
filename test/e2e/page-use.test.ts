// The page as people use it (issue 13, point 7): reachable from the
// keyboard, quiet on first open, one number per cell.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { openWorkbench, ROOT, useSession, waitIdle } from './browser.ts';
import { addDetector } from './page-actions.ts';

const session = useSession();

/** Presses Tab until the element with `testid` has the focus; returns how many presses it took (fails past `limit`). */
async function tabTo(page: Page, testid: string, limit = 800): Promise<number> {
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testid)) return i;
  }
  throw new Error(`${testid} not reached in ${limit} presses of Tab`);
}

/**
 * Presses Enter on the focused file input and returns the chooser it opens. Under load the first
 * press can be lost while the page is still busy; a person presses again, and so does this (3 tries).
 */
async function enterOpensChooser(page: Page, testid: string) {
  for (let attempt = 1; ; attempt++) {
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(testid);
    try {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5000 }), page.keyboard.press('Enter')]);
      return chooser;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

describe('the page as people use it', () => {
  it('shows no alert on first open, before anything is done', async () => {
    const page = await openWorkbench(session());
    const alerts = await page.locator('[role="alert"]').allTextContents();
    expect(alerts).toEqual([]);
    // Where there is nothing to do yet, the cell says what to do next instead.
    expect(await page.textContent('[data-testid="sweep-next"]')).toMatch(/^Next: /);
  });

  it('reaches Choose files and Import spec with Tab, and Enter opens the file chooser', async () => {
    const page = await openWorkbench(session());
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await tabTo(page, 'file-input')).toBeLessThan(20);
    const chooser = await enterOpensChooser(page, 'file-input');
    expect(chooser.isMultiple()).toBe(true);
    // Close it as a person would with Cancel: a second chooser does not open while one is open.
    await chooser.setFiles([]);
    await tabTo(page, 'import-input');
    const importer = await enterOpensChooser(page, 'import-input');
    expect(importer.isMultiple()).toBe(false);
    await importer.setFiles([]);
  });

  it('tells a newcomer what to do next in every cell', async () => {
    const page = await openWorkbench(session());
    const cells = page.locator('section.cell');
    const n = await cells.count();
    expect(n).toBeGreaterThan(10);
    for (let i = 0; i < n; i++) {
      const cell = cells.nth(i);
      const title = await cell.locator('header h2').first().textContent();
      expect(await cell.locator('[data-testid="next"]').first().textContent(), title!).toMatch(/^Next: \S.{10,}$/);
    }
  });

  it('Remove on a detector can be undone: the cell, its parameters and its run come back in place', async () => {
    const page = await openWorkbench(session());
    await addDetector(page, 'lof');
    await page.waitForSelector('[data-run-metric="lof.rocAuc"]', { timeout: 120_000 });
    await waitIdle(page);
    await page.fill('[data-testid="param-lof-k"]', '15');
    await page.press('[data-testid="param-lof-k"]', 'Tab');
    await waitIdle(page);
    const auc = await page.getAttribute('[data-run-metric="lof.rocAuc"]', 'data-value');
    const order = async () => page.$$eval('[data-cell^="detector-"]', (els) => els.map((e) => e.getAttribute('data-cell')));
    const before = await order();
    await page.click('button[aria-label="Remove if"]');
    expect(await order()).toEqual(before.filter((c) => c !== 'detector-if'));
    expect(await page.textContent('[data-testid="removed-note"]')).toContain('Removed if.');
    await page.click('[data-testid="undo-remove"]');
    expect(await order()).toEqual(before);
    expect(await page.locator('[data-testid="removed-note"]').count()).toBe(0);
    await waitIdle(page);
    expect(await page.inputValue('[data-testid="param-lof-k"]')).toBe('15');
    expect(await page.getAttribute('[data-run-metric="lof.rocAuc"]', 'data-value')).toBe(auc);
    expect(await page.getAttribute('[data-run-metric="if.rocAuc"]', 'data-value')).not.toBeNull();
  });

  it('numbers every cell once', async () => {
    const page = await openWorkbench(session());
    const steps = await page.locator('section.cell .step').allTextContents();
    expect(steps.length).toBeGreaterThan(10);
    expect(new Set(steps).size, steps.join(' ')).toBe(steps.length);
  });
});

describe('screens and colour schemes', () => {
  /** The workbench with the sample scored, in a page of this size and colour scheme. */
  async function openAs(width: number, colorScheme: 'light' | 'dark') {
    const page = await session().browser.newPage({ viewport: { width, height: 900 }, colorScheme });
    await page.goto(session().url);
    await page.waitForSelector('[data-metric="rocAuc"]');
    await page.waitForFunction(() => document.querySelectorAll('progress').length === 0, undefined, { timeout: 120_000 });
    return page;
  }
  const shot = async (page: Page, name: string) => {
    // Kept for a person to look at (npm run screenshots writes them into docs/screenshots).
    if (process.env.LAW_SCREENSHOTS) await page.screenshot({ path: join(ROOT, `docs/screenshots/${name}.png`), fullPage: false });
  };

  it('at 390 px nothing makes the page scroll sideways, and the histogram fits', async () => {
    const page = await openAs(390, 'light');
    const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(scroll).toBeLessThanOrEqual(inner);
    const histogram = await page.locator('figure[aria-label="Score histogram by label"] svg').last().boundingBox();
    expect(histogram!.width).toBeLessThanOrEqual(390);
    expect(histogram!.width).toBeGreaterThan(250);
    // Its count axis is not linear, and says so.
    expect(await page.locator('figure[aria-label="Score histogram by label"]').textContent()).toContain('rows (square-root scale)');
    await shot(page, 'narrow');
    await page.close();
  });

  it('at 2560 px the notebook uses the width', async () => {
    const page = await openAs(2560, 'light');
    const main = await page.locator('main').boundingBox();
    expect(main!.width).toBeGreaterThan(1800);
    await page.close();
  });

  it('follows a dark system colour scheme: dark surfaces, light text, every cell', async () => {
    const page = await openAs(1280, 'dark');
    const colours = await page.evaluate(() => {
      const lum = (c: string) => {
        const [r, g, b] = c.match(/\d+(\.\d+)?/g)!.map(Number);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const cells = [...document.querySelectorAll('section.cell')].map((el) => lum(getComputedStyle(el).backgroundColor));
      return { body: lum(getComputedStyle(document.body).backgroundColor || getComputedStyle(document.documentElement).backgroundColor), text: lum(getComputedStyle(document.body).color), cells };
    });
    expect(colours.text).toBeGreaterThan(180);
    expect(Math.max(...colours.cells)).toBeLessThan(60);
    await shot(page, 'dark');
    await page.close();
  });
});

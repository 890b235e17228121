// The page as people use it (issue 13, point 7): reachable from the
// keyboard, quiet on first open, one number per cell.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openWorkbench, useSession } from './browser.ts';

const session = useSession();

/** Presses Tab until the element with `testid` has the focus; returns how many presses it took (fails past `limit`). */
async function tabTo(page: Page, testid: string, limit = 800): Promise<number> {
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testid)) return i;
  }
  throw new Error(`${testid} not reached in ${limit} presses of Tab`);
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
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
    expect(chooser.isMultiple()).toBe(true);
    await tabTo(page, 'import-input');
    const [importer] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
    expect(importer.isMultiple()).toBe(false);
  });

  it('numbers every cell once', async () => {
    const page = await openWorkbench(session());
    const steps = await page.locator('section.cell .step').allTextContents();
    expect(steps.length).toBeGreaterThan(10);
    expect(new Set(steps).size, steps.join(' ')).toBe(steps.length);
  });
});

// What the browser tests read from the workbench and do in it, written once:
// the numbers a cell shows, the confusion counts, a metric at full precision,
// the Data cell's alert, adding a detector.
import type { Page } from 'playwright-core';

/** The whole number shown in the element `data-testid="<id>"`, its thousands separators removed. */
export async function shownCount(page: Page, id: string): Promise<number> {
  return Number((await page.textContent(`[data-testid="${id}"]`))!.replace(/,/g, ''));
}

/** The confusion counts the threshold cell shows. */
export async function confusion(page: Page): Promise<{ tp: number; fp: number; fn: number; tn: number }> {
  return { tp: await shownCount(page, 'tp'), fp: await shownCount(page, 'fp'), fn: await shownCount(page, 'fn'), tn: await shownCount(page, 'tn') };
}

/** The full-precision value (`data-value`) of the element `selector`, as a number. */
export async function dataValue(page: Page, selector: string): Promise<number> {
  return Number(await page.getAttribute(selector, 'data-value'));
}

/** One metric of the shown run as the Results cell holds it (`data-metric="<key>"`), at full precision. */
export function metric(page: Page, key: string): Promise<number> {
  return dataValue(page, `[data-metric="${key}"]`);
}

/** The shown run's ROC-AUC exactly as the page writes it (the attribute's text), to compare before and after. */
export function rocAucText(page: Page): Promise<string | null> {
  return page.getAttribute('[data-metric="rocAuc"]', 'data-value');
}

/** The text of the Data cell's alert (a refused file). */
export function dataAlert(page: Page): Promise<string | null> {
  return page.locator('[data-cell="data"] [role="alert"]').textContent();
}

/** Picks `type` in the "add a detector" menu and adds it: its cell appears and its run starts at once. */
export async function addDetector(page: Page, type: string): Promise<void> {
  await page.selectOption('[data-testid="add-detector-type"]', type);
  await page.click('[data-testid="add-detector-button"]');
}

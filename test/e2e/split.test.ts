// Train on a baseline window, judge what follows: the split cell, its
// timeline, and metrics that count only the judged rows.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openWorkbench, waitIdle, useSession } from './browser.ts';
import { confusion } from './page-actions.ts';

const session = useSession();
let page: Page;
beforeAll(async () => {
  page = await openWorkbench(session());
});

const idle = () => waitIdle(page);
const confusionTotal = async () => {
  const { tp, fp, fn, tn } = await confusion(page);
  return tp + fp + fn + tn;
};

describe('a baseline split in the page', () => {
  it('learns from the baseline and judges only what follows', async () => {
    await idle();
    expect(await page.textContent('[data-testid="split-summary"]')).toContain('All 10,000 rows are learned from and judged.');
    expect(await confusionTotal()).toBe(10000);
    await page.selectOption('[data-testid="split-method"]', 'time');
    await page.waitForSelector('[data-testid="split-summary"] >> text=Learn from');
    await idle();
    const summary = (await page.textContent('[data-testid="split-summary"]'))!;
    const [, train, judged] = /Learn from ([\d,]+) rows, judge ([\d,]+)/.exec(summary)!;
    const n = (s: string) => Number(s.replace(/,/g, ''));
    expect(n(train) + n(judged)).toBe(10000);
    expect(n(train)).toBeGreaterThan(5000);
    await page.waitForSelector('figure[aria-label="Split on a timeline"] svg');
    await page.waitForFunction(() => document.querySelector('[data-metric="rocAuc"]'));
    expect(await confusionTotal()).toBe(n(judged));
    expect(Number(await page.getAttribute('[data-metric="rocAuc"]', 'data-value'))).toBeGreaterThan(0.85);
  });
});

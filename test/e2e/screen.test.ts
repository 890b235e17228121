// The Screen cell as a person uses it: on the labelled sample, screen every
// candidate feature set × detector, read the leaderboard with its intervals,
// and apply the best; without labels, mark a pooled sample of the
// candidates' top lines and read each candidate's precision with an interval.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openWorkbench, useSession, waitIdle } from './browser.ts';

const session = useSession();

async function runScreen(page: Page) {
  await page.click('[data-testid="screen-run"]');
  // Progress and cancel while it runs.
  await page.waitForSelector('[data-testid="screen-cancel"]');
  expect(await page.textContent('[data-testid="screen-status"]')).toMatch(/screening|finding/);
  await page.waitForSelector('[data-testid="screen-table"]', { timeout: 300_000 });
}

interface Row { features: string; detector: string; cells: string[] }
const rows = (page: Page): Promise<Row[]> =>
  page.$$eval('[data-testid="screen-row"]', (trs) => trs.map((tr) => ({
    features: tr.getAttribute('data-features')!,
    detector: tr.getAttribute('data-detector')!,
    cells: [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()),
  })));

describe('the screen', () => {
  it('can be cancelled, and leaves the notebook as it was', async () => {
    const page = await openWorkbench(session());
    const before = await page.getAttribute('[data-metric="prAuc"]', 'data-value');
    await page.click('[data-testid="screen-run"]');
    await page.click('[data-testid="screen-cancel"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="screen-status"]')?.textContent === 'cancelled');
    expect(await page.locator('[data-testid="screen-table"]').count()).toBe(0);
    expect(await page.isEnabled('[data-testid="screen-run"]')).toBe(true);
    expect(await page.getAttribute('[data-metric="prAuc"]', 'data-value')).toBe(before);
  });

  it('with labels: ranks by PR-AUC with intervals, compares #1 and #2, and applies the best to the notebook', async () => {
    const page = await openWorkbench(session());
    await runScreen(page);
    expect(await page.getAttribute('[data-testid="screen-table"]', 'data-criterion')).toBe('labels');
    const table = await rows(page);
    const names = new Set(table.map((r) => r.features));
    for (const n of ['defaults', 'level + template', 'template rarity', 'numeric fields', 'text (hashed TF-IDF)']) expect(names, n).toContain(n);
    expect(new Set(table.map((r) => r.detector))).toContain('lof');
    // Sorted best first; each PR-AUC inside its own interval.
    // A candidate whose units all carry one label (every 5-minute window holds an anomaly) has no PR-AUC: "—", ranked last.
    const ran = table.filter((r) => /^\d/.test(r.cells[3]));
    expect(ran.length).toBeGreaterThan(20);
    const pr = ran.map((r) => Number(r.cells[3]));
    expect(pr).toEqual([...pr].sort((a, b) => b - a));
    for (const r of ran) {
      const [lo, hi] = r.cells[4].slice(1, -1).split(', ').map(Number);
      expect(lo, `${r.features} × ${r.detector}`).toBeLessThanOrEqual(Number(r.cells[3]) + 1e-3);
      expect(hi).toBeGreaterThanOrEqual(Number(r.cells[3]) - 1e-3);
    }
    expect(await page.textContent('[data-testid="screen-comparison"]')).toMatch(/^\s*#1 is (not significantly )?better than #2 on PR-AUC/);

    // Use the best: the notebook runs that feature set with that one detector, and shows the PR-AUC the screen did.
    const best = await page.getAttribute('[data-testid="screen-row"] >> nth=0', 'data-pr-auc');
    await page.click('[data-testid="screen-apply"][data-index="0"]');
    await page.waitForFunction((v) => {
      const el = document.querySelector('[data-metric="prAuc"]');
      return el && Math.abs(Number(el.getAttribute('data-value')) - Number(v)) < 1e-9;
    }, best, { timeout: 120_000 });
    await waitIdle(page);
    // One detector cell is left, and it is the run the threshold and results show.
    const cells = page.locator('[data-cell^="detector-"]');
    expect(await cells.count()).toBe(1);
    const id = (await cells.getAttribute('data-cell'))!.slice('detector-'.length);
    expect(await page.inputValue('[data-testid="threshold-run"]')).toBe(id);
  });

  it('without labels: proxies, and a pooled review that gives each candidate its precision at k with an interval', async () => {
    const page = await openWorkbench(session());
    await page.selectOption('[data-testid="label-kind"]', 'none');
    await waitIdle(page);
    await runScreen(page);
    expect(await page.getAttribute('[data-testid="screen-table"]', 'data-criterion')).toBe('label-free');
    expect(await page.textContent('[data-cell="screen"]')).toContain('No labels: ranked by a proxy');
    await page.fill('[data-testid="pooled-k"]', '10');
    await page.fill('[data-testid="pooled-size"]', '25');
    await page.click('[data-testid="pooled-draw"]');
    await page.waitForSelector('[data-testid="pooled-card"]');
    // Mark from the keyboard, by the sample's own truth: a first token other than "-" is an anomaly.
    for (let i = 0; i < 25; i++) {
      const first = (await page.locator('[data-testid="pooled-text"] .raw').first().textContent())!.split(' ')[0];
      await page.keyboard.press(first === '-' ? 'n' : 'a');
    }
    expect(await page.textContent('[data-testid="pooled-progress"]')).toMatch(/^25 of 25 marked \(pool of [\d,]+\)$/);
    const cells = await page.$$eval('[data-testid="screen-precision"]', (tds) => tds.map((td) => ({
      marked: td.getAttribute('data-marked'), p: td.getAttribute('data-precision'), lo: td.getAttribute('data-lo'), hi: td.getAttribute('data-hi'), text: td.textContent!.trim(),
    })));
    const marked = cells.filter((c) => c.marked && Number(c.marked) > 0);
    expect(marked.length).toBeGreaterThan(3);
    for (const c of marked) {
      expect(Number(c.lo)).toBeLessThanOrEqual(Number(c.p));
      expect(Number(c.hi)).toBeGreaterThanOrEqual(Number(c.p));
      expect(c.text).toMatch(/^\d+ % \(\d+ % to \d+ %\), \d+ marked$/);
    }
    // Some candidate's top 10 was only partly marked: its interval is a range, not a point.
    expect(marked.some((c) => Number(c.marked) < 10 && Number(c.hi) - Number(c.lo) > 0.1)).toBe(true);
  });
});

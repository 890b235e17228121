// The anomaly kinds judged against a baseline, in the page as a person adds
// them: train on the first part of the sample, add "a template never seen in
// the baseline", and read why the top line was flagged.
import { describe, expect, it } from 'vitest';
import { openWorkbench, useSession, waitIdle } from './browser.ts';
import { addDetector } from './page-actions.ts';

const session = useSession();

describe('anomaly kinds in the page', () => {
  it('template-novelty on a baseline split flags lines of templates the baseline never had, and says so', async () => {
    const page = await openWorkbench(session());
    await page.selectOption('[data-testid="split-method"]', 'ratio');
    await waitIdle(page);
    // The kinds read shares and counts as built: no rescaling.
    await page.selectOption('[data-testid="scaling"]', 'none');
    await waitIdle(page);
    await addDetector(page, 'template-novelty');
    await page.waitForSelector('[data-run-metric="new.rocAuc"]', { timeout: 120_000 });
    await waitIdle(page);
    await page.selectOption('[data-testid="threshold-run"]', 'new');
    await waitIdle(page);
    const top = page.locator('[data-testid="top-row"]').first();
    // A line of a template the training part never had scores 1, everything else 0.
    expect(Number(await top.getAttribute('data-score'))).toBe(1);
    const scores = (await page.$$eval('[data-testid="top-row"]', (rows) => rows.map((r) => Number(r.getAttribute('data-score')))));
    expect(scores.every((s) => s === 0 || s === 1)).toBe(true);
    await top.click();
    const panel = page.locator('[data-testid="explain-panel"]');
    await panel.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="explain-panel"]')?.textContent?.includes('New template: none of the baseline'));
    expect(await panel.textContent()).toMatch(/New template: none of the baseline's [\d,]+ training lines has this line's template \(share 0\)/);
  });
});

// Picking a threshold as a person does: an alert budget, then the best F1,
// each exported and replayed with `law run`, which must land on the same
// threshold as the page.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench, ROOT, useSession } from './browser.ts';
import { confusion, dataValue, shownCount } from './page-actions.ts';
import { readLogs, sourceFromText } from '../../app/core/ingest/read-logs.ts';

const SAMPLE = join(ROOT, 'datasets/webapp/webapp-10k.log');

const session = useSession();

/** The loaded time span of the sample, in hours, from its timestamps. */
async function sampleHours(): Promise<number> {
  const data = await readLogs([sourceFromText('webapp-10k.log', readFileSync(SAMPLE))]);
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of data.timestamp) {
    if (Number.isFinite(t)) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
  }
  return (hi - lo) / 3_600_000;
}

/** Exports the spec, replays it with the CLI, and returns both. */
async function exportAndReplay(page: Page, dir: string): Promise<{ spec: { threshold: unknown }; threshold: number | null }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export"]')]);
  const specPath = join(dir, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(specPath);
  const spec = JSON.parse(readFileSync(specPath, 'utf8'));
  const out = execFileSync(process.execPath, [join(ROOT, 'bin/law.js'), 'run', specPath, '--data', SAMPLE, '--format', 'json'], { encoding: 'utf8' });
  return { spec, threshold: JSON.parse(out).runs[0].metrics.threshold };
}

describe('the threshold cell', () => {
  it('picks an alert budget and the best F1; the exported spec replays to the same threshold', async () => {
    const page = await openWorkbench(session());
    const dir = mkdtempSync(join(tmpdir(), 'law-e2e-threshold-'));
    const c0 = await confusion(page);
    expect(c0.tp + c0.fp + c0.fn + c0.tn).toBe(10000);

    // At most 5 alerts per hour. The sample spans less than an hour, which the budget counts as one.
    const hours = await sampleHours();
    expect(hours).toBeGreaterThan(0);
    const allowed = Math.floor(5 * Math.max(hours, 1));
    await page.selectOption('[data-testid="threshold-method"]', 'alert-budget');
    await page.fill('[data-testid="threshold-budget"]', '5');
    await page.press('[data-testid="threshold-budget"]', 'Tab');
    await page.selectOption('[data-testid="threshold-per"]', 'hour');
    await page.waitForFunction(() => document.querySelector('[data-testid="threshold-explain"]')?.textContent?.startsWith('at most 5 alerts per hour'));
    const flagged = await shownCount(page, 'flagged');
    expect(flagged).toBeLessThanOrEqual(allowed);
    expect(flagged).toBeGreaterThan(0);
    const over = hours < 1 ? `${Number(hours.toPrecision(4))} h (counted as 1 hour)` : `${Number(hours.toPrecision(4))} h`;
    expect(await page.textContent('[data-testid="threshold-explain"]')).toMatch(
      new RegExp(`^at most 5 alerts per hour over ${over.replace(/[()]/g, '\\$&')}: ${allowed} alerts allowed, ${flagged} flagged`),
    );
    // The confusion matrix follows: far fewer flagged than the 5 % before.
    const c1 = await confusion(page);
    expect(c1).not.toEqual(c0);
    expect(c1.tp + c1.fp).toBe(flagged);
    expect(c1.tp + c1.fp + c1.fn + c1.tn).toBe(10000);

    // Exported and replayed: the same threshold.
    const budget = await exportAndReplay(page, dir);
    expect(budget.spec.threshold).toEqual({ run: 'if', method: 'alert-budget', value: 5, per: 'hour', scores: { if: await dataValue(page, '[data-testid="threshold-value"]') } });
    expect(Math.abs(budget.threshold! - (await dataValue(page, '[data-testid="threshold-value"]')))).toBeLessThan(1e-9);

    // A day's budget over the same span allows no more.
    await page.selectOption('[data-testid="threshold-per"]', 'day');
    await page.waitForFunction(() => document.querySelector('[data-testid="threshold-explain"]')?.textContent?.startsWith('at most 5 alerts per day'));
    expect(await shownCount(page, 'flagged')).toBeLessThanOrEqual(5);

    // A percentile slider moves the counts with the keyboard.
    await page.selectOption('[data-testid="threshold-method"]', 'percentile');
    const atPercentile = await shownCount(page, 'flagged');
    await page.focus('[data-testid="threshold-slider"]');
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="flagged"]')!.textContent!.replace(/,/g, '')) > n, atPercentile);
    expect(await page.textContent('[data-testid="threshold-setting"]')).toMatch(/^score ≥ percentile \d+\.\d$/);

    // Best F1: the F1 at the threshold is the best F1 the results report.
    await page.selectOption('[data-testid="threshold-method"]', 'best-f1');
    await page.waitForFunction(() => document.querySelector('[data-testid="threshold-explain"]')?.textContent?.startsWith('best F1'));
    const f1 = await dataValue(page, '[data-testid="threshold-f1"]');
    const best = await dataValue(page, '[data-metric="bestF1"]');
    expect(best).toBeGreaterThan(0.4);
    expect(Math.abs(f1 - best)).toBeLessThan(1e-12);
    expect(await dataValue(page, '[data-testid="threshold-value"]')).toBe(await dataValue(page, '[data-metric="bestF1Threshold"]'));
    expect(await page.textContent('[data-testid="threshold-explain"]')).toContain(`best F1 ${Number(best.toPrecision(4))} on the labels`);
    expect(await confusion(page)).not.toEqual(c1);

    const bestF1 = await exportAndReplay(page, dir);
    expect(bestF1.spec.threshold).toEqual({ run: 'if', method: 'best-f1', scores: { if: await dataValue(page, '[data-testid="threshold-value"]') } });
    expect(Math.abs(bestF1.threshold! - (await dataValue(page, '[data-testid="threshold-value"]')))).toBeLessThan(1e-9);

    // A reload keeps the choice.
    await page.reload();
    await page.waitForSelector('[data-metric="rocAuc"]');
    await page.waitForFunction(() => document.querySelectorAll('progress').length === 0);
    expect(await page.inputValue('[data-testid="threshold-method"]')).toBe('best-f1');
    expect(Math.abs((await dataValue(page, '[data-testid="threshold-f1"]')) - best)).toBeLessThan(1e-12);
    await page.context().close();
  });
});

// The page's export is the production artifact: downloaded as a person
// would, put in a folder without the data or anything else, and given to
// `law score` with a copy of the data under another name. It must score that
// file with the scores and flags the page showed.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench, ROOT, useSession, waitIdle } from './browser.ts';
import { shownCount } from './page-actions.ts';

const SAMPLE = join(ROOT, 'datasets/webapp/webapp-10k.log');
const session = useSession();

const made: string[] = [];
/** A fresh folder of this file's, removed after its tests. */
function folder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

interface Unit { row: number; line: number; score: number; anomaly: boolean; text: string }

/** The top rows as the Results cell shows them: line, full-precision score, whether flagged. */
async function topRows(page: Page): Promise<{ line: number; score: number; flagged: boolean }[]> {
  return page.$$eval('[data-testid="top-row"]', (rows) =>
    rows.map((r) => ({ line: Number(r.getAttribute('data-line')), score: Number(r.getAttribute('data-score')), flagged: r.getAttribute('data-flagged') === 'true' })),
  );
}

/** Downloads the spec into a folder of its own (nothing else in it) and returns its path. */
async function download(page: Page): Promise<string> {
  const dir = folder('law-e2e-export-');
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export"]')]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  expect(readdirSync(dir)).toEqual([file.suggestedFilename()]);
  return path;
}

/** `law score` as a user runs it, on a copy of the sample that lives elsewhere under another name. */
function score(specPath: string): Unit[] {
  const elsewhere = folder('law-e2e-data-');
  const copy = join(elsewhere, 'todays-logs.log');
  copyFileSync(SAMPLE, copy);
  const out = execFileSync(process.execPath, [join(ROOT, 'bin/law.js'), 'score', '--config', specPath, copy], { cwd: elsewhere, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 26 });
  return out.trim().split('\n').map((l) => JSON.parse(l) as Unit);
}

describe('the exported spec, scored by law alone', () => {
  it('scores the page\'s own file with the scores and flags the page showed, with no training data or labels beside it', async () => {
    const page = await openWorkbench(session());
    // A threshold of the user's own: 7 % instead of the 5 % default.
    await page.focus('[data-testid="threshold-slider"]');
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-testid="threshold-setting"]')?.textContent?.includes('7.0 % flagged'));
    const shown = await topRows(page);
    expect(shown).toHaveLength(50);
    const flagged = await shownCount(page, 'flagged');
    const threshold = Number(await page.getAttribute('[data-testid="threshold-value"]', 'data-value'));

    const specPath = await download(page);
    const spec = JSON.parse(readFileSync(specPath, 'utf8'));
    expect(spec.fitted.data).toEqual([expect.objectContaining({ name: 'webapp-10k.log', bytes: readFileSync(SAMPLE).length, lines: 10_000, format: 'text' })]);
    expect(spec.threshold.scores.if).toBe(threshold);
    expect(await page.textContent('[data-testid="export-note"]')).toMatch(/^[\w-]+\.spec\.json: [\d.]+ MB, fitted on 10,000 line units of webapp-10k\.log\.$/);

    const units = score(specPath);
    expect(units).toHaveLength(10_000);
    const byLine = new Map(units.map((u) => [u.line, u]));
    for (const row of shown) {
      const u = byLine.get(row.line)!;
      expect(Math.abs(u.score - row.score), `line ${row.line}`).toBeLessThanOrEqual(1e-12);
      expect(u.anomaly, `line ${row.line}`).toBe(row.flagged);
    }
    expect(units.filter((u) => u.anomaly)).toHaveLength(flagged);
  });

  it('the LOF + autoencoder ensemble exports too: law scores the ensemble the page showed', async () => {
    const page = await openWorkbench(session());
    await page.click('[data-testid="add-lof-ae"]');
    await page.waitForSelector('[data-run-metric="ensemble.rocAuc"]', { timeout: 120_000 });
    await waitIdle(page);
    expect(await page.inputValue('[data-testid="threshold-run"]')).toBe('ensemble');
    const shown = await topRows(page);
    const flagged = await shownCount(page, 'flagged');
    const specPath = await download(page);
    const spec = JSON.parse(readFileSync(specPath, 'utf8'));
    const ens = spec.detectors.find((d: { type: string }) => d.type === 'ensemble');
    expect(spec.threshold.run).toBe(ens.id);
    expect(Object.keys(ens.model.references).sort()).toEqual([...ens.params.runs].sort());
    const units = score(specPath);
    const byLine = new Map(units.map((u) => [u.line, u]));
    for (const row of shown) {
      expect(Math.abs(byLine.get(row.line)!.score - row.score), `line ${row.line}`).toBeLessThanOrEqual(1e-12);
      expect(byLine.get(row.line)!.anomaly).toBe(row.flagged);
    }
    expect(units.filter((u) => u.anomaly)).toHaveLength(flagged);
  });
});

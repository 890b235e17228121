// Hostile input in the page: a gzip bomb and a line built to make parsers
// slow. Each gets a bounded, clear answer, and what was loaded before stays.
// Each test starts from a freshly opened workbench with the sample loaded.
import { describe, expect, it } from 'vitest';
import { createWriteStream, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { dropFiles, freshWorkbenchEachTest, useSession, waitIdle } from './browser.ts';
import { dataAlert, rocAucText } from './page-actions.ts';

const session = useSession();
let page: Page;
freshWorkbenchEachTest(session, (p) => (page = p));

const rocAuc = () => rocAucText(page);
const alertText = () => dataAlert(page);
const dir = mkdtempSync(join(tmpdir(), 'law-hostile-'));

describe('hostile input in the page', () => {
  it('a 2 MB gzip that inflates to 700 MiB is refused at the 512 MiB limit, and the sample stays', async () => {
    const line = `2026-03-02T10:00:00.000Z INFO ${'request accepted '.repeat(120)}\n`;
    const mib = Buffer.from(line.repeat(Math.ceil((1 << 20) / line.length)));
    const path = join(dir, 'bomb.log.gz');
    await pipeline(Readable.from((function* () { for (let i = 0; i < 700; i++) yield mib; })()), createGzip({ level: 9 }), createWriteStream(path));
    expect(statSync(path).size).toBeLessThan(3 << 20);
    const before = await rocAuc();
    await page.setInputFiles('[data-testid="file-input"]', path);
    await page.waitForFunction(() => document.querySelector('[data-cell="data"] [role="alert"]')?.textContent?.includes('bomb.log.gz'), undefined, { timeout: 120_000 });
    expect(await alertText()).toBe('bomb.log.gz: more than 512 MiB of text once decompressed, the limit per file (maxBytes); nothing from it was kept; raise it under "Limits" in this cell, or score the whole file with `law score` (a stream has no limit)');
    expect(await page.textContent('[data-testid="files"]')).toContain('webapp-10k.log');
    expect(await page.textContent('[data-testid="files"]')).not.toContain('bomb.log.gz');
    await waitIdle(page);
    expect(await rocAuc()).toBe(before);
  });

  it('the limits can be set in the Data cell: a file past them is refused naming where to raise them; they are kept across a reload', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `2026-03-02T10:00:00.000Z INFO request ${i} done`).join('\n') + '\n';
    const setMaxRows = async (n: string) => {
      if (!(await page.isVisible('[data-testid="max-rows"]'))) await page.click('.limits summary');
      await page.fill('[data-testid="max-rows"]', n);
      await page.press('[data-testid="max-rows"]', 'Tab');
    };
    await setMaxRows('150');
    await page.waitForFunction(() => document.querySelector('.limits summary')?.textContent === 'Limits: 512 MiB and 150 rows per file');
    await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'two-hundred.log', text: lines }]);
    await page.waitForFunction(() => document.querySelector('[data-cell="data"] [role="alert"]')?.textContent?.includes('two-hundred.log'));
    expect(await alertText()).toBe('two-hundred.log: more than 150 rows, the limit per file (maxRows); nothing from it was kept; raise it under "Limits" in this cell, or score the whole file with `law score` (a stream has no limit)');
    expect(await page.textContent('[data-testid="files"]')).toContain('webapp-10k.log');
    await setMaxRows('20000');
    await page.reload();
    await page.waitForSelector('[data-metric="rocAuc"]');
    await waitIdle(page);
    expect(await page.textContent('.limits summary')).toBe('Limits: 512 MiB and 20,000 rows per file');
    await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'two-hundred.log', text: lines }]);
    await page.waitForSelector('text=200 rows, read as');
    await waitIdle(page);
    // Load the sample brings the sample back in place of that file.
    await page.click('text=Load the sample');
    await page.waitForSelector('text=10,000 rows, read as');
    await page.waitForSelector('[data-metric="rocAuc"]');
    await waitIdle(page);
  });

  it('gzip files joined with cat, which Chromium cannot read past the first, are refused saying so', async () => {
    const path = join(dir, 'joined.log.gz');
    writeFileSync(path, Buffer.concat([gzipSync('first file line\n'), gzipSync('second file line\n')]));
    await page.setInputFiles('[data-testid="file-input"]', path);
    await page.waitForFunction(() => document.querySelector('[data-cell="data"] [role="alert"]')?.textContent?.includes('joined.log.gz'));
    expect(await alertText()).toMatch(/^joined\.log\.gz: several gzip files joined into one .*decompress it \(`gunzip -c`\)/);
    expect(await page.textContent('[data-testid="files"]')).toContain('webapp-10k.log');
  });

  it('lines of a million "<" (quadratic in the template miner before) load, get features and scores, also after a reload', async () => {
    const normal = Array.from({ length: 300 }, (_, i) => `2026-03-02T10:00:${String(i % 60).padStart(2, '0')}.000Z INFO GET /api/items/${i} 200 in ${i % 40} ms`);
    const lines = [...normal.slice(0, 100), '<'.repeat(1_000_000), ...normal.slice(100, 200), '< '.repeat(500_000), ...normal.slice(200)];
    const path = join(dir, 'angles.log');
    writeFileSync(path, lines.join('\n') + '\n');
    await page.setInputFiles('[data-testid="file-input"]', path);
    await page.waitForSelector('text=angles.log');
    await page.waitForSelector('text=302 rows, read as', { timeout: 60_000 });
    await waitIdle(page);
    // Scored: the two odd lines are the top lines, shown as text.
    await page.waitForSelector('[data-testid="top-lines"] tbody tr');
    const top = await page.locator('[data-testid="top-lines"] tbody tr').first().textContent();
    expect(top).toMatch(/<<<<<<<<|< < < < </);
    // The file is kept across a reload, and is read, featured and scored again.
    await page.reload();
    await page.waitForSelector('text=302 rows, read as', { timeout: 60_000 });
    await waitIdle(page);
    await page.waitForSelector('[data-testid="top-lines"] tbody tr');
    expect(await page.textContent('[data-testid="files"]')).toContain('angles.log');
  });
});

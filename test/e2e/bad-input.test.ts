// Bad input gets a clear message naming the file (and line), and what was
// loaded before stays on the page. Each test starts from a freshly opened
// workbench with the sample loaded.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { dropFiles, freshWorkbenchEachTest, useSession } from './browser.ts';
import { dataAlert, rocAucText } from './page-actions.ts';

const session = useSession();
let page: Page;
freshWorkbenchEachTest(session, (p) => (page = p));

const rocAuc = () => rocAucText(page);
const alertText = () => dataAlert(page);

describe('bad input', () => {
  it('an empty file: a message naming it, and the sample stays loaded', async () => {
    const before = await rocAuc();
    await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'empty.log', text: '' }]);
    await page.waitForSelector('[data-cell="data"] [role="alert"]');
    expect(await alertText()).toBe('empty.log: the file is empty');
    expect(await page.textContent('[data-testid="files"]')).toContain('webapp-10k.log');
    expect(await rocAuc()).toBe(before);
  });

  it('a binary file is refused as binary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'law-bad-'));
    const path = join(dir, 'core.bin');
    writeFileSync(path, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0x10, 0x20]));
    await page.setInputFiles('[data-testid="file-input"]', path);
    await page.waitForFunction(() => document.querySelector('[data-cell="data"] [role="alert"]')?.textContent?.includes('core.bin'));
    expect(await alertText()).toMatch(/^core\.bin: this looks like a binary file, not a text log/);
    expect(await page.textContent('[data-testid="files"]')).toContain('webapp-10k.log');
  });

  it('CSV rows with the wrong number of fields are skipped with a warning naming the line', async () => {
    const good = Array.from({ length: 18 }, (_, i) => `${10 + (i % 5)},${100 + i},0`);
    const csv = ['latency,bytes,label', ...good.slice(0, 2), '11,90', '13,130,0,extra', '500,9000,1', ...good.slice(2)].join('\n');
    await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'features.csv', text: csv }]);
    await page.waitForSelector('text=features.csv');
    await page.waitForSelector('.warnings');
    const warnings = await page.textContent('.warnings');
    expect(warnings).toContain('features.csv, line 4: 2 fields where the header has 3; row skipped');
    expect(warnings).toContain('2 warning(s)');
    expect(await page.textContent('[data-testid="files"]')).toContain('19 rows, read as csv');
    // A CSV of numbers is scored row by row.
    expect(await page.inputValue('[data-testid="unit"]')).toBe('row');
    // Its label column is recognised as labels, and kept out of the features.
    await page.waitForSelector('[data-testid="label-summary"] >> text=1 of 19 rows labelled anomalous');
    expect(await page.textContent('[data-testid="matrix-preview"] thead')).toBe('rowlatencybytes');
  });

  it('a single 10 MB line loads, truncated, with a warning naming the line', async () => {
    const text = 'x'.repeat(10 * 1024 * 1024);
    await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'huge.log', text: `first line\n${text}\nlast line\n` }]);
    await page.waitForSelector('text=huge.log');
    await page.waitForSelector('.warnings');
    expect(await page.textContent('.warnings')).toContain('huge.log, line 2: 10.0 MiB long; kept its first 1.0 MiB');
    expect(await page.textContent('[data-testid="files"]')).toContain('3 rows, read as text');
  });

  it('a spec with an unknown version or detector is refused and nothing changes', async () => {
    const before = await rocAuc();
    const dir = mkdtempSync(join(tmpdir(), 'law-spec-'));
    const base = {
      version: 1,
      features: { unit: 'line' },
      detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 10 } }],
    };
    const v2 = join(dir, 'future.spec.json');
    writeFileSync(v2, JSON.stringify({ ...base, version: 2 }));
    await page.setInputFiles('[data-testid="import-input"]', v2);
    await page.waitForSelector('[data-testid="spec-error"]');
    expect(await page.textContent('[data-testid="spec-error"]')).toBe(
      'future.spec.json: version: 2 is not supported (this version of the workbench reads version 1)',
    );
    const unknown = join(dir, 'unknown.spec.json');
    writeFileSync(unknown, JSON.stringify({ ...base, detectors: [{ id: 'x', type: 'magic-forest' }] }));
    await page.setInputFiles('[data-testid="import-input"]', unknown);
    await page.waitForFunction(() => document.querySelector('[data-testid="spec-error"]')?.textContent?.includes('unknown.spec.json'));
    expect(await page.textContent('[data-testid="spec-error"]')).toMatch(
      /^unknown\.spec\.json: detectors\[0\]\.type: unknown detector "magic-forest" \(known: isolation-forest, .*ensemble\)$/,
    );
    expect(await rocAuc()).toBe(before);
    expect(await page.inputValue('[data-testid="param-if-trees"]')).toBe('100');
  });

  it('log text holding HTML is shown as text, never run', async () => {
    const evil = ['- 2026-03-02T10:00:00.000Z INFO a normal line <b>bold</b>', '- 2026-03-02T10:00:01.000Z INFO <img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script>'];
    const lines = Array.from({ length: 30 }, (_, i) => evil[i % 2]);
    await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'evil.log', text: lines.join('\n') }]);
    await page.waitForSelector('text=evil.log');
    await page.waitForSelector('[data-testid="top-lines"] tbody tr');
    expect(await page.textContent('[data-testid="top-lines"]')).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await page.locator('[data-testid="top-lines"] img, [data-testid="data-preview"] img, [data-testid="data-preview"] b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('an unterminated CSV quote is refused naming the line it opened on', async () => {
    const csv = ['a,b,note', '1,2,ok', '3,4,"never closed', '5,6,more'].join('\n');
    await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'open-quote.csv', text: csv }]);
    await page.waitForFunction(() => document.querySelector('[data-cell="data"] [role="alert"]')?.textContent?.includes('open-quote.csv'));
    expect(await alertText()).toMatch(/^open-quote\.csv, line 3: .*quote/);
  });

  it('a file of NUL bytes is refused as binary', async () => {
    await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'zeros.log', text: '\0'.repeat(4096) }]);
    await page.waitForFunction(() => document.querySelector('[data-cell="data"] [role="alert"]')?.textContent?.includes('zeros.log'));
    expect(await alertText()).toMatch(/^zeros\.log: this looks like a binary file/);
  });

  it('JSON lines that are not JSON, and plain lines mixed in, are reported with their line numbers', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ level: 'info', message: `request ${i} done`, ms: i }));
    lines[7] = '{"level": "info", "message": "cut off';
    await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'app.jsonl', text: lines.join('\n') }]);
    await page.waitForSelector('text=app.jsonl');
    await page.waitForSelector('.warnings');
    expect(await page.textContent('.warnings')).toContain('app.jsonl, line 8: not valid JSON');
    expect(await page.textContent('[data-testid="files"]')).toContain('29 rows, read as jsonl');
  });
});

// Every reader from a file in the page: the format is sniffed, shown with its
// reason, and the rows are there. Fixtures are our own (test/fixtures/formats).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { newPage, ROOT, startSession, type Session } from './browser.ts';
import { readLogs, sourceFromText } from '../../app/core/ingest/read-logs.ts';

let session: Session;
let page: Page;
beforeAll(async () => {
  session = await startSession();
  ({ page } = await newPage(session));
  await page.goto(session.url);
  await page.waitForSelector('[data-metric="rocAuc"]');
});
afterAll(async () => {
  await session?.close();
});

const FIXTURES = join(ROOT, 'test/fixtures/formats');
const CASES: [file: string, format: string][] = [
  ['app.logfmt', 'logfmt'],
  ['bsd-syslog.log', 'syslog'],
  ['ietf-syslog.log', 'syslog'],
  ['access.log', 'clf'],
  ['HDFS_structured.csv', 'loghub-structured'],
  ['hdfs-sessions.csv', 'loghub-sessions'],
  ['mongoexport.jsonl', 'mongodb'],
  ['mongoexport-array.json', 'mongodb'],
  ['loki-query-range.json', 'loki'],
  ['es-search.json', 'elasticsearch'],
];

async function load(path: string) {
  await page.setInputFiles('[data-testid="file-input"]', path);
}

describe('every format loads from a file in the page', () => {
  it.each(CASES)('%s is read as %s with all its rows', async (file, format) => {
    const path = join(FIXTURES, file);
    const expected = await readLogs([sourceFromText(file, readFileSync(path))]);
    await load(path);
    const name = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await page.waitForFunction((n) => document.querySelector('[data-testid="files"]')?.textContent?.includes(n), file);
    const text = await page.textContent('[data-testid="files"]');
    expect(text).toMatch(new RegExp(`${name} — .*, ${expected.line.length.toLocaleString('en-US')} rows, read as ${format}`));
    expect(await page.textContent('[data-testid="format-used"]')).toBe(format);
  });

  it('a .gz file is decompressed while it is read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'law-gz-'));
    const path = join(dir, 'access.log.gz');
    writeFileSync(path, gzipSync(readFileSync(join(FIXTURES, 'access.log'))));
    await load(path);
    await page.waitForSelector('text=access.log.gz');
    expect(await page.textContent('[data-testid="format-used"]')).toBe('clf');
  });

  it('a truncated .gz is refused, naming it, and the data before stays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'law-gz-'));
    const path = join(dir, 'cut.log.gz');
    const gz = gzipSync(readFileSync(join(FIXTURES, 'access.log')));
    writeFileSync(path, gz.subarray(0, gz.length - 12));
    await load(path);
    await page.waitForFunction(() => document.querySelector('[data-cell="data"] [role="alert"]')?.textContent?.includes('cut.log.gz'));
    expect(await page.textContent('[data-cell="data"] [role="alert"]')).toMatch(/^cut\.log\.gz: truncated or corrupt gzip data/);
    expect(await page.textContent('[data-testid="files"]')).toContain('access.log.gz');
  });

  it('the format can be overridden', async () => {
    await load(join(FIXTURES, 'app.logfmt'));
    await page.waitForFunction(() => document.querySelector('[data-testid="format-used"]')?.textContent === 'logfmt');
    await page.selectOption('[data-testid="format"]', 'text');
    await page.waitForFunction(() => document.querySelector('[data-testid="format-used"]')?.textContent === 'text');
    expect(await page.textContent('[data-testid="files"]')).toContain('chosen by you');
  });
});

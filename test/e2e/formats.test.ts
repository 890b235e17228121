// Every reader from a file in the page: the format is sniffed, shown with its
// reason, and the rows are there. Fixtures are our own (test/fixtures/formats).
// Each test opens its own page and loads its files into it.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { freshWorkbenchEachTest, ROOT, useSession } from './browser.ts';
import { readLogs, sourceFromText } from '../../app/core/ingest/read-logs.ts';

const session = useSession();
let page: Page;
freshWorkbenchEachTest(session, (p) => (page = p));

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

/** The access.log fixture gzipped into a fresh folder, as `access.log.gz`; returns its path and its bytes. */
function gzippedAccessLog(): { path: string; gz: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'law-gz-'));
  const path = join(dir, 'access.log.gz');
  const gz = gzipSync(readFileSync(join(FIXTURES, 'access.log')));
  writeFileSync(path, gz);
  return { path, gz };
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
    await load(gzippedAccessLog().path);
    await page.waitForSelector('text=access.log.gz');
    expect(await page.textContent('[data-testid="format-used"]')).toBe('clf');
  });

  it('a truncated .gz is refused, naming it, and the data before stays', async () => {
    // The data before: a whole .gz, read.
    const { gz, path: whole } = gzippedAccessLog();
    await load(whole);
    await page.waitForSelector('text=access.log.gz');
    const path = join(mkdtempSync(join(tmpdir(), 'law-gz-')), 'cut.log.gz');
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

describe('labels from a label file or time ranges in the page', () => {
  it('joins HDFS anomaly_label.csv on the block id found in each line', async () => {
    const logPath = join(FIXTURES, 'hdfs-raw.log');
    const labelPath = join(FIXTURES, 'anomaly_label.csv');
    const data = await readLogs([sourceFromText('hdfs-raw.log', readFileSync(logPath))]);
    const anomalous = new Set(readFileSync(labelPath, 'utf8').split('\n').filter((l) => l.endsWith(',Anomaly')).map((l) => l.split(',')[0]));
    const expected = data.message.filter((m) => anomalous.has(/blk_-?\d+/.exec(m)?.[0] ?? '')).length;
    await load(logPath);
    await page.waitForSelector('text=hdfs-raw.log');
    await page.selectOption('[data-testid="label-kind"]', 'file');
    await page.waitForSelector('[data-testid="label-error"] >> text=labels: pick the label file');
    await page.setInputFiles('[data-testid="label-file"]', labelPath);
    await page.waitForSelector(`[data-testid="label-summary"] >> text=${expected} of ${data.line.length} rows labelled anomalous`);
  });

  it('labels the rows inside time ranges', async () => {
    await load(join(FIXTURES, 'app.logfmt'));
    await page.waitForFunction(() => document.querySelector('[data-testid="format-used"]')?.textContent === 'logfmt');
    await page.selectOption('[data-testid="label-kind"]', 'timeRanges');
    await page.fill('[data-testid="label-ranges"]', '2026-03-02T10:00:01Z 2026-03-02T10:00:02Z');
    await page.locator('[data-testid="label-ranges"]').blur();
    await page.waitForSelector('[data-testid="label-summary"] >> text=2 of');
  });
});

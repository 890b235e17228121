import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The root of the repository (where dist/ is built). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The built app the tests serve: dist/, or LAW_DIST (a folder under the
 * root) so that several people can build and test in one checkout at once
 * (`npx vite build --outDir dist-mine && LAW_DIST=dist-mine npx vitest run --project e2e`).
 */
const DIST = process.env.LAW_DIST || 'dist';

/** Flags this machine needs (no network, no sandbox as root); see DEVELOPERS.md. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface Session {
  /** Uncaught errors in the page: any makes `close()` fail the suite. */
  pageErrors: string[];
  browser: Browser;
  server: PreviewServer;
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built app (dist/) on a free loopback port and starts Chromium
 * (CHROMIUM_PATH, else /usr/bin/chromium).
 */
export async function startSession(): Promise<Session> {
  if (!existsSync(`${ROOT}/${DIST}/index.html`)) throw new Error(`${DIST}/ is missing: run \`npm run build\` first (npm test does)`);
  const server = await preview({ root: ROOT, logLevel: 'silent', build: { outDir: DIST }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 4173;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: FLAGS });
  const pageErrors: string[] = [];
  return {
    pageErrors,
    browser,
    server,
    url: `http://127.0.0.1:${port}/`,
    async close() {
      await browser.close();
      await server.close();
      if (pageErrors.length) throw new Error(`the page threw: ${pageErrors.join('; ')}`);
    },
  };
}

/** A fresh browser profile (empty storage) with downloads allowed. */
export async function newPage(session: Session): Promise<{ context: BrowserContext; page: Page }> {
  const context = await session.browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => session.pageErrors.push(`${e.message} (${e.stack?.split('\n')[1]?.trim() ?? ''})`));
  return { context, page };
}

/**
 * Drops files on an element the way a person drags them from the desktop:
 * a DataTransfer holding File objects, dispatched as dragenter/dragover/drop.
 */
export async function dropFiles(page: Page, selector: string, files: { name: string; text: string; type?: string }[]): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: f.type ?? 'text/plain' }));
    return dt;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent(selector, type, { dataTransfer: transfer });
}

/** Waits until no progress bar shows: every job of the page has finished. */
export async function waitIdle(page: Page, timeout = 120_000): Promise<unknown> {
  // Idle for 150 ms on end, not at one glance: between one job's end and the next one's start
  // (features rebuilt, then the detectors re-run) the page shows no progress for a moment.
  await page.evaluate(() => ((window as unknown as { __idleSince: number | null }).__idleSince = null));
  return page.waitForFunction(() => {
    const w = window as unknown as { __idleSince: number | null };
    if (document.querySelectorAll('progress').length) {
      w.__idleSince = null;
      return false;
    }
    w.__idleSince ??= performance.now();
    return performance.now() - w.__idleSince >= 150;
  }, undefined, { timeout, polling: 50 });
}

/** A fresh page on the workbench, with the bundled sample scored and nothing running. */
export async function openWorkbench(session: Session): Promise<Page> {
  const { page } = await newPage(session);
  await page.goto(session.url);
  await page.waitForSelector('[data-metric="rocAuc"]');
  await waitIdle(page);
  return page;
}

/**
 * Opens a fresh workbench (a profile of its own, the sample scored, nothing
 * running) before every test of the file, hands it to `use`, and closes it
 * after the test: no test sees what another did, so each passes alone
 * (`-t "name"`) and in any order. A test that needs more (another file,
 * detectors) sets it up itself.
 */
export function freshWorkbenchEachTest(session: () => Session, use: (page: Page) => void): void {
  let context: BrowserContext | undefined;
  beforeEach(async () => {
    const page = await openWorkbench(session());
    context = page.context();
    use(page);
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
}

/**
 * Starts Chromium and the built app before a test file's tests and closes
 * them after, failing the file on any uncaught page error. Returns the
 * session, for use inside tests and hooks.
 */
export function useSession(): () => Session {
  let session: Session | undefined;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('the browser session has not started yet');
    return session;
  };
}

/** The metrics the Results cell shows for the shown run, at full precision. */
export const METRIC_KEYS = ['rocAuc', 'prAuc', 'precision', 'recall', 'f1', 'threshold', 'bestF1', 'bestF1Threshold'] as const;

export async function readMetrics(page: Page): Promise<Record<(typeof METRIC_KEYS)[number], number>> {
  const out = {} as Record<(typeof METRIC_KEYS)[number], number>;
  for (const key of METRIC_KEYS) out[key] = Number(await page.getAttribute(`[data-metric="${key}"]`, 'data-value'));
  return out;
}

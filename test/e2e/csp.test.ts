// The built page's Content-Security-Policy (csp.ts): the whole app works
// under it with no violation (sample, detectors, the autoencoder on wasm,
// every chart), an outside or inline script is refused, and the LLM triage
// endpoint the user types in is reachable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { Page } from 'playwright-core';
import { CSP } from '../../csp.ts';
import { newPage, useSession, waitIdle } from './browser.ts';
import { addDetector } from './page-actions.ts';

const session = useSession();

/** What a loopback HTTP server received, and how to stop it. */
interface Recorder {
  origin: string;
  requests: { method: string; path: string; body: string }[];
  close(): Promise<void>;
}

/**
 * A server on 127.0.0.1 that records every request. It answers as an
 * OpenAI-style chat endpoint (with CORS), and `/evil.js` with a script that
 * would mark the page if it ever ran.
 */
function recorder(): Promise<Recorder> {
  const requests: Recorder['requests'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', body });
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'content-type, authorization');
      if (req.method === 'OPTIONS') return res.end();
      if (req.url?.startsWith('/evil.js')) {
        res.setHeader('Content-Type', 'text/javascript');
        return res.end('window.__evil = true;');
      }
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: 'Looks like a slow export.' } }] }));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            const timer = setTimeout(done, 5_000); // bounded: never hang the suite
            server.close(() => {
              clearTimeout(timer);
              done();
            });
          }),
      });
    });
  });
}

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

/**
 * A fresh page whose every CSP violation is recorded, from before the app's
 * first script: `securitypolicyviolation` events and console messages that
 * name the policy.
 */
async function watchedPage(): Promise<{ page: Page; violations: () => Promise<Violation[]>; consoleErrors: string[] }> {
  const { context, page } = await newPage(session());
  await context.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __csp: unknown[] }).__csp = seen;
    document.addEventListener(
      'securitypolicyviolation',
      (e) => seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }),
      true,
    );
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) consoleErrors.push(m.text());
  });
  const violations = () => page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp);
  return { page, violations, consoleErrors };
}

let evil: Recorder;
let chat: Recorder;
beforeAll(async () => {
  evil = await recorder();
  chat = await recorder();
});
afterAll(async () => {
  await evil?.close();
  await chat?.close();
});

describe('Content-Security-Policy of the built page', () => {
  it('carries the policy in a meta tag, and the app runs under it with no violation: sample, detectors, autoencoder on wasm, charts', async () => {
    const { page, violations, consoleErrors } = await watchedPage();
    await page.goto(session().url);
    expect(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content')).toBe(CSP);
    await page.waitForSelector('[data-metric="rocAuc"]');
    await waitIdle(page);
    expect(Number(await page.getAttribute('[data-metric="rocAuc"]', 'data-value'))).toBeGreaterThan(0.65);

    // The autoencoder compiles TensorFlow.js's wasm in a worker: wasm, not the cpu fallback.
    await addDetector(page, 'autoencoder');
    await page.waitForSelector('figure[aria-label="Training loss of ae"] svg', { timeout: 120_000 });
    await page.waitForSelector('[data-run-metric="ae.rocAuc"]', { timeout: 120_000 });
    await waitIdle(page);
    expect(await page.textContent('[data-testid="run-timing-ae"]')).toMatch(/on TensorFlow\.js wasm/);
    expect(Number(await page.textContent('[data-run-metric="ae.rocAuc"]'))).toBeGreaterThan(0.65);

    // Every kind of Plot <style> the app makes is drawn: charts, swatch and ramp legends (the ramp's gradient is a data: image).
    const compare = page.locator('[data-cell="compare"]');
    await compare.locator('figure[aria-label="Run agreement"] svg').first().waitFor({ timeout: 60_000 });
    await compare.locator('figure[aria-label="Projection"] svg').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('svg.plot-d6a7b5').count()).toBeGreaterThan(3);
    expect(await page.locator('.plot-d6a7b5-swatches-wrap').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.plot-d6a7b5-ramp image').count()).toBeGreaterThan(0);
    // The styles Plot writes apply: its figures' max-width comes from its <style>.
    expect(await page.locator('svg.plot-d6a7b5').first().evaluate((el) => getComputedStyle(el).maxWidth)).toBe('100%');

    expect(await violations()).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('refuses an outside script and an inline script a payload tries to add; fetches still reach loopback', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(session().url);
    await page.waitForSelector('[data-metric="rocAuc"]');
    await waitIdle(page);
    expect(await violations()).toEqual([]);

    const outcome = await page.evaluate(async (origin) => {
      const w = window as unknown as { __evil?: boolean; __inline?: boolean };
      // What a markup-rendering bug would let a log line do.
      document.body.insertAdjacentHTML('beforeend', `<div id="payload"><img src="x" onerror="window.__inline = true"></div>`);
      const outside = document.createElement('script');
      outside.src = `${origin}/evil.js`;
      const loaded = new Promise<string>((done) => {
        outside.onload = () => done('loaded');
        outside.onerror = () => done('refused');
      });
      document.head.append(outside);
      const inline = document.createElement('script');
      inline.textContent = 'window.__inline = true;';
      document.head.append(inline);
      // import() built at run time, so that neither Vite nor vitest rewrites it.
      const dynamicImport = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;
      const imported = await dynamicImport(`${origin}/evil.js?import`).then(
        () => 'loaded',
        () => 'refused',
      );
      // A fetch is allowed (connect-src): proof the server was reachable all along.
      const ping = await fetch(`${origin}/ping`).then((r) => r.status, () => 0);
      return { script: await loaded, imported, ping, evil: w.__evil ?? false, inline: w.__inline ?? false };
    }, evil.origin);

    expect(outcome).toEqual({ script: 'refused', imported: 'refused', ping: 200, evil: false, inline: false });
    await page.waitForFunction(() => (window as unknown as { __csp: unknown[] }).__csp.length >= 4);
    const seen = await violations();
    expect(seen.filter((v) => v.directive === 'script-src-elem' && v.blocked === `${evil.origin}/evil.js`)).toHaveLength(1);
    expect(seen.filter((v) => v.directive === 'script-src-elem' && v.blocked.startsWith(`${evil.origin}/evil.js?import`))).toHaveLength(1);
    expect(seen.filter((v) => v.directive === 'script-src-elem' && v.blocked === 'inline')).toHaveLength(1);
    expect(seen.filter((v) => v.directive === 'script-src-attr' && v.blocked === 'inline')).toHaveLength(1);
    expect(evil.requests.map((r) => r.path)).toEqual(['/ping']);
  });

  it('lets LLM triage reach the endpoint the user configured (a loopback server)', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(session().url);
    await page.waitForSelector('[data-metric="rocAuc"]');
    await waitIdle(page);
    await page.locator('[data-testid="top-row"]').first().click();
    await page.waitForSelector('[data-testid="explain-panel"]');
    await page.fill('[data-testid="triage-endpoint"]', `${chat.origin}/v1/chat/completions`);
    await page.fill('[data-testid="triage-model"]', 'test-model');
    await page.click('[data-testid="triage-button"]');
    const answer = page.locator('[data-testid="triage-answer"]');
    await answer.waitFor({ timeout: 30_000 });
    expect(await answer.textContent()).toBe('Looks like a slow export.');
    const posts = chat.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].path).toBe('/v1/chat/completions');
    expect(JSON.parse(posts[0].body).model).toBe('test-model');
    expect(await violations()).toEqual([]);
  });
});

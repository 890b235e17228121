// Explanations, anomaly groups, review without labels and the optional LLM
// triage, driven as a person would: clicks, keys, a dropped file. Each test
// opens its own page.
import { describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { dropFiles, freshWorkbenchEachTest, openWorkbench, ROOT, waitIdle, useSession } from './browser.ts';
import { confusion, metric, shownCount } from './page-actions.ts';

const session = useSession();

describe('explanations, groups and review on the labelled sample', () => {
  let page: Page;
  freshWorkbenchEachTest(session, (p) => (page = p));

  it('clicking a top row explains it: the raw line among its neighbours, its template, the features', async () => {
    const first = page.locator('[data-testid="top-row"]').first();
    const raw = (await first.locator('td.raw').last().textContent())!;
    const line = await first.locator('td.num').nth(2).textContent();
    await first.click();
    const panel = page.locator('[data-testid="explain-panel"]');
    await panel.waitFor();
    expect(await panel.locator('h3').textContent()).toContain(`line ${line}`);
    // The line, highlighted, with three neighbours either side in file order.
    expect(await panel.locator('[data-testid="explained-line"] .raw').textContent()).toBe(raw);
    const context = await panel.locator('[data-testid="explain-context"] li .ln').allTextContents();
    expect(context.map(Number)).toEqual([-3, -2, -1, 0, 1, 2, 3].map((d) => Number(line) + d));
    expect(await panel.locator('[data-testid="explained-template"]').textContent()).toMatch(/<\*>/);
    // Isolation Forest explains by path usage; the shares add up to 100 %.
    await panel.locator('[data-testid="contribution"]').first().waitFor();
    expect(await panel.textContent()).toContain('Isolation Forest: each feature’s share of the isolation');
    const shares = (await panel.locator('[data-testid="contribution"] [data-testid="share"]').allTextContents()).map((t) => parseFloat(t));
    // In the user's units beside the scaled value: the status a person reads in the line, not its z-score.
    const status = /status=(\d+)/.exec(raw)?.[1];
    expect(status).toBeDefined();
    const statusRow = panel.locator('[data-testid="contribution"][data-feature="status"]');
    expect(await statusRow.count()).toBe(1);
    expect(await statusRow.locator('[data-testid="raw-value"]').textContent()).toBe(status);
    expect(Number(await statusRow.getAttribute('data-scaled'))).not.toBe(Number(status));
    expect(shares.length).toBeGreaterThanOrEqual(1);
    expect(shares[0]).toBeGreaterThan(0);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    // Keyboard: Enter on another row explains that one.
    const second = page.locator('[data-testid="top-row"]').nth(1);
    const raw2 = (await second.locator('td.raw').last().textContent())!;
    await second.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((r) => document.querySelector('[data-testid="explained-line"] .raw')?.textContent === r, raw2);
    await first.click();
    await page.locator('[data-testid="contribution"]').first().waitFor();
  });

  it('groups the flagged lines by template, *** for the variable parts, sortable by count', async () => {
    const table = page.locator('[data-testid="anomaly-groups"]');
    await table.waitFor();
    const rows = table.locator('[data-testid="group-row"]');
    const withWildcard = rows.filter({ hasText: '***' });
    expect(await withWildcard.count()).toBeGreaterThan(0);
    expect(Number(await withWildcard.first().locator('[data-testid="group-count"]').textContent())).toBeGreaterThan(0);
    const counts = async () => (await table.locator('[data-testid="group-count"]').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
    const down = await counts();
    expect(down).toEqual([...down].sort((a, b) => b - a));
    // The groups add up to the flagged count.
    expect(down.reduce((a, b) => a + b, 0)).toBe(await shownCount(page, 'flagged'));
    await page.click('[data-testid="groups-sort-count"]');
    const up = await counts();
    expect(up).toEqual([...down].sort((a, b) => a - b));
    await page.click('[data-testid="groups-sort-count"]');
  });

  it('reviews 20 units from the keyboard; the marks become labels, the estimate follows, and they survive a reload', async () => {
    const before = await confusion(page);
    const precisionBefore = await metric(page, 'precision');
    await page.click('[data-testid="review-draw"]');
    const card = page.locator('[data-testid="review-card"]');
    await card.waitFor();
    // The card has the focus after the draw: keys go straight to it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('review-card');
    const position = async () => Number((await page.textContent('[data-testid="review-position"]'))!.split(' ')[0]);
    const firstToken = async () => (await page.locator('[data-testid="review-text"] .raw').first().textContent())!.split(' ')[0];

    // Undo: a mark taken back leaves the unit unmarked and shows it again.
    await page.keyboard.press('a');
    expect(await position()).toBe(2);
    await page.keyboard.press('Backspace');
    expect(await position()).toBe(1);
    expect(await page.textContent('[data-testid="review-mark"]')).toBe('not marked');
    // Moving: j / arrow forward, k back, s skips without marking.
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowRight');
    expect(await position()).toBe(3);
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowLeft');
    expect(await position()).toBe(1);

    // Mark each unit by its first token (`-` = normal), except two on purpose:
    // the first anomalous unit of the top stratum (top 1 %, so flagged) is
    // marked normal, and the first normal unit of the bottom stratum (the
    // lowest 80 %, not flagged) anomalous. Items come stratum by stratum, 5 each.
    const marks: number[] = [];
    let wrongTop = false;
    let wrongBottom = false;
    for (let i = 0; i < 20; i++) {
      expect(await position()).toBe(i + 1);
      if (i === 7) {
        // Skip one and come back to it.
        await page.keyboard.press('s');
        expect(await position()).toBe(9);
        await page.keyboard.press('k');
      }
      let mark = (await firstToken()) === '-' ? 0 : 1;
      if (!wrongTop && i < 5 && mark === 1) {
        mark = 0;
        wrongTop = true;
      } else if (!wrongBottom && i >= 15 && mark === 0) {
        mark = 1;
        wrongBottom = true;
      }
      marks.push(mark);
      await page.keyboard.press(mark ? 'a' : 'n');
    }
    expect(wrongTop && wrongBottom).toBe(true);
    expect(await page.textContent('[data-testid="review-progress"]')).toBe('20 of 20 marked');

    // The marks are labels now: one flagged anomaly became normal (tp → fp),
    // one unflagged normal line became anomalous (tn → fn).
    await page.waitForFunction((fp) => document.querySelector('[data-testid="fp"]')?.textContent !== String(fp), before.fp);
    expect(await confusion(page)).toEqual({ tp: before.tp - 1, fp: before.fp + 1, tn: before.tn - 1, fn: before.fn + 1 });
    expect(await metric(page, 'precision')).toBeLessThan(precisionBefore);

    // The stratified estimate: strata of 100, 400, 1,500 and 8,000 of the 10,000 lines, 5 marks each.
    const sizes = [100, 400, 1500, 8000];
    const share = sizes.reduce((s, n, h) => s + (n / 10_000) * (marks.slice(5 * h, 5 * h + 5).reduce((a, b) => a + b, 0) / 5), 0);
    const estimate = page.locator('[data-testid="review-estimate"]');
    expect(Number(await estimate.locator('[data-testid="estimate-share"]').getAttribute('data-value'))).toBeCloseTo(share, 12);
    const se = Number(await estimate.locator('[data-testid="estimate-se"]').getAttribute('data-value'));
    expect(se).toBeGreaterThan(0);
    expect(se).toBeLessThan(1);
    const interval = estimate.locator('[data-testid="estimate-interval"]');
    const [lo, hi] = [Number(await interval.getAttribute('data-lo')), Number(await interval.getAttribute('data-hi'))];
    expect(lo).toBeLessThan(share);
    expect(hi).toBeGreaterThan(share);
    expect(await interval.textContent()).toMatch(/^\(95 % interval \d+\.\d % to \d+\.\d %\)$/);
    // Per stratum: its own Wilson interval around its marks' share, 5 marks each.
    await estimate.locator('[data-testid="estimate-strata"] summary').click();
    const strata = estimate.locator('[data-testid="estimate-stratum"]');
    expect(await strata.count()).toBe(4);
    for (let h = 0; h < 4; h++) {
      const p = marks.slice(5 * h, 5 * h + 5).reduce((a, b) => a + b, 0) / 5;
      const row = strata.nth(h);
      expect(Number(await row.getAttribute('data-lo'))).toBeLessThanOrEqual(p);
      expect(Number(await row.getAttribute('data-hi'))).toBeGreaterThanOrEqual(p);
      expect(Number(await row.getAttribute('data-hi')) - Number(await row.getAttribute('data-lo'))).toBeGreaterThan(0.2);
    }
    for (const k of ['precision', 'recall', 'f1']) {
      const v = Number(await estimate.locator(`[data-testid="estimate-${k}"]`).getAttribute('data-value'));
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    await page.locator('[data-testid="review-card"]').focus();

    // The marks survive a reload, and still count as labels.
    const after = await confusion(page);
    await page.reload();
    await page.waitForSelector('[data-metric="rocAuc"]');
    await waitIdle(page);
    expect(await page.textContent('[data-testid="review-marks"]')).toMatch(/^20 marks on this data/);
    expect(await confusion(page)).toEqual(after);

    // The exported spec carries them; `law run` reads it and ignores them (its metrics are the page's before marking).
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export"]')]);
    const dir = mkdtempSync(join(tmpdir(), 'law-e2e-review-'));
    const specPath = join(dir, download.suggestedFilename());
    await download.saveAs(specPath);
    const spec = JSON.parse(readFileSync(specPath, 'utf8'));
    expect(spec.review.marks).toHaveLength(20);
    expect(spec.review.marks.map((m: { label: number }) => m.label).sort()).toEqual([...marks].sort());
    // Flagged lines marked normal become silences for law watch: the top 1 % is flagged, and one of its anomalies was marked normal.
    const flaggedNormal = marks.slice(0, 10).filter((m) => m === 0).length;
    expect(spec.review.silence.length).toBeGreaterThan(0);
    expect(spec.review.silence.length).toBeLessThanOrEqual(flaggedNormal);
    for (const p of spec.review.silence) expect(p).not.toContain('<*>');
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/law.js'), 'run', specPath, '--data', join(ROOT, 'datasets/webapp/webapp-10k.log'), '--format', 'json'], { encoding: 'utf8' });
    expect(JSON.parse(out).runs[0].metrics.precision).toBeCloseTo(precisionBefore, 9);
  });

  it('with a split, units marked normal can join the training baseline: the detectors re-fit', async () => {
    // Marks to clear first: three lines of a drawn review, marked normal.
    await page.click('[data-testid="review-draw"]');
    await page.locator('[data-testid="review-card"]').waitFor();
    for (let i = 0; i < 3; i++) await page.keyboard.press('n');
    await page.waitForSelector('[data-testid="review-marks"] >> text=/^3 marks/');
    await page.click('[data-testid="review-marks"] ~ button');
    expect(await page.textContent('[data-testid="review-marks"]')).toMatch(/^0 marks/);
    expect(await page.isDisabled('[data-testid="review-baseline"]')).toBe(true);
    await page.selectOption('[data-testid="split-method"]', 'ratio');
    await page.waitForSelector('[data-metric="rocAuc"]');
    await waitIdle(page);
    expect(await page.isDisabled('[data-testid="review-baseline"]')).toBe(false);
    await page.click('[data-testid="review-draw"]');
    for (let i = 0; i < 20; i++) await page.keyboard.press('n');
    expect(await page.textContent('[data-testid="review-progress"]')).toBe('20 of 20 marked');
    // No anomaly in 20 marks is not "0.0 % ± 0.0 %": the interval keeps an upper end.
    const interval = page.locator('[data-testid="estimate-interval"]');
    expect(Number(await page.getAttribute('[data-testid="estimate-share"]', 'data-value'))).toBe(0);
    expect(Number(await interval.getAttribute('data-lo'))).toBe(0);
    expect(Number(await interval.getAttribute('data-hi'))).toBeGreaterThan(0.05);
    expect(await interval.textContent()).toMatch(/^\(95 % interval 0\.0 % to (?!0\.0 %)\d+\.\d %\)$/);
    const marked = await metric(page, 'rocAuc');
    await page.check('[data-testid="review-baseline"]');
    await page.waitForFunction((v) => document.querySelector('[data-metric="rocAuc"]')?.getAttribute('data-value') !== String(v), marked);
    await waitIdle(page);
    expect(await metric(page, 'rocAuc')).not.toBe(marked);
    // A mark made afterwards waits for a re-fit, which the cell offers.
    await page.locator('[data-testid="top-row"]').first().click();
    await page.click('[data-testid="explain-mark-normal"]');
    await page.click('[data-testid="review-refit"]');
    await waitIdle(page);
    await page.waitForSelector('[data-testid="review-refit"]', { state: 'detached' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export"]')]);
    const dir = mkdtempSync(join(tmpdir(), 'law-e2e-review-'));
    const specPath = join(dir, download.suggestedFilename());
    await download.saveAs(specPath);
    const spec = JSON.parse(readFileSync(specPath, 'utf8'));
    expect(spec.review.addNormalToBaseline).toBe(true);
    expect(spec.review.marks).toHaveLength(21);
  });
});

/** A stand-in for an OpenAI-compatible server: counts requests, checks the body, answers a canned completion. */
function chatServer() {
  const requests: { method: string; body: string; headers: IncomingMessage['headers'] }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', body, headers: req.headers });
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'content-type, authorization');
      if (req.method === 'OPTIONS') return res.end();
      const request = JSON.parse(body);
      if (request.model === 'slow') return; // never answers: for Cancel
      if (request.model === 'broken') {
        res.statusCode = 500;
        return res.end(JSON.stringify({ error: { message: 'model not loaded' } }));
      }
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: 'A 4.5 MB export took 4.8 s: <b>slow report</b>, check the export job.' } }] }));
    });
  });
  return new Promise<{ url: string; requests: typeof requests; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}/v1/chat/completions`,
        requests,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    }),
  );
}

describe('explanations by detector', () => {
  it('the autoencoder by reconstruction error, LOF with its neighbours, an ensemble by the z-score fallback, said so', async () => {
    const page = await openWorkbench(session());
    await page.click('[data-testid="add-lof-ae"]');
    await page.waitForSelector('[data-run-metric="ensemble.rocAuc"]', { timeout: 120_000 });
    await waitIdle(page);
    const explain = async (run: string) => {
      await page.selectOption('[data-testid="threshold-run"]', run);
      await page.locator('[data-testid="top-row"]').first().click();
      await page.locator('[data-testid="contribution"]').first().waitFor();
      return (await page.textContent('[data-testid="explain-panel"]'))!;
    };
    expect(await explain('ae')).toContain('Autoencoder: each feature’s share of the squared reconstruction error');
    const lof = await explain('lof');
    expect(lof).toContain('LOF: squared difference from the mean of the k nearest training units');
    expect(await page.locator('[data-testid="neighbours"] tbody tr').count()).toBe(20);
    // Neighbours are named by file and line, and the text beside is that line.
    const where = await page.locator('[data-testid="neighbour-where"]').allTextContents();
    for (const w of where) expect(w).toMatch(/^webapp-10k\.log:\d+$/);
    const sample = readFileSync(join(ROOT, 'datasets/webapp/webapp-10k.log'), 'utf8').split('\n');
    const firstRow = page.locator('[data-testid="neighbours"] tbody tr').first();
    const n = Number(where[0].split(':')[1]);
    expect(await firstRow.locator('td.raw').textContent()).toBe(sample[n - 1]);
    const ensemble = await explain('ensemble');
    expect(ensemble).toContain('|z-score| of each feature');
    expect(ensemble).toContain('ensemble is an ensemble of lof, ae, with no model of its own');
    expect(ensemble).toContain('a fallback, not what the detector used');
  });
});

describe('LLM triage', () => {
  it('sends nothing until asked; then the line, its neighbours and template go to the endpoint, and the answer shows beside the line', async () => {
    const chat = await chatServer();
    try {
      const page = await openWorkbench(session());
      await page.locator('[data-testid="top-row"]').first().click();
      await page.waitForSelector('[data-testid="explain-panel"]');
      expect(await page.isDisabled('[data-testid="triage-button"]')).toBe(true);
      await page.fill('[data-testid="triage-endpoint"]', chat.url);
      await page.fill('[data-testid="triage-model"]', 'test-model');
      await page.fill('[data-testid="triage-key"]', 'sk-test-123');
      await page.locator('[data-testid="triage-key"]').blur();
      // Entering the endpoint sends nothing.
      expect(chat.requests).toHaveLength(0);
      const line = (await page.textContent('[data-testid="explained-line"] .raw'))!;
      const template = (await page.textContent('[data-testid="explained-template"]'))!;
      await page.click('[data-testid="triage-button"]');
      const answer = page.locator('[data-testid="triage-answer"]');
      await answer.waitFor();
      // Shown as text: the markup in the answer stays markup.
      expect(await answer.textContent()).toBe('A 4.5 MB export took 4.8 s: <b>slow report</b>, check the export job.');
      expect(await page.locator('[data-testid="explain-panel"] b').count()).toBe(0);
      const posts = chat.requests.filter((r) => r.method === 'POST');
      expect(posts).toHaveLength(1);
      const body = JSON.parse(posts[0].body);
      expect(body.model).toBe('test-model');
      const user = body.messages.find((m: { role: string }) => m.role === 'user').content;
      expect(user).toContain(line);
      expect(user).toContain(template);
      const neighbour = (await page.locator('[data-testid="explain-context"] li .raw').first().textContent())!;
      expect(user).toContain(neighbour);
      expect(posts[0].headers.authorization).toBe('Bearer sk-test-123');

      // The key stays in this tab's session storage, out of localStorage and the spec.
      const stored = await page.evaluate(() => ({ local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }) }));
      expect(stored.local).not.toContain('sk-test-123');
      expect(stored.session).toContain('sk-test-123');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export"]')]);
      const text = readFileSync((await download.path())!, 'utf8');
      expect(text).not.toContain('sk-test-123');
      expect(text).not.toContain(chat.url);

      // Errors and Cancel.
      await page.fill('[data-testid="triage-model"]', 'broken');
      await page.click('[data-testid="triage-button"]');
      await page.waitForSelector('[data-testid="triage-error"]');
      expect(await page.textContent('[data-testid="triage-error"]')).toBe('the endpoint answered 500 Internal Server Error: model not loaded');
      await page.fill('[data-testid="triage-model"]', 'slow');
      await page.click('[data-testid="triage-button"]');
      await page.click('[data-testid="triage-cancel"]');
      await page.waitForSelector('[data-testid="triage-error"] >> text=cancelled');
    } finally {
      await chat.close();
    }
  });
});

describe('log text is shown as text', () => {
  it('markup in log lines stays text in the explanation, the groups and the review', async () => {
    const page = await openWorkbench(session());
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) lines.push(`- 2026-03-02T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z INFO api - GET /items/${i} status=200 latency_ms=${20 + (i % 7)}`);
    for (let i = 0; i < 5; i++) {
      lines.splice(50 + i * 50, 0, `ALERT 2026-03-02T10:0${i}:30.500Z ERROR api - <img src=x onerror="window.__pwned=${i}"> <script>window.__pwned=9</script> failed status=500 latency_ms=${9000 + i}`);
    }
    await dropFiles(page, '[data-testid="dropzone"]', [{ name: 'markup.log', text: lines.join('\n') + '\n' }]);
    await page.waitForSelector('text=305 rows, read as text');
    await page.waitForSelector('[data-metric="rocAuc"]');
    await waitIdle(page);

    await page.locator('[data-testid="top-row"]', { hasText: '<img src=x' }).first().click();
    const panel = page.locator('[data-testid="explain-panel"]');
    expect(await panel.locator('[data-testid="explained-line"] .raw').textContent()).toMatch(/<img src=x onerror="window.__pwned=\d"> <script>window.__pwned=9<\/script>/);
    expect(await page.locator('[data-testid="anomaly-groups"]').textContent()).toContain('<script>window.__pwned=9</script>');

    await page.click('[data-testid="review-draw"]');
    let found = false;
    for (let i = 0; i < 20 && !found; i++) {
      found = (await page.textContent('[data-testid="review-text"]'))!.includes('<img src=x onerror=');
      if (!found) await page.keyboard.press('j');
    }
    expect(found).toBe(true);

    for (const cell of ['results', 'groups', 'review']) {
      expect(await page.locator(`[data-cell="${cell}"] img, [data-cell="${cell}"] script`).count()).toBe(0);
    }
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

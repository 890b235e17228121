import { startSession, newPage } from './browser.ts';
const s = await startSession();
const { page } = await newPage(s);
await page.goto(s.url);
await page.waitForSelector('[data-metric="rocAuc"]');
await page.waitForFunction(() => document.querySelectorAll('progress').length === 0);
await page.evaluate(`(() => { window.__gaps = []; let last = performance.now(); function tick() { const now = performance.now(); if (now - last > 100) window.__gaps.push([Math.round(last), Math.round(now - last)]); last = now; requestAnimationFrame(tick); } requestAnimationFrame(tick); })()`);
const client = await page.context().newCDPSession(page);
await client.send('Profiler.enable');
await client.send('Profiler.setSamplingInterval', { interval: 1000 });
await client.send('Profiler.start');
const t0 = Date.now();
await page.setInputFiles('[data-testid="file-input"]', '/tmp/webapp-1m.log');
let last = '';
for (let i = 0; i < 600; i++) {
  const txt = await page.evaluate(() => [...document.querySelectorAll('progress')].map((p) => p.getAttribute('aria-label') + ' ' + (p as HTMLProgressElement).value.toFixed(2)).join(' | '));
  if (txt !== last) { console.log(((Date.now() - t0) / 1000).toFixed(1), txt); last = txt; }
  const done = await page.evaluate(() => document.querySelector('[data-testid="files"]')?.textContent?.includes('1,000,000 rows') && document.querySelectorAll('progress').length === 0 && !!document.querySelector('[data-run-metric="if.rocAuc"]'));
  if (done) break;
  await page.waitForTimeout(500);
}
console.log('done in', (Date.now() - t0) / 1000, 's', await page.textContent('[data-testid="runs-table"]'));
const m = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize);
console.log('gaps', JSON.stringify(await page.evaluate('window.__gaps')));
const { profile } = await client.send('Profiler.stop') as any;
const self = new Map<string, number>();
const dt = profile.timeDeltas as number[];
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
profile.samples.forEach((id: number, i: number) => { const n: any = byId.get(id); const k = n.callFrame.functionName + ' ' + n.callFrame.url.split('/').pop() + ':' + n.callFrame.lineNumber + ':' + n.callFrame.columnNumber; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000); });
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0).padStart(6)} ms ${k}`).join('\n'));
console.log('main heap MB', m && m / 1e6);
console.log(await page.evaluate(() => document.querySelector('[role=alert]')?.textContent));
await s.close();

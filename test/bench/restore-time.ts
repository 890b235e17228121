// Run: npm run build && npx tsx test/bench/restore-time.ts
// Measures the page restoring a 36 MB notebook after a reload (issue 13, point 7).
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { generateWebappLog } from '../../datasets/webapp/generate.ts';

const path = '/tmp/webapp-36mb.log';
let n = 240_000;
writeFileSync(path, generateWebappLog({ lines: n, seed: 3 }));
const server = await preview({ preview: { port: 4198, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const idle = () => page.waitForFunction(() => document.querySelectorAll('progress').length === 0 && !!document.querySelector('[data-metric="rocAuc"]'), undefined, { timeout: 300000, polling: 50 });
await page.goto('http://127.0.0.1:4198/');
await idle();
let t = Date.now();
await page.setInputFiles('[data-testid="file-input"]', path);
await page.waitForFunction(() => document.querySelector('[data-testid="files"]')?.textContent?.includes('webapp-36mb.log'), undefined, { timeout: 300000 });
await idle();
console.log(`first load: ${((Date.now() - t) / 1000).toFixed(1)} s`);
for (let i = 0; i < 2; i++) {
  t = Date.now();
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-testid="files"]')?.textContent?.includes('webapp-36mb.log'), undefined, { timeout: 300000, polling: 50 });
  const rows = Date.now() - t;
  await idle();
  console.log(`restore ${i + 1}: rows shown after ${(rows / 1000).toFixed(1)} s, scored after ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
await browser.close();
server.httpServer.close();

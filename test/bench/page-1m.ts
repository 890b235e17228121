// The page on a million lines (issue 14): a person drops a 1M-line webapp log
// on the Data cell; we report the seconds until the feature matrix and the
// Isolation Forest metrics show, the longest main-thread task (PerformanceObserver
// 'longtask') and the main thread's JS heap (CDP Runtime.getHeapUsage, sampled
// while it runs, and after a GC at the end).
//
//   npx tsx test/bench/page-1m.ts [--lines 1000000] [--seed 5] [--build] [--dist dist] [--profile out.cpuprofile] [--trace out.json]
//
// --build runs `vite build` into the dist folder first (LAW_DIST or dist/ by default).
// --profile writes a CPU profile of the main thread (open it in Chrome DevTools);
// --trace a Performance trace that covers the workers too.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { generateWebappLog } from '../../datasets/webapp/generate.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface PageBenchOptions {
  lines?: number;
  seed?: number;
  /** The built app's folder under the repository root. */
  dist?: string;
  build?: boolean;
  /** Write a main-thread CPU profile here. */
  profile?: string;
  /** Write a Chromium Performance trace here. */
  trace?: string;
}

export interface PageBenchResult {
  lines: number;
  bytes: number;
  /** From the drop to the matrix shape and the Isolation Forest metrics shown, nothing running (s). */
  seconds: number;
  /** From the drop to the Data cell naming the file (s). */
  rowsShownSeconds: number;
  /** The longest main-thread task while loading, featuring and scoring (ms), and the five longest. */
  longestTaskMs: number;
  longTasksMs: number[];
  /** The main thread's used JS heap: the most seen while it ran, and at the end after a GC (MB). */
  peakHeapMb: number;
  endHeapMb: number;
  rocAuc: number;
}

/** Runs the page on a generated webapp log and measures it. */
export async function benchPage1m(options: PageBenchOptions = {}): Promise<PageBenchResult> {
  const lines = options.lines ?? 1_000_000;
  const dist = options.dist ?? process.env.LAW_DIST ?? 'dist';
  if (options.build) execFileSync('npx', ['vite', 'build', '--outDir', dist], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(join(ROOT, dist, 'index.html'))) throw new Error(`${dist}/ is missing: run \`npm run build\` first, or pass --build`);
  const dir = mkdtempSync(join(tmpdir(), 'law-page-bench-'));
  const path = join(dir, `webapp-${lines}.log`);
  const text = generateWebappLog({ lines, seed: options.seed ?? 5 });
  writeFileSync(path, text);
  const bytes = Buffer.byteLength(text);
  const server = await preview({ root: ROOT, logLevel: 'silent', build: { outDir: dist }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 4173;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: FLAGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // tsx (esbuild, keepNames) wraps named functions in `__name(…)`, which the page lacks.
    await page.addInitScript('window.__name = (f) => f');
    await page.addInitScript(() => {
      const w = window as unknown as { __long: [number, number][] };
      w.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector('[data-metric="rocAuc"]');
    await page.waitForFunction(() => document.querySelectorAll('progress').length === 0, undefined, { polling: 50 });
    // The file reaches the page as a person's drag hands it: a File backed by the file on disk (picked into a
    // detached input, never read into the page's heap), then dropped on the Data cell.
    const picker = await page.evaluateHandle(() => {
      const input = document.createElement('input');
      input.type = 'file';
      return input;
    });
    await picker.setInputFiles(path);
    await page.evaluate((input) => ((window as unknown as { __file: File }).__file = input.files![0]), picker);
    await cdp.send('HeapProfiler.collectGarbage');
    let profileStart = 0;
    if (options.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
      profileStart = await page.evaluate(() => performance.now());
    }
    if (options.trace) await browser.startTracing(page, { path: options.trace, screenshots: false, categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.cpu_profiler'] });
    let peak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const usage = await cdp.send('Runtime.getHeapUsage').catch(() => null);
        if (usage) peak = Math.max(peak, usage.usedSize);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    // Drop it, and stamp (in the page's clock) when the rows, then the matrix and metrics, show with nothing running.
    const seen = await page.evaluate(
      ({ lines, name }) =>
        new Promise<{ rows: number; done: number }>((resolve) => {
          const w = window as unknown as { __long: [number, number][]; __file: File };
          w.__long = [];
          const target = document.querySelector('[data-testid="dropzone"]')!;
          const dt = new DataTransfer();
          dt.items.add(w.__file);
          const t0 = performance.now();
          for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
          const want = `${lines.toLocaleString('en-US')} rows`;
          let rows = 0;
          let idleSince: number | null = null;
          const tick = () => {
            const now = performance.now();
            if (!rows && document.querySelector('[data-testid="files"]')?.textContent?.includes(name)) rows = now - t0;
            const shaped = document.querySelector('[data-testid="matrix-shape"]')?.textContent?.includes(want);
            const scored = document.querySelector('[data-metric="rocAuc"]') && !document.querySelector('progress');
            if (shaped && scored) {
              idleSince ??= now;
              // Nothing running for 150 ms: not a gap between the features and the detector's run.
              if (now - idleSince > 150) return resolve({ rows, done: idleSince - t0 });
            } else idleSince = null;
            setTimeout(tick, 10);
          };
          tick();
        }),
      { lines, name: `webapp-${lines}.log` },
    );
    sampling = false;
    await sampler;
    if (options.trace) await browser.stopTracing();
    if (options.profile) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(options.profile, JSON.stringify(profile));
    }
    const tasks = await page.evaluate(() => (window as unknown as { __long: [number, number][] }).__long);
    // Where to look in the profile: each long task's start, in seconds from the profile's start.
    if (options.profile) console.error(`long tasks (s into the profile, ms): ${tasks.map(([t, d]) => `${((t - profileStart) / 1000).toFixed(2)}:${Math.round(d)}`).join(' ')}`);
    const long = tasks.map(([, d]) => d);
    const rocAuc = Number(await page.getAttribute('[data-metric="rocAuc"]', 'data-value'));
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
    const sorted = [...long].sort((a, b) => b - a);
    return {
      lines,
      bytes,
      seconds: seen.done / 1000,
      rowsShownSeconds: seen.rows / 1000,
      longestTaskMs: sorted[0] ?? 0,
      longTasksMs: sorted.slice(0, 5).map(Math.round),
      peakHeapMb: Math.max(peak, usedSize) / 1e6,
      endHeapMb: usedSize / 1e6,
      rocAuc,
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  const r = await benchPage1m({
    lines: arg('--lines') ? Number(arg('--lines')) : undefined,
    seed: arg('--seed') ? Number(arg('--seed')) : undefined,
    dist: arg('--dist'),
    build: process.argv.includes('--build'),
    profile: arg('--profile'),
    trace: arg('--trace'),
  });
  console.log(
    `page, ${r.lines.toLocaleString('en-US')} lines (${(r.bytes / 1e6).toFixed(0)} MB): scored in ${r.seconds.toFixed(2)} s (rows shown at ${r.rowsShownSeconds.toFixed(2)} s), ` +
      `longest main-thread task ${r.longestTaskMs.toFixed(0)} ms [${r.longTasksMs.join(', ')}], main heap peak ${r.peakHeapMb.toFixed(0)} MB / end ${r.endHeapMb.toFixed(0)} MB, ROC AUC ${r.rocAuc.toFixed(3)}`,
  );
  console.log(JSON.stringify(r));
}

// The page on a million lines (issue 14): a person drops a 1M-line webapp log
// on the Data cell; we report the seconds until the feature matrix and the
// Isolation Forest metrics show, the longest main-thread task (PerformanceObserver
// 'longtask') and the main thread's JS heap (performance.memory sampled while it
// runs, CDP Runtime.getHeapUsage after a GC at the end).
//
//   npx tsx test/bench/page-1m.ts [--lines 1000000] [--seed 5] [--build] [--dist dist] [--core] [--profile out.cpuprofile] [--trace out.json]
//
// --build runs `vite build` into the dist folder first (LAW_DIST or dist/ by default).
// --core also times the same pipeline in this Node process (read, labels and features,
// Isolation Forest: the core code the page runs in its workers), for the page's overhead.
// --profile writes a CPU profile of the main thread (open it in Chrome DevTools);
// --trace a Performance trace that covers the workers too, and prints the longest
// main-thread tasks with their CPU time (wall time counts time the OS gave to others).
// A loaded machine stretches the wall times of long tasks: run it on a quiet one.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { generateWebappLog } from '../../datasets/webapp/generate.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FLAGS = ['--enable-precise-memory-info', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

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
  /** Also time the core pipeline in Node on the same file. */
  core?: boolean;
}

export interface PageBenchResult {
  lines: number;
  bytes: number;
  /** From the drop to the matrix shape and the Isolation Forest metrics shown, nothing running (s). */
  seconds: number;
  /** From the drop to the Data cell naming the file (s). */
  rowsShownSeconds: number;
  /** From the drop to the Features cell showing the matrix (s). */
  matrixShownSeconds: number;
  /** With `core`: read, labels and features, Isolation Forest in this Node process on the same file (s). */
  coreSeconds?: number;
  /** With `trace`: the longest main-thread tasks, wall and CPU time (ms). */
  tracedTasksMs?: { wall: number; cpu: number }[];
  /** The longest main-thread task while loading, featuring and scoring (ms), and the five longest. */
  longestTaskMs: number;
  longTasksMs: number[];
  /** The main thread's used JS heap: the most seen while it ran, and at the end after a GC (MB). */
  peakHeapMb: number;
  endHeapMb: number;
  rocAuc: number;
}

/** The page's pipeline in Node: the core functions its data and detector workers call, on the same file and spec. */
async function coreSeconds(path: string): Promise<number> {
  const { createReadStream } = await import('node:fs');
  const { statSync } = await import('node:fs');
  const { readLogs } = await import('../../app/core/ingest/read-logs.ts');
  const { prepareExperiment, runDetector } = await import('../../app/core/experiment/run-experiment.ts');
  const { defaultSettings, featureSpec, labelRule } = await import('../../app/ui/settings.ts');
  const s = defaultSettings();
  const t0 = performance.now();
  const data = await readLogs([{ name: path, size: statSync(path).size, chunks: createReadStream(path) as AsyncIterable<Uint8Array> }], { format: 'auto' });
  const prepared = prepareExperiment(data, { labels: labelRule(s.labels), features: featureSpec(s.features), split: s.split });
  const d = s.detectors[0];
  runDetector(prepared.features.matrix, { id: d.id, type: d.type, params: d.params });
  return (performance.now() - t0) / 1000;
}

/** The longest tasks of the page's main thread in a Chromium trace, with the CPU time each had. */
function longestTracedTasks(path: string): { wall: number; cpu: number }[] {
  const trace = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: { ph: string; name: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } }[] };
  const main = trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  return trace.traceEvents
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.includes(`${e.pid}:${e.tid}`) && (e.dur ?? 0) > 50_000)
    .map((e) => ({ wall: Math.round((e.dur ?? 0) / 1000), cpu: Math.round((e.tdur ?? 0) / 1000) }))
    .sort((a, b) => b.wall - a.wall)
    .slice(0, 5);
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
    // The heap is sampled in the page (performance.memory, precise with the flag below): CDP's getHeapUsage
    // interrupts the page's thread and would show up as a long task of its own.
    await page.evaluate(() => {
      const w = window as unknown as { __peakHeap: number };
      w.__peakHeap = 0;
      const sample = () => {
        w.__peakHeap = Math.max(w.__peakHeap, (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
        setTimeout(sample, 100);
      };
      sample();
    });
    // Drop it, and stamp (in the page's clock) when the rows, then the matrix and metrics, show with nothing running.
    const seen = await page.evaluate(
      ({ lines, name }) =>
        new Promise<{ rows: number; matrix: number; done: number }>((resolve) => {
          const w = window as unknown as { __long: [number, number][]; __file: File };
          w.__long = [];
          const target = document.querySelector('[data-testid="dropzone"]')!;
          const dt = new DataTransfer();
          dt.items.add(w.__file);
          const t0 = performance.now();
          for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
          const want = `${lines.toLocaleString('en-US')} rows`;
          let rows = 0;
          let matrix = 0;
          let idleSince: number | null = null;
          const tick = () => {
            const now = performance.now();
            if (!rows && document.querySelector('[data-testid="files"]')?.textContent?.includes(name)) rows = now - t0;
            const shaped = document.querySelector('[data-testid="matrix-shape"]')?.textContent?.includes(want);
            if (shaped && !matrix) matrix = now - t0;
            const scored = document.querySelector('[data-metric="rocAuc"]') && !document.querySelector('progress');
            if (shaped && scored) {
              idleSince ??= now;
              // Nothing running for 150 ms: not a gap between the features and the detector's run.
              if (now - idleSince > 150) return resolve({ rows, matrix, done: idleSince - t0 });
            } else idleSince = null;
            setTimeout(tick, 10);
          };
          tick();
        }),
      { lines, name: `webapp-${lines}.log` },
    );
    const peak = await page.evaluate(() => (window as unknown as { __peakHeap: number }).__peakHeap);
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
      matrixShownSeconds: seen.matrix / 1000,
      ...(options.core && { coreSeconds: await coreSeconds(path) }),
      ...(options.trace && { tracedTasksMs: longestTracedTasks(options.trace) }),
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
    core: process.argv.includes('--core'),
  });
  console.log(
    `page, ${r.lines.toLocaleString('en-US')} lines (${(r.bytes / 1e6).toFixed(0)} MB): scored in ${r.seconds.toFixed(2)} s (rows shown at ${r.rowsShownSeconds.toFixed(2)} s, matrix at ${r.matrixShownSeconds.toFixed(2)} s), ` +
      `longest main-thread task ${r.longestTaskMs.toFixed(0)} ms [${r.longTasksMs.join(', ')}], main heap peak ${r.peakHeapMb.toFixed(0)} MB / end ${r.endHeapMb.toFixed(0)} MB, ROC AUC ${r.rocAuc.toFixed(3)}` +
      (r.coreSeconds !== undefined ? `; the same pipeline in Node: ${r.coreSeconds.toFixed(2)} s (page / Node ${(r.seconds / r.coreSeconds).toFixed(2)})` : '') +
      (r.tracedTasksMs ? `; traced tasks wall/CPU ms: ${r.tracedTasksMs.map((t) => `${t.wall}/${t.cpu}`).join(', ')}` : ''),
  );
  console.log(JSON.stringify(r));
}

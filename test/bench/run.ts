// `npm run bench`: each case on our side and, where scikit-learn is installed
// (/usr/bin/python3 with sklearn, n_jobs=1), on its side, each in a fresh
// process on the very same data. Prints a table with ratios and writes
// bench-results/latest.json. Usage: npm run bench [-- --only if-100k,lof-100k]
// (`--only features` runs the feature cases of feature-cases.ts, `--only miner` the template miner,
// `--only stream` law score with a fitted spec, batch and streamed, whole processes;
// `--only process` law --help, law parse and law run against the peer script, whole processes;
// `--only nats-workers` 1, 2 and 4 law watch workers on one NATS JetStream consumer, only when named).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchData } from './bench-data.ts';
import { CASES } from './cases.ts';
import { runFeatureBench } from './feature-bench.ts';
import { runStreamBench } from './stream-bench.ts';
import { processTable, runProcessBench } from './process-bench.ts';
import { runNatsWorkersBench } from './nats-workers-bench.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const PYTHON = '/usr/bin/python3';
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : null;

interface Side { seconds: number; maxRssMb: number }
type Outcome = Side | { error: string };

function sklearnVersion(): string | null {
  try {
    return execFileSync(PYTHON, ['-c', 'import sklearn; print(sklearn.__version__)'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function runJson(cmd: string, args: string[]): Outcome {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: root, timeout: 600_000, maxBuffer: 1 << 24 });
  const last = r.stdout?.trim().split('\n').pop();
  if (r.status !== 0 || !last) return { error: (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').slice(-1)[0] };
  try {
    return JSON.parse(last) as Outcome;
  } catch {
    return { error: last };
  }
}

const sklearn = sklearnVersion();
console.log(`Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); scikit-learn: ${sklearn ?? 'not installed — run `apt-get install python3-sklearn` for the side-by-side columns'}`);
const rows: Record<string, unknown>[] = [];
for (const c of CASES) {
  if (only && !only.includes(c.id)) continue;
  const file = benchData(c.rows, c.cols);
  const ours = runJson(process.execPath, ['--import', 'tsx', `${here}our-case.ts`, c.id, file]);
  const theirs: Outcome | null = sklearn && c.detector !== 'ml-isolation-forest'
    ? runJson(PYTHON, [`${here}sklearn_case.py`, c.detector, String(c.rows), String(c.cols), JSON.stringify(c.params), file])
    : null;
  const ok = (o: Outcome | null): o is Side => !!o && 'seconds' in o;
  const row = {
    case: c.id, detector: c.detector, rows: c.rows, dims: c.cols,
    seconds: ok(ours) ? ours.seconds : null, sklearnSeconds: ok(theirs) ? theirs.seconds : null,
    ratio: ok(ours) && ok(theirs) ? ours.seconds / theirs.seconds : null,
    peakMb: ok(ours) ? ours.maxRssMb : null, sklearnPeakMb: ok(theirs) ? theirs.maxRssMb : null,
    target: c.target ?? '', error: !ok(ours) ? (ours as { error: string }).error : theirs && !ok(theirs) ? `sklearn: ${theirs.error}` : undefined,
  };
  rows.push(row);
  const f = (v: number | null, d = 2) => (v === null ? '—' : v.toFixed(d));
  console.log(`${c.id.padEnd(10)} ${c.detector.padEnd(20)} ${String(c.rows).padStart(8)}×${String(c.cols).padEnd(3)} ours ${f(row.seconds).padStart(7)} s  sklearn ${f(row.sklearnSeconds).padStart(7)} s  ratio ${f(row.ratio, 3).padStart(6)}  peak ${f(row.peakMb, 0)} MB / ${f(row.sklearnPeakMb, 0)} MB  ${row.target}${row.error ? `  [${row.error}]` : ''}`);
}

const md = [
  '| case | detector | rows × dims | ours (s) | scikit-learn (s) | ratio | peak MB ours / sklearn | target |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => {
    const f = (v: unknown, d = 2) => (typeof v === 'number' ? v.toFixed(d) : '—');
    return `| ${r.case} | ${r.detector} | ${r.rows} × ${r.dims} | ${f(r.seconds)} | ${f(r.sklearnSeconds)} | ${f(r.ratio, 3)} | ${f(r.peakMb, 0)} / ${f(r.sklearnPeakMb, 0)} | ${r.target} |`;
  }),
].join('\n');
if (rows.length > 0) console.log('\n' + md);
// Template mining throughput (needs the Loghub samples in ../shared/datasets).
let miner: string | null = null;
if (!only || only.includes('miner')) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `${here}template-miner-bench.ts`], { encoding: 'utf8', cwd: root, timeout: 600_000 });
  miner = (r.stdout || r.stderr).trim().split('\n').slice(-1)[0] ?? null;
  console.log(`\ntemplate miner: ${miner}`);
}

const features = await runFeatureBench(only, runJson, sklearn);
const streaming = await runStreamBench(only);
const processes = await runProcessBench(only);
if (processes.length > 0) console.log('\n' + processTable(processes));
const natsWorkers = await runNatsWorkersBench(only);

mkdirSync(`${root}bench-results`, { recursive: true });
writeFileSync(`${root}bench-results/latest.json`, JSON.stringify({ date: new Date().toISOString(), node: process.version, sklearn, rows, miner, features, streaming, processes, natsWorkers }, null, 2));
console.log('\nwritten: bench-results/latest.json');

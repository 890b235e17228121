// `law watch` workers on NATS JetStream, whole processes as users run them
// (`npm run bench -- --only nats-workers`): a real `nats-server -js`, N webapp
// lines published into a stream before any worker starts, then 1, 2 and 4
// workers (`node bin/law.js watch SPEC`, the fitted webapp spec, a nats source
// and a nats sink, no jsonl) on one durable pull consumer — a fresh durable and
// fresh output streams per run, the same input stream. Each run is timed from
// the workers' start until the output stream holds N units; CPU is the workers'
// utime + stime from /proc/<pid>/stat at that moment (so their drain and exit
// are not in it), and the server's over the same span. "Steady" leaves the
// start-up out: from the moment a tenth of the units are out until all are.
// "Cores used" is the workers' and the server's CPU over the wall time: what
// they got of the machine, which bounds any speed-up. Batch 500 and 2000.
// Runs only when named (about 3 minutes on 2 cores). Nothing is asserted:
// these are measurements, not a test.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWebappLog } from '../../datasets/webapp/generate.ts';
import { NATS_SERVER, startNats, type NatsServer } from '../servers/nats.ts';
import { stopByPid } from '../servers/server-process.ts';
import { root } from './timed-process.ts';

const LINES = 200_000;
const WORKERS = [1, 2, 4];
const BATCHES = [500, 2000];
/** Longest a run may take before its workers are killed and the row says so. */
const RUN_LIMIT_MS = 300_000;
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

export interface NatsWorkersRow {
  case: string;
  workers: number;
  batch: number;
  lines: number;
  /** Workers' start until the output stream holds every unit. */
  seconds: number | null;
  linesPerSecond: number | null;
  /** The workers' CPU (user + system, summed over them) per line, start-up included. */
  cpuMicrosPerLine: number | null;
  /** The same two from a tenth of the units out until all are (start-up left out). */
  steadyLinesPerSecond: number | null;
  steadyCpuMicrosPerLine: number | null;
  /** nats-server's CPU per line over the run. */
  serverCpuMicrosPerLine: number | null;
  /** Cores the workers and nats-server used together ((their CPU seconds) / wall seconds): what they got of the machine. */
  coresUsed: number | null;
  /** Lines/s against the 1-worker run of the same batch size. */
  speedUp: number | null;
  /** Units the output stream held once the workers had stopped (N when none is there twice). */
  unitsStored: number | null;
  error?: string;
}

function emptyRow(id: string, workers: number, batch: number): NatsWorkersRow {
  return {
    case: id, workers, batch, lines: LINES, seconds: null, linesPerSecond: null, cpuMicrosPerLine: null,
    steadyLinesPerSecond: null, steadyCpuMicrosPerLine: null, serverCpuMicrosPerLine: null, coresUsed: null, speedUp: null, unitsStored: null,
  };
}

/** CPU seconds (user + system, all threads) a live process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime: fields 14 and 15 of proc(5)
}

/** True when bin/law.js will run the esbuild CLI (no TypeScript compiled in the workers). */
function cliBuildFresh(): boolean {
  const built = join(root, 'dist-cli/main.js');
  if (!existsSync(built)) return false;
  const newer = spawnSync('find', ['app/cli', 'app/core', 'app/serve', 'package.json', '-newer', built, '-type', 'f', '-print', '-quit'], { cwd: root, encoding: 'utf8' });
  return newer.status === 0 && newer.stdout.trim() === '';
}

async function publishLines(server: NatsServer, lines: string[]): Promise<void> {
  const js = server.nc.jetstream();
  // A thousand publishes in flight, each acknowledged by the stream.
  for (let i = 0; i < lines.length; i += 1000) await Promise.all(lines.slice(i, i + 1000).map((l) => js.publish('bench.logs', l)));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function oneRun(server: NatsServer, dir: string, fitted: Record<string, unknown>, workers: number, batch: number): Promise<NatsWorkersRow> {
  const id = `nats-w${workers}-b${batch}`;
  const row = emptyRow(id, workers, batch);
  const jsm = await server.nc.jetstreamManager();
  const out = `bench.out.${id.replaceAll('-', '_')}`;
  // Output streams of this run only: a unit's message id (source:line) repeats in every run.
  await jsm.streams.add({ name: 'UNITS', subjects: [`${out}.units`], duplicate_window: 120e9 });
  await jsm.streams.add({ name: 'ALERTS', subjects: [`${out}.alerts`], duplicate_window: 120e9 });
  const units = async () => (await jsm.streams.info('UNITS')).state.messages;
  const children: { child: ChildProcess; log: string[] }[] = [];
  try {
    const serverBefore = cpuSeconds(server.pid);
    const started = performance.now();
    for (let w = 0; w < workers; w++) {
      const spec = join(dir, `${id}-${w}.json`);
      writeFileSync(spec, JSON.stringify({
        ...fitted,
        deploy: {
          source: { kind: 'nats', url: server.url, stream: 'LOGS', subject: 'bench.logs', durable: id, batch, ackWait: '60s' },
          sinks: [{ kind: 'nats', subject: out }],
          state: join(dir, `${id}-${w}-state`),
        },
      }));
      const child = spawn(process.execPath, [join(root, 'bin/law.js'), 'watch', spec], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      const log: string[] = [];
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (s: string) => (log.push(s), log.length > 50 && log.shift()));
      children.push({ child, log });
    }
    let tenth: { at: number; units: number; cpu: number } | null = null;
    let stored = 0;
    for (;;) {
      stored = await units();
      const now = performance.now();
      if (stored >= LINES) break;
      if (!tenth && stored >= LINES / 10) tenth = { at: now, units: stored, cpu: children.reduce((s, c) => s + cpuSeconds(c.child.pid!), 0) };
      const dead = children.find((c) => c.child.exitCode !== null || c.child.signalCode !== null);
      if (dead) throw new Error(`a worker exited (${dead.child.exitCode ?? dead.child.signalCode}): ${dead.log.join('').trim().split('\n').slice(-1)[0]}`);
      if (now - started > RUN_LIMIT_MS) throw new Error(`${stored} of ${LINES} units after ${RUN_LIMIT_MS / 1000} s`);
      await sleep(50);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = children.reduce((s, c) => s + cpuSeconds(c.child.pid!), 0);
    const serverCpu = cpuSeconds(server.pid) - serverBefore;
    row.seconds = seconds;
    row.linesPerSecond = LINES / seconds;
    row.cpuMicrosPerLine = (cpu / LINES) * 1e6;
    row.serverCpuMicrosPerLine = (serverCpu / LINES) * 1e6;
    row.coresUsed = (cpu + serverCpu) / seconds;
    if (tenth) {
      row.steadyLinesPerSecond = (stored - tenth.units) / (seconds - (tenth.at - started) / 1000);
      row.steadyCpuMicrosPerLine = ((cpu - tenth.cpu) / (stored - tenth.units)) * 1e6;
    }
  } catch (e) {
    row.error = (e as Error).message;
  } finally {
    // A drain, then a kill if it takes longer than 10 s.
    await Promise.all(children.map((c) => stopByPid(c.child, 'SIGTERM', 10_000)));
    row.unitsStored = await units().catch(() => null);
    await jsm.streams.delete('UNITS').catch(() => {});
    await jsm.streams.delete('ALERTS').catch(() => {});
    await jsm.consumers.delete('LOGS', id).catch(() => {});
  }
  return row;
}

export async function runNatsWorkersBench(only: string[] | null): Promise<NatsWorkersRow[]> {
  if (!only?.includes('nats-workers')) return [];
  if (!existsSync(NATS_SERVER)) {
    console.log(`\nnats-workers: skipped, ${NATS_SERVER} is not installed (apt-get install nats-server)`);
    return [];
  }
  console.log(`\nlaw watch workers on one JetStream durable consumer (${LINES.toLocaleString('en-US')} webapp lines, fitted webapp spec, nats sink), whole processes:`);
  const cores = cpus().length;
  console.log(`${cores} cores here: the workers, nats-server and this bench share them, so ${WORKERS.filter((w) => w > cores).join(', ')} workers cannot go past ${cores}× one worker; load average at the start ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on the machine shows in the figures).`);
  if (!cliBuildFresh()) console.log('note: dist-cli/ is older than a source file, so each worker compiles TypeScript through tsx at start (run `node scripts/build-cli.mjs` first for the figures users get)');
  const dir = mkdtempSync(join(tmpdir(), 'law-bench-nats-'));
  const fittedPath = join(dir, 'fitted.json');
  const fit = spawnSync(process.execPath, [join(root, 'bin/law.js'), 'fit', join(root, 'experiments/webapp-isolation-forest.json'), '--out', fittedPath], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (fit.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return [{ ...emptyRow('nats-workers', 0, 0), error: `law fit: ${fit.stderr.trim().split('\n').slice(-1)[0]}` }];
  }
  const fitted = JSON.parse(readFileSync(fittedPath, 'utf8')) as Record<string, unknown>;
  const server = await startNats();
  const rows: NatsWorkersRow[] = [];
  try {
    const jsm = await server.nc.jetstreamManager();
    await jsm.streams.add({ name: 'LOGS', subjects: ['bench.logs'] });
    const lines = generateWebappLog({ lines: LINES, seed: 42 }).split('\n').filter(Boolean);
    // What one JetStream publish with its acknowledgement costs, client and server, as the nats sink publishes each unit.
    const t = performance.now();
    const [client, serverCpu] = [process.cpuUsage(), cpuSeconds(server.pid)];
    await publishLines(server, lines);
    const used = process.cpuUsage(client);
    console.log(`published ${(await jsm.streams.info('LOGS')).state.messages.toLocaleString('en-US')} lines in ${((performance.now() - t) / 1000).toFixed(1)} s: ` +
      `${((used.user + used.system) / LINES).toFixed(1)} µs CPU a message in this client (nats.js, 1000 in flight), ${(((cpuSeconds(server.pid) - serverCpu) / LINES) * 1e6).toFixed(1)} µs in nats-server`);
    for (const batch of BATCHES) {
      let one: number | null = null;
      for (const workers of WORKERS) {
        const row = await oneRun(server, dir, fitted, workers, batch);
        if (workers === 1) one = row.linesPerSecond;
        row.speedUp = one !== null && row.linesPerSecond !== null ? row.linesPerSecond / one : null;
        rows.push(row);
        printRow(row);
      }
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\n' + natsWorkersTable(rows));
  return rows;
}

const f = (v: number | null, d = 2) => (v === null ? '—' : v.toFixed(d));
const n = (v: number | null) => (v === null ? '—' : Math.round(v).toLocaleString('en-US'));

function printRow(r: NatsWorkersRow): void {
  console.log(`${r.case.padEnd(16)} ${f(r.seconds).padStart(7)} s  ${n(r.linesPerSecond)} lines/s  CPU ${f(r.cpuMicrosPerLine, 1)} µs/line  ` +
    `steady ${n(r.steadyLinesPerSecond)} lines/s, ${f(r.steadyCpuMicrosPerLine, 1)} µs/line  nats-server ${f(r.serverCpuMicrosPerLine, 1)} µs/line  ` +
    `cores used ${f(r.coresUsed)}  speed-up ${f(r.speedUp)}×  units ${n(r.unitsStored)}  load ${loadavg()[0].toFixed(2)}${r.error ? `  [${r.error}]` : ''}`);
}

/** The README's table of the runs. */
export function natsWorkersTable(rows: NatsWorkersRow[]): string {
  return [
    '| workers | batch | s | lines/s | CPU µs/line (workers) | speed-up vs 1 worker | steady lines/s | steady CPU µs/line | nats-server CPU µs/line | cores used | units stored |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.workers} | ${r.batch} | ${f(r.seconds)} | ${n(r.linesPerSecond)} | ${f(r.cpuMicrosPerLine, 1)} | ${f(r.speedUp)}× | ${n(r.steadyLinesPerSecond)} | ${f(r.steadyCpuMicrosPerLine, 1)} | ${f(r.serverCpuMicrosPerLine, 1)} | ${f(r.coresUsed)} | ${n(r.unitsStored)} |`),
  ].join('\n');
}

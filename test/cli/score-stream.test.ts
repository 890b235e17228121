// `law score` on a stream, as a user runs it: the real bin/law.js as a child
// process, fed through a pipe or a growing file, read line by line as it
// prints. Every process started here is stopped by its pid, and every wait
// is bounded.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { law, tempFolder } from './cli-helpers.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { dir, write } = tempFolder();

interface Unit { row: number; line: number; score: number; anomaly: boolean; text: string }

/** A running `law` whose output lines are collected as they come. */
class Law {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: { at: number; unit: Unit }[] = [];
  stderr = '';
  private partial = '';
  readonly exited: Promise<number | null>;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [join(root, 'bin/law.js'), ...args], { cwd: dir, env: { ...process.env, TZ: 'UTC' } });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (s: string) => {
      const parts = (this.partial + s).split('\n');
      this.partial = parts.pop()!;
      for (const p of parts) this.lines.push({ at: Date.now(), unit: JSON.parse(p) as Unit });
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (s: string) => (this.stderr += s));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    running.push(this);
  }

  /** Waits until `n` units were printed; fails with what was seen after `ms`. */
  async until(n: number, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.lines.length < n) {
      if (Date.now() > deadline) throw new Error(`law printed ${this.lines.length} of ${n} units in ${ms} ms; stderr: ${this.stderr}`);
      await sleep(10);
    }
  }

  units(): Unit[] {
    return this.lines.map((l) => l.unit);
  }
}

const running: Law[] = [];
afterEach(() => {
  for (const p of running.splice(0)) if (p.child.exitCode === null && p.child.signalCode === null) process.kill(p.child.pid!, 'SIGKILL');
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Units keyed by what names them, for comparing live output with a batch run regardless of order. */
const byText = (units: Unit[]) => Object.fromEntries(units.map((u) => [u.text, { line: u.line, score: u.score, anomaly: u.anomaly }]));

async function fitted(spec: string, out: string): Promise<string> {
  const r = await law('fit', join(root, 'experiments', spec), '--out', join(dir, out));
  expect(r.code).toBe(0);
  return join(dir, out);
}

async function batch(config: string, file: string): Promise<Unit[]> {
  const r = await law('score', '--config', config, file);
  expect(r.code).toBe(0);
  return r.out.map((l) => JSON.parse(l) as Unit);
}

let webapp: string;
let netflow: string;
let hdfs: string;
beforeAll(async () => {
  webapp = await fitted('webapp-isolation-forest.json', 'webapp.fitted.json');
  netflow = await fitted('netflow-per-destination.json', 'netflow.fitted.json');
  hdfs = await fitted('hdfs-sessions.json', 'hdfs.fitted.json');
}, 60_000);

describe('law score on a stream', () => {
  it('lines piped one by one into `law score -` are each printed within 1.5 s', async () => {
    const log = readFileSync(join(root, 'datasets/webapp/webapp-10k.log'), 'utf8').split('\n').slice(0, 6);
    const p = new Law(['score', '--config', webapp, '-']);
    const delays: number[] = [];
    for (let i = 0; i < log.length; i++) {
      const sent = Date.now();
      p.child.stdin.write(log[i] + '\n');
      // The first line also waits for the process to start (tsx compiles the CLI).
      await p.until(i + 1, i === 0 ? 30_000 : 5_000);
      delays.push(p.lines[i].at - sent);
      await sleep(300);
    }
    p.child.stdin.end();
    expect(await p.exited).toBe(0);
    expect(p.units().map((u) => u.line)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const d of delays.slice(1)) expect(d).toBeLessThan(1500);
    // What came line by line is what scoring the same lines as a file gives.
    const file = write('six.log', log.join('\n') + '\n');
    expect(p.units()).toEqual(await batch(webapp, file));
  });

  it('a gzip stream on standard input is scored as its text would be', async () => {
    const text = readFileSync(join(root, 'datasets/webapp/webapp-10k.log'), 'utf8').split('\n').slice(0, 300).join('\n') + '\n';
    const p = new Law(['score', '--config', webapp]);
    p.child.stdin.end(gzipSync(text));
    expect(await p.exited).toBe(0);
    expect(p.units()).toEqual(await batch(webapp, write('300.log', text)));
  });

  it('--follow: per-destination windows print as they close while the file grows; SIGTERM prints the open ones, exit 0; all equal the batch result', async () => {
    const source = readFileSync(join(root, 'datasets/netflow/netflow-5k.logfmt'), 'utf8').split('\n').filter(Boolean);
    const path = write('flows.logfmt', '');
    const p = new Law(['score', '--config', netflow, '--follow', path]);
    // Half the file in ten appends: windows whose end is a minute (the default lateness) behind the newest line are done.
    const half = Math.floor(source.length / 2);
    for (let i = 0; i < 10; i++) {
      appendFileSync(path, source.slice((i * half) / 10, ((i + 1) * half) / 10).join('\n') + '\n');
      await sleep(100);
    }
    await p.until(20, 30_000);
    const early = p.lines.length;
    appendFileSync(path, source.slice(half).join('\n') + '\n');
    await sleep(1500);
    process.kill(p.child.pid!, 'SIGTERM');
    expect(await p.exited).toBe(0);
    expect(early).toBeLessThan(p.lines.length);
    const expected = await batch(netflow, join(root, 'datasets/netflow/netflow-5k.logfmt'));
    expect(p.units()).toHaveLength(expected.length);
    expect(byText(p.units())).toEqual(byText(expected));
  });

  it('sessions on standard input end after --idle of log time and print before the input ends; all equal the batch result', async () => {
    const source = readFileSync(join(root, 'datasets/hdfs-like/hdfs-like.log'), 'utf8');
    const lines = source.split('\n').filter(Boolean);
    // Its blocks pause at most 399 s between lines, over 16 minutes of log: 7 quiet minutes end a block.
    const p = new Law(['score', '--config', hdfs, '--idle', '7m', '-']);
    const half = Math.floor(lines.length * 0.9);
    p.child.stdin.write(lines.slice(0, half).join('\n') + '\n');
    // Blocks quiet for 7 minutes of log time are scored while the input is still open.
    await p.until(1, 30_000);
    p.child.stdin.end(lines.slice(half).join('\n') + '\n');
    expect(await p.exited).toBe(0);
    const expected = await batch(hdfs, join(root, 'datasets/hdfs-like/hdfs-like.log'));
    expect(p.units()).toHaveLength(expected.length);
    expect(byText(p.units())).toEqual(byText(expected));
  });

  it('the other way round: windows from standard input, sessions with --follow, each equal to the batch result', async () => {
    const flows = readFileSync(join(root, 'datasets/netflow/netflow-5k.logfmt'), 'utf8').split('\n').filter(Boolean);
    const windows = new Law(['score', '--config', netflow, '-']);
    windows.child.stdin.write(flows.slice(0, 3000).join('\n') + '\n');
    await windows.until(1, 30_000);
    windows.child.stdin.end(flows.slice(3000).join('\n') + '\n');
    expect(await windows.exited).toBe(0);
    expect(byText(windows.units())).toEqual(byText(await batch(netflow, join(root, 'datasets/netflow/netflow-5k.logfmt'))));

    const blocks = readFileSync(join(root, 'datasets/hdfs-like/hdfs-like.log'), 'utf8').split('\n').filter(Boolean);
    const path = write('hdfs.log', blocks.slice(0, 6800).join('\n') + '\n');
    const sessions = new Law(['score', '--config', hdfs, '--idle', '7m', '--follow', path]);
    await sessions.until(1, 30_000);
    appendFileSync(path, blocks.slice(6800).join('\n') + '\n');
    await sleep(1000);
    process.kill(sessions.child.pid!, 'SIGTERM');
    expect(await sessions.exited).toBe(0);
    const expected = await batch(hdfs, join(root, 'datasets/hdfs-like/hdfs-like.log'));
    expect(sessions.units()).toHaveLength(expected.length);
    expect(byText(sessions.units())).toEqual(byText(expected));
  });

  it('--follow across a rotation: the new file is read from line 1 and nothing before the rename is lost', async () => {
    const log = readFileSync(join(root, 'datasets/webapp/webapp-10k.log'), 'utf8').split('\n').slice(0, 40);
    const path = write('app.log', log.slice(0, 20).join('\n') + '\n');
    const p = new Law(['score', '--config', webapp, '--follow', path]);
    await p.until(20, 30_000);
    appendFileSync(path, log.slice(20, 25).join('\n') + '\n');
    renameSync(path, path + '.1');
    writeFileSync(path, log.slice(25).join('\n') + '\n');
    await p.until(40);
    process.kill(p.child.pid!, 'SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.units().map((u) => u.line)).toEqual([...Array.from({ length: 25 }, (_, i) => i + 1), ...Array.from({ length: 15 }, (_, i) => i + 1)]);
    expect(p.units().map((u) => u.text)).toEqual(log);
    expect(p.stderr).toContain('app.log was rotated (a new file took its name): reading the new contents from line 1');
  });
});

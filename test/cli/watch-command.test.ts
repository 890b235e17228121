// `law watch` as a service, run as users run it: the real bin/law.js as a
// child process, on a log file that grows, is rotated both ways, while the
// service is killed with SIGKILL and started again. Every line carries a
// unique id; at the end each id must be in the sink exactly once. Every
// process started here is stopped by its pid, every wait bounded.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { law, tempFolder } from './cli-helpers.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { dir, write } = tempFolder();
const running: ChildProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) if (p.exitCode === null && p.signalCode === null) process.kill(p.pid!, 'SIGKILL');
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The webapp sample's lines, each with a unique `uid=N` at its end. */
const LINES = readFileSync(join(root, 'datasets/webapp/webapp-10k.log'), 'utf8').split('\n').filter(Boolean).map((l, i) => `${l} uid=${i}`);

let fitted: Record<string, unknown>;
beforeAll(async () => {
  const out = join(dir, 'webapp.fitted.json');
  expect((await law('fit', join(root, 'experiments/webapp-isolation-forest.json'), '--out', out)).code).toBe(0);
  fitted = JSON.parse(readFileSync(out, 'utf8'));
}, 60_000);

/** A watch spec in its own folder: the fitted webapp spec with a deploy section. */
function watchSpec(name: string, deploy: Record<string, unknown>): { folder: string; spec: string } {
  const folder = join(dir, name);
  const spec = write(`${name}.json`, { ...fitted, deploy: { state: join(folder, 'state'), ...deploy } });
  return { folder, spec };
}

/** Starts `law watch SPEC`; its stderr (the JSON log) is collected. */
function start(spec: string): { child: ChildProcess; log: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(root, 'bin/law.js'), 'watch', spec], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let log = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => (log += s));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, log: () => log, exited };
}

/** The uids in a jsonl sink so far. */
function uids(path: string): number[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => { const m = /uid=(\d+)$/.exec(JSON.parse(l).text); if (!m) throw new Error(`no uid in ${l}`); return Number(m[1]); });
}

async function until(what: string, ok: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await sleep(20);
  }
}

describe('law watch, file source and jsonl sink', () => {
  it('kill -9 and restarts mid-stream, a rename rotation (one while stopped) and a copytruncate: every line scored exactly once', async () => {
    const { folder, spec } = watchSpec('kill9', { source: { kind: 'file', path: 'kill9/app.log' }, sinks: [{ kind: 'jsonl', path: 'kill9/scores.jsonl', all: true }] });
    const log = join(folder, 'app.log');
    const scores = join(folder, 'scores.jsonl');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder, { recursive: true });
    writeFileSync(log, '');
    let next = 0;
    const appendLines = (n: number) => {
      appendFileSync(log, LINES.slice(next, next + n).map((l) => l + '\n').join(''));
      next += n;
    };
    const logs: (() => string)[] = [];
    const begin = () => {
      const started = start(spec);
      logs.push(started.log);
      return started;
    };
    let p = begin();
    const kills: number[] = [];
    const written: number[] = [];
    const kill9 = async () => {
      process.kill(p.child.pid!, 'SIGKILL');
      await p.exited;
      kills.push(uids(scores).length);
    };
    // 1. Lines keep coming (50 every 20 ms); the service is killed twice while it reads and writes them.
    await until('the service started', () => p.log().includes('scoring with model version'));
    const writer = (async () => {
      for (let i = 0; i < 60; i++) {
        appendLines(50);
        await sleep(20);
      }
    })();
    for (const at of [500, 1100]) {
      await sleep(at === 500 ? 500 : 600);
      await kill9();
      kills[kills.length - 1] = uids(scores).length;
      written.push(next);
      p = begin();
      await until('the service started again', () => p.log().includes('scoring with model version'));
    }
    await writer;
    await until('caught up', () => uids(scores).length === next);
    // 2. Killed, then the file is renamed away and re-created while the service is down.
    await kill9();
    appendLines(200);
    renameSync(log, log + '.1');
    writeFileSync(log, '');
    appendLines(300);
    p = begin();
    await until('the rotated file and the new one read', () => uids(scores).length === next);
    // 3. A rename rotation while running, then a kill right after.
    appendLines(250);
    renameSync(log, log + '.2');
    writeFileSync(log, '');
    appendLines(250);
    await sleep(150);
    await kill9();
    p = begin();
    await until('caught up after the rotation', () => uids(scores).length === next);
    // 4. copytruncate once caught up (as logrotate does it: copy, then truncate in place).
    copyFileSync(log, log + '.3');
    truncateSync(log, 0);
    appendLines(500);
    await until('caught up after the truncation', () => uids(scores).length === next);
    process.kill(p.child.pid!, 'SIGTERM');
    expect(await p.exited).toBe(0);

    const seen = uids(scores);
    const counts = new Map<number, number>();
    for (const u of seen) counts.set(u, (counts.get(u) ?? 0) + 1);
    const twice = [...counts].filter(([, c]) => c > 1).map(([u]) => u);
    const missing = Array.from({ length: next }, (_, i) => i).filter((u) => !counts.has(u));
    console.log(`law watch kill -9: ${next} lines written, ${seen.length} scored, killed ${kills.length} times (${kills.map((k, i) => `${k} scored${written[i] !== undefined ? ` of ${written[i]} written` : ''}`).join('; ')}), ${twice.length} twice, ${missing.length} missing`);
    expect(missing).toEqual([]);
    expect(twice).toEqual([]);
    expect(seen).toHaveLength(next);
    const all = logs.map((l) => l()).join('');
    expect(all).toContain('rotated while stopped');
    expect(all).toContain('was truncated');
  }, 180_000);
});

// What the law watch tests share: the real bin/law.js started as a child
// process (its JSON log collected), stopped by pid after each test, and
// bounded waits.
import { afterEach } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Watching {
  child: ChildProcess;
  /** Its standard error so far: the service's JSON log. */
  log: () => string;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) if (p.exitCode === null && p.signalCode === null) process.kill(p.pid!, 'SIGKILL');
});

/** Starts `law watch SPEC [ARGS…]` in `cwd`; standard output is piped (a `-` jsonl sink writes there). */
export function startWatch(spec: string, cwd: string, args: string[] = []): Watching {
  const child = spawn(process.execPath, [join(ROOT, 'bin/law.js'), 'watch', spec, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let log = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => (log += s));
  return { child, log: () => log, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `ok`, failing with `what` after `ms`. */
export async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await sleep(50);
  }
}

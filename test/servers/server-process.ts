// What the real servers the tests start (Alertmanager, PostgreSQL, MariaDB)
// have in common: a free loopback port, waiting until the server answers or
// saying why it never did, and a stop that signals the process by its pid,
// waits, then kills it.
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (bound, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface WaitOptions {
  /** How long the server has to answer (ms); past it, it is killed. */
  timeoutMs: number;
  /** The pause between two tries (ms). */
  pollMs: number;
  /** How much of the server's stderr the error shows (characters, its end). */
  tail: number;
}

/**
 * Tries `answers` until it resolves true; a throw or false counts as not yet.
 * Throws with the end of the server's stderr (spawn it with stderr piped) if the
 * process exits first, or if `timeoutMs` passes (then it is killed by its pid).
 */
export async function waitUntilAnswers(child: ChildProcess, name: string, answers: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  let log = '';
  child.stderr!.on('data', (s) => (log += s));
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${log.slice(-options.tail)}`);
    if (await answers().catch(() => false)) return;
    if (Date.now() > deadline) {
      process.kill(child.pid!, 'SIGKILL');
      throw new Error(`${name} not answering after ${options.timeoutMs / 1000} s: ${log.slice(-options.tail)}`);
    }
    await new Promise((r) => setTimeout(r, options.pollMs));
  }
}

/** Sends `signal` to the server by its pid, waits up to `graceMs` for it to exit, then kills it. */
export async function stopByPid(child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(child.pid!, signal);
  await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
  if (child.exitCode === null) process.kill(child.pid!, 'SIGKILL');
}

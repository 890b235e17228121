// Runs a whole process under GNU time (`apt-get install time`), as users run
// `law`: elapsed seconds and the process's own peak RSS, output discarded.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TIME = '/usr/bin/time';
export const root = fileURLToPath(new URL('../..', import.meta.url));

export type Timed = { seconds: number; peakMb: number; stdout: string } | { error: string };

/** True when GNU time is there; else says what to install. */
export function haveGnuTime(what: string): boolean {
  if (existsSync(TIME)) return true;
  console.log(`\n${what}: skipped, ${TIME} (GNU time, Debian package "time") is not installed`);
  return false;
}

/**
 * Runs `command args…` under GNU time with stdin from `cat inputs…` (or none).
 * Standard output is kept only when `keepStdout` (a peer prints its metrics),
 * else discarded as a pipe to /dev/null would.
 */
export function timed(command: string, args: string[], inputs: string[] | null = null, keepStdout = false): Promise<Timed> {
  const folder = mkdtempSync(join(tmpdir(), 'law-bench-time-'));
  const report = join(folder, 'time.txt');
  return new Promise((resolve) => {
    const cat = inputs ? spawn('cat', inputs, { stdio: ['ignore', 'pipe', 'inherit'] }) : null;
    const child = spawn(TIME, ['-f', '%e %M', '-o', report, command, ...args], {
      cwd: root,
      stdio: [cat ? cat.stdout! : 'ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr!.on('data', (s) => (stderr += s));
    child.stdout?.on('data', (s) => (stdout += s));
    child.on('exit', (code) => {
      if (code !== 0) {
        rmSync(folder, { recursive: true, force: true });
        return resolve({ error: stderr.trim().split('\n').slice(-1)[0] || `exit ${code}` });
      }
      const [seconds, kb] = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
      rmSync(folder, { recursive: true, force: true });
      resolve({ seconds, peakMb: kb / 1024, stdout });
    });
  });
}

/** `law ARGS` from bin/law.js (the CLI build when it is up to date). */
export function timedLaw(args: string[], inputs: string[] | null = null): Promise<Timed> {
  return timed(process.execPath, [join(root, 'bin/law.js'), ...args], inputs);
}

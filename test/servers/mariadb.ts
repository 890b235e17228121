// A real MariaDB (Debian's mariadb-server) for tests: a data folder of its
// own, a free loopback port, no grant tables (only this test reaches it),
// stopped by its pid.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { freePort } from './alertmanager.ts';

export const MARIADBD = '/usr/sbin/mariadbd';

export interface MariaDb {
  /** `mysql://root@127.0.0.1:PORT/DB` */
  url: string;
  stop(): Promise<void>;
}

/** Starts MariaDB with an empty database `db` and waits until it answers (at most 30 s). */
export async function startMariaDb(db = 'logs'): Promise<MariaDb> {
  if (!existsSync(MARIADBD)) throw new Error(`${MARIADBD} is missing: apt-get install mariadb-server`);
  const dir = mkdtempSync(join(tmpdir(), 'law-mariadb-'));
  const data = join(dir, 'data');
  execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${data}`, '--user=root', '--skip-test-db', '--auth-root-authentication-method=normal'], { stdio: 'ignore' });
  const port = await freePort();
  const child: ChildProcess = spawn(MARIADBD, [
    '--no-defaults', `--datadir=${data}`, `--socket=${join(dir, 'sock')}`, `--port=${port}`, '--bind-address=127.0.0.1',
    '--user=root', '--skip-grant-tables', '--skip-log-bin', `--pid-file=${join(dir, 'pid')}`,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (s) => (log += s));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mariadbd exited: ${log.slice(-800)}`);
    try {
      const c = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
      await c.query(`CREATE DATABASE IF NOT EXISTS \`${db}\``);
      await c.end();
      break;
    } catch {
      if (Date.now() > deadline) {
        process.kill(child.pid!, 'SIGKILL');
        throw new Error(`mariadbd not answering after 30 s: ${log.slice(-800)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url: `mysql://root@127.0.0.1:${port}/${db}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(child.pid!, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) process.kill(child.pid!, 'SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

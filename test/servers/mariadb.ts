// A real MariaDB (Debian's mariadb-server) for tests: a data folder of its
// own, a free loopback port, no grant tables (only this test reaches it),
// stopped by its pid.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { freePort, stopByPid, waitUntilAnswers } from './server-process.ts';

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
  await waitUntilAnswers(child, 'mariadbd', async () => {
    const c = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
    await c.query(`CREATE DATABASE IF NOT EXISTS \`${db}\``);
    await c.end();
    return true;
  }, { timeoutMs: 30_000, pollMs: 200, tail: 800 });
  return {
    url: `mysql://root@127.0.0.1:${port}/${db}`,
    async stop() {
      await stopByPid(child, 'SIGTERM', 10_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A real Alertmanager (Debian's prometheus-alertmanager) for tests: started
// on a free loopback port with a config of its own and an empty storage
// folder, stopped by its pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopByPid, waitUntilAnswers } from './server-process.ts';

export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';

export interface Alertmanager {
  url: string;
  stop(): Promise<void>;
}

/** Starts Alertmanager and waits until /-/ready answers (at most 20 s). */
export async function startAlertmanager(): Promise<Alertmanager> {
  if (!existsSync(ALERTMANAGER)) throw new Error(`${ALERTMANAGER} is missing: apt-get install prometheus-alertmanager`);
  const dir = mkdtempSync(join(tmpdir(), 'law-alertmanager-'));
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(config, "route:\n  receiver: 'none'\nreceivers:\n  - name: 'none'\n");
  const port = await freePort();
  const child: ChildProcess = spawn(ALERTMANAGER, [
    `--config.file=${config}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswers(child, 'alertmanager', async () => (await fetch(`${url}/-/ready`)).ok, { timeoutMs: 20_000, pollMs: 100, tail: 500 });
  return {
    url,
    async stop() {
      await stopByPid(child, 'SIGTERM', 5000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

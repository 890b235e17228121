// A real NATS server with JetStream (Debian's nats-server) for tests: started
// on a free loopback port with a storage folder of its own, stopped by its pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { freePort, stopByPid, waitUntilAnswers } from './server-process.ts';

export const NATS_SERVER = ['/usr/sbin/nats-server', '/usr/bin/nats-server'].find((p) => existsSync(p)) ?? '/usr/sbin/nats-server';

export interface NatsServer {
  url: string;
  /** The server's process id (the bench reads its CPU time from /proc). */
  pid: number;
  /** A client connection for the test's own publishing and checks (closed by `stop`). */
  nc: NatsConnection;
  stop(): Promise<void>;
}

/** Starts `nats-server -js` and waits until a client connects and JetStream answers (at most 20 s). */
export async function startNats(): Promise<NatsServer> {
  if (!existsSync(NATS_SERVER)) throw new Error(`${NATS_SERVER} is missing: apt-get install nats-server`);
  const dir = mkdtempSync(join(tmpdir(), 'law-nats-'));
  const port = await freePort();
  const child: ChildProcess = spawn(NATS_SERVER, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', join(dir, 'js')], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = `nats://127.0.0.1:${port}`;
  let nc: NatsConnection | null = null;
  await waitUntilAnswers(child, 'nats-server', async () => {
    nc ??= await connect({ servers: url, reconnect: false, timeout: 1000 });
    await (await nc.jetstreamManager()).getAccountInfo();
    return true;
  }, { timeoutMs: 20_000, pollMs: 100, tail: 800 });
  const conn = nc!;
  return {
    url,
    pid: child.pid!,
    nc: conn,
    async stop() {
      await conn.close().catch(() => {});
      await stopByPid(child, 'SIGTERM', 5000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

#!/usr/bin/env node
// The first step of `npm test`: the programs the tests drive must be here —
// Chromium for the browser tests, real servers for the service tests. A
// missing one is installed from Debian when we may (root, apt-get), else the
// run stops at once, naming the packages to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PROGRAMS = [
  { what: 'Chromium (browser tests)', paths: [process.env.CHROMIUM_PATH, '/usr/bin/chromium'], pkg: 'chromium' },
  { what: 'Alertmanager (alertmanager webhook tests)', paths: ['/usr/bin/prometheus-alertmanager'], pkg: 'prometheus-alertmanager' },
  { what: 'MariaDB (SQL source and write-back tests)', paths: ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'], pkg: 'mariadb-server' },
  { what: 'PostgreSQL (SQL source tests)', paths: ['/usr/lib/postgresql/15/bin/postgres', '/usr/lib/postgresql/16/bin/postgres', '/usr/lib/postgresql/17/bin/postgres'], pkg: 'postgresql' },
  { what: 'NATS with JetStream (law watch workers on one stream)', paths: ['/usr/sbin/nats-server', '/usr/bin/nats-server'], pkg: 'nats-server' },
];

const missing = PROGRAMS.filter((p) => !p.paths.some((path) => path && existsSync(path)));
if (missing.length === 0) process.exit(0);
const pkgs = missing.map((p) => p.pkg);
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
if (!root || !apt) {
  console.error(`npm test needs: ${missing.map((p) => p.what).join('; ')}.\nInstall them with: sudo apt-get install ${pkgs.join(' ')}`);
  process.exit(1);
}
console.log(`Installing what the tests need from Debian: ${pkgs.join(' ')}…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: ['ignore', 'ignore', 'inherit'], env });
const still = missing.filter((p) => !p.paths.some((path) => path && existsSync(path)));
if (still.length) {
  console.error(`still missing after apt-get install: ${still.map((p) => p.pkg).join(' ')}`);
  process.exit(1);
}

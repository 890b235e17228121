/**
 * A deterministic, seeded generator of labelled syslog from eight hosts of
 * different roles, stored as MongoDB documents and exported with
 * `mongoexport` (one Extended-JSON document per line):
 *
 *   {"_id":{"$oid":"…"},"message":"…","hostname":"web-3","program":"sshd","severity":"info","received_at":{"$date":"2026-03-02T10:00:00.000Z"},"label":"normal"}
 *
 * Anomalies are episodes on one host each (OOM killer on a web host, an SSH
 * authentication-failure burst, disk errors on a database host, failing Redis
 * background saves); one host (bastion-1) is too small to train a model of its
 * own. See datasets/syslog-hosts/README.md.
 *
 * All randomness goes through `createRandom(seed)`, so the same options give
 * the same text byte for byte on every platform.
 *
 *   npx tsx datasets/syslog-hosts/generate.ts [--count N] [--seed S] [--start ISO] [--out PATH]
 *
 * Without options it rewrites datasets/syslog-hosts/syslog-hosts-5k.jsonl
 * (6 000 documents, seed 42).
 */
import { createRandom, type Random } from '../../app/core/random.ts';
import { runWhenMain } from '../generator-cli.ts';
import { Sampler } from '../sampler.ts';

export interface SyslogHostsOptions {
  /** Number of documents (lines), a non-negative integer. */
  count: number;
  /** Seed for `createRandom`. */
  seed: number;
  /** ISO-8601 time of the first document; default 2026-03-02T10:00:00.000Z. */
  start?: string;
}

export const DEFAULT_START = '2026-03-02T10:00:00.000Z';

/** The injected anomaly kinds, as written in the `label` field. */
export const ANOMALY_KINDS = ['oom', 'auth_burst', 'disk_error', 'save_error'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** The host each anomaly kind happens on. */
export const ANOMALY_HOSTS: Readonly<Record<AnomalyKind, string>> = {
  oom: 'web-2',
  auth_burst: 'web-1',
  disk_error: 'db-2',
  save_error: 'cache-1',
};

export type Role = 'web' | 'db' | 'cache' | 'bastion';

/** The hosts, their role and share of the normal lines. */
export const HOSTS: ReadonlyArray<{ name: string; role: Role; weight: number }> = [
  { name: 'web-1', role: 'web', weight: 3 },
  { name: 'web-2', role: 'web', weight: 3 },
  { name: 'web-3', role: 'web', weight: 2.5 },
  { name: 'db-1', role: 'db', weight: 1.5 },
  { name: 'db-2', role: 'db', weight: 1.2 },
  { name: 'cache-1', role: 'cache', weight: 1 },
  { name: 'cache-2', role: 'cache', weight: 0.8 },
  { name: 'bastion-1', role: 'bastion', weight: 0.03 },
];

/** The small host writes at most this many lines, whatever the count. */
export const SMALL_HOST = 'bastion-1';
export const SMALL_HOST_MAX_LINES = 15;

export const SEVERITIES = ['debug', 'info', 'notice', 'warning', 'err', 'crit', 'alert', 'emerg'] as const;
type Severity = (typeof SEVERITIES)[number];

/** Every line, with the fields in this order. */
export const SYSLOG_HOSTS_LINE_RE =
  /^\{"_id":\{"\$oid":"([0-9a-f]{24})"\},"message":"((?:[^"\\]|\\.)+)","hostname":"(web-[1-3]|db-[12]|cache-[12]|bastion-1)","program":"([A-Za-z0-9_.-]+)","severity":"(debug|info|notice|warning|err|crit|alert|emerg)","received_at":\{"\$date":"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)"\},"label":"(normal|oom|auth_burst|disk_error|save_error)"\}$/;

/** Mean gap between documents (ms) and inside an episode. */
const MEAN_GAP_MS = 1000;
const EPISODE_GAP_MS = 300;

// ---------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------

class Gen extends Sampler {
  port(): number {
    return 32768 + this.r.int(28000);
  }
  pid(): number {
    return 1000 + this.r.int(60000);
  }
}

function cumulative(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) c[i] = s += weights[i];
  return c;
}

/** One syslog message: program, severity, text. */
type Msg = readonly [program: string, severity: Severity, text: string];
type Template = readonly [weight: number, make: (g: Gen, host: string) => Msg];

const ADMINS = ['deploy', 'ops', 'ansible', 'jenkins'];
const ADMIN_NETS = ['10.0.9.14', '10.0.9.15', '10.0.9.22', '10.0.9.31'];
const CLIENTS = Array.from({ length: 40 }, (_, i) => `10.0.2.${10 + i * 3}`);
const PAGES = ['/', '/products', '/products/1342', '/products/88', '/cart', '/checkout', '/api/v1/search?q=lamp', '/static/app.3f9c2e1a.js', '/static/main.css', '/login', '/account'];
const UAS = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3)', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X)', 'curl/8.5.0'];
const TABLES = ['orders', 'order_items', 'products', 'customers', 'sessions', 'payments'];

const nginxTime = (ms: number): string => {
  const d = new Date(ms);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
};

/**
 * Generate the export: `count` lines in time order, LF line endings, a final
 * newline (the empty string for 0 documents).
 */
export function generateSyslogHosts(options: SyslogHostsOptions): string {
  const { count: n, seed } = options;
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid count: ${n} (expected a non-negative integer)`);
  const start = options.start ?? DEFAULT_START;
  const startMs = Date.parse(start);
  if (!Number.isFinite(startMs)) throw new Error(`invalid start: ${start} (expected an ISO-8601 time)`);

  const g = new Gen(createRandom(seed));
  const r = g.r;
  let t = 0; // ms since start
  const now = (): number => startMs + Math.floor(t);

  // ObjectId: 4-byte seconds, 5 random bytes per process, 3-byte counter.
  const machine = g.hex(10);
  let counter = r.int(1 << 24);
  const oid = (ms: number): string => {
    counter = (counter + 1) % (1 << 24);
    return Math.floor(ms / 1000).toString(16).padStart(8, '0') + machine + counter.toString(16).padStart(6, '0');
  };

  const doc = (host: string, [program, severity, message]: Msg, label: string): string => {
    const ms = now();
    return JSON.stringify({
      _id: { $oid: oid(ms) },
      message,
      hostname: host,
      program,
      severity,
      received_at: { $date: new Date(ms).toISOString() },
      label,
    });
  };

  // -- normal templates -----------------------------------------------------
  let sessionNo = 4000 + r.int(2000);
  const common: Template[] = [
    [3, (g) => ['sshd', 'info', `Accepted publickey for ${g.pick(ADMINS)} from ${g.pick(ADMIN_NETS)} port ${g.port()} ssh2: ED25519 SHA256:${g.hex(12)}`]],
    [3, (g) => ['sshd', 'info', `pam_unix(sshd:session): session opened for user ${g.pick(ADMINS)}(uid=100${g.r.int(4)}) by (uid=0)`]],
    [3, (g) => ['sshd', 'info', `pam_unix(sshd:session): session closed for user ${g.pick(ADMINS)}`]],
    [2, (g) => ['sshd', 'info', `Received disconnect from ${g.pick(ADMIN_NETS)} port ${g.port()}:11: disconnected by user`]],
    [0.4, (g) => ['sshd', 'info', `Failed password for ${g.pick(ADMINS)} from ${g.pick(ADMIN_NETS)} port ${g.port()} ssh2`]],
    [6, (g) => ['CRON', 'info', `(root) CMD (${g.pick(['command -v debian-sa1 > /dev/null && debian-sa1 1 1', '/usr/local/bin/node_exporter_textfile.sh', 'test -x /usr/sbin/anacron || run-parts --report /etc/cron.hourly'])})`]],
    [4, () => ['CRON', 'info', 'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)']],
    [4, () => ['CRON', 'info', 'pam_unix(cron:session): session closed for user root']],
    [2, (g) => ['systemd', 'info', `Started session-${++sessionNo}.scope - Session ${sessionNo} of User ${g.pick(ADMINS)}.`]],
    [1, (g) => ['systemd', 'info', g.pick(['logrotate.service: Deactivated successfully.', 'Starting apt-daily.service - Daily apt download activities...', 'Finished apt-daily.service - Daily apt download activities.', 'Starting sysstat-collect.service - system activity accounting tool...'])]],
    [0.6, (g) => ['systemd-timesyncd', 'info', `Contacted time server 10.0.0.50:123 (ntp.internal). offset=${(g.r.next() * 4 - 2).toFixed(3)}ms`]],
  ];
  const web: Template[] = [
    [40, (g) => {
      const page = g.pick(PAGES);
      const u = g.r.next();
      const status = u < 0.86 ? 200 : u < 0.93 ? 304 : u < 0.97 ? 302 : 404;
      const bytes = status === 304 ? 0 : status === 302 ? 154 : status === 404 ? 162 : 800 + g.r.int(40000);
      return ['nginx', 'info', `${g.pick(CLIENTS)} - - [${nginxTime(now())}] "${g.r.next() < 0.9 ? 'GET' : 'POST'} ${page} HTTP/1.1" ${status} ${bytes} "-" "${g.pick(UAS)}"`];
    }],
    [0.6, (g) => ['nginx', 'err', `[error] ${1200 + g.r.int(8)}#${g.r.int(4)}: *${g.r.int(900000)} open() "/var/www/shop/public/favicon.ico" failed (2: No such file or directory), client: ${g.pick(CLIENTS)}, server: shop.example.com, request: "GET /favicon.ico HTTP/1.1"`]],
    [2, (g) => ['php-fpm', 'notice', `[pool www] child ${g.pid()} exited with code 0 after ${(3000 + g.r.next() * 1200).toFixed(6)} seconds from start`]],
    [2, (g) => ['php-fpm', 'notice', `[pool www] child ${g.pid()} started`]],
    [3, (g) => ['kernel', 'warning', `[UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:${g.hex(2)}:${g.hex(2)}:${g.hex(2)} SRC=${g.r.int(223) + 1}.${g.r.int(256)}.${g.r.int(256)}.${g.r.int(254) + 1} DST=10.0.2.${g.r.int(3) + 5} LEN=${g.pick([40, 44, 60])} TOS=0x00 PREC=0x00 TTL=${40 + g.r.int(200)} ID=${g.r.int(65536)} PROTO=TCP SPT=${g.port()} DPT=${g.pick([23, 2323, 3389, 5900, 8080, 6379, 445])} WINDOW=${g.pick([1024, 65535, 29200])} RES=0x00 SYN URGP=0`]],
  ];
  const db: Template[] = [
    [6, (g) => ['postgres', 'info', `[${g.pid()}] LOG:  connection received: host=10.0.1.${11 + g.r.int(6)} port=${g.port()}`]],
    [6, (g) => ['postgres', 'info', `[${g.pid()}] LOG:  connection authorized: user=app database=shop application_name=shop-api`]],
    [5, (g) => ['postgres', 'info', `[${g.pid()}] LOG:  disconnection: session time: 0:0${g.r.int(10)}:${String(g.r.int(60)).padStart(2, '0')}.${String(g.r.int(1000)).padStart(3, '0')} user=app database=shop host=10.0.1.${11 + g.r.int(6)} port=${g.port()}`]],
    [4, (g) => ['postgres', 'info', `[${g.pid()}] LOG:  duration: ${(250 + g.r.next() * 1800).toFixed(3)} ms  statement: SELECT * FROM ${g.pick(TABLES)} WHERE ${g.pick(['customer_id', 'created_at', 'status'])} ${g.pick(['= $1', '> $1', 'IN ($1, $2)'])} ORDER BY id LIMIT 50`]],
    [1.5, (g) => ['postgres', 'info', `[${g.pid()}] LOG:  automatic vacuum of table "shop.public.${g.pick(TABLES)}": index scans: ${g.r.int(2)}`]],
    [1, () => ['postgres', 'info', '[812] LOG:  checkpoint starting: time']],
    [1, (g) => ['postgres', 'info', `[812] LOG:  checkpoint complete: wrote ${100 + g.r.int(3000)} buffers (${(g.r.next() * 9).toFixed(1)}%); 0 WAL file(s) added, 0 removed, ${g.r.int(3)} recycled; write=${(g.r.next() * 270).toFixed(3)} s, sync=${(g.r.next() * 0.05).toFixed(3)} s, total=${(g.r.next() * 270 + 0.1).toFixed(3)} s`]],
    [0.5, (g) => ['postgres', 'err', `[${g.pid()}] ERROR:  duplicate key value violates unique constraint "${g.pick(['orders_pkey', 'customers_email_key', 'sessions_token_key'])}"`]],
  ];
  let aofSize = 100 + r.int(200);
  const cache: Template[] = [
    [4, (g) => ['redis-server', 'notice', `${g.pick(['100', '1000', '10000'])} changes in ${g.pick(['300', '60', '900'])} seconds. Saving...`]],
    [4, (g) => ['redis-server', 'notice', `Background saving started by pid ${g.pid()}`]],
    [4, () => ['redis-server', 'notice', 'DB saved on disk']],
    [3, (g) => ['redis-server', 'notice', `Fork CoW for RDB: current ${1 + g.r.int(8)} MB, peak ${2 + g.r.int(12)} MB, average ${1 + g.r.int(6)} MB`]],
    [4, () => ['redis-server', 'notice', 'Background saving terminated with success']],
    [1, (g) => ['redis-server', 'notice', `Background append only file rewriting started by pid ${g.pid()}`]],
    [1, () => ['redis-server', 'notice', `Background AOF rewrite finished successfully (size ${(aofSize += 1 + r.int(9))} MB)`]],
  ];
  const bastion: Template[] = common.slice(0, 4);
  const withCum = (templates: Template[]) => ({ templates, cum: cumulative(templates.map(([w]) => w)) });
  const byRole: Record<Role, { templates: Template[]; cum: Float64Array }> = {
    web: withCum([...web, ...common]),
    db: withCum([...db, ...common]),
    cache: withCum([...cache, ...common]),
    bastion: withCum(bastion),
  };
  const hostCum = cumulative(HOSTS.map((h) => h.weight));
  const normalHostCum = cumulative(HOSTS.map((h) => (h.name === SMALL_HOST ? 0 : h.weight)));
  let smallHostLines = 0;

  const normalLine = (): string => {
    let host = g.weighted(HOSTS, hostCum);
    if (host.name === SMALL_HOST) {
      if (smallHostLines >= SMALL_HOST_MAX_LINES) host = g.weighted(HOSTS, normalHostCum);
      else smallHostLines++;
    }
    const { templates, cum } = byRole[host.role];
    return doc(host.name, g.weighted(templates, cum)[1](g, host.name), 'normal');
  };

  // -- anomaly episodes -------------------------------------------------------
  const oomEpisode = (): Msg[] => {
    const pid = g.pid();
    const rss = 1_400_000 + r.int(300_000);
    const out: Msg[] = [
      ['kernel', 'warning', 'php-fpm8.2 invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0'],
      ['kernel', 'warning', `CPU: ${r.int(4)} PID: ${pid} Comm: php-fpm8.2 Not tainted 6.1.0-18-amd64 #1  Debian 6.1.76-1`],
      ['kernel', 'info', 'Mem-Info:'],
      ['kernel', 'info', `active_anon:${480000 + r.int(20000)} inactive_anon:${3000 + r.int(2000)} isolated_anon:0 active_file:${r.int(200)} inactive_file:${r.int(300)} isolated_file:0 unevictable:0 dirty:0 writeback:0`],
      ['kernel', 'info', 'Tasks state (memory values in pages):'],
      ['kernel', 'info', `oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/php8.2-fpm.service,task=php-fpm8.2,pid=${pid},uid=33`],
      ['kernel', 'err', `Out of memory: Killed process ${pid} (php-fpm8.2) total-vm:${rss + 320_000}kB, anon-rss:${rss}kB, file-rss:0kB, shmem-rss:${r.int(900)}kB, UID:33 pgtables:${3000 + r.int(400)}kB oom_score_adj:0`],
      ['systemd', 'warning', 'php8.2-fpm.service: A process of this unit has been killed by the OOM killer.'],
    ];
    const errors = 4 + r.int(8);
    for (let k = 0; k < errors; k++) {
      const client = g.pick(CLIENTS);
      const page = g.pick(PAGES.filter((p) => !p.startsWith('/static')));
      out.push(k % 2 === 0
        ? ['nginx', 'err', `[error] 1203#0: *${r.int(900000)} upstream prematurely closed connection while reading response header from upstream, client: ${client}, server: shop.example.com, request: "GET ${page} HTTP/1.1", upstream: "fastcgi://unix:/run/php/php8.2-fpm.sock:"`]
        : ['nginx', 'info', `${client} - - [${'{time}'}] "GET ${page} HTTP/1.1" 502 552 "-" "${g.pick(UAS)}"`]);
    }
    return out;
  };
  const authEpisode = (): Msg[] => {
    const attacker = `203.0.113.${10 + r.int(200)}`;
    const names = ['admin', 'oracle', 'postgres', 'test', 'ubuntu', 'user', 'git', 'ftpuser', 'guest', 'support'];
    const out: Msg[] = [];
    const len = 40 + r.int(31);
    while (out.length < len) {
      const port = g.port();
      if (r.next() < 0.3) {
        out.push(['sshd', 'info', `Failed password for root from ${attacker} port ${port} ssh2`]);
        if (r.next() < 0.3) out.push(['sshd', 'err', `error: maximum authentication attempts exceeded for root from ${attacker} port ${port} ssh2 [preauth]`]);
      } else {
        const name = g.pick(names);
        out.push(['sshd', 'info', `Invalid user ${name} from ${attacker} port ${port}`]);
        out.push(['sshd', 'info', `Failed password for invalid user ${name} from ${attacker} port ${port} ssh2`]);
        if (r.next() < 0.4) out.push(['sshd', 'info', `Connection closed by invalid user ${name} ${attacker} port ${port} [preauth]`]);
      }
      if (r.next() < 0.1) out.push(['sshd', 'notice', `PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=${attacker}  user=root`]);
    }
    return out;
  };
  const diskEpisode = (): Msg[] => {
    const out: Msg[] = [];
    const len = 15 + r.int(16);
    let sector = 19_000_000 + r.int(1_000_000);
    while (out.length < len) {
      const tag = r.int(32);
      out.push(['kernel', 'err', `ata3.00: exception Emask 0x0 SAct 0x${g.hex(6)} SErr 0x0 action 0x0`]);
      out.push(['kernel', 'err', 'ata3.00: failed command: READ FPDMA QUEUED']);
      out.push(['kernel', 'err', 'ata3.00: status: { DRDY ERR }']);
      out.push(['kernel', 'err', 'ata3.00: error: { UNC }']);
      out.push(['kernel', 'info', `sd 2:0:0:0: [sdb] tag#${tag} FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_OK cmd_age=${r.int(5)}s`]);
      out.push(['kernel', 'err', `I/O error, dev sdb, sector ${sector} op 0x0:(READ) flags 0x80700 phys_seg ${1 + r.int(8)} prio class 2`]);
      if (r.next() < 0.5) out.push(['kernel', 'err', `Buffer I/O error on dev sdb1, logical block ${Math.floor(sector / 8)}, async page read`]);
      if (r.next() < 0.5) out.push(['kernel', 'crit', `EXT4-fs error (device sdb1): ext4_find_entry:1683: inode #${2_800_000 + r.int(100_000)}: comm postgres: reading directory lblock 0`]);
      out.push(['postgres', 'err', `[${g.pid()}] ERROR:  could not read block ${r.int(9000)} in file "base/16384/${16300 + r.int(200)}": Input/output error`]);
      sector += 8 * (1 + r.int(64));
    }
    out.push(['postgres', 'crit', `[${g.pid()}] PANIC:  could not fsync file "pg_wal/000000010000000A000000${g.hex(2).toUpperCase()}": Input/output error`]);
    out.push(['postgres', 'info', '[790] LOG:  server process (PID 812) was terminated by signal 6: Aborted']);
    out.push(['postgres', 'info', '[790] LOG:  terminating any other active server processes']);
    return out;
  };
  const saveEpisode = (): Msg[] => {
    const out: Msg[] = [];
    const len = 10 + r.int(7);
    while (out.length < len) {
      out.push(['redis-server', 'notice', `${g.pick(['100', '10000'])} changes in ${g.pick(['300', '60'])} seconds. Saving...`]);
      out.push(['redis-server', 'warning', "Can't save in background: fork: Cannot allocate memory"]);
      if (r.next() < 0.3) out.push(['redis-server', 'warning', 'WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition.']);
    }
    out.push(['redis-server', 'warning', 'MISCONF Redis is configured to save RDB snapshots, but it is currently not able to persist on disk.']);
    return out;
  };

  interface Episode {
    kind: AnomalyKind;
    start: number;
    msgs: Msg[];
    next: number;
    /** Chance that a line while the episode runs is one of its own. */
    q: number;
  }
  const plan: ReadonlyArray<readonly [AnomalyKind, number, () => Msg[], number]> = [
    // kind, episodes per 5 000 documents, generator, q
    ['auth_burst', 1, authEpisode, 0.7],
    ['oom', 2, oomEpisode, 0.5],
    ['disk_error', 1, diskEpisode, 0.6],
    ['save_error', 1, saveEpisode, 0.15],
  ];
  const episodes: Episode[] = [];
  for (const [kind, per5k, make, q] of plan) {
    // As many episodes per 5 000 documents as the plan says (at least one).
    const times = Math.max(1, Math.round((per5k * n) / 5000));
    for (let k = 0; k < times; k++) {
      // Spread the episodes of one kind over the file; none in the first or last 10 %.
      const lo = 0.1 + (0.75 * k) / times;
      const start = Math.floor(n * (lo + r.uniform(0, 0.75 / times)));
      episodes.push({ kind, start, msgs: make(), next: 0, q });
    }
  }

  // -- main loop: one document per iteration ----------------------------------
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let line: string | null = null;
    let gap = MEAN_GAP_MS;
    for (const e of episodes) {
      if (i < e.start || e.next >= e.msgs.length) continue;
      if (r.next() < e.q) {
        const [program, severity, text] = e.msgs[e.next++];
        line = doc(ANOMALY_HOSTS[e.kind], [program, severity, text.replace('{time}', nginxTime(now()))], e.kind);
        gap = e.kind === 'save_error' ? 4 * MEAN_GAP_MS : EPISODE_GAP_MS;
      }
      break;
    }
    out.push(line ?? normalLine());
    t += g.exponential(gap);
  }
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

const USAGE = 'usage: npx tsx datasets/syslog-hosts/generate.ts [--count N] [--seed S] [--start ISO] [--out PATH]';

runWhenMain(import.meta.url, USAGE, ['count', 'seed', 'start', 'out'], ({ flags, outPath, write }) => {
  const count = Number(flags.count ?? 5000);
  const seed = Number(flags.seed ?? 42);
  const start = flags.start;
  const path = outPath(flags.out, count === 5000 && seed === 42 && start === undefined ? 'syslog-hosts-5k.jsonl' : `syslog-hosts-${count}-seed${seed}.jsonl`);
  const text = generateSyslogHosts({ count, seed, start });
  write(path, text);
  const labels = new Map<string, number>();
  const hosts = new Map<string, number>();
  for (const m of text.matchAll(/"hostname":"([^"]+)".*"label":"(\w+)"\}$/gm)) {
    hosts.set(m[1], (hosts.get(m[1]) ?? 0) + 1);
    labels.set(m[2], (labels.get(m[2]) ?? 0) + 1);
  }
  const anomalies = count - (labels.get('normal') ?? 0);
  console.log(`wrote ${path}: ${count} documents, seed ${seed}`);
  console.log(`anomalies ${anomalies} (${((100 * anomalies) / Math.max(1, count)).toFixed(2)} %): ` +
    ANOMALY_KINDS.map((k) => `${k}=${labels.get(k) ?? 0}`).join(' '));
  console.log('hosts: ' + HOSTS.map((h) => `${h.name}=${hosts.get(h.name) ?? 0}`).join(' '));
});

/**
 * A deterministic, seeded generator of labelled network-flow logs in logfmt,
 * as a Grafana Loki pipeline (promtail / Alloy reading firewall flow records)
 * would emit them, one flow per line:
 *
 *   ts=2026-03-02T10:00:00.123Z src_ip=10.0.3.7 dst_ip=10.0.0.12 dst_port=443 proto=tcp bytes=5123 packets=9 duration_ms=41 label=normal
 *
 * The same flows can also be written as a Loki `query_range` JSON response
 * (`generateNetflowLoki`). See datasets/netflow/README.md.
 *
 * All randomness goes through `createRandom(seed)`, so the same options give
 * the same text byte for byte on every platform.
 *
 *   npx tsx datasets/netflow/generate.ts [--count N] [--seed S] [--start ISO] [--out PATH] [--loki-out PATH]
 *
 * Without options it rewrites datasets/netflow/netflow-5k.logfmt and
 * datasets/netflow/netflow-5k.loki.json (5 000 flows, seed 42).
 */
import { createRandom, type Random } from '../../app/core/random.ts';
import { runWhenMain } from '../generator-cli.ts';
import { Sampler } from '../sampler.ts';

export interface NetflowOptions {
  /** Number of flows (lines) to generate, a non-negative integer. */
  count: number;
  /** Seed for `createRandom`. */
  seed: number;
  /** ISO-8601 time of the first flow; default 2026-03-02T10:00:00.000Z. */
  start?: string;
}

export const DEFAULT_START = '2026-03-02T10:00:00.000Z';

/** The injected anomaly kinds, as written in the `label` field. */
export const ANOMALY_KINDS = ['exfiltration', 'port_scan', 'beaconing'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];
export type NetflowLabel = 'normal' | AnomalyKind;

/** Every line of the logfmt file. */
export const NETFLOW_LINE_RE =
  /^ts=(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) src_ip=(10\.\d{1,3}\.\d{1,3}\.\d{1,3}) dst_ip=(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}) dst_port=(\d{1,5}) proto=(tcp|udp) bytes=(\d+) packets=(\d+) duration_ms=(\d+) label=(normal|exfiltration|port_scan|beaconing)$/;

/** The Loki stream labels of the JSON response. */
export const LOKI_STREAM = { job: 'netflow', host: 'fw-1' } as const;

// ---------------------------------------------------------------------------
// Traffic model
// ---------------------------------------------------------------------------

type From = 'ws' | 'srv' | 'all';

interface Destination {
  ip: string;
  port: number;
  proto: 'tcp' | 'udp';
  /** Relative share of normal flows. */
  weight: number;
  /** Median flow size in bytes and log-normal sigma (0 = fixed). */
  bytes: number;
  sigma: number;
  from: From;
}

const d = (ip: string, port: number, proto: 'tcp' | 'udp', weight: number, bytes: number, sigma: number, from: From): Destination =>
  ({ ip, port, proto, weight, bytes, sigma, from });

/** The few dozen destinations of normal traffic. */
const DESTINATIONS: readonly Destination[] = [
  // internal services
  d('10.0.0.10', 53, 'udp', 14, 180, 0.3, 'all'), // DNS
  d('10.0.0.11', 53, 'udp', 5, 180, 0.3, 'all'), // DNS (secondary)
  d('10.0.0.12', 443, 'tcp', 8, 5000, 0.8, 'ws'), // intranet
  d('10.0.0.13', 443, 'tcp', 4, 12000, 0.9, 'ws'), // wiki
  d('10.0.0.20', 389, 'tcp', 4, 1800, 0.4, 'all'), // LDAP
  d('10.0.0.20', 636, 'tcp', 2, 2100, 0.4, 'all'), // LDAPS
  d('10.0.0.21', 88, 'tcp', 3, 1400, 0.3, 'ws'), // Kerberos
  d('10.0.0.25', 587, 'tcp', 2, 25000, 1.2, 'ws'), // mail submission
  d('10.0.0.30', 5432, 'tcp', 6, 9000, 1.0, 'srv'), // PostgreSQL
  d('10.0.0.31', 3306, 'tcp', 3, 7000, 1.0, 'srv'), // MySQL
  d('10.0.0.32', 6379, 'tcp', 5, 900, 0.6, 'srv'), // Redis
  d('10.0.0.40', 445, 'tcp', 5, 60000, 1.5, 'ws'), // file share
  d('10.0.0.41', 2049, 'tcp', 0.6, 8_000_000, 1.2, 'srv'), // NFS backups (large, normal)
  d('10.0.0.50', 123, 'udp', 3, 152, 0, 'all'), // NTP
  d('10.0.0.60', 3128, 'tcp', 8, 15000, 1.3, 'ws'), // web proxy
  d('10.0.0.70', 514, 'udp', 4, 350, 0.4, 'srv'), // syslog
  d('10.0.0.90', 22, 'tcp', 2, 40000, 1.2, 'ws'), // git over ssh
  d('10.0.0.91', 8080, 'tcp', 2, 9000, 1.0, 'ws'), // CI server
  // external services
  d('142.250.185.78', 443, 'tcp', 6, 30000, 1.2, 'ws'),
  d('142.250.186.46', 443, 'tcp', 3, 30000, 1.2, 'ws'),
  d('172.217.16.142', 443, 'tcp', 3, 26000, 1.2, 'ws'),
  d('151.101.1.69', 443, 'tcp', 3, 40000, 1.2, 'ws'),
  d('151.101.65.140', 443, 'tcp', 2, 35000, 1.2, 'ws'),
  d('104.16.132.229', 443, 'tcp', 4, 20000, 1.2, 'ws'),
  d('104.18.32.47', 443, 'tcp', 2, 20000, 1.2, 'ws'),
  d('13.107.42.14', 443, 'tcp', 5, 25000, 1.1, 'ws'),
  d('52.96.165.18', 443, 'tcp', 3, 18000, 1.0, 'ws'),
  d('52.84.150.39', 443, 'tcp', 2, 60000, 1.3, 'ws'),
  d('185.199.108.133', 443, 'tcp', 2, 45000, 1.3, 'all'),
  d('140.82.121.4', 443, 'tcp', 2, 30000, 1.2, 'all'),
  d('17.253.144.10', 443, 'tcp', 1, 50000, 1.5, 'ws'),
  d('23.55.161.105', 443, 'tcp', 1.2, 3_000_000, 1.6, 'ws'), // software updates (large, normal)
  d('91.189.91.39', 80, 'tcp', 1, 2_000_000, 1.5, 'srv'), // package mirror (large, normal)
  d('199.232.18.132', 443, 'tcp', 1, 400_000, 1.2, 'srv'), // package index
];

/** Share of normal workstation flows to the long tail of other web sites. */
const TAIL_SHARE = 0.06;
/** First octets of the long tail (large cloud and CDN ranges). */
const TAIL_PREFIXES = ['34', '35', '52', '54', '104', '151', '172.217', '142.250', '13', '20', '40', '185'];

/** Rare external hosts of the attacks (documentation ranges, RFC 5737). */
const BEACON_DST = { ip: '203.0.113.45', port: 443 } as const;
const EXFIL_DSTS: ReadonlyArray<{ ip: string; port: number }> = [
  { ip: '198.51.100.23', port: 443 },
  { ip: '203.0.113.200', port: 8443 },
  { ip: '198.51.100.140', port: 22 },
];
/** Ports a scanner tries (nmap's top ports, a few more). */
const SCAN_PORTS = [
  21, 22, 23, 25, 53, 80, 81, 88, 110, 111, 135, 139, 143, 179, 389, 443, 445, 465, 514, 515, 548, 554, 587, 631,
  636, 873, 902, 990, 993, 995, 1025, 1080, 1433, 1521, 1723, 1883, 2049, 2082, 2375, 2376, 3000, 3128, 3268, 3306,
  3389, 4443, 5000, 5060, 5432, 5601, 5900, 5985, 6379, 6443, 7001, 8000, 8008, 8080, 8081, 8088, 8443, 8888, 9000,
  9090, 9100, 9200, 9300, 10000, 11211, 27017,
];

/** Mean gap between normal flows (ms). */
const MEAN_GAP_MS = 120;
/** Beacon period (ms) and its jitter (± ms). */
const BEACON_PERIOD_MS = 12_000;
const BEACON_JITTER_MS = 400;
/** Mean pause between port scans and between exfiltration episodes (ms; 0.5-1.5 times this). */
const SCAN_EVERY_MS = 240_000;
const EXFIL_EVERY_MS = 120_000;
/** No attack starts before this (ms after the start). */
const WARM_UP_MS = 20_000;

// ---------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------

function cumulative(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) c[i] = s += weights[i];
  return c;
}

/** A source of flows: `due` is its next flow's time (ms after the start). */
interface Process {
  due: number;
  fire: (now: number) => string;
}

function flowLine(
  ms: number, src: string, dst: string, port: number, proto: 'tcp' | 'udp',
  bytes: number, packets: number, durationMs: number, label: NetflowLabel,
): string {
  const ts = new Date(ms).toISOString();
  return `ts=${ts} src_ip=${src} dst_ip=${dst} dst_port=${port} proto=${proto} bytes=${bytes} packets=${packets} duration_ms=${durationMs} label=${label}`;
}

/**
 * Generate the logfmt text: `count` lines in time order, LF line endings, a
 * final newline (the empty string for 0 lines). A shorter run is a prefix of
 * a longer one with the same seed.
 */
export function generateNetflow(options: NetflowOptions): string {
  const { count: n, seed } = options;
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid count: ${n} (expected a non-negative integer)`);
  const start = options.start ?? DEFAULT_START;
  const startMs = Date.parse(start);
  if (!Number.isFinite(startMs)) throw new Error(`invalid start: ${start} (expected an ISO-8601 time)`);

  const g = new Sampler(createRandom(seed));
  const r = g.r;

  // Hosts: 24 servers, 150 workstations (the busy ones busier).
  const servers = Array.from({ length: 24 }, (_, i) => `10.0.1.${10 + i}`);
  const seen = new Set<string>();
  const workstations: string[] = [];
  while (workstations.length < 150) {
    const ip = `10.0.${3 + r.int(4)}.${2 + r.int(253)}`;
    if (!seen.has(ip)) {
      seen.add(ip);
      workstations.push(ip);
    }
  }
  const wsCum = cumulative(workstations.map((_, i) => 1 / (1 + i) ** 0.8));
  const srvCum = cumulative(servers.map((_, i) => 1 / (1 + i) ** 0.5));
  const tail = Array.from({ length: 300 }, () => {
    const p = g.pick(TAIL_PREFIXES);
    const parts = p.split('.').length;
    const rest = Array.from({ length: 4 - parts }, () => String(1 + r.int(254)));
    return [p, ...rest].join('.');
  });
  const wsDst = DESTINATIONS.filter((x) => x.from !== 'srv');
  const srvDst = DESTINATIONS.filter((x) => x.from !== 'ws');
  const wsDstCum = cumulative(wsDst.map((x) => x.weight));
  const srvDstCum = cumulative(srvDst.map((x) => x.weight));

  const tcpPackets = (bytes: number): number => Math.max(3, Math.round(bytes / r.uniform(900, 1400)) + 3 + r.int(3));
  const tcpDuration = (bytes: number): number => Math.round(g.logNormal(25, 0.6) + bytes / r.uniform(2000, 12000));

  const normalFlow = (now: number): string => {
    const fromServer = r.next() < 0.3;
    const src = fromServer ? g.weighted(servers, srvCum) : g.weighted(workstations, wsCum);
    if (!fromServer && r.next() < TAIL_SHARE) {
      const bytes = Math.max(200, Math.round(g.logNormal(20000, 1.3)));
      return flowLine(startMs + now, src, g.pick(tail), r.next() < 0.9 ? 443 : 80, 'tcp', bytes, tcpPackets(bytes), tcpDuration(bytes), 'normal');
    }
    const dst = fromServer ? g.weighted(srvDst, srvDstCum) : g.weighted(wsDst, wsDstCum);
    const bytes = Math.max(60, Math.round(g.logNormal(dst.bytes, dst.sigma)));
    if (dst.proto === 'udp') {
      const packets = dst.port === 514 ? 1 : 2;
      const duration = dst.port === 514 ? 0 : Math.round(r.uniform(0, 4));
      return flowLine(startMs + now, src, dst.ip, dst.port, 'udp', bytes, packets, duration, 'normal');
    }
    return flowLine(startMs + now, src, dst.ip, dst.port, 'tcp', bytes, tcpPackets(bytes), tcpDuration(bytes), 'normal');
  };

  const processes: Process[] = [];

  // Normal traffic: a Poisson process.
  const normal: Process = {
    due: g.exponential(MEAN_GAP_MS),
    fire: (now) => {
      normal.due = now + g.exponential(MEAN_GAP_MS);
      return normalFlow(now);
    },
  };
  processes.push(normal);

  // Beaconing: one workstation calls home every 12 s (± 0.4 s), small flows.
  const beaconSrc = g.pick(workstations);
  const beacon: Process = {
    due: WARM_UP_MS + r.uniform(0, BEACON_PERIOD_MS),
    fire: (now) => {
      beacon.due = now + BEACON_PERIOD_MS + r.uniform(-BEACON_JITTER_MS, BEACON_JITTER_MS);
      const bytes = 310 + r.int(71);
      return flowLine(startMs + now, beaconSrc, BEACON_DST.ip, BEACON_DST.port, 'tcp', bytes, 6 + r.int(2), 40 + r.int(31), 'beaconing');
    },
  };
  processes.push(beacon);

  // Port scans: one source probes 30-60 ports of one internal host within seconds.
  const scanTargets = [...new Set(DESTINATIONS.filter((x) => x.ip.startsWith('10.')).map((x) => x.ip)), ...servers.slice(0, 8)];
  let scanLeft = 0;
  let scanSrc = '';
  let scanDst = '';
  let scanPorts: number[] = [];
  const scan: Process = {
    due: WARM_UP_MS + r.uniform(0, SCAN_EVERY_MS / 2),
    fire: (now) => {
      if (scanLeft === 0) {
        scanSrc = g.pick(workstations);
        scanDst = g.pick(scanTargets);
        scanLeft = 30 + r.int(31);
        scanPorts = SCAN_PORTS.slice();
        for (let i = scanPorts.length - 1; i > 0; i--) {
          const j = r.int(i + 1);
          [scanPorts[i], scanPorts[j]] = [scanPorts[j], scanPorts[i]];
        }
      }
      const port = scanPorts[--scanLeft];
      const open = DESTINATIONS.some((x) => x.ip === scanDst && x.port === port) || (port === 22 && r.next() < 0.5);
      scan.due = scanLeft > 0 ? now + g.exponential(25) : now + SCAN_EVERY_MS * r.uniform(0.5, 1.5);
      return flowLine(startMs + now, scanSrc, scanDst, port, 'tcp', open ? 128 : 84, open ? 3 : 2, r.int(3), 'port_scan');
    },
  };
  processes.push(scan);

  // Exfiltration: 2-5 huge uploads from one host to a rare external host.
  let exfilLeft = 0;
  let exfilSrc = '';
  let exfilDst = EXFIL_DSTS[0];
  const exfil: Process = {
    due: WARM_UP_MS * 2 + r.uniform(0, EXFIL_EVERY_MS),
    fire: (now) => {
      if (exfilLeft === 0) {
        exfilSrc = r.next() < 0.7 ? g.pick(workstations) : g.pick(servers);
        exfilDst = g.pick(EXFIL_DSTS);
        exfilLeft = 2 + r.int(4);
      }
      exfilLeft--;
      const bytes = Math.round(g.logNormal(150_000_000, 0.6));
      exfil.due = exfilLeft > 0 ? now + g.exponential(8000) : now + EXFIL_EVERY_MS * r.uniform(0.5, 1.5);
      const duration = Math.round(bytes / r.uniform(5000, 20000));
      return flowLine(startMs + now, exfilSrc, exfilDst.ip, exfilDst.port, 'tcp', bytes, Math.round(bytes / r.uniform(1300, 1450)), duration, 'exfiltration');
    },
  };
  processes.push(exfil);

  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let p = processes[0];
    for (const q of processes) if (q.due < p.due) p = q;
    const now = Math.floor(p.due);
    out.push(p.fire(now));
  }
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

/**
 * Wrap logfmt lines (as `generateNetflow` returns them) in a Grafana Loki
 * `query_range` response for a log query: one stream `{job="netflow",
 * host="fw-1"}`, values newest first (Loki's default `direction=backward`),
 * each value `["<unix nanoseconds>", "<line>"]` with the nanoseconds taken
 * from the line's `ts`. One value per line of the JSON text; final newline.
 */
export function netflowToLoki(logfmt: string): string {
  const lines = logfmt === '' ? [] : logfmt.replace(/\n$/, '').split('\n');
  const values = lines.map((line) => {
    const m = /^ts=(\S+) /.exec(line);
    const ms = m ? Date.parse(m[1]) : NaN;
    if (!Number.isFinite(ms)) throw new Error(`not a netflow line (no ts=…): ${line}`);
    return `[${JSON.stringify(`${ms}000000`)},${JSON.stringify(line)}]`;
  });
  values.reverse();
  const head = `{"status":"success","data":{"resultType":"streams","result":[{"stream":${JSON.stringify(LOKI_STREAM)},"values":[`;
  return `${head}\n${values.join(',\n')}\n]}]}}\n`;
}

/** The same flows as `generateNetflow(options)`, as a Loki `query_range` response (see `netflowToLoki`). */
export function generateNetflowLoki(options: NetflowOptions): string {
  return netflowToLoki(generateNetflow(options));
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

const USAGE = 'usage: npx tsx datasets/netflow/generate.ts [--count N] [--seed S] [--start ISO] [--out PATH] [--loki-out PATH]';

runWhenMain(import.meta.url, USAGE, ['count', 'seed', 'start', 'out', 'loki-out'], ({ flags, outPath, write }) => {
  const count = Number(flags.count ?? 5000);
  const seed = Number(flags.seed ?? 42);
  const start = flags.start;
  const base = count === 5000 && seed === 42 && start === undefined ? 'netflow-5k' : `netflow-${count}-seed${seed}`;
  const path = outPath(flags.out, `${base}.logfmt`);
  const lokiPath = outPath(flags['loki-out'], `${base}.loki.json`);

  const text = generateNetflow({ count, seed, start });
  write(path, text);
  write(lokiPath, netflowToLoki(text));
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/ label=(\w+)$/gm)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  const anomalies = count - (counts.get('normal') ?? 0);
  console.log(`wrote ${path} and ${lokiPath}: ${count} flows, seed ${seed}`);
  console.log(`anomalies ${anomalies} (${((100 * anomalies) / Math.max(1, count)).toFixed(2)} %): ` +
    ANOMALY_KINDS.map((k) => `${k}=${counts.get(k) ?? 0}`).join(' '));
});

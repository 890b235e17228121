/**
 * A deterministic, seeded generator of a realistic, labelled web-application
 * log (a Spring-Boot-like shop backend behind Tomcat). The first token of
 * every line is its label, Loghub BGL style: `-` for a normal line, otherwise
 * the kind of injected anomaly (LATENCY, ERROR5XX, EXCEPTION, BYTES, SCAN,
 * AUTH). See datasets/webapp/README.md for the exact format.
 *
 * All randomness goes through `createRandom(seed)`, so the same options give
 * the same text byte for byte on every platform.
 *
 *   npx tsx datasets/webapp/generate.ts [--lines N] [--seed S] [--start ISO] [--out PATH]
 *
 * Without options it rewrites datasets/webapp/webapp-10k.log (10 000 lines,
 * seed 42).
 */
import { createRandom, type Random } from '../../app/core/random.ts';
import { runWhenMain } from '../generator-cli.ts';
import { Sampler } from '../sampler.ts';

export interface WebappLogOptions {
  /** Number of lines to generate (a non-negative integer). */
  lines: number;
  /** Seed for `createRandom`. */
  seed: number;
  /** ISO-8601 time of the first line; default 2026-03-02T10:00:00.000Z. */
  start?: string;
}

export const DEFAULT_START = '2026-03-02T10:00:00.000Z';

/** The anomaly tags, in the order the README lists them. */
export const ANOMALY_KINDS = ['LATENCY', 'ERROR5XX', 'EXCEPTION', 'BYTES', 'SCAN', 'AUTH'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** Every line: tag, timestamp, level, [thread], logger, " - ", message. */
export const WEBAPP_LINE_RE =
  /^(-|LATENCY|ERROR5XX|EXCEPTION|BYTES|SCAN|AUTH) (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) (DEBUG|INFO|WARN|ERROR) \[([A-Za-z0-9-]+)\] ([A-Za-z]+) - (\S.*)$/;

/** The message of an HTTP access line. */
export const WEBAPP_ACCESS_RE =
  /^(GET|POST|PUT|DELETE) (\/\S*) status=(\d{3}) latency_ms=(\d+) bytes=(\d+) user=(\S+) req=([0-9a-f]{8})$/;

type Tag = '-' | AnomalyKind;
type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Who = 'user' | 'mixed' | 'guest' | 'probe';

// ---------------------------------------------------------------------------
// Traffic model
// ---------------------------------------------------------------------------

interface Endpoint {
  method: Method;
  logger: string;
  /** Relative share of normal access traffic. */
  weight: number;
  path: (g: Gen, user: string) => string;
  /** Median latency (ms) and log-normal sigma. */
  lat: number;
  latSigma: number;
  /** Median body size (bytes) and log-normal sigma (0 = fixed size). */
  bytes: number;
  bytesSigma: number;
  /** Status of a successful call (200, 201 or 204). */
  ok: number;
  /** Shares of ordinary 304 / 404 / 400 answers in normal traffic. */
  notModified: number;
  notFound: number;
  badRequest: number;
  who: Who;
  /** Part of the application API (eligible for LATENCY / ERROR5XX / BYTES). */
  api: boolean;
}

const CATEGORIES = ['electronics', 'books', 'garden', 'toys', 'kitchen', 'sports', 'fashion', 'beauty'];
const SEARCH_TERMS = [
  'shoes', 'laptop', 'usb-c+cable', 'coffee', 'headphones', 'desk+lamp', 'yoga+mat', 'backpack',
  'phone+case', 'water+bottle', 'monitor', 'keyboard', 'tent', 'lego', 'blender', 'running+socks',
];

function ep(e: Omit<Endpoint, 'notModified' | 'notFound' | 'badRequest' | 'api'> & Partial<Endpoint>): Endpoint {
  return { notModified: 0, notFound: 0, badRequest: 0, api: true, ...e };
}

const ENDPOINTS: readonly Endpoint[] = [
  ep({ method: 'GET', logger: 'OrderController', weight: 12, path: (g) => `/api/orders/${1000 + g.r.int(99000)}`,
    lat: 35, latSigma: 0.45, bytes: 5100, bytesSigma: 0.25, ok: 200, notFound: 0.012, who: 'user' }),
  ep({ method: 'GET', logger: 'OrderController', weight: 6, path: (g) => `/api/orders?page=${1 + g.r.int(10)}&size=20`,
    lat: 85, latSigma: 0.5, bytes: 21000, bytesSigma: 0.3, ok: 200, badRequest: 0.004, who: 'user' }),
  ep({ method: 'POST', logger: 'OrderController', weight: 3, path: () => '/api/orders',
    lat: 140, latSigma: 0.45, bytes: 850, bytesSigma: 0.15, ok: 201, badRequest: 0.02, who: 'user' }),
  ep({ method: 'GET', logger: 'ProductController', weight: 18,
    path: (g) => `/api/products/${1 + Math.floor(5000 * g.r.next() ** 2)}`,
    lat: 14, latSigma: 0.5, bytes: 3200, bytesSigma: 0.35, ok: 200, notModified: 0.22, notFound: 0.006, who: 'mixed' }),
  ep({ method: 'GET', logger: 'ProductController', weight: 10,
    path: (g) => `/api/products?category=${g.pick(CATEGORIES)}&page=${1 + g.r.int(5)}`,
    lat: 60, latSigma: 0.5, bytes: 38000, bytesSigma: 0.35, ok: 200, notModified: 0.08, who: 'mixed' }),
  ep({ method: 'GET', logger: 'UserController', weight: 6, path: (_g, user) => `/api/users/${user.slice(1)}`,
    lat: 22, latSigma: 0.4, bytes: 1250, bytesSigma: 0.2, ok: 200, notFound: 0.004, who: 'user' }),
  ep({ method: 'PUT', logger: 'UserController', weight: 1.5, path: (_g, user) => `/api/users/${user.slice(1)}`,
    lat: 48, latSigma: 0.4, bytes: 640, bytesSigma: 0.1, ok: 200, badRequest: 0.03, who: 'user' }),
  ep({ method: 'GET', logger: 'CartController', weight: 9, path: () => '/api/cart',
    lat: 26, latSigma: 0.4, bytes: 2400, bytesSigma: 0.5, ok: 200, who: 'user' }),
  ep({ method: 'POST', logger: 'CartController', weight: 4, path: () => '/api/cart/items',
    lat: 40, latSigma: 0.4, bytes: 410, bytesSigma: 0.1, ok: 201, badRequest: 0.015, who: 'user' }),
  ep({ method: 'DELETE', logger: 'CartController', weight: 1.5,
    path: (g) => `/api/cart/items/${100000 + g.r.int(900000)}`,
    lat: 30, latSigma: 0.4, bytes: 0, bytesSigma: 0, ok: 204, notFound: 0.02, who: 'user' }),
  ep({ method: 'POST', logger: 'PaymentController', weight: 2, path: () => '/api/payments',
    lat: 320, latSigma: 0.55, bytes: 920, bytesSigma: 0.1, ok: 200, badRequest: 0.01, who: 'user' }),
  ep({ method: 'GET', logger: 'SearchController', weight: 7, path: (g) => `/api/search?q=${g.pick(SEARCH_TERMS)}`,
    lat: 140, latSigma: 0.65, bytes: 16000, bytesSigma: 0.6, ok: 200, who: 'mixed' }),
  ep({ method: 'GET', logger: 'RecommendationController', weight: 3,
    path: (g) => `/api/recommendations?limit=${g.pick(['5', '10', '20'])}`,
    lat: 75, latSigma: 0.6, bytes: 6200, bytesSigma: 0.3, ok: 200, who: 'user' }),
  ep({ method: 'POST', logger: 'AuthController', weight: 2, path: () => '/api/auth/login',
    lat: 95, latSigma: 0.35, bytes: 430, bytesSigma: 0.1, ok: 200, badRequest: 0.01, who: 'guest' }),
  ep({ method: 'GET', logger: 'ReportController', weight: 0.3,
    path: (g) => `/api/reports/export?format=${g.pick(['csv', 'xlsx'])}`,
    lat: 1800, latSigma: 0.5, bytes: 2_400_000, bytesSigma: 0.5, ok: 200, who: 'user' }),
  ep({ method: 'GET', logger: 'StaticResourceHandler', weight: 2.5, path: () => '/static/js/app.3f9c2e1a.js',
    lat: 3, latSigma: 0.6, bytes: 248312, bytesSigma: 0, ok: 200, notModified: 0.55, who: 'mixed', api: false }),
  ep({ method: 'GET', logger: 'StaticResourceHandler', weight: 2.5, path: () => '/static/css/main.9b1d4a77.css',
    lat: 2, latSigma: 0.6, bytes: 51840, bytesSigma: 0, ok: 200, notModified: 0.55, who: 'mixed', api: false }),
  ep({ method: 'GET', logger: 'StaticResourceHandler', weight: 1.5, path: () => '/static/img/logo.svg',
    lat: 2, latSigma: 0.5, bytes: 7420, bytesSigma: 0, ok: 200, notModified: 0.6, who: 'mixed', api: false }),
  ep({ method: 'GET', logger: 'StaticResourceHandler', weight: 0.3, path: () => '/favicon.ico',
    lat: 2, latSigma: 0.4, bytes: 0, bytesSigma: 0, ok: 200, notFound: 1, who: 'guest', api: false }),
  ep({ method: 'GET', logger: 'StaticResourceHandler', weight: 0.2, path: () => '/robots.txt',
    lat: 1, latSigma: 0.3, bytes: 68, bytesSigma: 0, ok: 200, who: 'guest', api: false }),
  ep({ method: 'GET', logger: 'HealthController', weight: 4, path: () => '/health',
    lat: 2, latSigma: 0.4, bytes: 15, bytesSigma: 0, ok: 200, who: 'probe', api: false }),
];

/** Paths a vulnerability scanner probes (all unknown to the application). */
const SCAN_PATHS: ReadonlyArray<readonly [Method, string]> = [
  ['GET', '/wp-login.php'], ['POST', '/wp-login.php'], ['GET', '/.env'], ['GET', '/admin/config.bak'],
  ['GET', '/.git/config'], ['GET', '/phpmyadmin/index.php'], ['GET', '/server-status'], ['GET', '/backup.zip'],
  ['GET', '/config.json'], ['GET', '/actuator/env'], ['GET', '/cgi-bin/test.cgi'], ['GET', '/.aws/credentials'],
  ['POST', '/xmlrpc.php'], ['GET', '/wp-admin/setup-config.php'], ['GET', '/.DS_Store'], ['GET', '/db.sql'],
  ['GET', '/api/v1/../../etc/passwd'], ['GET', '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php'],
  ['GET', '/admin/.htpasswd'], ['GET', '/console'],
];

const BRUTE_TARGETS = ['admin', 'root', 'administrator', 'test', 'support'];
const STUFFING_NAMES = ['jsmith', 'maria.k', 'alex', 'dkim', 'olivia.b', 'nguyen', 'p.rossi', 'sara', 'mike.t', 'lee'];

interface ExceptionKind {
  weight: number;
  logger: string;
  thread: 'exec' | string;
  message: (g: Gen) => string;
}

const EXCEPTIONS: readonly ExceptionKind[] = [
  { weight: 3, logger: 'OrderService', thread: 'exec',
    message: (g) => `java.lang.NullPointerException at OrderService.java:212 req=${g.hex8()}` },
  { weight: 3, logger: 'DbPool', thread: 'exec', message: () => 'java.net.ConnectException: Connection refused to db-2:5432' },
  { weight: 1, logger: 'JvmMonitor', thread: 'metrics-1', message: () => 'java.lang.OutOfMemoryError: Java heap space' },
  { weight: 2, logger: 'PaymentService', thread: 'exec',
    message: () => 'java.util.concurrent.TimeoutException: payments-gateway did not respond within 30000 ms' },
  { weight: 2, logger: 'InventoryService', thread: 'exec',
    message: (g) => `java.lang.IllegalStateException: negative stock for sku=SKU-${10000 + g.r.int(90000)}` },
  { weight: 1, logger: 'KafkaConsumer', thread: 'kafka-consumer-1',
    message: (g) => `org.apache.kafka.common.errors.SerializationException: cannot deserialize record topic=orders offset=${g.r.int(5_000_000)}` },
  { weight: 2, logger: 'OrderService', thread: 'exec',
    message: () => 'java.lang.ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 5 at OrderMapper.java:88' },
  { weight: 1, logger: 'ReportService', thread: 'exec', message: () => 'java.lang.StackOverflowError at ReportBuilder.java:301' },
];

/** Relative per-line rates. */
const NORMAL_ACCESS_SHARE = 0.84;
const COLD_SLOW_SHARE = 0.003;
const SINGLE_RATES = { LATENCY: 0.008, EXCEPTION: 0.0045, BYTES: 0.0035 } as const;
const MEAN_GAP_MS = 50;
/** The first lines are always normal traffic. */
const WARM_UP_LINES = 50;

interface BurstSpec {
  kind: 'ERROR5XX' | 'SCAN' | 'AUTH';
  /** Burst length in lines: minLen + int(spread). */
  minLen: number;
  spread: number;
  /** Target share of all lines. */
  share: number;
  /** Chance that a line during an active burst belongs to it. */
  q: number;
  /** Mean gap (ms) after a burst line. */
  gapMs: number;
}

const BURSTS: readonly BurstSpec[] = [
  { kind: 'ERROR5XX', minLen: 4, spread: 13, share: 0.009, q: 0.5, gapMs: 50 },
  { kind: 'SCAN', minLen: 8, spread: 23, share: 0.009, q: 0.75, gapMs: 15 },
  { kind: 'AUTH', minLen: 5, spread: 16, share: 0.006, q: 0.6, gapMs: 35 },
];

// ---------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------

interface ActiveBurst {
  spec: BurstSpec;
  remaining: number;
  emit: () => string;
}

interface Timer {
  due: number;
  fire: () => string;
}

function cumulative(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) c[i] = s += weights[i];
  return c;
}

class Gen extends Sampler {
  private readonly guests: string[] = [];

  constructor(r: Random) {
    super(r);
    for (let i = 0; i < 300; i++) this.guests.push(`guest-${this.hex(4)}`);
  }

  hex8(): string {
    return this.r.int(4294967296).toString(16).padStart(8, '0');
  }

  /** A logged-in user; low ids are the regulars. */
  user(): string {
    return `u${1000 + Math.floor(9000 * this.r.next() ** 2)}`;
  }

  guest(): string {
    return this.pick(this.guests);
  }

  who(w: Who): string {
    switch (w) {
      case 'user': return this.user();
      case 'guest': return this.guest();
      case 'probe': return '-';
      case 'mixed': return this.r.next() < 0.5 ? this.guest() : this.user();
    }
  }

  execThread(): string {
    // Tomcat hands requests mostly to its low-numbered workers.
    return `http-nio-8080-exec-${1 + Math.floor(40 * this.r.next() ** 1.5)}`;
  }
}

function ms(x: number): number {
  return Math.max(1, Math.round(x));
}

function accessMessage(g: Gen, method: Method, path: string, status: number, latency: number, bytes: number, user: string): string {
  return `${method} ${path} status=${status} latency_ms=${latency} bytes=${bytes} user=${user} req=${g.hex8()}`;
}

/**
 * Generate the whole log: `lines` lines, LF line endings, a final newline
 * (the empty string for 0 lines).
 */
export function generateWebappLog(options: WebappLogOptions): string {
  const { lines: n, seed } = options;
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid lines: ${n} (expected a non-negative integer)`);
  const start = options.start ?? DEFAULT_START;
  const startMs = Date.parse(start);
  if (!Number.isFinite(startMs)) throw new Error(`invalid start: ${start} (expected an ISO-8601 time)`);

  const g = new Gen(createRandom(seed));
  const r = g.r;
  // Lines are joined into flat chunks as they come: holding a million nested
  // template strings until the end would keep the garbage collector busy.
  const CHUNK = 4096;
  const chunks: string[] = [];
  let out: string[] = [];
  let t = 0; // ms since start, fractional
  let tag: Tag = '-';

  // toISOString once per second of log time; the milliseconds are appended.
  let isoSecond = NaN;
  let isoPrefix = '';
  const iso = (): string => {
    const m = startMs + Math.floor(t);
    const second = Math.floor(m / 1000);
    if (second !== isoSecond) {
      isoSecond = second;
      isoPrefix = new Date(second * 1000).toISOString().slice(0, -4); // "YYYY-MM-DDTHH:MM:SS."
    }
    const f = m - second * 1000;
    return `${isoPrefix}${f < 10 ? '00' : f < 100 ? '0' : ''}${f}Z`;
  };
  const line = (level: Level, thread: string, logger: string, message: string): string =>
    `${tag} ${iso()} ${level} [${thread}] ${logger} - ${message}`;

  // -- endpoint pools ------------------------------------------------------
  const epCum = cumulative(ENDPOINTS.map((e) => e.weight));
  const apiEps = ENDPOINTS.filter((e) => e.api);
  const apiCum = cumulative(apiEps.map((e) => e.weight));
  const slowEps = apiEps.filter((e) => e.ok === 200);
  const slowCum = cumulative(slowEps.map((e) => e.weight));
  const bigEps = apiEps.filter((e) => e.method === 'GET' && e.bytes >= 1000 && e.bytes <= 100_000);
  const bigCum = cumulative(bigEps.map((e) => e.weight));
  const excCum = cumulative(EXCEPTIONS.map((e) => e.weight));

  // -- normal access lines -------------------------------------------------
  const normalAccess = (): string => {
    const e = g.weighted(ENDPOINTS, epCum);
    const user = g.who(e.who);
    const path = e.path(g, user);
    const u = r.next();
    let status = e.ok;
    let latency = g.logNormal(e.lat, e.latSigma);
    let bytes = e.ok === 204 ? 0 : g.logNormal(e.bytes, e.bytesSigma);
    if (u < e.notFound) {
      status = 404;
      latency *= 0.4;
      bytes = g.logNormal(150, 0.05);
    } else if (u < e.notFound + e.badRequest) {
      status = 400;
      latency *= 0.6;
      bytes = g.logNormal(190, 0.1);
    } else if (u < e.notFound + e.badRequest + e.notModified) {
      status = 304;
      latency *= 0.5;
      bytes = 0;
    } else if (r.next() < COLD_SLOW_SHARE) {
      latency = e.lat * r.uniform(5, 18); // cold cache, GC pause, lock wait: slow but normal
    }
    const level: Level = status >= 400 ? 'WARN' : 'INFO';
    return line(level, g.execThread(), e.logger, accessMessage(g, e.method, path, status, ms(latency), Math.round(bytes), user));
  };

  // -- other normal application messages ------------------------------------
  const kafkaOffsets = [0, 1, 2, 3, 4, 5].map(() => 100_000 + r.int(900_000));
  const otherMessages: ReadonlyArray<readonly [number, () => string]> = [
    [5, () => line('DEBUG', g.execThread(), 'SqlLogger',
      `query table=${g.pick(['orders', 'products', 'users', 'cart_items', 'payments'])} op=${g.pick(['select', 'select', 'select', 'update', 'insert'])} took_ms=${ms(g.logNormal(4, 0.7))} rows=${r.int(50)}`)],
    [2, () => line('DEBUG', g.execThread(), 'SessionManager', `session created user=${g.user()} session=${g.hex8()}`)],
    [1, () => line('DEBUG', 'session-reaper', 'SessionManager', `session expired user=${g.user()} idle_s=${1800 + r.int(600)}`)],
    [2, () => {
      const p = r.int(kafkaOffsets.length);
      kafkaOffsets[p] += 1 + r.int(400);
      return line('INFO', 'kafka-consumer-1', 'KafkaConsumer', `committed offsets topic=orders partition=${p} offset=${kafkaOffsets[p]}`);
    }],
    [1.5, () => line('INFO', g.execThread(), 'OrderService',
      `order placed order=${1000 + r.int(99000)} items=${1 + r.int(6)} total=${(g.logNormal(45, 0.7)).toFixed(2)} user=${g.user()}`)],
    [1, () => line('INFO', g.execThread(), 'PaymentService',
      `payment authorized order=${1000 + r.int(99000)} amount=${(g.logNormal(45, 0.7)).toFixed(2)} provider=${g.pick(['stripe', 'stripe', 'paypal', 'adyen'])}`)],
    [0.3, () => line('WARN', g.execThread(), 'DbPool', `connection acquisition slow wait_ms=${ms(r.uniform(300, 1500))}`)],
    [0.3, () => line('WARN', g.execThread(), 'RateLimiter', `throttled user=${g.user()} rps=${11 + r.int(8)} limit=10`)],
    [0.25, () => line('WARN', g.execThread(), 'AuthController', r.next() < 0.9
      ? `login failed for user=${g.user()} status=401 reason=bad_credentials attempts=${1 + (r.next() < 0.25 ? 1 : 0)} req=${g.hex8()}`
      : `login failed for user=${g.pick(STUFFING_NAMES)}${r.int(100)} status=401 reason=unknown_user attempts=1 req=${g.hex8()}`)],
    [0.3, () => line('WARN', g.execThread(), 'ExternalApiClient',
      `retrying call to ${g.pick(['shipping-api', 'tax-api', 'email-api'])} attempt=2 after_ms=${100 * (1 + r.int(5))}`)],
    [0.06, () => line('ERROR', g.execThread(), 'ErrorPageFilter', `ClientAbortException: Broken pipe while writing response req=${g.hex8()}`)],
  ];
  const otherCum = cumulative(otherMessages.map(([w]) => w));
  const otherFns = otherMessages.map(([, f]) => f);

  // -- periodic messages (timers fire once their due time has passed) -------
  let heapMb = 600 + r.int(200);
  let cacheSize = 1000 + r.int(400);
  const timers: Timer[] = [];
  const every = (first: number, period: number, fire: () => string): void => {
    const timer: Timer = {
      due: first,
      fire: () => {
        timer.due += period;
        return fire();
      },
    };
    timers.push(timer);
  };
  const once = (due: number, fire: () => string): void => {
    const timer: Timer = {
      due,
      fire: () => {
        timers.splice(timers.indexOf(timer), 1);
        return fire();
      },
    };
    timers.push(timer);
  };
  every(15_000, 15_000, () => {
    const active = Math.min(20, Math.max(0, Math.round(g.logNormal(5, 0.4))));
    return line('DEBUG', 'hikari-housekeeper', 'DbPool', `active=${active} idle=${20 - active}`);
  });
  every(30_000, 30_000, () => {
    cacheSize = Math.max(200, cacheSize + r.int(81) - 40);
    const ratio = Math.min(0.99, Math.max(0.8, 0.92 + 0.02 * g.normal()));
    return line('INFO', 'cache-stats-1', 'CacheManager', `cache hit ratio=${ratio.toFixed(2)} size=${cacheSize}`);
  });
  every(60_000, 60_000, () => {
    heapMb += 40 + r.int(120);
    let gc = ms(g.logNormal(8, 0.4));
    if (heapMb > 1700) { heapMb = 500 + r.int(200); gc = ms(g.logNormal(120, 0.3)); } // full GC
    return line('INFO', 'metrics-1', 'MetricsReporter', `jvm heap_used_mb=${heapMb} heap_max_mb=2048 gc_pause_ms=${gc} threads=${80 + r.int(15)}`);
  });
  const job = (name: string, median: number, extra: () => string) => (): string => {
    const took = ms(g.logNormal(median, 0.3));
    once(t + took, () => line('INFO', 'scheduling-1', 'Scheduler', `job ${name} finished in ${took} ms${extra()}`));
    return line('INFO', 'scheduling-1', 'Scheduler', `job ${name} started`);
  };
  every(120_000, 300_000, job('cleanup', 120, () => ` removed=${r.int(60)}`));
  every(400_000, 900_000, job('sitemap-refresh', 2300, () => ` urls=${48_000 + r.int(500)}`));

  const dueTimer = (): Timer | null => {
    let best: Timer | null = null;
    for (const tm of timers) if (tm.due <= t && (best === null || tm.due < best.due)) best = tm;
    return best;
  };

  // -- anomalies -------------------------------------------------------------
  const latencyAnomaly = (): string => {
    const e = g.weighted(slowEps, slowCum);
    const user = g.who(e.who);
    const bytes = Math.round(g.logNormal(e.bytes, e.bytesSigma));
    return line('INFO', g.execThread(), e.logger,
      accessMessage(g, e.method, e.path(g, user), 200, ms(e.lat * r.uniform(20, 100)), bytes, user));
  };

  const bytesAnomaly = (): string => {
    const e = g.weighted(bigEps, bigCum);
    const user = g.who(e.who);
    const bytes = Math.round(g.logNormal(e.bytes, e.bytesSigma) * r.uniform(60, 150));
    const latency = ms(g.logNormal(e.lat, e.latSigma) * r.uniform(2, 6));
    return line('INFO', g.execThread(), e.logger, accessMessage(g, e.method, e.path(g, user), 200, latency, bytes, user));
  };

  const exceptionAnomaly = (): string => {
    const x = g.weighted(EXCEPTIONS, excCum);
    return line('ERROR', x.thread === 'exec' ? g.execThread() : x.thread, x.logger, x.message(g));
  };

  const startBurst = (spec: BurstSpec): ActiveBurst => {
    const remaining = spec.minLen + r.int(spec.spread);
    switch (spec.kind) {
      case 'ERROR5XX': {
        const e = g.weighted(apiEps, apiCum);
        const primary = g.pick([500, 502, 503]);
        return {
          spec, remaining,
          emit: () => {
            const status = r.next() < 0.75 ? primary : g.pick([500, 502, 503]);
            const latency = status === 503 ? ms(r.uniform(1, 10))
              : status === 502 ? ms(r.next() < 0.5 ? r.uniform(5, 60) : r.uniform(29_000, 30_500))
              : ms(g.logNormal(e.lat, e.latSigma) * r.uniform(0.5, 3));
            const user = g.who(e.who);
            return line('ERROR', g.execThread(), e.logger,
              accessMessage(g, e.method, e.path(g, user), status, latency, Math.round(g.logNormal(240, 0.1)), user));
          },
        };
      }
      case 'SCAN': {
        const scanner = `guest-${g.hex(4)}`;
        let k = r.int(SCAN_PATHS.length);
        return {
          spec, remaining,
          emit: () => {
            const [method, path] = SCAN_PATHS[k];
            k = (k + 1 + r.int(3)) % SCAN_PATHS.length;
            const status = path === '/server-status' || path.startsWith('/admin') ? 403 : 404;
            return line('WARN', g.execThread(), 'StaticResourceHandler',
              accessMessage(g, method, path, status, ms(g.logNormal(2, 0.4)), Math.round(g.logNormal(150, 0.05)), scanner));
          },
        };
      }
      case 'AUTH': {
        const brute = r.next() < 0.7;
        const target = r.next() < 0.7 ? g.pick(BRUTE_TARGETS) : g.user();
        let attempts = 0;
        return {
          spec, remaining,
          emit: () => {
            let msg: string;
            if (brute) {
              attempts++;
              msg = attempts < 5
                ? `login failed for user=${target} status=401 reason=bad_credentials attempts=${attempts}`
                : `login failed for user=${target} status=403 reason=account_locked attempts=${attempts}`;
            } else {
              // Credential stuffing: many accounts, one try each; leaked names often do not exist here.
              const known = r.next() < 0.5;
              const name = known ? g.user() : `${g.pick(STUFFING_NAMES)}${r.int(100)}`;
              const u = r.next();
              msg = u < 0.15 ? `login failed for user=${name} status=403 reason=captcha_required attempts=1`
                : `login failed for user=${name} status=401 reason=${known || u < 0.4 ? 'bad_credentials' : 'unknown_user'} attempts=1`;
            }
            return line('WARN', g.execThread(), 'AuthController', `${msg} req=${g.hex8()}`);
          },
        };
      }
    }
  };

  const burstGap = BURSTS.map((b) => (b.minLen + (b.spread - 1) / 2) / b.share);
  const nextBurst = BURSTS.map((_, k) => Math.round(burstGap[k] * r.uniform(0.2, 1.0)));
  const active: ActiveBurst[] = [];

  // -- main loop: one line per iteration -------------------------------------
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < BURSTS.length; k++) {
      if (i >= nextBurst[k]) {
        active.push(startBurst(BURSTS[k]));
        nextBurst[k] = i + Math.max(1, Math.round(burstGap[k] * r.uniform(0.5, 1.5)));
      }
    }
    let gap = MEAN_GAP_MS;
    const timer = dueTimer();
    if (timer !== null) {
      tag = '-';
      out.push(timer.fire());
      gap = 2;
    } else {
      let burst: ActiveBurst | null = null;
      for (let k = 0; k < active.length; k++) {
        if (r.next() < active[k].spec.q) {
          burst = active[k];
          if (--burst.remaining === 0) active.splice(k, 1);
          break;
        }
      }
      if (burst !== null) {
        tag = burst.spec.kind;
        out.push(burst.emit());
        gap = burst.spec.gapMs;
      } else {
        const u = i < WARM_UP_LINES ? 1 : r.next();
        if (u < SINGLE_RATES.LATENCY) {
          tag = 'LATENCY';
          out.push(latencyAnomaly());
        } else if (u < SINGLE_RATES.LATENCY + SINGLE_RATES.EXCEPTION) {
          tag = 'EXCEPTION';
          out.push(exceptionAnomaly());
        } else if (u < SINGLE_RATES.LATENCY + SINGLE_RATES.EXCEPTION + SINGLE_RATES.BYTES) {
          tag = 'BYTES';
          out.push(bytesAnomaly());
        } else {
          tag = '-';
          out.push(r.next() < NORMAL_ACCESS_SHARE ? normalAccess() : g.weighted(otherFns, otherCum)());
        }
      }
    }
    t += g.exponential(gap);
    if (out.length === CHUNK) {
      chunks.push(out.join('\n') + '\n');
      out = [];
    }
  }
  if (out.length > 0) chunks.push(out.join('\n') + '\n');
  return chunks.join('');
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

const USAGE = 'usage: npx tsx datasets/webapp/generate.ts [--lines N] [--seed S] [--start ISO] [--out PATH]';

runWhenMain(import.meta.url, USAGE, ['lines', 'seed', 'start', 'out'], ({ flags, outPath, write }) => {
  const lines = Number(flags.lines ?? 10_000);
  const seed = Number(flags.seed ?? 42);
  const start = flags.start;
  const defaultName = lines === 10_000 && seed === 42 && start === undefined ? 'webapp-10k.log' : `webapp-${lines}-seed${seed}.log`;
  const path = outPath(flags.out, defaultName);

  const t0 = performance.now();
  const text = generateWebappLog({ lines, seed, start });
  write(path, text);
  const counts = new Map<string, number>();
  for (const l of text.split('\n')) {
    if (l === '') continue;
    const tag = l.slice(0, l.indexOf(' '));
    counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  const anomalies = lines - (counts.get('-') ?? 0);
  console.log(`wrote ${path}: ${lines} lines, seed ${seed}, ${(performance.now() - t0).toFixed(0)} ms`);
  console.log(`anomalies ${anomalies} (${((100 * anomalies) / Math.max(1, lines)).toFixed(2)} %): ` +
    ANOMALY_KINDS.map((k) => `${k}=${counts.get(k) ?? 0}`).join(' '));
});

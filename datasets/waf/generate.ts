/**
 * A deterministic, seeded generator of a labelled WAF / web-access log as
 * JSON lines, with categorical fields (`action`, `country`, `method`,
 * `status`) for the categorical-baseline flow:
 *
 *   {"ts":"2026-03-02T10:00:00.123Z","ip":"81.2.69.160","country":"GB","method":"GET","uri":"/products/1342","status":200,"action":"allow","rule":"none","label":"normal"}
 *
 * Values never seen in normal traffic (a new country, the method PROPFIND)
 * appear only in the last 40 % of the file, so a baseline of the first 60 %
 * does not know them. See datasets/waf/README.md.
 *
 * All randomness goes through `createRandom(seed)`, so the same options give
 * the same text byte for byte on every platform.
 *
 *   npx tsx datasets/waf/generate.ts [--count N] [--seed S] [--start ISO] [--out PATH]
 *
 * Without options it rewrites datasets/waf/waf-6k.jsonl (6 000 lines, seed 42).
 */
import { createRandom, type Random } from '../../app/core/random.ts';
import { runWhenMain } from '../generator-cli.ts';
import { Sampler } from '../sampler.ts';

export interface WafOptions {
  /** Number of requests (lines), a non-negative integer. */
  count: number;
  /** Seed for `createRandom`. */
  seed: number;
  /** ISO-8601 time of the first request; default 2026-03-02T10:00:00.000Z. */
  start?: string;
}

export const DEFAULT_START = '2026-03-02T10:00:00.000Z';

/** The injected anomaly kinds, as written in the `label` field. */
export const ANOMALY_KINDS = ['new_country', 'odd_method', 'block_burst', 'error_burst'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** The share of the file that is the baseline: no unknown value before `Math.ceil(count * BASELINE_SHARE)`. */
export const BASELINE_SHARE = 0.6;

/** Countries of normal traffic, with their shares. */
export const BASELINE_COUNTRIES: ReadonlyArray<readonly [string, number]> = [
  ['US', 30], ['DE', 14], ['GB', 10], ['FR', 8], ['NL', 6], ['CA', 5], ['ES', 4], ['IT', 4], ['SE', 3], ['PL', 3],
  ['JP', 3], ['BR', 3], ['IN', 3], ['AU', 2], ['CH', 2], ['AT', 2], ['BE', 2], ['DK', 1],
];
/** Countries that only `new_country` anomalies come from (never in normal traffic). */
export const NEW_COUNTRIES = ['KZ', 'MN', 'VU', 'BT', 'TM'] as const;
/** Methods of normal traffic. */
export const BASELINE_METHODS = ['GET', 'POST', 'HEAD', 'OPTIONS', 'PUT'] as const;
/** The method only `odd_method` anomalies use. */
export const NEW_METHOD = 'PROPFIND';

/** Every line, with the fields in this order. */
export const WAF_LINE_RE =
  /^\{"ts":"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)","ip":"(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})","country":"([A-Z]{2})","method":"(GET|POST|HEAD|OPTIONS|PUT|PROPFIND)","uri":"((?:[^"\\]|\\.)+)","status":(\d{3}),"action":"(allow|block|challenge)","rule":"(none|\d{6})","label":"(normal|new_country|odd_method|block_burst|error_burst)"\}$/;

/** Mean gap between requests (ms), and inside bursts. */
const MEAN_GAP_MS = 150;
const BURST_GAP_MS = 60;
/** The first lines are always normal. */
const WARM_UP_SHARE = 0.05;

// ---------------------------------------------------------------------------
// Traffic model
// ---------------------------------------------------------------------------

const CATEGORIES = ['shoes', 'jackets', 'bags', 'watches', 'sale', 'new'];
const SEARCH = ['red+dress', 'running+shoes', 'gift', 'wool+scarf', 'backpack', 'sunglasses'];

/** Normal URIs by method, with weights. */
const URIS: Record<(typeof BASELINE_METHODS)[number], ReadonlyArray<readonly [number, (g: Gen) => string]>> = {
  GET: [
    [10, () => '/'],
    [18, (g) => `/products/${1 + Math.floor(3000 * g.r.next() ** 2)}`],
    [8, (g) => `/category/${g.pick(CATEGORIES)}?page=${1 + g.r.int(4)}`],
    [6, (g) => `/search?q=${g.pick(SEARCH)}`],
    [5, () => '/cart'],
    [18, (g) => g.pick(['/static/app.3f9c2e1a.js', '/static/main.9b1d4a77.css', '/static/logo.svg', '/static/fonts/inter.woff2'])],
    [10, (g) => `/img/p/${1 + g.r.int(3000)}-${g.pick(['400', '800'])}.webp`],
    [4, (g) => `/api/v1/products?ids=${1 + g.r.int(3000)},${1 + g.r.int(3000)}`],
    [2, () => '/account'],
    [1, () => '/robots.txt'],
    [1, () => '/favicon.ico'],
  ],
  POST: [
    [5, () => '/api/v1/cart/items'],
    [2, () => '/login'],
    [1, () => '/checkout'],
    [3, () => '/api/v1/events'],
  ],
  HEAD: [[1, () => '/'], [1, () => '/health']],
  OPTIONS: [[1, () => '/api/v1/products'], [1, () => '/api/v1/cart/items']],
  PUT: [[1, (g) => `/api/v1/cart/items/${100000 + g.r.int(900000)}`]],
};
const METHOD_WEIGHTS = [82, 12, 3, 2, 1];

/** OWASP CRS rule ids and a matching attack URI. */
const ATTACKS: ReadonlyArray<readonly [string, (g: Gen) => string]> = [
  ['942100', (g) => `/search?q=1%27%20OR%20%271%27=%27${g.r.int(10)}`],
  ['942100', (g) => `/products/${g.r.int(3000)}%20UNION%20SELECT%20username,password%20FROM%20users--`],
  ['941100', () => '/search?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E'],
  ['930120', () => '/static/../../../../etc/passwd'],
  ['932100', () => '/api/v1/products?ids=1;cat%20/etc/shadow'],
  ['913100', () => '/.env'],
  ['920350', () => '/wp-login.php'],
];
/** Rules of the occasional single normal block (bots, bad requests). */
const NORMAL_BLOCK_RULES = ['913100', '920350', '920280', '949110'];

class Gen extends Sampler {
  /** A public-looking IPv4 address (no private, loopback, CGNAT, link-local or multicast range). */
  ip(): string {
    for (;;) {
      const a = 1 + this.r.int(223);
      const b = this.r.int(256);
      if (a === 10 || a === 127 || (a === 100 && b >= 64 && b < 128) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168)) continue;
      return `${a}.${b}.${this.r.int(256)}.${1 + this.r.int(254)}`;
    }
  }
}

function cumulative(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) c[i] = s += weights[i];
  return c;
}

interface Request {
  ip: string;
  country: string;
  method: string;
  uri: string;
  status: number;
  action: 'allow' | 'block' | 'challenge';
  rule: string;
}

interface Burst {
  kind: AnomalyKind;
  /** Line index the burst may start at. */
  start: number;
  left: number;
  q: number;
  emit: () => Request;
}

/**
 * Generate the log: `count` lines in time order, LF line endings, a final
 * newline (the empty string for 0 lines).
 */
export function generateWaf(options: WafOptions): string {
  const { count: n, seed } = options;
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid count: ${n} (expected a non-negative integer)`);
  const start = options.start ?? DEFAULT_START;
  const startMs = Date.parse(start);
  if (!Number.isFinite(startMs)) throw new Error(`invalid start: ${start} (expected an ISO-8601 time)`);

  const g = new Gen(createRandom(seed));
  const r = g.r;

  // Clients: each with a fixed address and country; the busy ones busier.
  const countryCum = cumulative(BASELINE_COUNTRIES.map(([, w]) => w));
  const clients = Array.from({ length: 900 }, () => ({ ip: g.ip(), country: g.weighted(BASELINE_COUNTRIES, countryCum)[0] }));
  const clientCum = cumulative(clients.map((_, i) => 1 / (1 + i) ** 0.7));
  const methodCum = cumulative(METHOD_WEIGHTS);
  const uriCum = Object.fromEntries(BASELINE_METHODS.map((m) => [m, cumulative(URIS[m].map(([w]) => w))])) as Record<string, Float64Array>;

  const normal = (): Request => {
    const c = g.weighted(clients, clientCum);
    const method = g.weighted(BASELINE_METHODS, methodCum);
    const uri = g.weighted(URIS[method], uriCum[method])[1](g);
    const u = r.next();
    if (u < 0.01) return { ...c, method, uri, status: 403, action: 'block', rule: g.pick(NORMAL_BLOCK_RULES) };
    if (u < 0.025) return { ...c, method, uri, status: 403, action: 'challenge', rule: '949110' };
    const v = r.next();
    let status = method === 'POST' ? (uri === '/login' ? (v < 0.85 ? 302 : 401) : 201) : method === 'OPTIONS' || method === 'PUT' ? 204 : 200;
    if (method === 'GET') {
      if (uri === '/favicon.ico') status = 404;
      else if (v < 0.1 && (uri.startsWith('/static') || uri.startsWith('/img'))) status = 304;
      else if (v < 0.04) status = 404;
      else if (v < 0.06 && uri === '/account') status = 302;
      else if (v > 0.998) status = 500; // an ordinary, isolated server error
    }
    return { ...c, method, uri, status, action: 'allow', rule: 'none' };
  };

  // -- anomaly bursts ---------------------------------------------------------
  const baselineEnd = Math.ceil(n * BASELINE_SHARE);
  const warmUp = Math.ceil(n * WARM_UP_SHARE);
  const bursts: Burst[] = [];
  /** `times` bursts per 6 000 lines, spread over [lo, hi) of the file. */
  const plan = (kind: AnomalyKind, times: number, lo: number, hi: number, q: number, make: () => { left: number; emit: () => Request }): void => {
    const k = Math.max(1, Math.round((times * n) / 6000));
    for (let j = 0; j < k; j++) {
      const from = lo + ((hi - lo) * j) / k;
      const start = Math.floor(from + r.uniform(0, (hi - lo) / k));
      bursts.push({ kind, start, q, ...make() });
    }
  };

  // New country: one client from a country never seen before, browsing or trying logins.
  plan('new_country', 4, baselineEnd, Math.floor(n * 0.97), 0.3, () => {
    const ip = g.ip();
    const country = g.pick(NEW_COUNTRIES);
    const logins = r.next() < 0.5;
    return {
      left: 5 + r.int(11),
      emit: () => logins
        ? { ip, country, method: 'POST', uri: '/login', status: r.next() < 0.8 ? 401 : 302, action: 'allow', rule: 'none' }
        : { ip, country, method: 'GET', uri: `/products/${1 + r.int(3000)}`, status: 200, action: 'allow', rule: 'none' },
    };
  });
  // WebDAV probing: PROPFIND, which the site does not serve.
  plan('odd_method', 3, baselineEnd, Math.floor(n * 0.97), 0.4, () => {
    const c = g.weighted(clients, clientCum);
    return {
      left: 3 + r.int(6),
      emit: () => {
        const blocked = r.next() < 0.5;
        return {
          ...c, method: NEW_METHOD, uri: g.pick(['/', '/webdav/', '/remote.php/dav/files/', '/.well-known/caldav', '/uploads/']),
          status: blocked ? 403 : 405, action: blocked ? 'block' : 'allow', rule: blocked ? '911100' : 'none',
        };
      },
    };
  });
  // A burst of blocks: one client firing SQL injection, XSS, traversal … at the site.
  plan('block_burst', 3, warmUp, Math.floor(n * 0.95), 0.7, () => {
    const c = g.weighted(clients, clientCum);
    const ip = r.next() < 0.5 ? c.ip : g.ip();
    const country = ip === c.ip ? c.country : g.weighted(BASELINE_COUNTRIES, countryCum)[0];
    return {
      left: 15 + r.int(26),
      emit: () => {
        const [rule, uri] = g.pick(ATTACKS);
        return { ip, country, method: r.next() < 0.8 ? 'GET' : 'POST', uri: uri(g), status: 403, action: 'block', rule };
      },
    };
  });
  // A backend outage: 5xx for everyone, for a while.
  plan('error_burst', 2, warmUp, Math.floor(n * 0.95), 0.6, () => {
    const status = g.pick([502, 503, 504]);
    return {
      left: 20 + r.int(31),
      emit: () => {
        const req = normal();
        return { ...req, method: req.method === 'PUT' ? 'GET' : req.method, status: r.next() < 0.8 ? status : g.pick([500, 502, 503, 504]), action: 'allow', rule: 'none' };
      },
    };
  });
  bursts.sort((a, b) => a.start - b.start);

  // Categorical values of the normal requests of the baseline.
  const seen = new Set<string>();
  const categorical = (x: Request): string[] => [`c:${x.country}`, `m:${x.method}`, `s:${x.status}`, `a:${x.action}`, `r:${x.rule}`];
  const remember = (x: Request): void => {
    for (const v of categorical(x)) seen.add(v);
  };
  const known = (x: Request): boolean => categorical(x).every((v) => seen.has(v));

  // -- main loop: one request per iteration -----------------------------------
  let t = 0;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let req: Request | null = null;
    let label: AnomalyKind | 'normal' = 'normal';
    for (const b of bursts) {
      if (b.start > i) break;
      if (b.left === 0) continue;
      if (r.next() < b.q) {
        b.left--;
        req = b.emit();
        label = b.kind;
      }
      break;
    }
    if (req === null) {
      req = normal();
      // A normal request after the baseline never brings a value the baseline lacks (a rare 500, say): draw again.
      for (let k = 0; i >= baselineEnd && k < 100 && !known(req); k++) req = normal();
      if (i < baselineEnd) remember(req);
    }
    out.push(JSON.stringify({
      ts: new Date(startMs + Math.floor(t)).toISOString(),
      ip: req.ip,
      country: req.country,
      method: req.method,
      uri: req.uri,
      status: req.status,
      action: req.action,
      rule: req.rule,
      label,
    }));
    t += g.exponential(label === 'normal' ? MEAN_GAP_MS : BURST_GAP_MS);
  }
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

const USAGE = 'usage: npx tsx datasets/waf/generate.ts [--count N] [--seed S] [--start ISO] [--out PATH]';

runWhenMain(import.meta.url, USAGE, ['count', 'seed', 'start', 'out'], ({ flags, outPath, write }) => {
  const count = Number(flags.count ?? 6000);
  const seed = Number(flags.seed ?? 42);
  const start = flags.start;
  const path = outPath(flags.out, count === 6000 && seed === 42 && start === undefined ? 'waf-6k.jsonl' : `waf-${count}-seed${seed}.jsonl`);
  const text = generateWaf({ count, seed, start });
  write(path, text);
  const labels = new Map<string, number>();
  for (const m of text.matchAll(/"label":"(\w+)"\}$/gm)) labels.set(m[1], (labels.get(m[1]) ?? 0) + 1);
  const anomalies = count - (labels.get('normal') ?? 0);
  console.log(`wrote ${path}: ${count} lines, seed ${seed}`);
  console.log(`anomalies ${anomalies} (${((100 * anomalies) / Math.max(1, count)).toFixed(2)} %): ` +
    ANOMALY_KINDS.map((k) => `${k}=${labels.get(k) ?? 0}`).join(' '));
});

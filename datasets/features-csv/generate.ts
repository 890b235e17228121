/**
 * A deterministic, seeded generator of a labelled CSV of numeric features,
 * one row per log line of an HTTP API service, for the "Isolation Forest with
 * a contamination prior" flow: exactly 3 % of the rows are anomalies of two
 * kinds, so a contamination of 0.03 is the true prior. See
 * datasets/features-csv/README.md.
 *
 * All randomness goes through `createRandom(seed)`, so the same options give
 * the same text byte for byte on every platform.
 *
 *   npx tsx datasets/features-csv/generate.ts [--count N] [--seed S] [--out PATH]
 *
 * Without options it rewrites datasets/features-csv/features-5k.csv (5 000
 * rows, seed 42).
 */
import { createRandom, type Random } from '../../app/core/random.ts';
import { runWhenMain } from '../generator-cli.ts';
import { Sampler } from '../sampler.ts';

export interface FeaturesCsvOptions {
  /** Number of data rows (the header not counted), a non-negative integer. */
  count: number;
  /** Seed for `createRandom`. */
  seed: number;
}

/** The header, in order. */
export const FEATURE_COLUMNS = ['latency_ms', 'bytes', 'status_class', 'tokens', 'hour', 'error_count_5m', 'label'] as const;

/** The injected anomaly kinds (not in the file: the file's `label` is 0/1). */
export const ANOMALY_KINDS = ['bulk_night', 'error_storm'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** Share of anomalous rows: exactly `Math.round(count * ANOMALY_SHARE)`. */
export const ANOMALY_SHARE = 0.03;

/** Every data row: six non-negative integers and the label. */
export const FEATURES_ROW_RE = /^(\d+),(\d+),([2-5]),(\d+),(\d|1\d|2[0-3]),(\d+),([01])$/;

export interface FeatureRow {
  latency_ms: number;
  bytes: number;
  status_class: number;
  tokens: number;
  hour: number;
  error_count_5m: number;
  label: 0 | 1;
  /** `normal` or the anomaly kind. */
  kind: 'normal' | AnomalyKind;
}

/** Requests per hour of the day (UTC), relative. */
const HOUR_WEIGHTS = [1, 0.7, 0.5, 0.4, 0.4, 0.6, 1.2, 2.5, 4, 5, 5.5, 5.5, 5, 5.5, 5.5, 5, 4.5, 4, 3.5, 3, 2.6, 2.2, 1.8, 1.3];

interface EndpointClass {
  weight: number;
  /** Median latency (ms) and log-normal sigma. */
  lat: number;
  latSigma: number;
  /** Median bytes and log-normal sigma. */
  bytes: number;
  bytesSigma: number;
}

/** Reads, writes, searches and (rare, slow, large) report exports. */
const CLASSES: readonly EndpointClass[] = [
  { weight: 60, lat: 30, latSigma: 0.5, bytes: 4000, bytesSigma: 0.6 },
  { weight: 25, lat: 90, latSigma: 0.5, bytes: 800, bytesSigma: 0.4 },
  { weight: 12, lat: 150, latSigma: 0.6, bytes: 15000, bytesSigma: 0.7 },
  { weight: 3, lat: 2000, latSigma: 0.5, bytes: 2_000_000, bytesSigma: 0.6 },
];

class Gen extends Sampler {
  /** Poisson-distributed count (Knuth), for small means. */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.r.next();
    while (p > limit) {
      k++;
      p *= this.r.next();
    }
    return k;
  }
}

function cumulative(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) c[i] = s += weights[i];
  return c;
}

const int = (x: number): number => Math.max(0, Math.round(x));

/**
 * Generate the rows (with their anomaly kind). Rows are a random sample of a
 * week's log lines, in no time order; `Math.round(count * 0.03)` of them are
 * anomalies, half of each kind (the odd one a `bulk_night`).
 */
export function generateFeatureRows(options: FeaturesCsvOptions): FeatureRow[] {
  const { count: n, seed } = options;
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid count: ${n} (expected a non-negative integer)`);
  const g = new Gen(createRandom(seed));
  const r = g.r;
  const hours = HOUR_WEIGHTS.map((_, h) => h);
  const hourCum = cumulative(HOUR_WEIGHTS);
  const classCum = cumulative(CLASSES.map((c) => c.weight));

  // Which rows are anomalies: a partial Fisher-Yates shuffle of the indices.
  const anomalies = Math.round(n * ANOMALY_SHARE);
  const idx = Array.from({ length: n }, (_, i) => i);
  const kindOf = new Map<number, AnomalyKind>();
  for (let k = 0; k < anomalies; k++) {
    const j = k + r.int(n - k);
    [idx[k], idx[j]] = [idx[j], idx[k]];
    kindOf.set(idx[k], k % 2 === 0 ? 'bulk_night' : 'error_storm');
  }

  const rows: FeatureRow[] = [];
  for (let i = 0; i < n; i++) {
    const kind = kindOf.get(i);
    if (kind === 'bulk_night') {
      // A bulk export in the middle of the night: large and slow, but status 2xx and a quiet error count.
      rows.push({
        latency_ms: int(g.logNormal(9000, 0.4)),
        bytes: int(g.logNormal(12_000_000, 0.5)),
        status_class: 2,
        tokens: 12 + r.int(5),
        hour: 1 + r.int(4),
        error_count_5m: g.poisson(0.8),
        label: 1,
        kind,
      });
    } else if (kind === 'error_storm') {
      // A backend failing: 5xx with a stack trace (many tokens) amid many errors; fast failures or timeouts.
      const timeout = r.next() < 0.4;
      rows.push({
        latency_ms: timeout ? int(30000 + g.normal() * 150) : 1 + r.int(5),
        bytes: int(g.logNormal(300, 0.2)),
        status_class: 5,
        tokens: 40 + r.int(121),
        hour: g.weighted(hours, hourCum),
        error_count_5m: 20 + r.int(61),
        label: 1,
        kind,
      });
    } else {
      const c = g.weighted(CLASSES, classCum);
      const hour = g.weighted(hours, hourCum);
      const load = 1 + 0.3 * (HOUR_WEIGHTS[hour] / 5.5);
      let latency = g.logNormal(c.lat, c.latSigma) * load;
      let bytes = g.logNormal(c.bytes, c.bytesSigma);
      let status = 2;
      let tokens = 12 + r.int(5);
      const u = r.next();
      if (u < 0.07) {
        if (c !== CLASSES[3]) {
          status = 3; // 304 Not Modified / redirects: fast, empty
          latency *= 0.5;
          bytes = 0;
        }
      } else if (u < 0.116) {
        status = 4;
        latency *= 0.6;
        bytes = g.logNormal(190, 0.1);
        tokens += 3;
      } else if (u < 0.12) {
        status = 5; // an ordinary, isolated server error
        bytes = g.logNormal(300, 0.2);
        tokens += 6 + r.int(20);
      }
      rows.push({
        latency_ms: Math.max(1, int(latency)),
        bytes: int(bytes),
        status_class: status,
        tokens,
        hour,
        error_count_5m: g.poisson(status === 5 ? 2.5 : 0.8),
        label: 0,
        kind: 'normal',
      });
    }
  }
  return rows;
}

/** The CSV text: header, `count` rows, LF line endings, final newline. */
export function generateFeaturesCsv(options: FeaturesCsvOptions): string {
  const rows = generateFeatureRows(options);
  const lines = [FEATURE_COLUMNS.join(',')];
  for (const x of rows) lines.push(`${x.latency_ms},${x.bytes},${x.status_class},${x.tokens},${x.hour},${x.error_count_5m},${x.label}`);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

const USAGE = 'usage: npx tsx datasets/features-csv/generate.ts [--count N] [--seed S] [--out PATH]';

runWhenMain(import.meta.url, USAGE, ['count', 'seed', 'out'], ({ flags, outPath, write }) => {
  const count = Number(flags.count ?? 5000);
  const seed = Number(flags.seed ?? 42);
  const path = outPath(flags.out, count === 5000 && seed === 42 ? 'features-5k.csv' : `features-${count}-seed${seed}.csv`);
  const rows = generateFeatureRows({ count, seed });
  write(path, generateFeaturesCsv({ count, seed }));
  const by = (k: string) => rows.filter((x) => x.kind === k).length;
  console.log(`wrote ${path}: ${count} rows, seed ${seed}`);
  console.log(`anomalies ${count - by('normal')}: ` + ANOMALY_KINDS.map((k) => `${k}=${by(k)}`).join(' '));
});

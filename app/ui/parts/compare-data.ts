// What the comparison plots draw, derived once per run and sampled so that a
// million units become a few thousand marks. Plain data, no DOM: the plot
// builders (compare-plots.ts) only turn these into Plot marks.
import { scoreHistogram, type Ranking, type ScoreBin } from '../../core/evaluate/index.ts';
import type { FieldColumn } from '../../core/ingest/log-data.ts';
import { partitionPoint } from '../../core/bisect.ts';
import { createRandom } from '../../core/random.ts';

/**
 * Memoised per run object and one more input (`key`, compared by identity:
 * the labels, which review marks can change while the run stays). A run's
 * scores never change, so what is derived from them is computed when the run
 * lands and reused on every later render (another run landing, the threshold
 * moving).
 */
export function perRun<T>(): (run: object, key: unknown, compute: () => T) => T {
  const cache = new WeakMap<object, { key: unknown; value: T }>();
  return (run, key, compute) => {
    let hit = cache.get(run);
    if (!hit || hit.key !== key) cache.set(run, (hit = { key, value: compute() }));
    return hit.value;
  };
}

/** A curve as parallel coordinate arrays (shares 0..1). */
export interface Curve {
  x: number[];
  y: number[];
}

/**
 * Thins a curve for drawing: keeps a point once it has moved `step` (in
 * x + y, the axes' units) from the last kept one, and always the ends. A ROC
 * curve walks at most 2 in x + y, so it keeps at most 2 / step + 2 points
 * however many units were ranked; `max` caps wigglier curves (PR) by stride.
 */
export function thinCurve(x: ArrayLike<number>, y: ArrayLike<number>, step = 0.004, max = 1500): Curve {
  const n = x.length;
  const out: Curve = { x: [], y: [] };
  if (n === 0) return out;
  let lx = x[0], ly = y[0];
  out.x.push(lx);
  out.y.push(ly);
  for (let i = 1; i < n - 1; i++) {
    if (Math.abs(x[i] - lx) + Math.abs(y[i] - ly) >= step) {
      lx = x[i];
      ly = y[i];
      out.x.push(lx);
      out.y.push(ly);
    }
  }
  if (n > 1) {
    out.x.push(x[n - 1]);
    out.y.push(y[n - 1]);
  }
  if (out.x.length <= max) return out;
  const stride = Math.ceil(out.x.length / max);
  const keep = (_: number, i: number) => i % stride === 0 || i === out.x.length - 1;
  return { x: out.x.filter(keep), y: out.y.filter(keep) };
}

/**
 * Counts at a threshold from a ranking: the last ranking row whose score is
 * at or above `threshold` (units with `score >= threshold` are flagged).
 * @returns true and false positives (counts of units)
 */
export function countsAt(ranking: Ranking, threshold: number): { tp: number; fp: number } {
  const t = ranking.thresholds;
  // Thresholds decrease: the rows with t[i] >= threshold come first.
  const lo = partitionPoint(t.length, (i) => t[i] >= threshold);
  return lo === 0 ? { tp: 0, fp: 0 } : { tp: ranking.tps[lo - 1], fp: ranking.fps[lo - 1] };
}

/**
 * `m` distinct positions of `0..n-1` drawn uniformly with a seed, in random
 * order (so any prefix is a uniform sample too): O(m) whatever n, so
 * sampling a million units costs nothing.
 */
export function uniformSample(n: number, m: number, seed = 1): Int32Array {
  const random = createRandom(seed);
  let out: Int32Array;
  if (m >= n) out = Int32Array.from({ length: n }, (_, i) => i);
  else {
    // Floyd's algorithm: exactly m draws, each distinct.
    const picked = new Set<number>();
    for (let j = n - m; j < n; j++) {
      const t = random.int(j + 1);
      picked.add(picked.has(t) ? j : t);
    }
    out = Int32Array.from(picked);
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/**
 * The judged positions a scatter of one run shows, at most `max`: the
 * flagged ones first (highest score first, at most `maxFlagged` of them), the
 * rest from a uniform sample of the unflagged.
 * @param top judged positions by decreasing score (at least `maxFlagged` of them when there are)
 * @param sample uniformly drawn judged positions
 * @param flaggedCount units with score >= threshold among all judged units
 */
export function pickShown(
  scores: ArrayLike<number>,
  top: ArrayLike<number>,
  sample: ArrayLike<number>,
  threshold: number,
  { max = 5000, maxFlagged = 4000, flaggedCount }: { max?: number; maxFlagged?: number; flaggedCount: number },
): { flagged: number[]; other: number[]; allFlagged: boolean } {
  const flagged: number[] = [];
  for (let i = 0; i < top.length && flagged.length < Math.min(max, maxFlagged); i++) {
    if (scores[top[i]] >= threshold) flagged.push(top[i]);
    else break;
  }
  const other: number[] = [];
  for (let i = 0; i < sample.length && flagged.length + other.length < max; i++) {
    if (scores[sample[i]] < threshold) other.push(sample[i]);
  }
  return { flagged, other, allFlagged: flagged.length === flaggedCount };
}

/** Field names taken for swimlanes when present (ECS `host.name` too). */
const HOST_FIELD = /(^|[._])(hostname|host|source|host\.name)$/i;

/**
 * Fields worth one swimlane per value: text fields with 2 to `maxLanes`
 * distinct values among the sampled rows; host-like ones first.
 */
export function laneFields(fields: Record<string, FieldColumn>, rows: ArrayLike<number>, maxLanes = 40): string[] {
  const out: string[] = [];
  for (const [name, column] of Object.entries(fields)) {
    if (column instanceof Float64Array) continue;
    const seen = new Set<string | null>();
    for (let i = 0; i < rows.length && seen.size <= maxLanes; i++) seen.add(column[rows[i]]);
    if (seen.size >= 2 && seen.size <= maxLanes) out.push(name);
  }
  return out.sort((a, b) => Number(HOST_FIELD.test(b)) - Number(HOST_FIELD.test(a)));
}

/** The swimlane field to start with: a host-like field, else none. */
export function defaultLane(fields: readonly string[]): string | null {
  return fields.find((f) => HOST_FIELD.test(f)) ?? null;
}

/** Lane value of a row: the field's text, `(none)` where missing. */
export function laneOf(column: FieldColumn, row: number): string {
  const v = column[row];
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '(none)' : String(v);
}

/**
 * At most `max` lanes: the most common values keep their own, the rest
 * become `other`.
 * @returns the lane of each value and the lanes' order (most units first)
 */
export function capLanes(values: readonly string[], max = 8): { lanes: string[]; map: (v: string) => string } {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const order = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
  if (order.length <= max) return { lanes: order, map: (v) => v };
  const own = new Set(order.slice(0, max - 1));
  return { lanes: [...order.slice(0, max - 1), 'other'], map: (v) => (own.has(v) ? v : 'other') };
}

/** Score histogram bins as each label's share per bin, so the few anomalies show beside the many normal units. */
export function binShares(
  bins: readonly { x0: number; x1: number; normal: number; anomalous: number; unlabelled: number }[],
): { x1: number; x2: number; share: number; label: 'normal' | 'anomalous' | 'unlabelled' }[] {
  const kinds = ['normal', 'anomalous', 'unlabelled'] as const;
  const totals = { normal: 0, anomalous: 0, unlabelled: 0 };
  for (const b of bins) for (const k of kinds) totals[k] += b[k];
  return bins.flatMap((b) =>
    kinds.filter((k) => totals[k] > 0).map((k) => ({ x1: b.x0, x2: b.x1, share: b[k] / totals[k], label: k })),
  );
}

/** Positive values spanning three or more orders of magnitude read better on a log axis. */
export function wantsLog(lo: number, hi: number): boolean {
  return lo > 0 && hi / lo >= 1000;
}

/**
 * A score histogram that stays readable when a few scores are huge (LOF's
 * 10⁷ beside 1):
 * - positive scores spanning three orders of magnitude or more are binned on
 *   a log scale (`log`: bin edges are still in score units);
 * - else, when the top 1 % of scores spans more than the other 99 %, scores
 *   above the 99th percentile are counted in the last bin (`clippedAt`).
 * @param sorted the scores sorted ascending
 */
export function readableHistogram(
  scores: ArrayLike<number>,
  sorted: ArrayLike<number>,
  labels: ArrayLike<number> | null,
  bins = 40,
): { bins: ScoreBin[]; clippedAt: number | null; log: boolean } {
  const n = sorted.length;
  if (n === 0) return { bins: [], clippedAt: null, log: false };
  const lo = sorted[0], hi = sorted[n - 1];
  // Plain loops: Float64Array.from with a map function is ten times slower on a million scores.
  if (wantsLog(lo, hi)) {
    const logs = new Float64Array(scores.length);
    for (let i = 0; i < scores.length; i++) logs[i] = Math.log10(scores[i]);
    const out = scoreHistogram(logs, labels, bins).map((b) => ({ ...b, x0: 10 ** b.x0, x1: 10 ** b.x1 }));
    return { bins: out, clippedAt: null, log: true };
  }
  const q = sorted[Math.ceil(0.99 * (n - 1))];
  if (!(hi - q > q - lo && q > lo)) return { bins: scoreHistogram(scores, labels, bins), clippedAt: null, log: false };
  const clipped = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) clipped[i] = scores[i] > q ? q : scores[i];
  return { bins: scoreHistogram(clipped, labels, bins), clippedAt: q, log: false };
}

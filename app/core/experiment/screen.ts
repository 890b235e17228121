/**
 * A screen: every candidate feature set (`screen-candidates.ts`) × every
 * detector with its default parameters, on the spec's data, labels and
 * split, as a leaderboard.
 * - With labels: ROC-AUC and PR-AUC with bootstrap 95 % intervals (seeded,
 *   stratified, all candidates on the same resamples), sorted by PR-AUC —
 *   the top of the ranking is what alerts see — and a paired bootstrap of
 *   the best against the runner-up: is the best significantly better?
 * - Without labels: a proxy, named as one — ranking stability, the Spearman
 *   correlation of a run's scores with the scores of the same detector
 *   refitted on a seeded 80 % subsample of the training units (and, for
 *   random detectors, another seed). A candidate whose ranking changes with
 *   the sample it learned from is not one to trust; stability does not say
 *   the ranking is right.
 * A candidate that cannot run on the data (a detector needing more columns)
 * is kept with its error, last.
 */
import type { RunOptions } from '../progress.ts';
import { detectorTypes, getDetector } from '../detect/registry.ts';
import { bootstrapRankMetrics, pairedComparison, type Interval, type PairedComparison } from '../evaluate/bootstrap-ci.ts';
import type { FeatureSpec } from '../features/feature-spec.ts';
import { isWholeSplit } from '../features/split.ts';
import type { LogData } from '../ingest/log-data.ts';
import { createRandom } from '../random.ts';
import { ENSEMBLE_TYPE } from './run-ensemble.ts';
import { judgeRun, labelJudging } from './judge-run.ts';
import { groupsFor, judgedLabels, judgedScores, prepareExperiment, runDetector, trainingRows, type Prepared } from './run-experiment.ts';
import { emMvCriteria } from './em-mv-criteria.ts';
import { screenCandidates, type FeatureCandidate } from './screen-candidates.ts';
import type { DetectorSpec, Spec } from './spec.ts';

/** One row of the leaderboard. */
export interface ScreenCandidate {
  /** The feature set's name (`defaults`, `level + template`, …). */
  name: string;
  features: FeatureSpec;
  detector: { type: string; params: Record<string, unknown> };
  /** With labels: on the judged units. Null where a metric cannot be computed. */
  metrics: { rocAuc: number | null; prAuc: number | null };
  /** With labels: bootstrap 95 % intervals. */
  ci?: { rocAuc: Interval; prAuc: Interval };
  /**
   * Without labels: proxies for trust, named as such. `em` (higher better)
   * and `mv` (lower better): Goix's Excess-Mass and Mass-Volume areas, which
   * compare detectors on the same feature set only (null for per-group runs).
   */
  labelFree?: { stability: number | null; seedStability: number | null; em: number | null; mv: number | null };
  /** Judged units. */
  units: number;
  /** Wall-clock milliseconds to fit and score. */
  ms: number;
  /** Why it could not run, when it could not. */
  error?: string;
}

export interface ScreenResult {
  /** Best first. */
  candidates: ScreenCandidate[];
  /** Index of the best candidate (0 once sorted; -1 when none ran). */
  best: number;
  /** `labels`: ranked by PR-AUC with intervals; `label-free`: ranked by ranking stability, a proxy. */
  criterion: 'labels' | 'label-free';
  /** With labels: the best against the runner-up on PR-AUC, on the same resamples. */
  comparison?: PairedComparison & { metric: 'prAuc'; runnerUp: number };
  /**
   * Without labels: how many candidates share the best stability (within
   * 0.001). Above 1 the proxy cannot choose among them: a pooled review can.
   */
  tiedAtTop?: number;
}

export interface ScreenOptions extends RunOptions {
  /** Bootstrap resamples (default 1000) and seed (default 0). */
  resamples?: number;
  seed?: number;
  /** Detector types to try (default every registered detector but the ensemble). */
  detectors?: string[];
  /** Called as each candidate finishes: done and total. */
  onCandidate?: (done: number, total: number) => void;
}

/** Stabilities this close count as a tie at the top. */
const TIE_TOLERANCE = 0.001;

/** Fewest judged units whose ranking stability is reported. */
const MIN_STABILITY_UNITS = 30;

/** The data column the spec's labels come from, which no candidate may use as a feature. */
export function labelColumnOf(spec: Pick<Spec, 'labels'>): string | undefined {
  const l = spec.labels;
  return l && 'column' in l && typeof l.column === 'string' ? l.column : undefined;
}

/** A candidate as it ran: its row, and the judged scores and labels the ranking needs. */
export interface ScreenRow {
  c: ScreenCandidate;
  judged: Float64Array | null;
  labels: Int8Array | null;
}

/** The detector types a screen tries. */
export function screenDetectorTypes(options: Pick<ScreenOptions, 'detectors'> = {}): string[] {
  return options.detectors ?? detectorTypes().filter((t) => t !== ENSEMBLE_TYPE);
}

/** Runs the screen; see the module comment. `spec` gives labels, split, parse options and the unit. */
export function screen(data: LogData, spec: Spec, options: ScreenOptions = {}): ScreenResult {
  const types = screenDetectorTypes(options);
  const featureSets = screenCandidates(data, spec.features, labelColumnOf(spec));
  const total = featureSets.length * types.length;
  const rows: ScreenRow[] = [];
  let done = 0;
  for (const set of featureSets) {
    rows.push(...runScreenSet(data, spec, set, { ...options, detectors: types, onCandidate: () => {
      options.onCandidate?.(++done, total);
      options.onProgress?.(done / total);
    } }));
  }
  return rankScreen(rows, options);
}

/**
 * One feature set of a screen: its features built once, then every detector
 * with default parameters. A page spreads the sets over its workers and
 * ranks the rows of all of them with `rankScreen`.
 */
export function runScreenSet(data: LogData, spec: Spec, set: FeatureCandidate, options: ScreenOptions = {}): ScreenRow[] {
  const types = screenDetectorTypes(options);
  const rows: ScreenRow[] = [];
  {
    let prepared: Prepared | null = null;
    let prepError: string | undefined;
    try {
      prepared = prepareExperiment(data, { labels: spec.labels, parse: spec.parse, split: spec.split, features: set.features }, undefined, options.signal);
    } catch (e) {
      prepError = (e as Error).message;
    }
    for (const type of types) {
      const params = getDetector(type).normalize({}) as Record<string, unknown>;
      const c: ScreenCandidate = { name: set.name, features: set.features, detector: { type, params }, metrics: { rocAuc: null, prAuc: null }, units: 0, ms: 0 };
      let judged: Float64Array | null = null;
      if (!prepared) c.error = prepError;
      else {
        const t0 = performance.now();
        try {
          const d: DetectorSpec = { id: type, type, params };
          const run = runDetector(prepared.features.matrix, d, { signal: options.signal }, groupsFor(prepared, d), trainingRows(prepared));
          // Judged as law run judges it; the screen reports the ranking metrics, the threshold's are beside the point.
          const judging = labelJudging(prepared);
          const j = judgeRun(run.scores, d.id, undefined, { split: prepared.split, judging });
          judged = j.judged;
          c.units = judged.length;
          if (judging) c.metrics = { rocAuc: j.metrics.rocAuc, prAuc: j.metrics.prAuc };
          else c.labelFree = { ...stability(prepared, d, run.scores, options.seed ?? 0), ...emMvOf(prepared, d, run.model, options.seed ?? 0) };
        } catch (e) {
          if ((e as Error).name === 'AbortError') throw e;
          c.error = (e as Error).message;
        }
        c.ms = performance.now() - t0;
      }
      rows.push({ c, judged, labels: prepared ? judgedLabels(prepared) : null });
      options.onCandidate?.(rows.length, types.length);
    }
  }
  return rows;
}

/** The leaderboard of the rows of every set: with labels by PR-AUC with intervals, else by ranking stability. */
export function rankScreen(rows: ScreenRow[], options: Pick<ScreenOptions, 'resamples' | 'seed'> = {}): ScreenResult {
  const labelled = rows.some((r) => r.labels && r.judged);
  return labelled ? rankWithLabels(rows, options) : rankWithoutLabels(rows.map((r) => r.c));
}

function emMvOf(prepared: Prepared, d: DetectorSpec, model: unknown, seed: number): { em: number | null; mv: number | null } {
  if (d.groupBy) return { em: null, mv: null };
  const r = emMvCriteria({
    x: prepared.features.matrix,
    train: trainingRows(prepared),
    judged: isWholeSplit(prepared.split) ? undefined : prepared.split.test,
    type: d.type,
    params: d.params ?? {},
    model,
    seed,
  });
  return { em: r?.em ?? null, mv: r?.mv ?? null };
}

function rankWithLabels(rows: ScreenRow[], options: Pick<ScreenOptions, 'resamples' | 'seed'>): ScreenResult {
  // Candidates judge different units when their unit differs (lines vs windows): bootstrap each unit kind apart.
  const byUnits = new Map<Int8Array, typeof rows>();
  for (const r of rows) {
    if (!r.judged || !r.labels || r.c.metrics.rocAuc === null) continue;
    const key = [...byUnits.keys()].find((k) => k.length === r.labels!.length && sameLabels(k, r.labels!)) ?? r.labels;
    byUnits.set(key, [...(byUnits.get(key) ?? []), r]);
  }
  const samples = new Map<ScreenCandidate, Float64Array>();
  for (const [labels, group] of byUnits) {
    const b = bootstrapRankMetrics(group.map((r) => r.judged!), labels, { resamples: options.resamples, seed: options.seed });
    group.forEach((r, j) => {
      r.c.ci = b.ci[j];
      samples.set(r.c, b.samples[j].prAuc);
    });
  }
  const candidates = rows.map((r) => r.c).sort(byMetrics);
  const result: ScreenResult = { candidates, best: candidates.length && !candidates[0].error ? 0 : -1, criterion: 'labels' };
  const [a, b] = candidates;
  const sa = a && samples.get(a);
  const sb = b && samples.get(b);
  // Paired only when both judged the same units (the same resamples).
  if (sa && sb && sa.length === sb.length && sameGroup(byUnits, a, b)) result.comparison = { metric: 'prAuc', runnerUp: 1, ...pairedComparison(sa, sb) };
  return result;
}

function rankWithoutLabels(candidates: ScreenCandidate[]): ScreenResult {
  const value = (c: ScreenCandidate) => (c.error ? -Infinity : (c.labelFree?.stability ?? -2));
  candidates.sort((x, y) => value(y) - value(x));
  const top = candidates.length ? value(candidates[0]) : -Infinity;
  const tiedAtTop = top > -2 ? candidates.filter((c) => value(c) >= top - TIE_TOLERANCE).length : 0;
  return { candidates, best: candidates.length && !candidates[0].error ? 0 : -1, criterion: 'label-free', tiedAtTop };
}

/** Best first: PR-AUC, then ROC-AUC; candidates that failed last. */
function byMetrics(x: ScreenCandidate, y: ScreenCandidate): number {
  const v = (c: ScreenCandidate, k: 'prAuc' | 'rocAuc') => (c.error ? -Infinity : (c.metrics[k] ?? -1));
  return v(y, 'prAuc') - v(x, 'prAuc') || v(y, 'rocAuc') - v(x, 'rocAuc');
}

function sameLabels(a: Int8Array, b: Int8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameGroup(groups: Map<Int8Array, { c: ScreenCandidate }[]>, a: ScreenCandidate, b: ScreenCandidate): boolean {
  for (const g of groups.values()) if (g.some((r) => r.c === a)) return g.some((r) => r.c === b);
  return false;
}

/**
 * Spearman correlation of a run's scores with those of the detector refitted
 * on a seeded 80 % subsample of the training units, and (for a detector with
 * a `seed`) with another seed; null when either ranking is constant.
 */
function stability(prepared: Prepared, d: DetectorSpec, scores: Float64Array, seed: number): { stability: number | null; seedStability: number | null } {
  const x = prepared.features.matrix;
  const judged = (s: Float64Array) => judgedScores(prepared, s);
  const base = judged(scores);
  // A rank correlation of a handful of units (4 five-minute windows) is noise, not stability.
  if (base.length < MIN_STABILITY_UNITS) return { stability: null, seedStability: null };
  const train = trainingRows(prepared) ?? Int32Array.from({ length: x.rows }, (_, i) => i);
  const random = createRandom(seed + 1);
  const sub = Int32Array.from(train.filter(() => random.next() < 0.8));
  const groups = groupsFor(prepared, d);
  const refit = runDetector(x, d, {}, groups, sub.length >= 10 ? sub : train).scores;
  const params = d.params ?? {};
  const seeded = 'seed' in params ? runDetector(x, { ...d, params: { ...params, seed: (params.seed as number) + 1 } }, {}, groups, isWholeSplit(prepared.split) ? undefined : train).scores : null;
  return { stability: spearman(base, judged(refit)), seedStability: seeded ? spearman(base, judged(seeded)) : null };
}

/** Spearman's rank correlation (average ranks for ties); null when a ranking is constant. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = ra.length;
  const mean = (n + 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = ra[i] - mean;
    const db = rb[i] - mean;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? null : sab / Math.sqrt(saa * sbb);
}

function ranks(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => v[i] - v[j]);
  const r = new Float64Array(n);
  for (let k = 0; k < n; ) {
    let e = k;
    while (e + 1 < n && v[order[e + 1]] === v[order[k]]) e++;
    const rank = (k + e) / 2 + 1;
    for (let j = k; j <= e; j++) r[order[j]] = rank;
    k = e + 1;
  }
  return r;
}

/** The spec with a candidate made its feature set and its one detector (and the threshold on it). */
export function applyCandidate(spec: Spec, c: ScreenCandidate): Spec {
  const id = c.detector.type;
  const { fitted: _fitted, results: _results, review: _review, ...rest } = spec;
  // A fitted threshold score belongs to the old model: the method and value carry over, the score does not.
  const { scores: _scores, ...threshold } = spec.threshold ?? { method: 'contamination' as const, value: 0.05 };
  return {
    ...rest,
    features: c.features,
    detectors: [{ id, type: c.detector.type, params: c.detector.params }],
    threshold: { ...threshold, run: id },
  };
}

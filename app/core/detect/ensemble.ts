/**
 * Combining the scores of several detector runs over the same rows into one
 * score. Runs score on different scales (path-length ratios, squared errors,
 * nats), so each run is first normalised, then the runs are averaged or their
 * maximum taken. Higher stays more anomalous throughout: every normalisation
 * is non-decreasing in the score.
 */
import { bisectLeft, bisectRight } from '../bisect.ts';
import type { DetectorDeclaration } from './declaration.ts';
import { oneOf } from './param-checks.ts';
import { showValue as show } from '../show-value.ts';

/** How one run's scores are put on a common scale. */
export type NormalizeMethod = 'rank' | 'zscore' | 'minmax';
/** How the normalised runs are merged, row by row. */
export type CombineMethod = 'mean' | 'max';

export interface CombineOptions {
  normalize: NormalizeMethod;
  combine: CombineMethod;
  /**
   * One weight per run (finite, ≥ 0, not all 0) for `combine: 'mean'`, which
   * then is Σ wᵣ sᵣ / Σ wᵣ. Not accepted with `'max'`.
   */
  weights?: ArrayLike<number>;
  /**
   * One reference score list per run to estimate each run's normalisation
   * from (e.g. the run's scores on its training rows), so that new rows are
   * put on the training scale; see {@link normalizeScores}.
   */
  references?: ArrayLike<number>[];
}

const METHODS: readonly NormalizeMethod[] = ['rank', 'zscore', 'minmax'];
const COMBINES: readonly CombineMethod[] = ['mean', 'max'];

/** An ensemble's params in a spec (`type: "ensemble"`): the runs it combines and how. */
export interface EnsembleSpecParams {
  /** Ids of the runs to combine (two or more). */
  runs: string[];
  normalize: NormalizeMethod;
  combine: CombineMethod;
}

/**
 * The ensemble's parameters and docs (see `declaration.ts`). It combines
 * runs and fits no model of its own, so it is no `Detector` and not in
 * `DETECTORS` (the registry's `DECLARATIONS` lists it last); the page draws
 * its cell by hand (checkboxes of the runs to combine).
 */
export const ENSEMBLE_DECLARATION: DetectorDeclaration<EnsembleSpecParams> = {
  type: 'ensemble',
  label: 'Ensemble',
  summary: 'Combines other runs: each run normalised on its training scores, then the mean or the maximum per unit.',
  idPrefix: 'ensemble',
  docs: 'combines other runs\' scores, each normalised against its scores on the training units',
  defaults: Object.freeze({ runs: Object.freeze([]) as unknown as string[], normalize: 'rank', combine: 'mean' }),
  params: {
    runs: { kind: 'ids', label: 'Combine', required: true, minItems: 2, docs: 'ids of two or more runs' },
    normalize: { kind: 'choice', label: 'Normalise', choices: METHODS, choiceLabels: { zscore: 'z-score', minmax: 'min-max' } },
    combine: { kind: 'choice', label: 'Combine by', choices: COMBINES },
  },
};

function checkFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new Error(`${what}: value ${i + 1} is ${show(values[i])} (expected a finite number)`);
    }
  }
}

/**
 * Puts one run's scores on a common scale.
 *
 * The statistics come from `reference` (default: `scores` themselves):
 * - `'rank'`: the mid-rank of the score among the reference values divided
 *   by their number m, i.e. (#{r < s} + (#{r = s} + 1) / 2) / m, capped at 1.
 *   Without a reference this is the average 1-based rank / n, in (0, 1]:
 *   the highest score gets 1, tied scores share their average rank.
 *   A score above every reference value gets 1; one below all gets 1/(2m).
 * - `'zscore'`: (s − mean) / std with the population standard deviation
 *   (divisor m); a constant reference (std 0) maps every score to 0.
 * - `'minmax'`: (s − min) / (max − min), in [0, 1] on the reference itself
 *   (not clipped for other scores); a reference of range 0 maps every score to 0.
 *
 * @param scores one run's scores (finite)
 * @param method the normalisation
 * @param reference scores to estimate the normalisation from (finite, non-empty)
 * @returns a new array, one value per score
 * @throws on an unknown method, a non-finite score, or an empty reference
 */
export function normalizeScores(
  scores: ArrayLike<number>,
  method: NormalizeMethod,
  reference?: ArrayLike<number>,
): Float64Array {
  oneOf('normalize', method, METHODS);
  checkFinite(scores, 'scores');
  const n = scores.length;
  const out = new Float64Array(n);
  if (reference !== undefined) {
    checkFinite(reference, 'reference scores');
    if (reference.length === 0) throw new Error(`cannot normalize by ${method}: the reference scores are empty`);
  } else if (n === 0) {
    return out;
  }
  const ref = reference ?? scores;
  const m = ref.length;

  if (method === 'rank') {
    if (reference === undefined) {
      // Average ranks of tie groups in one sort.
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
      for (let start = 0; start < n; ) {
        let end = start + 1;
        while (end < n && scores[order[end]] === scores[order[start]]) end++;
        const rank = (start + 1 + end) / 2; // mean of ranks start+1 .. end
        for (let k = start; k < end; k++) out[order[k]] = rank / n;
        start = end;
      }
      return out;
    }
    const sorted = Float64Array.from(ref).sort();
    for (let i = 0; i < n; i++) {
      const s = scores[i];
      const less = bisectLeft(sorted, s);
      const equal = bisectRight(sorted, s) - less;
      out[i] = Math.min(1, (less + (equal + 1) / 2) / m);
    }
    return out;
  }

  if (method === 'zscore') {
    let mean = 0;
    for (let i = 0; i < m; i++) mean += ref[i];
    mean /= m;
    let ss = 0;
    for (let i = 0; i < m; i++) ss += (ref[i] - mean) ** 2;
    const std = Math.sqrt(ss / m);
    if (std > 0) for (let i = 0; i < n; i++) out[i] = (scores[i] - mean) / std;
    return out;
  }

  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < m; i++) {
    if (ref[i] < lo) lo = ref[i];
    if (ref[i] > hi) hi = ref[i];
  }
  const range = hi - lo;
  if (range > 0) for (let i = 0; i < n; i++) out[i] = (scores[i] - lo) / range;
  return out;
}

/**
 * Combines several runs' scores over the same rows: each run is normalised
 * with {@link normalizeScores} (against `references[r]` when given), then
 * per row the (weighted) mean or the maximum is taken.
 *
 * @param list one score array per run, all of the same length (at least one run)
 * @param options normalisation, combination, optional weights and references
 * @returns one combined score per row; higher = more anomalous
 * @throws on no runs, runs of different lengths, bad weights or references
 */
export function combineScores(list: readonly ArrayLike<number>[], options: CombineOptions): Float64Array {
  if (!Array.isArray(list) || list.length === 0) throw new Error('combineScores needs at least one run of scores');
  const { normalize, combine, weights, references } = options;
  oneOf('normalize', normalize, METHODS);
  oneOf('combine', combine, COMBINES);
  const runs = list.length;
  const n = list[0].length;
  list.forEach((s, r) => {
    if (s.length !== n) throw new Error(`run ${r + 1} has ${s.length} scores but run 1 has ${n}`);
  });
  if (references !== undefined && references.length !== runs) {
    throw new Error(`got ${references.length} reference score lists for ${runs} runs`);
  }
  let w: Float64Array | null = null;
  if (weights !== undefined) {
    if (combine !== 'mean') throw new Error(`weights are only used by combine "mean" (got combine ${show(combine)})`);
    if (weights.length !== runs) throw new Error(`got ${weights.length} weights for ${runs} runs`);
    w = Float64Array.from(weights);
    let sum = 0;
    for (let r = 0; r < runs; r++) {
      if (!Number.isFinite(w[r]) || w[r] < 0) throw new Error(`invalid weight ${r + 1}: ${show(weights[r])} (expected a finite number >= 0)`);
      sum += w[r];
    }
    if (!(sum > 0)) throw new Error('invalid weights: all are 0 (expected at least one > 0)');
  }

  const out = new Float64Array(n);
  if (combine === 'max') out.fill(-Infinity);
  let totalWeight = 0;
  for (let r = 0; r < runs; r++) {
    let z: Float64Array;
    try {
      z = normalizeScores(list[r], normalize, references?.[r]);
    } catch (e) {
      throw new Error(`run ${r + 1}: ${(e as Error).message}`);
    }
    if (combine === 'max') {
      for (let i = 0; i < n; i++) if (z[i] > out[i]) out[i] = z[i];
    } else {
      const wr = w ? w[r] : 1;
      totalWeight += wr;
      if (wr !== 0) for (let i = 0; i < n; i++) out[i] += wr * z[i];
    }
  }
  if (combine === 'mean') for (let i = 0; i < n; i++) out[i] /= totalWeight;
  return out;
}

/**
 * Label-free criteria of an anomaly ranking: the Excess-Mass (EM) and
 * Mass-Volume (MV) curves of Goix (2016), "How to evaluate the quality of
 * unsupervised anomaly detection algorithms?". A scoring function is good
 * when its level sets {s ≥ u} hold much of the data's mass in little volume.
 * The volume is measured with points drawn uniformly in the data's bounding
 * box, scored by the same fitted model.
 *
 * With s the normality score (higher = more normal; the negated anomaly
 * score), n data scores, n′ uniform scores and V the box's volume:
 * - EM(t) = max_u  #{s(x) > u}/n − t · #{s(unif) > u}/n′ · V, EM(0) = 1,
 *   on t = 0, 0.01/V, … < 100/V; its area up to where EM first falls to
 *   0.9 — higher is better;
 * - MV(α) = #{s(unif) ≥ u_α}/n′ · V, u_α the score above which a share α of
 *   the data lies, on α = 0.9, 0.9001, … < 0.999; its area — lower is better.
 * These are the computations of Goix's benchmark code (EMMV_benchmarks,
 * em.py), matched to 1e-12 in the tests. Both are in units of the box's
 * volume, so they compare detectors on the same features only, never one
 * feature set with another.
 */

import { bisectRight } from '../bisect.ts';
import { flaggedAt } from './threshold-for-count.ts';

/** The grids and cut-offs of Goix's benchmarks. */
const T_MAX = 0.9;
const ALPHA_MIN = 0.9;
const ALPHA_MAX = 0.999;
const ALPHA_STEP = 0.0001;

export interface EmMv {
  /** Area under the EM curve up to where it falls to 0.9: higher is better. */
  em: number;
  /** Area under the MV curve on α ∈ [0.9, 0.999): lower is better. */
  mv: number;
}

/**
 * EM and MV of normality scores of the data (`data`) and of uniform points in
 * its bounding box (`uniform`), the box of volume `volume`.
 */
export function emMv(data: ArrayLike<number>, uniform: ArrayLike<number>, volume: number): EmMv {
  if (data.length === 0 || uniform.length === 0) throw new RangeError('emMv: needs scores of the data and of uniform points');
  if (!(volume > 0 && Number.isFinite(volume))) throw new RangeError(`emMv: volume ${volume} is not a positive finite number`);
  const x = Float64Array.from(data).sort();
  const u = Float64Array.from(uniform).sort();
  return { em: excessMassArea(x, u, volume), mv: massVolumeArea(x, u, volume) };
}

/** Count of sorted values strictly above `v`. */
const countAbove = (sorted: Float64Array, v: number) => sorted.length - bisectRight(sorted, v);

/** numpy's arange length: ⌈(stop − start) / step⌉. */
const arangeLength = (start: number, stop: number, step: number) => Math.max(0, Math.ceil((stop - start) / step));

function excessMassArea(x: Float64Array, u: Float64Array, volume: number): number {
  const n = x.length;
  const nu = u.length;
  // Each distinct data score is a level u: its data count and uniform count above it.
  const dataAbove: number[] = [];
  const unifAbove: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && x[i] === x[i - 1]) continue;
    dataAbove.push(countAbove(x, x[i]));
    unifAbove.push(countAbove(u, x[i]));
  }
  const step = 0.01 / volume;
  const length = arangeLength(0, 100 / volume, step);
  const ts: number[] = [];
  const ems: number[] = [];
  let end = -1;
  for (let i = 0; i < length; i++) {
    const t = i * step;
    let em = 0;
    for (let j = 0; j < dataAbove.length; j++) {
      // The operations of the reference, in its order, so the values agree to the last bits.
      const v = (1 / n) * dataAbove[j] - ((t * unifAbove[j]) / nu) * volume;
      if (v > em) em = v;
    }
    if (i === 0) em = 1;
    ts.push(t);
    ems.push(em);
    if (em <= T_MAX) {
      end = i + 1;
      break;
    }
  }
  // As the reference: when EM never falls to 0.9 the last point is left out (numpy's [:-1]).
  const k = end === -1 ? ts.length - 1 : end;
  return trapezoid(ts.slice(0, k), ems.slice(0, k));
}

function massVolumeArea(x: Float64Array, u: Float64Array, volume: number): number {
  const n = x.length;
  const nu = u.length;
  const length = arangeLength(ALPHA_MIN, ALPHA_MAX, ALPHA_STEP);
  // numpy fills an arange with start + i·(second − start), not start + i·step.
  const delta = ALPHA_MIN + ALPHA_STEP - ALPHA_MIN;
  const alphas: number[] = [];
  const mvs: number[] = [];
  let mass = 0;
  let taken = 0;
  let level = x[n - 1];
  for (let i = 0; i < length; i++) {
    const alpha = ALPHA_MIN + i * delta;
    while (mass < alpha) {
      taken++;
      level = x[n - taken];
      mass = (1 / n) * taken;
    }
    alphas.push(alpha);
    mvs.push((flaggedAt(u, level) / nu) * volume);
  }
  return trapezoid(alphas, mvs);
}

/** The trapezoid rule, as scikit-learn's `auc` (numpy's trapz). */
function trapezoid(x: number[], y: number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return area;
}

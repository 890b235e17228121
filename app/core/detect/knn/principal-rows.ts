/**
 * Rows turned to their principal axes (centred, rotated by the eigenvectors
 * of their covariance, largest variance first) and rounded to float32, with
 * a bound on how far these screening coordinates can put two rows from
 * their true Euclidean distance.
 *
 * Distances do not change under a translation and a rotation, so screening
 * with them loses nothing; what they buy is order: the first few columns
 * carry most of the spread, so a partial sum over them already rules most
 * points out (see `screen-kernel.ts`). Data with a common factor (columns
 * that move together, as log counts do) gain most.
 *
 * The bound. Let A be the computed rotation (rows near-orthonormal) and y(x)
 * = float32(A·(x − μ)) computed in float64 then rounded. For rows x, p with
 * real distance D = ‖x − p‖, the real distance D̂ = ‖y(x) − y(p)‖ of their
 * screening coordinates obeys D̂ ≤ √(1 + εA) · D + 2E, where εA bounds
 * ‖AᵀA − I‖ (Gershgorin on AAᵀ − I, computed with slack) and E bounds
 * ‖y(x) − A(x − μ)‖ for every row (float64 rounding of the centring and the
 * product, float32 rounding of the result, float32 underflow).
 */
import { symmetricEigen } from '../linalg/symmetric-eigen.ts';

/** Unit roundoff of float64 and float32 (round to nearest). */
const U64 = 2 ** -53, U32 = 2 ** -24;
/** Screening coordinates larger than this could overflow float32 squares (64 × (2e18)² < 3.4e38). */
const MAX_COORDINATE = 1e18;

export class PrincipalAxes {
  /** Row k: the k-th principal axis (unit vector), largest variance first. */
  readonly axes: Float64Array;
  readonly mean: Float64Array;
  /** εA: ‖Av‖² ≤ (1 + εA)‖v‖² for every v. */
  readonly stretch: number;

  /** Axes of `rows × dims` row-major `data`. */
  constructor(data: Float64Array, rows: number, readonly dims: number) {
    const mean = new Float64Array(dims);
    for (let i = 0; i < rows; i++) for (let j = 0; j < dims; j++) mean[j] += data[i * dims + j];
    for (let j = 0; j < dims; j++) mean[j] /= Math.max(1, rows);
    // Covariance (unscaled): only its eigenvectors matter.
    const cov = new Float64Array(dims * dims), c = new Float64Array(dims);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < dims; j++) c[j] = data[i * dims + j] - mean[j];
      for (let a = 0; a < dims; a++) {
        const ca = c[a];
        for (let b = a; b < dims; b++) cov[a * dims + b] += ca * c[b];
      }
    }
    let scale = 0;
    for (let a = 0; a < dims; a++) for (let b = a; b < dims; b++) scale = Math.max(scale, Math.abs(cov[a * dims + b]));
    for (let a = 0; a < dims; a++) {
      for (let b = a; b < dims; b++) {
        // Scaled to 1 so that huge or tiny values cannot overflow the solver.
        const v = scale > 0 ? cov[a * dims + b] / scale : a === b ? 1 : 0;
        cov[a * dims + b] = v; cov[b * dims + a] = v;
      }
    }
    this.axes = symmetricEigen(cov, dims).vectors;
    this.mean = mean;
    let worst = 0;
    for (let a = 0; a < dims; a++) {
      let row = 0;
      for (let b = 0; b < dims; b++) {
        let s = 0;
        for (let t = 0; t < dims; t++) s += this.axes[a * dims + t] * this.axes[b * dims + t];
        row += Math.abs(s - (a === b ? 1 : 0));
      }
      worst = Math.max(worst, row);
    }
    // Each computed dot product is off by at most dims · U64 · 1.01 (unit rows).
    this.stretch = worst + 2 * dims * dims * U64 + 1e-15;
  }

  /**
   * Writes the screening coordinates of `rows` rows of `data` (row-major,
   * from row `from`) to `out` row-major, and returns the largest error bound
   * E among them, or Infinity where a coordinate is too large for float32.
   */
  project(data: Float64Array, from: number, rows: number, out: Float32Array): number {
    const { dims, axes, mean } = this;
    const c = new Float64Array(dims);
    let worst = 0;
    for (let i = 0; i < rows; i++) {
      const src = (from + i) * dims;
      let cn = 0;
      for (let j = 0; j < dims; j++) { c[j] = data[src + j] - mean[j]; cn += c[j] * c[j]; }
      let yn = 0, big = 0;
      for (let k = 0; k < dims; k++) {
        let s = 0;
        for (let j = 0; j < dims; j++) s += axes[k * dims + j] * c[j];
        const y = Math.fround(s);
        out[i * dims + k] = y;
        yn += y * y;
        big = Math.max(big, Math.abs(y));
      }
      if (!(big < MAX_COORDINATE)) return Infinity;
      // Per coordinate: float64 centring and product (≤ (dims + 2)·U64·‖c‖ each, as
      // the axes are unit rows), float32 rounding (≤ U32·|y|), underflow (≤ 2^-149).
      const e = Math.sqrt(dims) * ((dims + 2) * U64 * Math.sqrt(cn) + 2 ** -149) + U32 * Math.sqrt(yn);
      worst = Math.max(worst, e * 1.01);
    }
    return worst;
  }
}

/**
 * The float32 threshold for the screening sum under which a point must be
 * re-checked, for a query whose exact k-th reduced distance is (so far)
 * `radius`: every point whose exact reduced distance — Σ(x_j − p_j)² in
 * column order in float64 — is ≤ `radius` has a float32 screening sum ≤ the
 * returned value. `real` is the same bound on the real screening sum
 * (used for tree boxes); `error` is E and `stretch` εA of `PrincipalAxes`.
 */
export function screenThreshold(radius: number, dims: number, stretch: number, error: number): { real: number; f32: number } {
  if (!(radius < Infinity)) return { real: Infinity, f32: Infinity };
  // The float64 sum of dims non-negative terms is within (dims + 1)·U64 of the real one.
  const d = Math.sqrt(radius * (1 + 1.01 * (dims + 1) * U64));
  const reach = d * Math.sqrt(1 + stretch) + 2 * error;
  const real = reach * reach * (1 + 1e-14);
  // Float32 sums of dims squared differences: relative error ≤ (dims + 2)·U32, plus underflow.
  return { real, f32: roundUpF32(real * (1 + 1.01 * (dims + 2) * U32) + dims * 2 ** -126) };
}

const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);

/** The least float32 ≥ x (x ≥ 0). */
export function roundUpF32(x: number): number {
  f32[0] = x;
  if (f32[0] >= x) return f32[0];
  u32[0]++;
  return f32[0];
}

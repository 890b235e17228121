/**
 * Eigen-decomposition of a real symmetric matrix: Householder reduction to
 * tridiagonal form followed by the implicit QL algorithm with Wilkinson-style
 * shifts (the EISPACK `tred2` / `tql2` pair, as in JAMA and Numerical
 * Recipes). O(n³) time, O(n²) memory; meant for the covariance matrices of
 * feature matrices with up to a few hundred columns.
 *
 * Conventions of the result:
 * - eigenvalues in decreasing order (ties keep the solver's order);
 * - eigenvector k is row k of `vectors` (contiguous), unit length, and the
 *   vectors are mutually orthogonal to rounding;
 * - the sign of each eigenvector is fixed so that its entry of largest
 *   absolute value (the first one, on exact ties) is positive, which makes
 *   results reproducible across runs and platforms.
 */

/** The eigen-decomposition `A = Vᵀ · diag(values) · V` of a symmetric matrix. */
export interface SymmetricEigen {
  /** Order of the matrix. */
  n: number;
  /** Eigenvalues, largest first. */
  values: Float64Array;
  /**
   * Eigenvectors, row-major n × n: eigenvector k is
   * `vectors[k * n .. k * n + n)`, paired with `values[k]`.
   */
  vectors: Float64Array;
}

/** Largest relative asymmetry |a_ij − a_ji| / max|a| accepted (and averaged away). */
const SYMMETRY_TOLERANCE = 1e-10;

/**
 * Eigenvalues and eigenvectors of the symmetric n × n matrix `a` (row-major,
 * `a[i * n + j]`). The input is not modified.
 *
 * @param a row-major values, length n²; must be finite and symmetric up to a
 *   relative 1e-10 (the two triangles are averaged)
 * @param n the order of the matrix (n ≥ 0)
 * @throws when the length is not n², a value is not finite, the matrix is not
 *   symmetric, or QL fails to converge (which finite input does not cause)
 */
export function symmetricEigen(a: ArrayLike<number>, n: number): SymmetricEigen {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`symmetricEigen: invalid order ${String(n)} (expected an integer >= 0)`);
  if (a.length !== n * n) throw new Error(`symmetricEigen: got ${a.length} values for a ${n} × ${n} matrix (expected ${n * n})`);
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (!Number.isFinite(v)) {
      throw new Error(`symmetricEigen: entry (${Math.floor(i / n) + 1}, ${(i % n) + 1}) is ${v} (expected a finite number)`);
    }
    const abs = Math.abs(v);
    if (abs > maxAbs) maxAbs = abs;
  }
  // V holds the symmetrised input and becomes the eigenvectors, as columns.
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    V[i * n + i] = a[i * n + i];
    for (let j = 0; j < i; j++) {
      const lo = a[i * n + j], up = a[j * n + i];
      if (Math.abs(lo - up) > SYMMETRY_TOLERANCE * maxAbs) {
        throw new Error(`symmetricEigen: matrix is not symmetric: entry (${i + 1}, ${j + 1}) is ${lo} but (${j + 1}, ${i + 1}) is ${up}`);
      }
      const m = (lo + up) / 2;
      V[i * n + j] = m;
      V[j * n + i] = m;
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n > 0) {
    tred2(V, d, e, n);
    tql2(V, d, e, n);
  }

  // Sort decreasingly (stable) and copy eigenvectors (columns of V) to rows.
  const order = Array.from({ length: n }, (_, k) => k).sort((p, q) => d[q] - d[p] || p - q);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const src = order[k];
    values[k] = d[src];
    let big = 0, bigAbs = -1;
    for (let i = 0; i < n; i++) {
      const v = V[i * n + src];
      if (Math.abs(v) > bigAbs) { bigAbs = Math.abs(v); big = v; }
    }
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) vectors[k * n + i] = sign * V[i * n + src] + 0; // + 0 turns −0 into 0
  }
  return { n, values, vectors };
}

/**
 * Householder reduction of the symmetric matrix in V to tridiagonal form:
 * on return d is the diagonal, e[1..n) the subdiagonal (e[0] = 0) and V the
 * orthogonal transformation.
 */
function tred2(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j];

  for (let i = n - 1; i > 0; i--) {
    // Scale to avoid under- and overflow.
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = V[(i - 1) * n + j];
        V[i * n + j] = 0;
        V[j * n + i] = 0;
      }
    } else {
      // Householder vector.
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;

      // Similarity transformation of the remaining columns.
      for (let j = 0; j < i; j++) {
        f = d[j];
        V[j * n + i] = f;
        g = e[j] + V[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k * n + j] * d[k];
          e[k] += V[k * n + j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) V[k * n + j] -= f * e[k] + g * d[k];
        d[j] = V[(i - 1) * n + j];
        V[i * n + j] = 0;
      }
    }
    d[i] = h;
  }

  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = V[i * n + i];
    V[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k * n + i + 1] * V[k * n + j];
        for (let k = 0; k <= i; k++) V[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[(n - 1) * n + j];
    V[(n - 1) * n + j] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/**
 * Implicit QL iterations on the tridiagonal (d, e) from {@link tred2},
 * accumulating rotations into V: on return d holds the eigenvalues (unsorted)
 * and the columns of V the eigenvectors.
 */
function tql2(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;

  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  const maxIterations = 60; // per eigenvalue; QL typically needs 1–3
  for (let l = 0; l < n; l++) {
    // Find a small subdiagonal element.
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    // m === l: d[l] is already an eigenvalue; otherwise iterate.
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > maxIterations) {
          throw new Error(`symmetricEigen: QL did not converge for eigenvalue ${l + 1} of ${n}`);
        }
        // Implicit shift.
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;

        // Implicit QL transformation.
        p = d[m];
        let c = 1, c2 = 1, c3 = 1;
        const el1 = e[l + 1];
        let s = 0, s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          // Accumulate the rotation into columns i and i + 1.
          for (let k = 0; k < n; k++) {
            const row = k * n;
            h = V[row + i + 1];
            V[row + i + 1] = s * V[row + i] + c * h;
            V[row + i] = c * V[row + i] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}

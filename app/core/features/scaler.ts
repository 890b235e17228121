import type { Matrix } from '../matrix.ts';
import type { Scaling } from './feature-spec.ts';

/** A fitted rescaling: x' = (x − offset) / scale per column. Serialisable. */
export interface Scaler {
  kind: Scaling;
  offset: number[];
  scale: number[];
}

/**
 * Fits a scaler on the training rows. A constant column gets scale 1 so it
 * stays finite (it carries no information either way).
 * @param rows indices of the training rows; all rows when omitted
 */
export function fitScaler(x: Matrix, kind: Scaling, rows?: ArrayLike<number>): Scaler {
  const { cols } = x;
  const offset = new Array<number>(cols).fill(0);
  const scale = new Array<number>(cols).fill(1);
  if (kind === 'none') return { kind, offset, scale };
  const idx = rows ?? { length: x.rows } as ArrayLike<number>;
  const at = (k: number) => (rows ? rows[k] : k);
  const n = idx.length;
  for (let j = 0; j < cols; j++) {
    if (n === 0) continue;
    if (kind === 'standard') {
      let mean = 0;
      for (let k = 0; k < n; k++) mean += x.data[at(k) * cols + j];
      mean /= n;
      let ss = 0;
      for (let k = 0; k < n; k++) {
        const d = x.data[at(k) * cols + j] - mean;
        ss += d * d;
      }
      const sd = Math.sqrt(ss / n); // population std, as scikit-learn's StandardScaler
      offset[j] = mean;
      scale[j] = sd > 0 ? sd : 1;
    } else {
      let lo = Infinity, hi = -Infinity;
      for (let k = 0; k < n; k++) {
        const v = x.data[at(k) * cols + j];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      offset[j] = lo;
      scale[j] = hi > lo ? hi - lo : 1;
    }
  }
  return { kind, offset, scale };
}

/** Applies a fitted scaler; returns a new matrix. */
export function applyScaler(x: Matrix, s: Scaler): Matrix {
  if (s.kind === 'none') return x;
  const { rows, cols } = x;
  if (s.offset.length !== cols) throw new Error(`scaler was fitted on ${s.offset.length} columns, the matrix has ${cols}`);
  const data = new Float64Array(x.data.length);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) data[i * cols + j] = (x.data[i * cols + j] - s.offset[j]) / s.scale[j];
  }
  return { ...x, data };
}

/**
 * A dense numeric matrix, row-major in one Float64Array, with a name per
 * column. It is what features produce and detectors consume, and it crosses
 * to workers as a transferable buffer.
 */
export interface Matrix {
  rows: number;
  cols: number;
  /** Row-major values: row i, column j is `data[i * cols + j]`. */
  data: Float64Array;
  /** One name per column. */
  names: string[];
}

/** Builds a matrix from row arrays (handy in tests and small fixtures). */
export function matrixFromRows(rows: ArrayLike<number>[], names?: string[]): Matrix {
  const n = rows.length;
  const cols = n ? rows[0].length : names?.length ?? 0;
  const data = new Float64Array(n * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) throw new Error(`row ${i} has ${row.length} values, expected ${cols}`);
    for (let j = 0; j < cols; j++) data[i * cols + j] = row[j];
  });
  return { rows: n, cols, data, names: names ?? Array.from({ length: cols }, (_, j) => `x${j}`) };
}

/** Throws with the row and column of the first value that is NaN or infinite. */
export function assertFinite(m: Matrix, what = 'feature matrix'): void {
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i])) {
      const row = Math.floor(i / m.cols), col = i % m.cols;
      throw new Error(`${what}: row ${row + 1}, column "${m.names[col]}" is ${m.data[i]} (expected a finite number)`);
    }
  }
}

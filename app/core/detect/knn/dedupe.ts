/**
 * Collapses exact duplicate rows into one row with a weight (its number of
 * copies). Log features repeat a lot — many sessions have the very same
 * event counts — and every copy of a row has the same neighbours, so a
 * neighbour search over distinct rows does the work once per value.
 *
 * Rows are equal when every value is `===` (so −0 equals 0).
 */

/** Distinct rows of a row-major matrix and how the original rows map to them. */
export interface DistinctRows {
  /** Number of distinct rows. */
  count: number;
  /** The distinct rows, row-major, `count × dims`, in order of first appearance. */
  data: Float64Array;
  /** Copies of each distinct row (≥ 1). */
  weight: Int32Array;
  /** The first original row of each distinct row. */
  firstRow: Int32Array;
  /** For each original row, the index of its distinct row. */
  distinctOf: Int32Array;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function rowHash(data: Float64Array, start: number, dims: number): number {
  let h = 0x9e3779b9 ^ dims;
  for (let j = 0; j < dims; j++) {
    f64[0] = data[start + j] + 0; // + 0 turns −0 into 0, so equal values hash alike
    h = Math.imul(h ^ u32[0], 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13) ^ u32[1], 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

function sameRow(a: Float64Array, ai: number, b: Float64Array, bi: number, dims: number): boolean {
  for (let j = 0; j < dims; j++) if (a[ai + j] !== b[bi + j]) return false;
  return true;
}

/** Finds the distinct rows of `data` (`rows × dims`, row-major), in linear expected time. */
export function distinctRows(data: Float64Array, rows: number, dims: number): DistinctRows {
  let size = 16;
  while (size < rows * 2) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1); // distinct index, or -1 for empty
  const hashes = new Uint32Array(rows);
  const firstRowAll = new Int32Array(rows);
  const weightAll = new Int32Array(rows);
  const distinctOf = new Int32Array(rows);
  let count = 0;
  for (let i = 0; i < rows; i++) {
    const h = rowHash(data, i * dims, dims);
    let slot = h & mask;
    for (;;) {
      const d = table[slot];
      if (d < 0) {
        table[slot] = count;
        hashes[count] = h;
        firstRowAll[count] = i;
        weightAll[count] = 1;
        distinctOf[i] = count++;
        break;
      }
      if (hashes[d] === h && sameRow(data, firstRowAll[d] * dims, data, i * dims, dims)) {
        weightAll[d]++;
        distinctOf[i] = d;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const firstRow = firstRowAll.slice(0, count);
  const out = new Float64Array(count * dims);
  for (let d = 0; d < count; d++) out.set(data.subarray(firstRow[d] * dims, firstRow[d] * dims + dims), d * dims);
  return { count, data: out, weight: weightAll.slice(0, count), firstRow, distinctOf };
}

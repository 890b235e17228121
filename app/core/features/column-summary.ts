import type { Matrix } from '../matrix.ts';

/** What a column holds, for the preview. */
export type ColumnKind = 'ordinal' | 'code' | 'number' | 'share' | 'count' | 'indicator' | 'duration' | 'text vector';

/** One column of the preview: what went into the matrix, before scaling. */
export interface ColumnSummary {
  name: string;
  kind: ColumnKind;
  /** Units where the value was absent and filled (level INFO, else 0). */
  missing: number;
  min: number;
  mean: number;
  max: number;
}

/** The kind of a column, from its name (the builders name columns by what they are). */
export function columnKind(name: string): ColumnKind {
  if (name === 'level') return 'ordinal';
  if (name === 'status') return 'code';
  if (name === 'template') return 'share';
  if (name === 'duration') return 'duration';
  if (/^(hash|wv):\d+$/.test(name)) return 'text vector';
  if (/:(unknown|missing)$/.test(name) || /^[^:]+=/.test(name)) return 'indicator';
  if (/^(latency|field:|sum:|mean:|max:)/.test(name)) return 'number';
  if (name === 'length' || name === 'tokens' || name === 'count' || name === 'errors' || name.startsWith('distinct:')) return 'count';
  return 'number';
}

/**
 * Per column: kind, missing count, min / mean / max over all units.
 * @param missing per column, units whose value was filled in (0 when omitted)
 * @param counts names of columns known to be counts (template columns, named by their text)
 */
export function summarizeColumns(x: Matrix, missing?: ArrayLike<number>, counts?: ReadonlySet<string>): ColumnSummary[] {
  const { rows, cols, data } = x;
  // One pass over the rows in memory order: column by column strode through a
  // wide matrix (1M × 128 text columns: 6.4 s). Each column's sum still adds
  // its values in row order, so the figures are the same.
  const min = new Float64Array(cols).fill(Infinity);
  const max = new Float64Array(cols).fill(-Infinity);
  const sum = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[base + j];
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
      sum[j] += v;
    }
  }
  return x.names.map((name, j) => (
    { name, kind: counts?.has(name) ? 'count' : columnKind(name), missing: missing?.[j] ?? 0, min: rows ? min[j] : NaN, mean: rows ? sum[j] / rows : NaN, max: rows ? max[j] : NaN }
  ));
}

/**
 * Columns that hold one value on every given unit.
 * @param rows the units to look at; all when omitted
 */
export function constantColumns(x: Matrix, rows?: ArrayLike<number>): number[] {
  const n = rows ? rows.length : x.rows;
  const out: number[] = [];
  for (let j = 0; j < x.cols; j++) {
    if (n === 0) break;
    const first = x.data[(rows ? rows[0] : 0) * x.cols + j];
    let constant = true;
    for (let k = 1; k < n && constant; k++) if (x.data[(rows ? rows[k] : k) * x.cols + j] !== first) constant = false;
    if (constant) out.push(j);
  }
  return out;
}

/** The named columns of a matrix, in the order given. @throws naming a column the matrix lacks */
export function selectColumns(x: Matrix, names: string[]): Matrix {
  const index = new Map(x.names.map((n, j) => [n, j]));
  const picks = names.map((n) => {
    const j = index.get(n);
    if (j === undefined) throw new Error(`features: the fitted column "${n}" is not in the features built from this data (columns: ${x.names.slice(0, 20).join(', ')})`);
    return j;
  });
  if (picks.length === x.cols && picks.every((j, k) => j === k)) return x;
  const cols = picks.length;
  const data = new Float64Array(x.rows * cols);
  for (let i = 0; i < x.rows; i++) for (let k = 0; k < cols; k++) data[i * cols + k] = x.data[i * x.cols + picks[k]];
  return { rows: x.rows, cols, data, names: [...names] };
}

import { ownRecord, ownValue } from '../ingest/own-record.ts';
import type { Matrix } from '../matrix.ts';
import type { Detector } from './detector.ts';
import type { RunOptions } from '../progress.ts';

/** One model per value of a column (per host), with a fallback for small groups. */
export interface PerGroupModel {
  type: 'per-group';
  /** Minimum rows a group needs for a model of its own. */
  minRows: number;
  /**
   * Model per group value. Keyed by log text, so made without a prototype
   * (a host `__proto__` is a group) and read through own keys only: a fitted
   * spec's `JSON.parse` gives it `Object.prototype` again.
   */
  groups: Record<string, unknown>;
  /** Fitted on all rows; scores rows of groups too small (or unseen) for a model of their own. */
  fallback: unknown;
}

/** A group that had too few rows for its own model, reported to the user. */
export interface SmallGroup {
  group: string;
  rows: number;
}

/** Row indices per group value, in first-seen order. */
export function rowsByGroup(groupOf: ArrayLike<string>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < groupOf.length; i++) {
    const g = groupOf[i];
    let rows = out.get(g);
    if (!rows) out.set(g, (rows = []));
    rows.push(i);
  }
  return out;
}

/** The rows of `x` at `rows`, as a matrix of their own. */
export function selectRows(x: Matrix, rows: number[]): Matrix {
  const data = new Float64Array(rows.length * x.cols);
  rows.forEach((r, i) => data.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), i * x.cols));
  return { rows: rows.length, cols: x.cols, data, names: x.names };
}

/**
 * Fits one model per group (the multi-host flow: one model per host). Groups
 * with fewer than `minRows` rows get no model of their own: they are
 * reported, and scored by a model fitted on all rows.
 */
export function fitPerGroup<P extends object, M>(
  detector: Detector<P, M>,
  params: P,
  x: Matrix,
  groupOf: ArrayLike<string>,
  minRows: number,
  options: RunOptions = {},
): { model: PerGroupModel; small: SmallGroup[] } {
  if (groupOf.length !== x.rows) throw new Error(`per-group: ${groupOf.length} group values for ${x.rows} rows`);
  const byGroup = rowsByGroup(groupOf);
  const groups = ownRecord<unknown>();
  const small: SmallGroup[] = [];
  const total = byGroup.size + 1;
  let done = 0;
  const step = (f: number) => options.onProgress?.((done + f) / total);
  for (const [g, rows] of byGroup) {
    if (rows.length < minRows) small.push({ group: g, rows: rows.length });
    else groups[g] = detector.fit(selectRows(x, rows), params, { signal: options.signal, onProgress: step });
    done++;
  }
  const fallback = detector.fit(x, params, { signal: options.signal, onProgress: step });
  options.onProgress?.(1);
  return { model: { type: 'per-group', minRows, groups, fallback }, small };
}

/** Scores each row with its group's model (or the fallback). */
export function scorePerGroup<P extends object, M>(
  detector: Detector<P, M>,
  model: PerGroupModel,
  x: Matrix,
  groupOf: ArrayLike<string>,
  options: RunOptions = {},
): Float64Array {
  const out = new Float64Array(x.rows);
  const fallbackRows: number[] = [];
  for (const [g, rows] of rowsByGroup(groupOf)) {
    const m = ownValue(model.groups, g);
    if (m === undefined) {
      fallbackRows.push(...rows);
      continue;
    }
    const s = detector.score(m as M, selectRows(x, rows), { signal: options.signal });
    rows.forEach((r, i) => (out[r] = s[i]));
  }
  if (fallbackRows.length) {
    const s = detector.score(model.fallback as M, selectRows(x, fallbackRows), { signal: options.signal });
    fallbackRows.forEach((r, i) => (out[r] = s[i]));
  }
  options.onProgress?.(1);
  return out;
}

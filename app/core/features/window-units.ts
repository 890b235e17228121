import { FEATURE_LIMITS } from './feature-spec.ts';
import { groupPairs, type UnitMembership } from './session-units.ts';
import { StringIds } from './string-ids.ts';

/** How rows are cut into time windows. */
export interface WindowOptions {
  /** Window length in ms (> 0). */
  size: number;
  /** Distance between window starts in ms, 0 < step ≤ size; default `size` (fixed, non-overlapping windows). */
  step?: number;
  /**
   * Per row: the group (host, dst_ip…) whose own windows it falls in; null
   * rows are counted and left out. Omitted: one timeline for all rows.
   */
  groupOf?: ArrayLike<string | null>;
  /** At most this many windows, all groups together (default `FEATURE_LIMITS.windows`); more is refused, naming the step and the data's span. */
  maxWindows?: number;
}

/** Time windows that hold at least one row. */
export interface WindowUnits extends UnitMembership {
  /** Per window: first instant, ms since the epoch (included). */
  start: Float64Array;
  /** Per window: `start + size`, ms since the epoch (excluded). */
  end: Float64Array;
  /** Per window: its group; `''` without `groupOf`. */
  group: string[];
  /** Rows without a timestamp (NaN, or not finite), left out of all windows. */
  rowsWithoutTime: number;
  /** Rows whose group is null, left out of all windows. */
  rowsWithoutGroup: number;
}

/** Beyond this many (window, row) pairs the membership would not fit in memory comfortably. */
const MAX_PAIRS = 50_000_000;

/**
 * Cuts rows into fixed (`step` = `size`) or sliding (`step` < `size`) time
 * windows, over all rows or per group.
 *
 * Window k covers [k·step, k·step + size) in ms since the epoch, so the
 * boundaries depend on the step alone, never on where the data starts: the
 * training and the new data get the same windows, and a row at time t is in
 * every window whose span holds t (size / step of them when sliding).
 * Only windows holding at least one row are emitted: a quiet spell makes no
 * all-zero units (which would be "normal" by construction and swamp the rare
 * busy ones). Windows are ordered by start, then by group in the order
 * groups first appear; rows inside a window stay in log order.
 * @throws when size or step is not a positive number, or step > size (rows
 *   between windows would be lost); when a row would be in more than
 *   `FEATURE_LIMITS.windowsPerRow` windows, or the data makes more than
 *   `maxWindows` windows (the message names `features.step` and the data's span)
 */
export function windowUnits(timestamps: Float64Array, options: WindowOptions): WindowUnits {
  const { size, groupOf } = options;
  const step = options.step ?? size;
  if (!(Number.isFinite(size) && size > 0)) throw new Error(`windows.size: expected a duration above 0, got ${size} ms`);
  if (!(Number.isFinite(step) && step > 0)) throw new Error(`windows.step: expected a duration above 0, got ${step} ms`);
  if (step > size) throw new Error(`windows.step (${step} ms) is longer than windows.size (${size} ms): rows between windows would belong to none`);
  if (Math.ceil(size / step) > FEATURE_LIMITS.windowsPerRow) {
    throw new Error(`features.step: ${showSpan(step)} with a size of ${showSpan(size)} puts each row in ${Math.ceil(size / step)} windows, above the limit ${FEATURE_LIMITS.windowsPerRow}: use a longer step`);
  }
  const maxWindows = options.maxWindows ?? FEATURE_LIMITS.windows;
  const n = timestamps.length;
  if (groupOf && groupOf.length !== n) throw new Error(`windows: ${groupOf.length} group values for ${n} rows`);

  const groups = new StringIds();
  // Per group: window number k → unit id (in order of discovery).
  const unitsOfGroup: Map<number, number>[] = [];
  const unitGroup: number[] = [];
  const unitK: number[] = [];
  // A row is in at most ⌈size / step⌉ windows: room for that at once, unless
  // the bound is past the limit (then grow as needed, and fail only if it is reached).
  const bound = n * Math.ceil(size / step);
  let pairUnit = new Int32Array(Math.max(16, bound <= MAX_PAIRS ? bound : n));
  let pairRow = new Int32Array(pairUnit.length);
  let pairs = 0;
  let rowsWithoutTime = 0;
  let rowsWithoutGroup = 0;
  // Logs are mostly in time order: consecutive rows usually share their windows.
  let lastGroup = -1;
  let lastFirst = NaN;
  let lastUnits: number[] = [];

  for (let i = 0; i < n; i++) {
    const t = timestamps[i];
    if (!Number.isFinite(t)) {
      rowsWithoutTime++;
      continue;
    }
    let g = 0;
    if (groupOf) {
      const name = groupOf[i];
      if (name === null || name === undefined) {
        rowsWithoutGroup++;
        continue;
      }
      g = groups.id(name);
    } else if (groups.size === 0) groups.id('');
    // Windows holding t: k·step ≤ t < k·step + size.
    const last = Math.floor(t / step);
    const first = Math.floor((t - size) / step) + 1;
    if (g !== lastGroup || first !== lastFirst || lastUnits.length !== last - first + 1) {
      lastUnits = [];
      let byK = unitsOfGroup[g];
      if (!byK) unitsOfGroup[g] = byK = new Map();
      for (let k = first; k <= last; k++) {
        let u = byK.get(k);
        if (u === undefined) {
          u = unitK.length;
          if (u >= maxWindows) throw tooManyWindows(timestamps, size, step, maxWindows, groups.size);
          byK.set(k, u);
          unitK.push(k);
          unitGroup.push(g);
        }
        lastUnits.push(u);
      }
      lastGroup = g;
      lastFirst = first;
    }
    if (pairs + lastUnits.length > pairUnit.length) {
      if (pairs + lastUnits.length > MAX_PAIRS) {
        throw new Error(`windows: more than ${MAX_PAIRS} (window, row) pairs; use a longer step (now ${step} ms) or a shorter size (now ${size} ms)`);
      }
      const grown = Math.min(MAX_PAIRS, Math.max(pairUnit.length * 2, pairs + lastUnits.length));
      const grownUnit = new Int32Array(grown);
      grownUnit.set(pairUnit);
      pairUnit = grownUnit;
      const grownRow = new Int32Array(grown);
      grownRow.set(pairRow);
      pairRow = grownRow;
    }
    for (let j = 0; j < lastUnits.length; j++) {
      pairUnit[pairs] = lastUnits[j];
      pairRow[pairs] = i;
      pairs++;
    }
  }

  // Renumber windows by (start, group) so the order never depends on row order.
  const units = unitK.length;
  const order = Array.from({ length: units }, (_, u) => u).sort((a, b) => unitK[a] - unitK[b] || unitGroup[a] - unitGroup[b]);
  const rank = new Int32Array(units);
  order.forEach((u, r) => (rank[u] = r));
  for (let p = 0; p < pairs; p++) pairUnit[p] = rank[pairUnit[p]];
  const start = new Float64Array(units);
  const end = new Float64Array(units);
  const group = new Array<string>(units);
  order.forEach((u, r) => {
    start[r] = unitK[u] * step;
    end[r] = start[r] + size;
    group[r] = groups.names[unitGroup[u]];
  });
  return { start, end, group, ...groupPairs(pairUnit, pairRow, pairs, units), rowsWithoutTime, rowsWithoutGroup };
}

/** The error for data that would make more than `limit` windows: the step, the size and the data's span, which the user can act on. */
function tooManyWindows(timestamps: Float64Array, size: number, step: number, limit: number, groups: number): Error {
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of timestamps) {
    if (!Number.isFinite(t)) continue;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const span = `${showSpan(hi - lo)}, ${new Date(lo).toISOString()} to ${new Date(hi).toISOString()}`;
  const where = groups > 1 ? ` in ${groups} groups (so far)` : '';
  return new Error(
    `features.step: windows of ${showSpan(size)} every ${showSpan(step)} over the data's span (${span})${where} make more than ${limit} windows, the limit: use a longer step or size`,
  );
}

/** A span in ms as days, hours, minutes, seconds and ms (`2h 46m 40s`). */
function showSpan(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1_000], ['ms', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.length ? parts.join(' ') : '0ms';
}

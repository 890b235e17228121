/**
 * Excess-Mass and Mass-Volume (`evaluate/excess-mass.ts`) of a fitted run,
 * as Goix (2016) computes them: uniform points in the bounding box of the
 * judged units, scored by the same model. In more than 8 dimensions the box
 * is mostly empty and the criteria say little, so, as Goix does, the detector
 * is refitted on random subsets of 5 features and the criteria averaged
 * (here over 3 seeded draws, to keep a screen affordable; Goix uses 50).
 * Columns constant over the judged units span no volume: the uniform points
 * keep their value and they count 1 in the volume.
 * Per-group runs (`groupBy`) have one model per host and no single box:
 * no criteria for them.
 */
import { getDetector } from '../detect/registry.ts';
import { emMv, type EmMv } from '../evaluate/excess-mass.ts';
import type { Matrix } from '../matrix.ts';
import { createRandom } from '../random.ts';

/** Uniform points scored per criterion: Goix uses 100,000; 10,000 keeps a screen fast with a count error under 1 %. */
const UNIFORM_POINTS = 10_000;
/** Dimensions up to which the box is used whole. */
const MAX_WHOLE_DIMENSIONS = 8;
const SUBSET_DIMENSIONS = 5;
const SUBSET_DRAWS = 3;

export interface EmMvInput {
  /** The feature matrix of every unit. */
  x: Matrix;
  /** Rows the detector learned from (all when undefined) and the judged rows (all when undefined). */
  train?: ArrayLike<number>;
  judged?: ArrayLike<number>;
  type: string;
  params: Record<string, unknown>;
  /** The fitted model on all columns, reused when the box is whole. */
  model: unknown;
  seed: number;
}

/** EM (higher better) and MV (lower better) of the run, or null where they do not apply. */
export function emMvCriteria(input: EmMvInput): EmMv | null {
  const { x } = input;
  if (x.cols === 0 || x.rows < 2) return null;
  const random = createRandom(input.seed + 17);
  const all = (k: number) => Array.from({ length: k }, (_, i) => i);
  if (x.cols <= MAX_WHOLE_DIMENSIONS) return onColumns(input, all(x.cols), input.model, random);
  let em = 0;
  let mv = 0;
  for (let d = 0; d < SUBSET_DRAWS; d++) {
    const cols = all(x.cols);
    for (let i = cols.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [cols[i], cols[j]] = [cols[j], cols[i]];
    }
    const r = onColumns(input, cols.slice(0, SUBSET_DIMENSIONS).sort((a, b) => a - b), null, random);
    em += r.em / SUBSET_DRAWS;
    mv += r.mv / SUBSET_DRAWS;
  }
  return { em, mv };
}

function onColumns(input: EmMvInput, cols: number[], model: unknown, random: ReturnType<typeof createRandom>): EmMv {
  const detector = getDetector(input.type);
  const params = detector.normalize(input.params as object);
  const sub = (rows: ArrayLike<number> | undefined) => columns(input.x, cols, rows);
  const fitted = model ?? detector.fit(sub(input.train), params);
  const judged = sub(input.judged);
  const lo = new Float64Array(cols.length).fill(Infinity);
  const hi = new Float64Array(cols.length).fill(-Infinity);
  for (let i = 0; i < judged.rows; i++) {
    for (let j = 0; j < cols.length; j++) {
      const v = judged.data[i * cols.length + j];
      if (v < lo[j]) lo[j] = v;
      if (v > hi[j]) hi[j] = v;
    }
  }
  let volume = 1;
  for (let j = 0; j < cols.length; j++) if (hi[j] > lo[j]) volume *= hi[j] - lo[j];
  const uniform = new Float64Array(UNIFORM_POINTS * cols.length);
  for (let i = 0; i < UNIFORM_POINTS; i++) for (let j = 0; j < cols.length; j++) uniform[i * cols.length + j] = lo[j] + (hi[j] - lo[j]) * random.next();
  const box: Matrix = { rows: UNIFORM_POINTS, cols: cols.length, data: uniform, names: judged.names };
  // Normality = the negated anomaly score: the criteria look at the sets where the data is dense.
  const negate = (s: Float64Array) => s.map((v) => -v);
  return emMv(negate(detector.score(fitted, judged)), negate(detector.score(fitted, box)), volume);
}

/** The given columns of the given rows (every row when undefined). */
function columns(x: Matrix, cols: number[], rows: ArrayLike<number> | undefined): Matrix {
  const n = rows ? rows.length : x.rows;
  const data = new Float64Array(n * cols.length);
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i] : i;
    for (let j = 0; j < cols.length; j++) data[i * cols.length + j] = x.data[r * x.cols + cols[j]];
  }
  return { rows: n, cols: cols.length, data, names: cols.map((c) => x.names[c]) };
}

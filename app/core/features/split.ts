import { createRandom } from '../random.ts';

/**
 * How units are split into the part detectors (and scalers, vocabularies,
 * templates) learn from and the part they are judged on.
 * - `all`: learn from everything, judge everything (exploration).
 * - `time`: learn from the baseline before `trainUntil`, judge what follows —
 *   the production setup.
 * - `ratio`: the first `train` share (sequential) or a seeded random share
 *   (shuffled) to learn from, the rest to judge.
 */
export type SplitSpec =
  | { method: 'all' }
  | { method: 'time'; trainUntil: string }
  | { method: 'ratio'; train: number; order?: 'sequential' | 'shuffled'; seed?: number };

export const SPLIT_METHODS = ['all', 'time', 'ratio'] as const;

/** Unit indices (ascending) of each part. With `all`, both are every unit. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/**
 * Splits `n` units. `time` needs the units' times (ms since the epoch; units
 * without a time go to the test part, since they cannot be placed before
 * the cut). Deterministic: `shuffled` uses `seed` (default 1).
 * @throws naming the field when the split leaves a part empty or is invalid
 */
export function splitUnits(n: number, spec: SplitSpec | undefined, times?: ArrayLike<number>): Split {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (!spec || spec.method === 'all') return { train: all, test: all };
  let inTrain: (i: number) => boolean;
  if (spec.method === 'time') {
    const cut = Date.parse(spec.trainUntil);
    if (Number.isNaN(cut)) throw new Error(`split.trainUntil: "${spec.trainUntil}" is not an ISO 8601 time`);
    if (!times) throw new Error('split.method "time": these units have no times');
    inTrain = (i) => times[i] < cut;
  } else if (spec.method === 'ratio') {
    if (!(spec.train > 0 && spec.train < 1)) throw new Error(`split.train: ${spec.train} is not a share between 0 and 1`);
    const k = Math.round(n * spec.train);
    if (spec.order === 'shuffled') {
      const rnd = createRandom(spec.seed ?? 1);
      const order = Int32Array.from(all);
      for (let i = n - 1; i > 0; i--) {
        const j = rnd.int(i + 1);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      const chosen = new Uint8Array(n);
      for (let i = 0; i < k; i++) chosen[order[i]] = 1;
      inTrain = (i) => chosen[i] === 1;
    } else {
      inTrain = (i) => i < k;
    }
  } else {
    throw new Error(`split.method: unknown method "${(spec as { method: string }).method}" (known: ${SPLIT_METHODS.join(', ')})`);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < n; i++) (inTrain(i) ? train : test).push(i);
  if (train.length === 0) throw new Error(`split: no units fall in the training part (${describe(spec)})`);
  if (test.length === 0) throw new Error(`split: no units are left to judge (${describe(spec)})`);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

function describe(spec: SplitSpec): string {
  return spec.method === 'time' ? `trainUntil ${spec.trainUntil}` : spec.method === 'ratio' ? `train ${spec.train}` : spec.method;
}

/** True when the split judges every unit it trains on (`all`). */
export function isWholeSplit(split: Split): boolean {
  return split.train.length === split.test.length && split.train === split.test;
}

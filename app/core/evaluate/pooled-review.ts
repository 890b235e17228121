/**
 * A pooled review, as TREC pools the top documents of many systems: without
 * labels, the top k units of every candidate are pooled, one simple random
 * sample of the pool is marked once by a person, and each candidate gets its
 * precision at k from the marked units among its own top k.
 *
 * Why that is fair to every candidate: a simple random sample of the pool,
 * restricted to a candidate's top k (a subset of the pool), is a simple
 * random sample of that top k. So hits / marked estimates its precision at k
 * without bias, with the Wilson interval of `sampledShareInterval` (the
 * finite-population correction for k units: all k marked gives the exact
 * precision). Marking the drawn units in their order keeps any prefix a
 * simple random sample, so a review can stop early.
 */
import { createRandom } from '../random.ts';
import { sampledShareInterval, type ShareInterval } from './binomial-interval.ts';

export interface PooledReviewOptions {
  /** Top units per candidate (k). */
  k: number;
  /** Units drawn from the pool to mark (all of it when the pool is smaller). */
  size: number;
  seed: number;
}

export interface PooledReviewSample {
  k: number;
  /** Per candidate, its top k units (unit indices), highest score first. */
  tops: number[][];
  /** Units in the pool (the union of the tops). */
  poolSize: number;
  /** Units to mark, in the order drawn. */
  units: number[];
}

/** A candidate's precision at k from the marks. */
export interface PooledPrecision {
  /** Marked units among its top k, and how many of them were anomalous. */
  marked: number;
  hits: number;
  /** hits / marked; NaN with no marks. */
  precision: number;
  /** 95 % Wilson interval with the finite-population correction for k units. */
  interval: ShareInterval;
}

/**
 * The top k units of each ranking (ties broken by unit index, lowest first,
 * as the review sample does), pooled, and a seeded sample of the pool.
 * @param rankings one score per unit for every candidate, all over the same units
 */
export function pooledReviewSample(rankings: readonly ArrayLike<number>[], options: PooledReviewOptions): PooledReviewSample {
  const { k, size, seed } = options;
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k: ${k} is not a whole number ≥ 1`);
  if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`size: ${size} is not a whole number ≥ 1`);
  const n = rankings[0]?.length ?? 0;
  for (const [i, r] of rankings.entries()) if (r.length !== n) throw new RangeError(`ranking ${i}: ${r.length} scores for ${n} units`);
  const tops = rankings.map((scores) => topUnits(scores, Math.min(k, n)));
  const pool = [...new Set(tops.flat())].sort((a, b) => a - b);
  const random = createRandom(seed);
  // A seeded Fisher–Yates shuffle: every prefix is a simple random sample of the pool.
  for (let i = pool.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return { k, tops, poolSize: pool.length, units: pool.slice(0, Math.min(size, pool.length)) };
}

function topUnits(scores: ArrayLike<number>, k: number): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i);
  // NaN scores rank last.
  const key = (i: number) => (Number.isNaN(scores[i]) ? -Infinity : scores[i]);
  order.sort((a, b) => key(b) - key(a) || a - b);
  return order.slice(0, k);
}

/**
 * Each candidate's precision at k from marks of the sample's units.
 * @param marks unit → 1 anomalous / 0 normal; units not in it are not marked
 */
export function pooledPrecision(sample: PooledReviewSample, marks: ReadonlyMap<number, 0 | 1>): PooledPrecision[] {
  return sample.tops.map((top) => {
    let marked = 0;
    let hits = 0;
    for (const u of top) {
      const m = marks.get(u);
      if (m === undefined) continue;
      marked++;
      hits += m;
    }
    return { marked, hits, precision: hits / marked, interval: sampledShareInterval(hits, marked, top.length) };
  });
}

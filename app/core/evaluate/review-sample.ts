/**
 * Review sampling without labels: draw a few units for a person to mark, and
 * estimate from the marks how many anomalies there are and how good a
 * threshold is. Stratified by score so the rare high scores are represented.
 */
import { precisionRecallF1, type Confusion, type PrecisionRecallF1 } from './confusion.ts';
import { createRandom } from '../random.ts';
import { sampledShareInterval, stratifiedShareInterval, type ShareInterval } from './binomial-interval.ts';

export interface ReviewSampleOptions {
  /** Units to draw in total (count; capped at the number of units). */
  size: number;
  /**
   * A number H: H equal-sized strata over the rank order. Or increasing rank
   * shares, e.g. `[0.01, 0.05, 0.2]`: the top 1 %, the next 4 %, the next
   * 15 % and the rest — to oversample the top scores.
   */
  strata: number | readonly number[];
  /** Seed of the draw (any finite number). */
  seed: number;
}

const DEFAULTS: ReviewSampleOptions = { size: 50, strata: 5, seed: 1 };

/** One drawn unit. */
export interface ReviewItem {
  /** Unit index. */
  unit: number;
  /** Stratum index, 0 = the highest scores. */
  stratum: number;
  /** Inverse inclusion probability: stratum size / units drawn from it (units represented per drawn unit). */
  weight: number;
  /** The unit's score (score units). */
  score: number;
}

/** One stratum: a contiguous run of ranks. */
export interface ReviewStratum {
  /** Units in the stratum (count). */
  size: number;
  /** Units drawn from it (count). */
  sampled: number;
  /** Lowest and highest score in it (score units). */
  minScore: number;
  maxScore: number;
}

export interface ReviewSample {
  /** Units in the population (count). */
  total: number;
  strata: ReviewStratum[];
  /** Drawn units, stratum by stratum, in draw order within a stratum. */
  items: ReviewItem[];
}

/**
 * Draws a stratified random sample for review. Units are ranked by score,
 * highest first (ties by unit index), the ranks are cut into strata, and each
 * stratum gets an equal share of `size` (the remainder to the top strata;
 * what a small stratum cannot take goes to the others), drawn by simple random
 * sampling without replacement.
 *
 * @param scores one score per unit (score units), higher = more anomalous
 * @param options size, strata and seed; defaults 50, 5 and 1
 * @throws RangeError naming the option and value when one is invalid, or on a NaN score
 */
export function reviewSample(scores: ArrayLike<number>, options: Partial<ReviewSampleOptions> = {}): ReviewSample {
  const { size, strata, seed } = { ...DEFAULTS, ...options };
  if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`size: ${size} is not a whole number of at least 1`);
  const n = scores.length;
  for (let i = 0; i < n; i++) if (Number.isNaN(scores[i])) throw new RangeError(`score at unit ${i} is NaN`);
  const bounds = stratumBounds(n, strata);
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const sizes = bounds.slice(1).map((b, h) => b - bounds[h]);
  const take = allocate(sizes, Math.min(size, n));
  const random = createRandom(seed);
  const items: ReviewItem[] = [];
  const out: ReviewStratum[] = [];
  for (let h = 0; h < sizes.length; h++) {
    const lo = bounds[h];
    const stratumSize = sizes[h];
    // Read the score range before the shuffle below reorders the slice.
    out.push({ size: stratumSize, sampled: take[h], minScore: scores[order[lo + stratumSize - 1]], maxScore: scores[order[lo]] });
    // Partial Fisher–Yates over this stratum's slice of `order` (our own copy).
    for (let j = 0; j < take[h]; j++) {
      const r = lo + j + random.int(stratumSize - j);
      const unit = order[r];
      order[r] = order[lo + j];
      order[lo + j] = unit;
      items.push({ unit, stratum: h, weight: stratumSize / take[h], score: scores[unit] });
    }
  }
  return { total: n, strata: out, items };
}

/** Rank boundaries [0, …, n] of the strata; every stratum non-empty. */
function stratumBounds(n: number, strata: number | readonly number[]): number[] {
  if (n === 0) throw new RangeError('reviewSample: no units to sample');
  if (typeof strata === 'number') {
    if (!(Number.isInteger(strata) && strata >= 1)) throw new RangeError(`strata: ${strata} is not a whole number of at least 1`);
    const h = Math.min(strata, n);
    return Array.from({ length: h + 1 }, (_, j) => Math.floor((j * n) / h));
  }
  const bounds = [0];
  let previous = 0;
  for (const share of strata) {
    if (!(share > previous && share < 1)) {
      throw new RangeError(`strata: ${share} is not a rank share in (0, 1) above the one before (got [${strata.join(', ')}])`);
    }
    previous = share;
    const b = Math.round(share * n);
    // Cuts that round onto each other or onto the ends would leave an empty stratum; drop them.
    if (b > bounds[bounds.length - 1] && b < n) bounds.push(b);
  }
  bounds.push(n);
  return bounds;
}

/** Equal shares of `total` over strata of `sizes`, none above its stratum size; the remainder to the top strata. */
function allocate(sizes: readonly number[], total: number): number[] {
  const take = sizes.map(() => 0);
  let left = total;
  // Each round hands out equal shares among the strata with room; at most H rounds, as each fills one.
  while (left > 0) {
    const open = sizes.flatMap((s, h) => (take[h] < s ? [h] : []));
    const each = Math.floor(left / open.length);
    let extra = left - each * open.length;
    for (const h of open) {
      const want = each + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
      const got = Math.min(want, sizes[h] - take[h]);
      take[h] += got;
      left -= got;
    }
  }
  return take;
}

/** What the marks of one stratum say about it. */
export interface StratumEstimate {
  /** Units in the stratum, marked among them, and marked anomalous (counts). */
  size: number;
  marked: number;
  anomalous: number;
  /** anomalous / marked; NaN with no marks. */
  share: number;
  /** 95 % Wilson interval of `share`, with the finite-population correction (exact when all are marked). */
  interval: ShareInterval;
  minScore: number;
  maxScore: number;
}

/** What the marks say about the whole population. */
export interface ReviewEstimate {
  /** Estimated share of anomalous units in the population (0..1); NaN while a stratum has no marks. */
  share: number;
  /** Standard error of `share` (0..1); NaN while a partly marked stratum has fewer than 2 marks. */
  standardError: number;
  /**
   * 95 % interval of `share` that stays honest at 0 or all of the marks
   * anomalous (Wilson at the Korn–Graubard effective sample size, see
   * `stratifiedShareInterval`); NaN while a stratum has no marks.
   */
  interval: ShareInterval;
  /** Per stratum, highest scores first: its marks, its share and that share's Wilson interval. */
  strata: StratumEstimate[];
  /** `share` × total units (estimated count of units). */
  anomalies: number;
  /** Items marked so far (count). */
  marked: number;
  /** Estimates at the threshold, when one was given; null otherwise. */
  atThreshold: (PrecisionRecallF1 & { threshold: number; confusion: Confusion }) | null;
}

/**
 * Estimates the anomaly share and threshold quality from review marks.
 *
 * Share: the stratified (Horvitz–Thompson) estimator
 * p̂ = Σ_h (N_h / N) · a_h / m_h, with N_h units in stratum h, m_h of its items
 * marked and a_h of those marked anomalous. Marks may cover only part of the
 * sample: items are in random draw order within a stratum, so the first m_h
 * marked are still a simple random sample, provided they are marked in that
 * order. Unbiased when every stratum has a mark.
 *
 * Standard error: √ Σ_h (N_h / N)² · (1 − m_h / N_h) · p̂_h (1 − p̂_h) / (m_h − 1),
 * the usual stratified-sampling variance with finite-population correction
 * (a fully marked stratum contributes 0). It is 0 when no mark (or every
 * mark) is anomalous, so `interval` is the one to show: Wilson intervals per
 * stratum and overall, which keep a width at 0 of n.
 *
 * At a threshold: each marked item stands for N_h / m_h units, so summing
 * those weights gives estimated tp, fp, tn and fn (fractional counts), and
 * precision, recall and F1 follow from them as in `precisionRecallF1`. These
 * are ratio estimates: consistent, but slightly biased in small samples.
 *
 * @param sample from {@link reviewSample}
 * @param marks per item of `sample.items`: 1 = anomalous, 0 = normal, null or NaN = not marked yet
 * @param threshold score threshold (score units); `score >= threshold` is flagged
 * @throws RangeError on a length mismatch or a mark other than 0, 1, null or NaN
 */
export function reviewEstimate(sample: ReviewSample, marks: ArrayLike<number | null>, threshold?: number): ReviewEstimate {
  const { items, strata, total } = sample;
  if (marks.length !== items.length) throw new RangeError(`marks: ${marks.length} marks for ${items.length} sampled units`);
  const markedIn = strata.map(() => 0);
  const anomalousIn = strata.map(() => 0);
  let marked = 0;
  for (let j = 0; j < items.length; j++) {
    const m = marks[j];
    if (m === null || Number.isNaN(m)) continue;
    if (m !== 0 && m !== 1) throw new RangeError(`marks[${j}]: ${m} is not 0, 1 or null`);
    markedIn[items[j].stratum]++;
    anomalousIn[items[j].stratum] += m;
    marked++;
  }
  let share = 0;
  let variance = 0;
  strata.forEach(({ size }, h) => {
    const m = markedIn[h];
    const p = anomalousIn[h] / m; // NaN when m = 0, which then spreads to share, as documented
    const w = size / total;
    share += w * p;
    // One mark says nothing about the spread within a stratum: with m = 1, p(1 − p) / 0 is 0 / 0 = NaN, as documented.
    if (m < size) variance += (w * w * (1 - m / size) * p * (1 - p)) / (m - 1);
  });
  const perStratum = strata.map((st, h): StratumEstimate => ({
    size: st.size,
    marked: markedIn[h],
    anomalous: anomalousIn[h],
    share: anomalousIn[h] / markedIn[h],
    interval: sampledShareInterval(anomalousIn[h], markedIn[h], st.size),
    minScore: st.minScore,
    maxScore: st.maxScore,
  }));
  return {
    share,
    standardError: Math.sqrt(variance),
    interval: stratifiedShareInterval(perStratum.map((h) => ({ size: h.size, marked: h.marked, hits: h.anomalous }))).interval,
    strata: perStratum,
    anomalies: share * total,
    marked,
    atThreshold: threshold === undefined ? null : weightedAt(sample, marks, markedIn, threshold),
  };
}

function weightedAt(sample: ReviewSample, marks: ArrayLike<number | null>, markedIn: number[], threshold: number) {
  if (Number.isNaN(threshold)) throw new RangeError('threshold is NaN');
  let tp = 0, fp = 0, tn = 0, fn = 0;
  sample.items.forEach((item, j) => {
    const m = marks[j];
    if (m === null || Number.isNaN(m)) return;
    const w = sample.strata[item.stratum].size / markedIn[item.stratum];
    if (item.score >= threshold) {
      if (m === 1) tp += w;
      else fp += w;
    } else if (m === 1) fn += w;
    else tn += w;
  });
  const confusion: Confusion = { tp, fp, tn, fn };
  return { threshold, confusion, ...precisionRecallF1(confusion) };
}

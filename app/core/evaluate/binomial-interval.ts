/**
 * Confidence intervals for a share estimated from marks — a person's review
 * of sampled units — that stay honest at the edges. The normal interval
 * p̂ ± 1.96·√(p̂(1−p̂)/n) collapses to "0.0 % ± 0.0 %" when none of 20 marks
 * is anomalous; the Wilson score interval (Wilson 1927) gives [0 %, 16.1 %]
 * there, keeps its coverage near 95 % for small n and extreme p, and needs
 * no iteration (Brown, Cai & DasGupta 2001 recommend it for n < 40).
 */

/** Two-sided 95 %: the standard normal quantile 0.975. */
export const Z95 = 1.959963984540054;

/** A two-sided interval, as shares (0..1). NaN ends while there is nothing to estimate from. */
export type ShareInterval = [lo: number, hi: number];

/**
 * The Wilson score interval of a share p̂ seen in `n` independent draws.
 * `n` may be fractional (an effective sample size) and infinite (the share is
 * known exactly). n = 0 or a NaN share: [NaN, NaN].
 */
export function wilsonInterval(share: number, n: number, z = Z95): ShareInterval {
  if (!(n > 0) || Number.isNaN(share)) return [NaN, NaN];
  if (n === Infinity) return [share, share];
  const z2n = (z * z) / n;
  const centre = (share + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((share * (1 - share)) / n + z2n / (4 * n));
  // Rounding must not push an end past the share it brackets, or out of [0, 1].
  return [Math.max(0, Math.min(share, centre - half)), Math.min(1, Math.max(share, centre + half))];
}

/**
 * The Wilson interval of `hits` in `marked` units drawn without replacement
 * from `size` units: the finite-population correction enters as the effective
 * sample size m·(N−1)/(N−m), so a fully marked stratum has an exact share.
 */
export function sampledShareInterval(hits: number, marked: number, size: number, z = Z95): ShareInterval {
  if (marked <= 0) return [NaN, NaN];
  const share = hits / marked;
  if (marked >= size) return [share, share];
  return wilsonInterval(share, size === Infinity ? marked : (marked * (size - 1)) / (size - marked), z);
}

/** One stratum of a stratified review: its size, how many of it were marked, how many of those anomalous. */
export interface StratumMarks {
  size: number;
  marked: number;
  hits: number;
}

/**
 * The interval of a stratified estimate p̂ = Σ_h (N_h/N)·a_h/m_h: Wilson at
 * the effective sample size n* = p̃(1−p̃)/ṽ, as Korn & Graubard (1998) do for
 * proportions from complex samples. p̃ and ṽ take each stratum's share
 * adjusted the Agresti–Coull way, (a_h + z²/2)/(m_h + z²), so a sample with
 * no anomaly (or only anomalies) still has a spread: with one stratum this is
 * exactly the Wilson interval of a_h in m_h. Each stratum's variance carries
 * its finite-population correction (1 − m_h/N_h); when every stratum is fully
 * marked the share is known and the interval is that point.
 * A stratum without marks: [NaN, NaN], as the estimate itself is NaN then.
 */
export function stratifiedShareInterval(strata: readonly StratumMarks[], z = Z95): { share: number; interval: ShareInterval } {
  const total = strata.reduce((s, h) => s + h.size, 0);
  let share = 0;
  let adjusted = 0;
  let variance = 0;
  for (const { size, marked, hits } of strata) {
    if (size === 0) continue;
    if (marked <= 0) return { share: NaN, interval: [NaN, NaN] };
    const w = size / total;
    share += (w * hits) / marked;
    const p = (hits + (z * z) / 2) / (marked + z * z);
    adjusted += w * p;
    if (marked < size) variance += (w * w * (1 - marked / size) * p * (1 - p)) / marked;
  }
  if (total === 0) return { share: NaN, interval: [NaN, NaN] };
  const n = variance > 0 ? (adjusted * (1 - adjusted)) / variance : Infinity;
  return { share, interval: wilsonInterval(share, n, z) };
}

import type { Random } from '../app/core/random.ts';

/**
 * Draws the distributions the dataset generators share, on top of a seeded
 * `Random`. The order of draws is part of each committed sample: changing a
 * method here changes the samples (their tests regenerate them byte for byte).
 */
export class Sampler {
  private spare: number | null = null;

  constructor(readonly r: Random) {}

  /** One element, uniformly. */
  pick<T>(xs: readonly T[]): T {
    return xs[this.r.int(xs.length)];
  }

  /** One element, with probability proportional to its weight; `cum` holds the cumulative weights. */
  weighted<T>(xs: readonly T[], cum: Float64Array): T {
    const x = this.r.next() * cum[cum.length - 1];
    let i = 0;
    while (i < cum.length - 1 && cum[i] <= x) i++;
    return xs[i];
  }

  /** A standard normal draw (Box–Muller; the second value of a pair is kept for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = 1 - this.r.next(); // (0, 1]
    const v = this.r.next();
    const m = Math.sqrt(-2 * Math.log(u));
    this.spare = m * Math.sin(2 * Math.PI * v);
    return m * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal around `median`; `sigma` 0 gives the median without drawing. */
  logNormal(median: number, sigma: number): number {
    return sigma === 0 ? median : median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given mean (e.g. gaps between events, in ms). */
  exponential(mean: number): number {
    return -Math.log(1 - this.r.next()) * mean;
  }

  /** `digits` lowercase hex digits. */
  hex(digits: number): string {
    let s = '';
    for (let i = 0; i < digits; i++) s += '0123456789abcdef'[this.r.int(16)];
    return s;
  }
}

/**
 * Seeded pseudo-random numbers. Every random choice in the workbench goes
 * through here so that the same seed gives the same scores in the page, in a
 * worker and in the CLI.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting RNG),
 * seeded through splitmix32 so that neighbouring integer seeds give unrelated
 * streams.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A float in [lo, hi). */
  uniform(lo: number, hi: number): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A seeded generator; `seed` is any finite number (its integer part is used). */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new Error(`invalid seed: ${seed} (expected a finite number)`);
  const mix = splitmix32(Math.trunc(seed));
  let a = mix(), b = mix(), c = mix(), d = mix();
  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) nextUint32(); // let the state mix before first use
  const next = () => nextUint32() / 4294967296;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    uniform: (lo, hi) => lo + (hi - lo) * next(),
  };
}

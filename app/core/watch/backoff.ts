import type { Random } from '../random.ts';

/** First retry after this many ms; each next one waits twice as long, up to `BACKOFF_MAX_MS`. */
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 30_000;

/**
 * How long to wait before retry number `attempt` (1-based): exponential from
 * `BACKOFF_BASE_MS`, capped at `BACKOFF_MAX_MS`, with ±20 % jitter so that
 * many senders retrying one receiver do not come back all at once.
 * @param random seeded, so a run is reproducible
 * @returns milliseconds
 */
export function retryDelay(attempt: number, random: Random, base = BACKOFF_BASE_MS, max = BACKOFF_MAX_MS): number {
  const plain = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(plain * (0.8 + 0.4 * random.next()));
}

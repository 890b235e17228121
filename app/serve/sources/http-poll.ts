import { retryDelay } from '../../core/watch/backoff.ts';
import { createRandom } from '../../core/random.ts';
import { sleep } from '../sleep.ts';

/**
 * One request of a polled HTTP API, retried with backoff (and jitter) while
 * it fails, until `signal` aborts (then null). A non-2xx answer is a failure
 * naming the status and the start of the body.
 */
export async function fetchJsonRetrying(
  url: string,
  init: RequestInit,
  signal: AbortSignal,
  onFail: (message: string, waitMs: number) => void,
  onRecovered: () => void = () => {},
): Promise<unknown | null> {
  const random = createRandom(1);
  for (let attempt = 1; !signal.aborted; attempt++) {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]) });
      const text = await res.text();
      if (!res.ok) throw new Error(`HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
      const body = JSON.parse(text);
      if (attempt > 1) onRecovered();
      return body;
    } catch (e) {
      if (signal.aborted) return null;
      const wait = retryDelay(attempt, random);
      onFail((e as Error).message, wait);
      await sleep(wait, signal);
    }
  }
  return null;
}

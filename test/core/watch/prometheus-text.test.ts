import { describe, expect, it } from 'vitest';
import { prometheusText } from '../../../app/core/watch/prometheus-text.ts';
import { retryDelay } from '../../../app/core/watch/backoff.ts';
import { createRandom } from '../../../app/core/random.ts';

describe('prometheusText', () => {
  it('writes HELP, TYPE and the sample of each metric in the text exposition format', () => {
    expect(prometheusText([
      { name: 'law_units_scored_total', help: 'Units scored.', type: 'counter', value: 12 },
      { name: 'law_lag_seconds', help: 'Lag.', type: 'gauge', value: NaN },
    ])).toBe('# HELP law_units_scored_total Units scored.\n# TYPE law_units_scored_total counter\nlaw_units_scored_total 12\n# HELP law_lag_seconds Lag.\n# TYPE law_lag_seconds gauge\nlaw_lag_seconds NaN\n');
  });
});

describe('retryDelay', () => {
  it('doubles from 500 ms up to 30 s, within ±20 %', () => {
    const r = createRandom(3);
    const delays = [1, 2, 3, 4, 10, 20].map((a) => retryDelay(a, r));
    [500, 1000, 2000, 4000, 30_000, 30_000].forEach((plain, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(plain * 0.8);
      expect(delays[i]).toBeLessThanOrEqual(plain * 1.2);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { WatchMetrics } from '../../app/serve/watch-metrics.ts';

describe('WatchMetrics', () => {
  it('starts counters at 0 and times at NaN, and lists every metric in /metrics order', () => {
    const m = new WatchMetrics();
    expect(m.read).toBe(0);
    expect(m.lastInputAt).toBeNaN();
    const names = m.list().map((x) => `${x.type} ${x.name}`);
    expect(names).toEqual([
      'counter law_units_read_total', 'counter law_units_scored_total', 'counter law_units_flagged_total',
      'counter law_units_skipped_total', 'counter law_alerts_sent_total', 'counter law_alerts_failed_total',
      'counter law_alerts_silenced_total', 'counter law_alerts_over_budget_total', 'counter law_stalls_total',
      'counter law_alerts_triaged_total', 'counter law_retrains_total', 'gauge law_retrain_duration_seconds',
      'gauge law_model_version', 'gauge law_last_input_timestamp_seconds', 'gauge law_lag_seconds', 'gauge law_outbox_pending',
    ]);
  });

  it('shows what was counted, times in seconds and the lag from now', () => {
    const m = new WatchMetrics();
    m.read += 7;
    m.stalls++;
    m.lastInputAt = 12_000;
    m.newestUnitTime = 10_000;
    const value = (name: string) => m.list(15_500).find((x) => x.name === name)!.value;
    expect(value('law_units_read_total')).toBe(7);
    expect(value('law_stalls_total')).toBe(1);
    expect(value('law_last_input_timestamp_seconds')).toBe(12);
    expect(value('law_lag_seconds')).toBe(5.5);
    expect(m.list().find((x) => x.name === 'law_units_scored_total')!.help).toBe('Units scored (lines, rows, windows or sessions).');
  });
});

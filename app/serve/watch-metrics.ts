import type { Metric } from '../core/watch/prometheus-text.ts';

/** What `law watch` counts, as `/metrics` shows it. */
export class WatchMetrics {
  read = 0;
  scored = 0;
  flagged = 0;
  skipped = 0;
  alertsSent = 0;
  alertsFailed = 0;
  silenced = 0;
  overBudget = 0;
  stalls = 0;
  triaged = 0;
  retrains = 0;
  retrainSeconds = 0;
  modelVersion = 0;
  /** ms since the epoch: when input last came, and the newest scored unit's own time. */
  lastInputAt = NaN;
  newestUnitTime = NaN;
  outboxPending = 0;

  list(now = Date.now()): Metric[] {
    const c = (name: string, help: string, value: number): Metric => ({ name, help, type: 'counter', value });
    const g = (name: string, help: string, value: number): Metric => ({ name, help, type: 'gauge', value });
    return [
      c('law_units_read_total', 'Rows read from the source.', this.read),
      c('law_units_scored_total', 'Units scored (lines, rows, windows or sessions).', this.scored),
      c('law_units_flagged_total', 'Units scored at or above the threshold.', this.flagged),
      c('law_units_skipped_total', 'Rows that could not be scored (a cell that is not a number).', this.skipped),
      c('law_alerts_sent_total', 'Alerts a webhook receiver accepted.', this.alertsSent),
      c('law_alerts_failed_total', 'Alert deliveries that failed (and are retried).', this.alertsFailed),
      c('law_alerts_silenced_total', 'Flagged units whose template is on the silence list.', this.silenced),
      c('law_alerts_over_budget_total', 'Alerts held back by the alert budget (summarised per period).', this.overBudget),
      c('law_stalls_total', 'Times no input came for watchdog.stall.', this.stalls),
      c('law_alerts_triaged_total', 'Alerts an LLM read (deploy.triage).', this.triaged),
      c('law_retrains_total', 'Models retrained on the rolling baseline.', this.retrains),
      g('law_retrain_duration_seconds', 'How long the last retrain took.', this.retrainSeconds),
      g('law_model_version', 'The model version scoring now.', this.modelVersion),
      g('law_last_input_timestamp_seconds', 'When input last came (Unix time).', this.lastInputAt / 1000),
      g('law_lag_seconds', 'Now minus the newest scored unit\'s own time.', (now - this.newestUnitTime) / 1000),
      g('law_outbox_pending', 'Alert batches waiting in webhook outboxes.', this.outboxPending),
    ];
  }
}

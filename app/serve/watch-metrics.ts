import type { Metric } from '../core/watch/prometheus-text.ts';

/** One quantity `law watch` keeps: how `/metrics` names and shows it. */
interface MetricDeclaration {
  name: string;
  type: Metric['type'];
  help: string;
  /** The value before anything happened: 0, or NaN for a time not seen yet. */
  start?: number;
  /** The value shown from the one kept (seconds from ms, a lag from a time); the kept one by default. */
  shown?: (kept: number, now: number) => number;
}

const counter = (name: string, help: string): MetricDeclaration => ({ name, type: 'counter', help });
const gauge = (name: string, help: string, more: Partial<MetricDeclaration> = {}): MetricDeclaration => ({ name, type: 'gauge', help, ...more });
const seconds = (ms: number) => ms / 1000;

/**
 * Every metric, once, in the order `/metrics` lists them: the field the
 * service counts in is the key, so a new metric is one line here.
 */
const METRICS = {
  read: counter('law_units_read_total', 'Rows read from the source.'),
  scored: counter('law_units_scored_total', 'Units scored (lines, rows, windows or sessions).'),
  flagged: counter('law_units_flagged_total', 'Units scored at or above the threshold.'),
  skipped: counter('law_units_skipped_total', 'Rows that could not be scored (a cell that is not a number).'),
  alertsSent: counter('law_alerts_sent_total', 'Alerts a webhook receiver accepted.'),
  alertsFailed: counter('law_alerts_failed_total', 'Alert deliveries that failed (and are retried).'),
  silenced: counter('law_alerts_silenced_total', 'Flagged units whose template is on the silence list.'),
  overBudget: counter('law_alerts_over_budget_total', 'Alerts held back by the alert budget (summarised per period).'),
  stalls: counter('law_stalls_total', 'Times no input came for watchdog.stall.'),
  triaged: counter('law_alerts_triaged_total', 'Alerts an LLM read (deploy.triage).'),
  retrains: counter('law_retrains_total', 'Models retrained on the rolling baseline.'),
  retrainSeconds: gauge('law_retrain_duration_seconds', 'How long the last retrain took.'),
  modelVersion: gauge('law_model_version', 'The model version scoring now.'),
  /** ms since the epoch: when input last came. */
  lastInputAt: gauge('law_last_input_timestamp_seconds', 'When input last came (Unix time).', { start: NaN, shown: seconds }),
  /** ms since the epoch: the newest scored unit's own time. */
  newestUnitTime: gauge('law_lag_seconds', 'Now minus the newest scored unit\'s own time.', { start: NaN, shown: (ms, now) => seconds(now - ms) }),
  outboxPending: gauge('law_outbox_pending', 'Alert batches waiting in webhook outboxes.'),
} satisfies Record<string, MetricDeclaration>;

type MetricKey = keyof typeof METRICS;
const KEYS = Object.keys(METRICS) as MetricKey[];

/** The kept values, one per metric, as the service counts them (`metrics.read += …`). */
export type WatchCounts = Record<MetricKey, number>;

// The fields come from METRICS through the interface, so they are not written a second time in the class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface WatchMetrics extends WatchCounts {}

/** What `law watch` counts, as `/metrics` shows it. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class WatchMetrics {
  constructor() {
    for (const k of KEYS) this[k] = (METRICS[k] as MetricDeclaration).start ?? 0;
  }

  list(now = Date.now()): Metric[] {
    return KEYS.map((k) => {
      const { name, help, type, shown } = METRICS[k] as MetricDeclaration;
      return { name, help, type, value: shown ? shown(this[k], now) : this[k] };
    });
  }
}

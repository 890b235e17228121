import { parseDuration } from '../features/duration.ts';
import { GROUP_WILDCARD } from '../evaluate/anomaly-groups.ts';
import type { AlertsSpec } from '../experiment/deploy-spec.ts';

/** A flagged unit, as the alert policy sees it. */
export interface FlaggedUnit {
  /** Names the unit for good: `source:line` (a row written once never changes its key). */
  key: string;
  source: string;
  line: number;
  /** Event time, ms since the epoch; null when the unit has none. */
  time: number | null;
  score: number;
  threshold: number;
  text: string;
  /** What grouping groups by (`***` for variable parts). */
  pattern: string;
  host: string | null;
  /** The model version that scored it. */
  model: number;
}

/** One alert as the sinks send it (`generic` webhook: `{"alerts": [...]}`). */
export interface Alert {
  /** Stable across restarts, so a receiver can tell a repeat. */
  id: string;
  kind: 'anomaly' | 'stall' | 'summary';
  source: string;
  line: number | null;
  /** ISO 8601; null when unknown. */
  time: string | null;
  score: number | null;
  threshold: number | null;
  /** The unit's text (the first unit of a group). */
  text: string;
  template: string | null;
  /** Units this alert stands for (a group's; over-budget units for a summary). */
  count: number;
  host?: string | null;
  model?: number;
  /** An LLM's reading of it (deploy.triage), when it was among the worst of its period. */
  triage?: string;
}

/** What the policy holds between batches (checkpointed, so a restart loses no group). */
export interface AlertPolicyState {
  groups: { pattern: string; window: number; first: FlaggedUnit; count: number; maxScore: number }[];
  budget: { period: number; used: number; over: number };
  counts: AlertCounts;
}

export interface AlertCounts {
  /** Units whose template is on the silence list (not alerted). */
  silenced: number;
  /** Alerts not sent because the budget was used up (summarised once the period ends). */
  overBudget: number;
}

const PERIOD_MS = { hour: 3_600_000, day: 86_400_000 } as const;

/**
 * Turns flagged units into alerts, the way the spec's `deploy.alerts` asks:
 * - without `group`, every flagged unit is an alert of its own;
 * - with `group: "template"` and a `window`, one alert per pattern and window
 *   (of event time: window k covers [k·window, (k + 1)·window)), sent once a
 *   unit at or after the window's end is seen, with its count, its first
 *   unit as the example and the highest score;
 * - a `budget` of N per hour or day lets at most N alerts out per period
 *   (by alert time); the rest are counted and, once the period is over, sent
 *   as one `summary` alert with their number;
 * - `silence` lists templates never alerted on (a person's "not an anomaly"
 *   in review), counted instead.
 * Pure and driven by event time, so a replay gives the same alerts.
 */
export class AlertPolicy {
  private readonly window: number | null;
  private readonly budget: { value: number; period: number } | null;
  private readonly silence: Set<string>;
  private groups = new Map<string, AlertPolicyState['groups'][number]>();
  private budgetState = { period: -Infinity, used: 0, over: 0 };
  readonly counts: AlertCounts = { silenced: 0, overBudget: 0 };

  constructor(spec: AlertsSpec | undefined) {
    this.window = spec?.group === 'template' && spec.window ? parseDuration(spec.window) : null;
    this.budget = spec?.budget ? { value: spec.budget.value, period: PERIOD_MS[spec.budget.per] } : null;
    // A template may be written with `<*>` (the miner's) or `***` (the page's groups).
    this.silence = new Set((spec?.silence ?? []).map((t) => t.replaceAll('<*>', GROUP_WILDCARD)));
  }

  /**
   * Flagged units in (in order); the alerts due out.
   * @param now the newest event time seen (ms), which closes group windows
   */
  push(units: FlaggedUnit[], now: number): Alert[] {
    const out: Alert[] = [];
    for (const u of units) {
      if (this.silence.has(u.pattern)) {
        this.counts.silenced++;
        continue;
      }
      if (this.window === null) {
        this.admit(single(u), u.time, out);
        continue;
      }
      const w = Math.floor((u.time ?? now) / this.window);
      const key = `${w}\u0000${u.pattern}`;
      const g = this.groups.get(key);
      if (g) {
        g.count++;
        g.maxScore = Math.max(g.maxScore, u.score);
      } else {
        this.groups.set(key, { pattern: u.pattern, window: w, first: u, count: 1, maxScore: u.score });
      }
    }
    if (this.window !== null) this.closeGroups(now, out);
    return out;
  }

  /** Shutting down: every open group goes out now, and a pending budget summary. */
  flush(): Alert[] {
    const out: Alert[] = [];
    this.closeGroups(Infinity, out);
    this.summarise(out);
    return out;
  }

  state(): AlertPolicyState {
    return { groups: [...this.groups.values()], budget: { ...this.budgetState }, counts: { ...this.counts } };
  }

  restore(s: AlertPolicyState): void {
    this.groups = new Map(s.groups.map((g) => [`${g.window}\u0000${g.pattern}`, g]));
    this.budgetState = { ...s.budget };
    Object.assign(this.counts, s.counts);
  }

  private closeGroups(now: number, out: Alert[]): void {
    const due = [...this.groups.entries()].filter(([, g]) => (g.window + 1) * this.window! <= now);
    due.sort((a, b) => a[1].window - b[1].window || a[1].first.line - b[1].first.line);
    for (const [key, g] of due) {
      this.groups.delete(key);
      const end = (g.window + 1) * this.window!;
      this.admit({ ...single(g.first), id: `${g.first.key}+${g.count}`, count: g.count, score: g.maxScore }, Number.isFinite(end) ? end : g.first.time, out);
    }
  }

  /** Lets an alert out unless the period's budget is used up. */
  private admit(alert: Alert, time: number | null, out: Alert[]): void {
    if (!this.budget) {
      out.push(alert);
      return;
    }
    const period = Math.floor((time ?? 0) / this.budget.period);
    if (period !== this.budgetState.period) {
      this.summarise(out);
      this.budgetState = { period, used: 0, over: 0 };
    }
    if (this.budgetState.used < this.budget.value) {
      this.budgetState.used++;
      out.push(alert);
    } else {
      this.budgetState.over += alert.count;
      this.counts.overBudget++;
    }
  }

  /** One alert for what the ended period's budget held back. */
  private summarise(out: Alert[]): void {
    const { over, period, used } = this.budgetState;
    if (!this.budget || over === 0) return;
    const start = period * this.budget.period;
    out.push({
      id: `summary:${start}`, kind: 'summary', source: '', line: null, time: new Date(start).toISOString(), score: null, threshold: null,
      text: `${over} more flagged units over the alert budget (${this.budget.value} alerts, ${used} sent) in the period from ${new Date(start).toISOString()}`,
      template: null, count: over,
    });
    this.budgetState.over = 0;
  }
}

function single(u: FlaggedUnit): Alert {
  return {
    id: u.key, kind: 'anomaly', source: u.source, line: u.line, time: u.time === null ? null : new Date(u.time).toISOString(),
    score: u.score, threshold: u.threshold, text: u.text, template: u.pattern, count: 1, host: u.host, model: u.model,
  };
}

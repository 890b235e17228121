import type { Alert } from './alert-policy.ts';

/**
 * Which alerts an LLM reads (deploy.triage): in each period of `everyMs` (by
 * the time they are sent), the `worst` highest-scored anomaly alerts, taken
 * batch by batch as they come — a model's attention and an endpoint's bill
 * go to what most needs them.
 */
export class TriagePicker {
  private period = -Infinity;
  private used = 0;

  constructor(private readonly worst: number, private readonly everyMs: number) {}

  /** The alerts of a batch to triage now (`now`: ms since the epoch). */
  pick(alerts: Alert[], now: number): Alert[] {
    const period = Math.floor(now / this.everyMs);
    if (period !== this.period) {
      this.period = period;
      this.used = 0;
    }
    const room = this.worst - this.used;
    if (room <= 0) return [];
    const chosen = alerts.filter((a) => a.kind === 'anomaly').sort((a, b) => (b.score ?? 0) - (a.score ?? 0)).slice(0, room);
    this.used += chosen.length;
    return chosen;
  }
}

import type { Alert } from './alert-policy.ts';

/**
 * The body a webhook sink POSTs for some alerts, by its `format`.
 * @param detectedAt when they were found (ms): Alertmanager's `startsAt`
 */
export function alertBody(format: 'generic' | 'slack' | 'alertmanager', alerts: Alert[], detector: string, detectedAt: number): unknown {
  if (format === 'generic') return { alerts: alerts.map(genericAlert) };
  if (format === 'slack') return slackMessage(alerts, detector);
  return alerts.map((a) => alertmanagerAlert(a, detector, detectedAt));
}

/** `{"alerts": [...]}` items: docs/interfaces.md's fields, plus `id`, `host` and `model` where known. */
function genericAlert(a: Alert): Record<string, unknown> {
  return {
    kind: a.kind, source: a.source, line: a.line, time: a.time, score: a.score, threshold: a.threshold,
    text: a.text, template: a.template, count: a.count, id: a.id,
    ...(a.host !== undefined ? { host: a.host } : {}), ...(a.model !== undefined ? { model: a.model } : {}),
    ...(a.triage !== undefined ? { triage: a.triage } : {}),
  };
}

/**
 * A Slack incoming-webhook message: one line per alert in `text` (Slack's
 * mrkdwn), the log text in code spans so markup in a line stays text.
 */
function slackMessage(alerts: Alert[], detector: string): { text: string } {
  const lines = alerts.map((a) => {
    if (a.kind === 'stall') return `:warning: *${detector}*: ${escapeSlack(a.text)}`;
    if (a.kind === 'summary') return `:information_source: *${detector}*: ${escapeSlack(a.text)}`;
    const where = `${escapeSlack(a.source)}${a.line !== null ? `:${a.line}` : ''}`;
    const count = a.count > 1 ? ` (${a.count} like it)` : '';
    const triage = a.triage ? `\n> ${escapeSlack(a.triage).replaceAll('\n', '\n> ')}` : '';
    return `:rotating_light: *${detector}* anomaly ${where}${a.host ? ` on ${escapeSlack(a.host)}` : ''}, score ${fmt(a.score)} ≥ ${fmt(a.threshold)}${count}: \`${escapeSlack(a.text).replaceAll('`', "'")}\`${triage}`;
  });
  return { text: lines.join('\n') };
}

/**
 * An alert as Alertmanager's API v2 takes it (`POST /api/v2/alerts`, a list
 * of `{ labels, annotations, startsAt, endsAt }`). Labels identify an alert
 * to Alertmanager (it de-duplicates on them), so they hold what names the
 * unit: its source, line and id; the text, score and the log's own time are
 * annotations. It starts when it was found (a replay of old logs still
 * fires) and ends an hour on: a log anomaly is an event, not a lasting state.
 */
function alertmanagerAlert(a: Alert, detector: string, detectedAt: number): Record<string, unknown> {
  const starts = new Date(detectedAt);
  const labels: Record<string, string> = {
    alertname: a.kind === 'stall' ? 'LogDetectorStalled' : a.kind === 'summary' ? 'LogAnomaliesOverBudget' : 'LogAnomaly',
    detector,
    source: a.source || detector,
    id: a.id,
  };
  if (a.host) labels.host = a.host;
  return {
    labels,
    annotations: {
      summary: a.kind === 'anomaly' ? `${a.count > 1 ? `${a.count} units like this: ` : ''}${a.text}`.slice(0, 1000) : a.text,
      ...(a.score !== null ? { score: String(a.score), threshold: String(a.threshold) } : {}),
      ...(a.template ? { template: a.template } : {}),
      ...(a.line !== null ? { line: String(a.line) } : {}),
      ...(a.time ? { time: a.time } : {}),
      ...(a.triage ? { triage: a.triage } : {}),
    },
    startsAt: starts.toISOString(),
    endsAt: new Date(starts.getTime() + 3_600_000).toISOString(),
  };
}

/** Slack's three control characters, as its docs ask. */
function escapeSlack(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function fmt(v: number | null): string {
  return v === null ? '—' : Number(v.toPrecision(4)).toString();
}

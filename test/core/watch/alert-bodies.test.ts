import { describe, expect, it } from 'vitest';
import { alertBody } from '../../../app/core/watch/alert-bodies.ts';
import type { Alert } from '../../../app/core/watch/alert-policy.ts';

const alert: Alert = {
  id: 'web:7', kind: 'anomaly', source: 'app.log', line: 12, time: '2026-03-02T10:00:00.000Z', score: 0.71234, threshold: 0.6,
  text: 'GET /<script>alert(1)</script> status=500', template: 'GET *** status=***', count: 3, host: 'web-1', model: 2,
};

describe('alertBody', () => {
  it('generic: {"alerts": [...]} with the fields of docs/interfaces.md', () => {
    expect(alertBody('generic', [alert], 'webapp', 0)).toEqual({ alerts: [{
      kind: 'anomaly', source: 'app.log', line: 12, time: '2026-03-02T10:00:00.000Z', score: 0.71234, threshold: 0.6,
      text: alert.text, template: 'GET *** status=***', count: 3, id: 'web:7', host: 'web-1', model: 2,
    }] });
  });

  it('slack: one line per alert, Slack\'s control characters escaped so a log line cannot make a link or a mention', () => {
    const { text } = alertBody('slack', [alert], 'webapp', 0) as { text: string };
    expect(text).toBe(':rotating_light: *webapp* anomaly app.log:12 on web-1, score 0.7123 ≥ 0.6 (3 like it): `GET /&lt;script&gt;alert(1)&lt;/script&gt; status=500`');
  });

  it('alertmanager: labels that identify the unit, annotations with the rest, starting when found', () => {
    const [a] = alertBody('alertmanager', [alert], 'webapp', Date.parse('2026-12-01T00:00:00Z')) as Record<string, unknown>[];
    expect(a).toEqual({
      labels: { alertname: 'LogAnomaly', detector: 'webapp', source: 'app.log', id: 'web:7', host: 'web-1' },
      annotations: { summary: `3 units like this: ${alert.text}`, score: '0.71234', threshold: '0.6', template: 'GET *** status=***', line: '12', time: '2026-03-02T10:00:00.000Z' },
      startsAt: '2026-12-01T00:00:00.000Z',
      endsAt: '2026-12-01T01:00:00.000Z',
    });
  });
});

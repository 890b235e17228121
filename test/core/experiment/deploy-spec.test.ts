import { describe, expect, it } from 'vitest';
import { checkDeploy } from '../../../app/core/experiment/deploy-spec.ts';
import { parseSpec } from '../../../app/core/experiment/parse-spec.ts';

const ok = { source: { kind: 'file', path: 'app.log' }, sinks: [{ kind: 'jsonl', path: '-', all: true }] };

describe('checkDeploy', () => {
  it('takes the example of docs/interfaces.md', () => {
    expect(() => checkDeploy({
      source: { kind: 'file', path: '/var/log/app.log' },
      sinks: [{ kind: 'jsonl', path: 'scores.jsonl', all: true }, { kind: 'webhook', url: 'http://127.0.0.1:9093/api/v2/alerts', format: 'alertmanager' }],
      state: 'law-state',
      retrain: { every: 50000, baseline: { lines: 50000, span: '30d' } },
      alerts: { group: 'template', window: '5m', budget: { value: 20, per: 'hour' } },
      watchdog: { stall: '5m' },
      metrics: { port: 9464 },
    })).not.toThrow();
  });

  const nats = { kind: 'nats', url: 'nats://127.0.0.1:4222', stream: 'LOGS', subject: 'logs.>', durable: 'scorers' };
  const cases: [string, unknown, string][] = [
    ['an unknown source kind', { ...ok, source: { kind: 'kafka' } }, 'deploy.source.kind: "kafka" is not known'],
    ['a source without its path', { ...ok, source: { kind: 'file' } }, 'deploy.source.path: a file source needs path'],
    ['a typo in a field', { ...ok, source: { kind: 'file', path: 'a', pth: 'b' } }, 'deploy.source.pth: unknown field'],
    ['a bad interval', { ...ok, source: { kind: 'loki', url: 'http://x', query: '{job="a"}', every: 'soon' } }, 'deploy.source.every: "soon" is not a duration'],
    ['a SQL URL of another kind', { ...ok, source: { kind: 'sql', url: 'sqlite:x', table: 't', id: 'id', every: '1m' } }, 'deploy.source.url'],
    ['a table name that is not plain', { ...ok, source: { kind: 'sql', url: 'mysql://h/d', table: 't; DROP TABLE x', id: 'id', every: '1m' } }, 'deploy.source.table: "t; DROP TABLE x" is not a plain column or table name'],
    ['no sinks', { ...ok, sinks: [] }, 'deploy.sinks: expected a non-empty list of sinks'],
    ['a webhook format', { ...ok, sinks: [{ kind: 'webhook', url: 'http://x', format: 'teams' }] }, 'deploy.sinks[0].format: "teams" is not known (known: generic, slack, alertmanager)'],
    ['a write-back to another kind of source', { ...ok, sinks: [{ kind: 'sql' }] }, 'deploy.sinks[0].kind: a sql write-back writes to the source\'s rows, and the source is "file"'],
    ['grouping without a window', { ...ok, alerts: { group: 'template' } }, 'deploy.alerts.window: grouping needs a window'],
    ['a budget period', { ...ok, alerts: { budget: { value: 5, per: 'week' } } }, 'deploy.alerts.budget.per: "week" is not a period'],
    ['a retrain without a size', { ...ok, retrain: { every: 10, baseline: {} } }, 'deploy.retrain.baseline: give lines, span or both'],
    ['a port', { ...ok, metrics: { port: 70000 } }, 'deploy.metrics.port: 70000 is not a port'],
    ['a NATS URL of another scheme', { ...ok, source: { ...nats, url: 'http://127.0.0.1:4222' } }, 'deploy.source.url: "http://127.0.0.1:4222" is not a nats:// or tls:// URL'],
    ['a stream name with a dot', { ...ok, source: { ...nats, stream: 'logs.web' } }, 'deploy.source.stream: "logs.web" is not a JetStream name'],
    ['a subject with a wildcard in the middle', { ...ok, source: { ...nats, subject: 'logs.>.web' } }, 'deploy.source.subject: "logs.>.web" is not a NATS subject'],
    ['a wildcard where messages are published', { ...ok, source: nats, sinks: [{ kind: 'nats', subject: 'law.*' }] }, 'deploy.sinks[0].subject: "law.*" is not a NATS subject to publish to (no wildcards)'],
    ['a nats sink with no server to publish to', { ...ok, sinks: [{ kind: 'nats', subject: 'law.out' }] }, "deploy.sinks[0].url: a nats sink needs the server's url when the source is not nats"],
    ['a model registry with no server', { ...ok, models: { bucket: 'law-models' } }, "deploy.models.url: a model registry needs the NATS server's url when the source is not nats"],
    ['a trainer subject without a nats source', { ...ok, retrain: { every: 10, subject: 'logs.sample' } }, 'deploy.retrain.subject: a subject to train from needs a nats source'],
    ['an ack wait that is not a duration', { ...ok, source: { ...nats, ackWait: 30 } }, 'deploy.source.ackWait: expected a duration such as "5m", got 30'],
  ];
  // Typos name the field and the nearest known name, exactly as the user sees them.
  const typos: [string, unknown, string][] = [
    ['a sink field', { ...ok, sinks: [{ kind: 'jsonl', pth: 'scores.jsonl' }] }, 'deploy.sinks[0].pth: unknown field (did you mean path?)'],
    ['a webhook sink field', { ...ok, sinks: [{ kind: 'webhook', url: 'http://x', formt: 'slack' }] }, 'deploy.sinks[0].formt: unknown field (did you mean format?)'],
    ['a sink field of another kind', { ...ok, sinks: [{ kind: 'jsonl', path: '-', url: 'http://x' }] }, 'deploy.sinks[0].url: unknown field (known: kind, path, all)'],
    ['the kind of a sink', { ...ok, sinks: [{ knd: 'jsonl', path: '-' }] }, 'deploy.sinks[0].knd: unknown field (did you mean kind?)'],
    ['a source field', { ...ok, source: { kind: 'file', path: 'a', pth: 'b' } }, 'deploy.source.pth: unknown field (did you mean path?)'],
    ['a deploy field', { ...ok, retrian: { every: 10 } }, 'deploy.retrian: unknown field (did you mean retrain?)'],
    ['a baseline field', { ...ok, retrain: { every: 10, baseline: { line: 10 } } }, 'deploy.retrain.baseline.line: unknown field (did you mean lines?)'],
    ['a budget field', { ...ok, alerts: { budget: { vaule: 5, per: 'hour' } } }, 'deploy.alerts.budget.vaule: unknown field (did you mean value?)'],
    ['an alerts field', { ...ok, alerts: { silense: [] } }, 'deploy.alerts.silense: unknown field (did you mean silence?)'],
    ['a watchdog field', { ...ok, watchdog: { stal: '5m' } }, 'deploy.watchdog.stal: unknown field (did you mean stall?)'],
    ['a metrics field', { ...ok, metrics: { port: 9464, hots: '0.0.0.0' } }, 'deploy.metrics.hots: unknown field (did you mean host?)'],
    ['a triage field', { ...ok, triage: { url: 'http://x', model: 'm', keyenv: 'KEY' } }, 'deploy.triage.keyenv: unknown field (did you mean keyEnv?)'],
  ];
  for (const [what, deploy, message] of typos) {
    it(`refuses a typo in ${what}, naming it and the nearest known name`, () => {
      let got = '';
      try {
        checkDeploy(deploy);
      } catch (e) {
        got = (e as Error).message;
      }
      expect(got).toBe(message);
    });
  }
  for (const [what, deploy, message] of cases) {
    it(`refuses ${what}, naming the field`, () => expect(() => checkDeploy(deploy)).toThrow(message));
  }

  it('takes workers on NATS: a shared consumer, the nats sink on its server, a model registry and a trainer subject', () => {
    const nats = { kind: 'nats', url: 'nats://127.0.0.1:4222', stream: 'LOGS', subject: 'logs.>', durable: 'scorers', batch: 200, ackWait: '10s', format: 'text' };
    expect(() => checkDeploy({ source: nats, sinks: [{ kind: 'nats', subject: 'law.out' }], models: { bucket: 'law-models' }, retrain: { every: '1h', baseline: { lines: 100_000 }, subject: 'logs.sample' } })).not.toThrow();
  });

  it('is checked with the rest of the spec', () => {
    const spec = { version: 1, features: { unit: 'line' }, detectors: [{ id: 'if', type: 'isolation-forest' }], deploy: { ...ok, watchdog: { stall: 5 } } };
    expect(() => parseSpec(spec)).toThrow('deploy.watchdog.stall: expected a duration such as "5m", got 5');
  });
});

describe('deploy bounds', () => {
  it('refuses counts past what a server or the memory would take, naming the field and the limit', () => {
    const spec = (deploy: Record<string, unknown>) => ({ source: { kind: 'stdin' }, sinks: [{ kind: 'jsonl', path: '-' }], ...deploy });
    expect(() => checkDeploy({ source: { kind: 'loki', url: 'http://127.0.0.1:3100', query: '{job="x"}', every: '1m', limit: 1e6 }, sinks: [{ kind: 'jsonl', path: '-' }] })).toThrow('deploy.source.limit: 1000000 is above the limit 5000');
    expect(() => checkDeploy(spec({ retrain: { every: '1d', baseline: { lines: 1e9 } } }))).toThrow('deploy.retrain.baseline.lines: 1000000000 is above the limit 5000000');
  });
});

// The README's "Running in production" examples (experiments/watch/*.json),
// each started as a user starts it — `law watch SPEC` on the unfitted spec,
// which trains on the spec's sample at its first start — with its addresses
// pointed at this test's servers: a Loki API served locally (Loki cannot be
// installed here), a real Alertmanager where Debian's is installed, webhook
// receivers on loopback, files that grow. syslog-mariadb.json runs in
// watch-sql.test.ts against a real MariaDB and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { tempFolder } from './cli-helpers.ts';
import { sleep, startWatch, until as untilFor } from './watch-helpers.ts';

const start = (spec: string) => startWatch(spec, dir);
/** Training at the first start takes a while: 90 s by default here. */
const until = (what: string, ok: () => boolean | Promise<boolean>, ms = 90_000) => untilFor(what, ok, ms);
import { fakeLoki } from '../servers/fake-apis.ts';
import { ALERTMANAGER, startAlertmanager } from '../servers/alertmanager.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const examples = join(root, 'experiments/watch');
const { dir, write } = tempFolder();

/** An example with its training data found from anywhere and its deploy section changed by `edit`. */
function example(name: string, edit: (deploy: Record<string, any>) => void): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  const spec = JSON.parse(readFileSync(join(examples, `${name}.json`), 'utf8'));
  spec.source.path = join(examples, spec.source.path);
  if (spec.labels?.file) spec.labels.file = join(examples, spec.labels.file);
  spec.deploy.state = join(dir, name, 'state');
  edit(spec.deploy);
  mkdirSync(join(dir, name), { recursive: true });
  return write(`${name}.json`, spec);
}


async function receiver(): Promise<{ url: string; bodies: unknown[]; close: () => Promise<void> }> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      bodies.push(JSON.parse(b));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, bodies, close: () => new Promise((r) => server.close(() => r())) };
}

const port = (log: string) => Number(/"port":(\d+)/.exec(log)?.[1]);

describe('experiments/watch', () => {
  it('every example is run by a test', () => {
    expect(readdirSync(examples).filter((f) => f.endsWith('.json')).sort()).toEqual(['app-nats-workers.json', 'app-tail-retrain.json', 'netflow-loki.json', 'syslog-mariadb.json', 'waf-alerts.json']);
  });

  it('netflow-loki: flows pulled from Loki, summed per destination per 2 minutes, alerts to Slack and Alertmanager', async () => {
    const stream = JSON.parse(readFileSync(join(root, 'datasets/netflow/netflow-5k.loki.json'), 'utf8')).data.result[0];
    const loki = await fakeLoki(stream.stream, stream.values);
    const slack = await receiver();
    const am = existsSync(ALERTMANAGER) ? await startAlertmanager() : null;
    if (!am) console.log(`alertmanager part SKIPPED: ${ALERTMANAGER} is not installed (apt-get install prometheus-alertmanager); a local receiver takes its posts`);
    const amStandIn = am ? null : await receiver();
    try {
      const spec = example('netflow-loki', (d) => {
        Object.assign(d.source, { url: loki.url, every: '200ms', start: '2026-03-02T00:00:00Z' });
        d.sinks[0].url = `${slack.url}/slack`;
        d.sinks[1].url = am ? `${am.url}/api/v2/alerts` : `${amStandIn!.url}/api/v2/alerts`;
        d.metrics.port = 0;
      });
      const p = start(spec);
      await until('trained and running', () => p.log().includes('scoring with model version'));
      loki.release(5000);
      const lines = () => slack.bodies.flatMap((b) => (b as { text: string }).text.split('\n'));
      await until('alerts in Slack', () => lines().length > 0);
      const metrics = await (await fetch(`http://127.0.0.1:${port(p.log())}/metrics`)).text();
      expect(Number(/^law_units_flagged_total (\d+)/m.exec(metrics)![1])).toBeGreaterThan(0);
      for (const l of lines()) expect(l).toMatch(/^:rotating_light: \*netflow-loki\* anomaly loki \{job="netflow"\}:\d+( on \S+)?, score [\d.]+ ≥ 0\.6: `2026-03-02T.* dst_ip=\S+`$/);
      if (am) await until('alerts in Alertmanager', async () => ((await (await fetch(`${am.url}/api/v2/alerts`)).json()) as unknown[]).length > 0);
      process.kill(p.child.pid!, 'SIGTERM');
      expect(await p.exited).toBe(0);
      console.log(`netflow-loki: ${lines().length} window alerts to Slack`);
    } finally {
      await loki.close();
      await slack.close();
      await am?.stop();
      await amStandIn?.close();
    }
  }, 180_000);

  it('app-tail-retrain: a tailed application log, retrained on a rolling baseline, grouped alerts, LLM triage of the worst, a watchdog, the model kept', async () => {
    const hook = await receiver();
    // An OpenAI-compatible endpoint, served locally.
    const llm = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { content: 'Likely a real outage: check the upstream.' } }] })));
    });
    await new Promise<void>((r) => llm.listen(0, '127.0.0.1', () => r()));
    try {
      const log = join(dir, 'app-tail-retrain', 'app.log');
      const spec = example('app-tail-retrain', (d) => {
        d.source.path = log;
        d.sinks[0].path = join(dir, 'app-tail-retrain', 'scores.jsonl');
        d.sinks[1].url = `${hook.url}/alerts`;
        Object.assign(d.retrain, { every: 4000, baseline: { lines: 4000 } });
        d.alerts.window = '1m';
        d.watchdog.stall = '3s';
        d.metrics.port = 0;
        d.triage.url = `http://127.0.0.1:${(llm.address() as { port: number }).port}/v1`;
      });
      writeFileSync(log, '');
      const p = start(spec);
      await until('trained and running', () => p.log().includes('scoring with model version 1'));
      const sample = readFileSync(join(root, 'datasets/webapp/webapp-10k.log'), 'utf8').split('\n').filter(Boolean);
      for (let i = 0; i < 6000; i += 500) {
        appendFileSync(log, sample.slice(i, i + 500).join('\n') + '\n');
        await sleep(100);
      }
      await until('retrained', () => p.log().includes('model version 2 in use'));
      // Lines after the swap are scored by the new version.
      appendFileSync(log, sample.slice(6000, 6500).join('\n') + '\n');
      const scored = () => readFileSync(join(dir, 'app-tail-retrain', 'scores.jsonl'), 'utf8').split('\n').filter(Boolean).length;
      await until('the lines after the swap scored', () => scored() === 6500);
      await until('stalled', async () => (await fetch(`http://127.0.0.1:${port(p.log())}/healthz`)).status === 503, 20_000);
      const sent = () => hook.bodies.flatMap((b) => (b as { alerts: { kind: string; count: number; template: string }[] }).alerts);
      await until('the stall alert delivered', () => sent().some((a) => a.kind === 'stall'), 20_000);
      const alerts = sent();
      const grouped = alerts.filter((a) => a.kind === 'anomaly');
      expect(grouped.length).toBeGreaterThan(0);
      expect(grouped.some((a) => a.count > 1)).toBe(true);
      expect(alerts.filter((a) => (a as { triage?: string }).triage === 'Likely a real outage: check the upstream.')).toHaveLength(3);
      process.kill(p.child.pid!, 'SIGTERM');
      expect(await p.exited).toBe(0);
      const scores = readFileSync(join(dir, 'app-tail-retrain', 'scores.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      expect(scores).toHaveLength(6500);
      expect(new Set(scores.map((s) => s.model))).toEqual(new Set([1, 2]));
      expect(existsSync(join(dir, 'app-tail-retrain/state/models/v000002.json'))).toBe(true);
      console.log(`app-tail-retrain: 6500 lines, ${grouped.length} grouped alerts for ${grouped.reduce((s, a) => s + a.count, 0)} flagged lines, model 2 from line ${scores.findIndex((s) => s.model === 2) + 1}`);
    } finally {
      await hook.close();
      await new Promise((r) => llm.close(() => r(null)));
    }
  }, 180_000);

  it('waf-alerts: WAF JSON lines with known/unknown indicators, watched as they come, Slack alerts within a budget', async () => {
    const slack = await receiver();
    try {
      const file = join(dir, 'waf-alerts', 'waf.jsonl');
      const spec = example('waf-alerts', (d) => {
        d.source.path = file;
        d.sinks[0].url = `${slack.url}/slack`;
        d.sinks[1].path = join(dir, 'waf-alerts', 'flagged.jsonl');
        d.metrics.port = 0;
      });
      writeFileSync(file, '');
      const p = start(spec);
      await until('trained and running', () => p.log().includes('scoring with model version'));
      const docs = readFileSync(join(root, 'datasets/waf/waf-6k.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => {
        const { label: _label, ...doc } = JSON.parse(l);
        return JSON.stringify(doc);
      });
      appendFileSync(file, docs.join('\n') + '\n');
      const flagged = () => (existsSync(join(dir, 'waf-alerts/flagged.jsonl')) ? readFileSync(join(dir, 'waf-alerts/flagged.jsonl'), 'utf8').split('\n').filter(Boolean).length : 0);
      await until('flagged documents written', () => flagged() > 0);
      await until('alerts in Slack', () => slack.bodies.length > 0);
      await sleep(1000);
      process.kill(p.child.pid!, 'SIGTERM');
      expect(await p.exited).toBe(0);
      const lines = slack.bodies.flatMap((b) => (b as { text: string }).text.split('\n'));
      const anomalies = lines.filter((l) => l.startsWith(':rotating_light:'));
      // 30 alerts per hour at most; the sample spans about 10 minutes of one hour.
      expect(anomalies.length).toBeLessThanOrEqual(30);
      expect(anomalies.length).toBeGreaterThan(0);
      console.log(`waf-alerts: ${flagged()} flagged documents, ${anomalies.length} alerts sent (budget 30 per hour)`);
    } finally {
      await slack.close();
    }
  }, 180_000);
});

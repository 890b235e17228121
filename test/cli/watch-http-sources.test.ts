// law watch reading Grafana Loki and Elasticsearch. Neither server can be
// installed on this machine, so their documented HTTP APIs are served from
// a local server (test/servers/fake-apis.ts), with entries released over
// time as if just ingested. The real `law watch` process polls them.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { law, tempFolder } from './cli-helpers.ts';
import { sleep, startWatch, until } from './watch-helpers.ts';

const start = (spec: string) => startWatch(spec, dir);
import { fakeElasticsearch, fakeLoki } from '../servers/fake-apis.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { dir, write } = tempFolder();

interface Rec { source: string; line: number; time: string | null; score: number; anomaly: boolean; text: string; model: number }
const records = (path: string): Rec[] => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);



const fitted: Record<string, Record<string, unknown>> = {};
beforeAll(async () => {
  for (const name of ['netflow-per-destination', 'waf-categorical']) {
    const out = join(dir, `${name}.fitted.json`);
    expect((await law('fit', join(root, `experiments/${name}.json`), '--out', out)).code).toBe(0);
    fitted[name] = JSON.parse(readFileSync(out, 'utf8'));
  }
}, 60_000);

describe('law watch on Loki (query_range served locally, as documented)', () => {
  it('polls forward from the last entry seen, drops the repeats, and scores bytes per destination per window as the export is scored', async () => {
    const exportFile = join(root, 'datasets/netflow/netflow-5k.loki.json');
    const stream = JSON.parse(readFileSync(exportFile, 'utf8')).data.result[0];
    const loki = await fakeLoki(stream.stream, stream.values);
    try {
      const out = join(dir, 'loki-windows.jsonl');
      const spec = write('netflow-loki.json', {
        ...fitted['netflow-per-destination'],
        deploy: {
          source: { kind: 'loki', url: loki.url, query: '{job="netflow"}', every: '200ms', limit: 700, start: '2026-03-02T00:00:00Z' },
          sinks: [{ kind: 'jsonl', path: out, all: true }],
          state: join(dir, 'loki-state'),
        },
      });
      const p = start(spec);
      await until('the service started', () => p.log().includes('scoring with model version'));
      for (const n of [1000, 2500, 4000, 5000]) {
        loki.release(n);
        await sleep(800);
      }
      // Windows close a minute (the default lateness) behind the newest flow; wait for those to be written.
      const expected = (await law('score', '--config', spec, exportFile)).out.map((l) => JSON.parse(l) as Rec);
      const newest = Math.max(...stream.values.map(([t]: [string]) => Number(BigInt(t) / 1_000_000n)));
      const closed = expected.filter((w) => Date.parse(w.text.split(' – ')[1].split(' ')[0]) <= newest - 60_000);
      await until('the closed windows written', () => records(out).length >= closed.length);
      process.kill(p.child.pid!, 'SIGTERM');
      expect(await p.exited).toBe(0);
      const got = records(out);
      const byText = new Map(expected.map((w) => [w.text, w]));
      expect(new Set(got.map((w) => w.text)).size).toBe(got.length);
      expect(got).toHaveLength(closed.length);
      for (const w of got) {
        const want = byText.get(w.text)!;
        expect(w.score, w.text).toBe(want.score);
        expect(w.anomaly, w.text).toBe(want.anomaly);
      }
      console.log(`loki: ${loki.requests} polls, ${got.length} windows scored (${got.filter((w) => w.anomaly).length} flagged), the ${expected.length - closed.length} still open wait for the next lines`);
    } finally {
      await loki.close();
    }
  }, 120_000);
});

describe('law watch on Elasticsearch (_search with search_after served locally, as documented)', () => {
  it('pages through the index after the last hit, and scores the WAF documents with known/unknown indicators as the export is scored', async () => {
    const lines = readFileSync(join(root, 'datasets/waf/waf-6k.jsonl'), 'utf8').split('\n').filter(Boolean);
    const docs = lines.map((l, i) => {
      const { label: _label, ...source } = JSON.parse(l);
      return { _id: `w${String(i).padStart(5, '0')}`, _source: source };
    });
    const es = await fakeElasticsearch('waf-logs', docs);
    try {
      const out = join(dir, 'es-rows.jsonl');
      const spec = write('waf-es.json', {
        ...fitted['waf-categorical'],
        deploy: {
          source: { kind: 'elasticsearch', url: es.url, index: 'waf-logs', time: 'ts', every: '200ms', size: 500 },
          sinks: [{ kind: 'jsonl', path: out, all: true }],
          state: join(dir, 'es-state'),
        },
      });
      const p = start(spec);
      await until('the service started', () => p.log().includes('scoring with model version'));
      for (const n of [1500, 3000, 6000]) {
        es.release(n);
        await sleep(500);
      }
      await until('every document scored', () => records(out).length === docs.length);
      process.kill(p.child.pid!, 'SIGTERM');
      expect(await p.exited).toBe(0);
      const file = write('waf-docs.jsonl', docs.map((d) => JSON.stringify(d._source)).join('\n') + '\n');
      const expected = (await law('score', '--config', spec, file)).out.map((l) => JSON.parse(l) as Rec);
      const got = records(out);
      expect(got.map((r) => r.score)).toEqual(expected.map((r) => r.score));
      expect(got.map((r) => r.anomaly)).toEqual(expected.map((r) => r.anomaly));
      console.log(`elasticsearch: ${es.requests} searches, ${got.length} documents, ${got.filter((r) => r.anomaly).length} flagged`);
    } finally {
      await es.close();
    }
  }, 120_000);
});

describe('law watch when its source is down', () => {
  it('retries with backoff, says failing on /healthz meanwhile, and reads on when the source is back', async () => {
    const stream = JSON.parse(readFileSync(join(root, 'datasets/netflow/netflow-5k.loki.json'), 'utf8')).data.result[0];
    const loki = await fakeLoki(stream.stream, stream.values);
    loki.down = true;
    try {
      const out = join(dir, 'down.jsonl');
      const spec = write('netflow-down.json', {
        ...fitted['netflow-per-destination'],
        deploy: {
          source: { kind: 'loki', url: loki.url, query: '{job="netflow"}', every: '200ms', start: '2026-03-02T00:00:00Z' },
          sinks: [{ kind: 'jsonl', path: out, all: true }],
          state: join(dir, 'down-state'),
          metrics: { port: 0 },
        },
      });
      const p = start(spec);
      await until('status server', () => /"port":\d+/.test(p.log()));
      const health = async () => {
        const res = await fetch(`http://127.0.0.1:${/"port":(\d+)/.exec(p.log())![1]}/healthz`);
        return { status: res.status, body: JSON.parse(await res.text()) };
      };
      await until('failing', async () => (await health()).status === 503);
      expect((await health()).body).toMatchObject({ status: 'failing', reason: expect.stringContaining('HTTP 503') });
      loki.down = false;
      loki.release(5000);
      await until('healthy again', async () => (await health()).status === 200, 30_000);
      await until('windows scored', () => records(out).length > 0);
      process.kill(p.child.pid!, 'SIGTERM');
      expect(await p.exited).toBe(0);
      expect(p.log()).toContain('retrying in');
    } finally {
      await loki.close();
    }
  }, 60_000);
});

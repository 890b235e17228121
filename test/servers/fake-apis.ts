// Loki and Elasticsearch cannot be installed on this machine, so these tests
// serve their documented HTTP APIs from a local server instead: Loki's
// GET /loki/api/v1/query_range (start inclusive, end exclusive, limit,
// direction; a `streams` result) and Elasticsearch's POST /{index}/_search
// with `sort` and `search_after` (hits with `_source` and `sort`). Only
// what has been `release`d is visible, as if it had just been ingested.
import { createServer, type Server } from 'node:http';

export interface FakeApi {
  url: string;
  /** Makes the first `n` entries (in time order) visible. */
  release(n: number): void;
  /** Requests answered so far. */
  requests: number;
  /** While down, every request gets a 503 (an outage). */
  down: boolean;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** Loki over entries `[ns, line]` of one stream with `labels`. */
export async function fakeLoki(labels: Record<string, string>, entries: [string, string][]): Promise<FakeApi> {
  const sorted = [...entries].sort((a, b) => (BigInt(a[0]) < BigInt(b[0]) ? -1 : BigInt(a[0]) > BigInt(b[0]) ? 1 : 0));
  let visible = 0;
  const api = { requests: 0, down: false } as FakeApi;
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (api.down) return void res.writeHead(503).end('Service Unavailable');
    if (u.pathname !== '/loki/api/v1/query_range') return void res.writeHead(404).end('404 page not found');
    const query = u.searchParams.get('query');
    if (!query) return void res.writeHead(400).end('parse error : query is required');
    api.requests++;
    const start = BigInt(u.searchParams.get('start') ?? '0');
    const end = BigInt(u.searchParams.get('end') ?? String(BigInt(Date.now()) * 1_000_000n));
    const limit = Number(u.searchParams.get('limit') ?? 100);
    const forward = u.searchParams.get('direction') === 'forward';
    let values = sorted.slice(0, visible).filter(([t]) => BigInt(t) >= start && BigInt(t) < end);
    if (!forward) values = values.reverse();
    values = values.slice(0, limit);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      status: 'success',
      data: { resultType: 'streams', result: values.length ? [{ stream: labels, values }] : [], stats: {} },
    }));
  });
  api.url = await listen(server);
  api.release = (n) => (visible = Math.min(n, sorted.length));
  api.close = () => new Promise((r) => server.close(() => r()));
  return api;
}

/** Elasticsearch over documents of one index, each with an `_id`, sorted by the time field asked for. */
export async function fakeElasticsearch(index: string, docs: { _id: string; _source: Record<string, unknown> }[]): Promise<FakeApi> {
  let visible = 0;
  const api = { requests: 0, down: false } as FakeApi;
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== `/${index}/_search`) return void res.writeHead(404).end(JSON.stringify({ error: 'no such index' }));
      api.requests++;
      const body = JSON.parse(text || '{}') as { size?: number; sort?: Record<string, string>[]; search_after?: unknown[] };
      const field = Object.keys(body.sort?.[0] ?? { '@timestamp': 'asc' })[0];
      const keyOf = (d: (typeof docs)[number]): [number, string] => [Date.parse(String(d._source[field])), d._id];
      const cmp = (a: [number, string], b: [number, string]) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
      let hits = docs.slice(0, visible).map((d) => ({ d, sort: keyOf(d) })).sort((a, b) => cmp(a.sort, b.sort));
      const after = body.search_after as [number, string] | undefined;
      if (after) hits = hits.filter((h) => cmp(h.sort, after) > 0);
      hits = hits.slice(0, body.size ?? 10);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        took: 1, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
        hits: { total: { value: hits.length, relation: 'eq' }, max_score: null, hits: hits.map((h) => ({ _index: index, _id: h.d._id, _score: null, _source: h.d._source, sort: h.sort })) },
      }));
    });
  });
  api.url = await listen(server);
  api.release = (n) => (visible = Math.min(n, docs.length));
  api.close = () => new Promise((r) => server.close(() => r()));
  return api;
}
